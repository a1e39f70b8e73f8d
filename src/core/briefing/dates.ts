const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1994-12-05" → "5 December 1994"; "1994-12" → "December 1994"; "1994" → "1994". */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  const monthName = month ? months[Number(month) - 1] : undefined;
  if (!monthName) return year ?? iso;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}
