import { scaleUtc } from 'd3-scale';
import type { BriefingPicture } from '../core/index.ts';
import { palette } from './palette.ts';
import { escapeXml, fitText, fontFamily, svgText, textWidth } from './svg.ts';

type TimelinePicture = Extract<BriefingPicture, { kind: 'timeline' }>;

/** The chart's logical size; it is rasterised at twice this for high-density screens. */
const timelineSize = { width: 1200, height: 600 } as const;

const layout = {
  labelX: 20,
  plotLeft: 330,
  plotRight: 1170,
  tierTop: 102,
  tierHeight: 14,
  tiers: 6,
  rowsBottom: 528,
  axisY: 540,
  sourceY: 586,
  label: 13,
  small: 12,
} as const;

/** An ISO date of any precision (1994, 1994-12, 1994-12-05) as the UTC instant it starts. */
function parseIsoDate(date: string): Date {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/**
 * Places each event's label beside its line, after it or (near the right edge) before it, in the
 * first tier where it overlaps no label placed before it.
 */
function placeLabels(
  events: readonly { x: number; text: string }[],
  tiers: number,
): { x: number; text: string; tier: number; anchor: 'start' | 'end' }[] {
  const taken: [number, number][][] = Array.from({ length: tiers }, () => []);
  return events.map((event) => {
    const width = textWidth(event.text, layout.small) + 6;
    const anchor = event.x + width > layout.plotRight + 20 ? 'end' : 'start';
    const span: [number, number] =
      anchor === 'start' ? [event.x, event.x + width] : [event.x - width, event.x];
    const free = (tier: [number, number][]) =>
      tier.every(([left, right]) => span[1] + 4 <= left || span[0] >= right + 4);
    let tier = taken.findIndex(free);
    if (tier === -1) tier = tiers - 1;
    taken[tier]?.push(span);
    return { ...event, tier, anchor };
  });
}

function diamond(x: number, y: number, r: number, fill: string): string {
  return `<path d="M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z" fill="${fill}" stroke="${palette.ink}" stroke-width="1"/>`;
}

function cross(x: number, y: number, r: number, colour: string): string {
  return `<path d="M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}" stroke="${colour}" stroke-width="3" stroke-linecap="round"/>`;
}

function circle(x: number, y: number, r: number, fill: string): string {
  return `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}" stroke="${palette.background}" stroke-width="1.5"/>`;
}

function legend(right: number, y: number): string {
  const items: [string, (x: number) => string][] = [
    ['Signed', (x) => circle(x, y - 4, 5, palette.signed)],
    ['Broken', (x) => diamond(x, y - 4, 6, palette.broken)],
    ['Ended', (x) => cross(x, y - 4, 5, palette.ended)],
    [
      'No end recorded',
      (x) =>
        `<rect x="${x - 9}" y="${y - 8}" width="18" height="8" rx="2" fill="${palette.open}"/>`,
    ],
  ];
  const parts: string[] = [];
  let x = right;
  for (const [text, mark] of [...items].reverse()) {
    x -= textWidth(text, layout.small);
    parts.push(svgText(x, y, text, `font-size="${layout.small}" fill="${palette.ink}"`));
    x -= 16;
    parts.push(mark(x));
    x -= 24;
  }
  return parts.join('');
}

/** The timeline chart as SVG: one row per agreement, key events as marked verticals. */
export function timelineSvg(picture: TimelinePicture): string {
  const { width, height } = timelineSize;
  const from = parseIsoDate(picture.from);
  const to = parseIsoDate(picture.to);
  const x = scaleUtc().domain([from, to]).range([layout.plotLeft, layout.plotRight]).clamp(true);
  const rows = [...picture.agreements].sort((a, b) => a.signed.localeCompare(b.signed));
  const rowsTop = layout.tierTop + layout.tiers * layout.tierHeight + 10;
  const rowHeight = Math.min(26, (layout.rowsBottom - rowsTop) / Math.max(1, rows.length));
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="${palette.background}"/>`,
    svgText(
      layout.labelX,
      44,
      picture.title,
      `font-size="24" font-weight="bold" fill="${palette.ink}"`,
    ),
    svgText(
      layout.labelX,
      70,
      `${rows.length} agreements and ${picture.events.length} key events, ${from.getUTCFullYear()} to ${to.getUTCFullYear()}`,
      `font-size="14" fill="${palette.muted}"`,
    ),
    legend(layout.plotRight, 70),
  ];

  // Year grid and axis.
  for (const tick of x.ticks(12)) {
    const tx = x(tick);
    parts.push(
      `<line x1="${tx}" y1="${rowsTop - 6}" x2="${tx}" y2="${layout.axisY}" stroke="${palette.grid}" stroke-width="1"/>`,
      svgText(
        tx,
        layout.axisY + 18,
        String(tick.getUTCFullYear()),
        `font-size="${layout.small}" fill="${palette.muted}" text-anchor="middle"`,
      ),
    );
  }
  parts.push(
    `<line x1="${layout.plotLeft}" y1="${layout.axisY}" x2="${layout.plotRight}" y2="${layout.axisY}" stroke="${palette.muted}" stroke-width="1"/>`,
  );

  // Key events: a dashed vertical each, labels in tiers above the rows.
  const placed = placeLabels(
    [...picture.events]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((event) => ({
        x: x(parseIsoDate(event.date)),
        text: `${event.label} ${parseIsoDate(event.date).getUTCFullYear()}`,
      })),
    layout.tiers,
  );
  for (const event of placed) {
    const labelY = layout.tierTop + event.tier * layout.tierHeight;
    parts.push(
      `<line x1="${event.x}" y1="${labelY + 3}" x2="${event.x}" y2="${layout.axisY}" stroke="${palette.muted}" stroke-width="1" stroke-dasharray="3 3"/>`,
      svgText(
        event.anchor === 'start' ? event.x + 3 : event.x - 3,
        labelY,
        event.text,
        `font-size="${layout.small}" fill="${palette.ink}" text-anchor="${event.anchor}" stroke="${palette.background}" stroke-width="3" paint-order="stroke"`,
      ),
    );
  }

  // One row per agreement.
  rows.forEach((agreement, i) => {
    const y = rowsTop + rowHeight * (i + 0.5);
    const start = x(parseIsoDate(agreement.signed));
    const end = agreement.ended ? x(parseIsoDate(agreement.ended)) : layout.plotRight;
    parts.push(
      svgText(
        layout.labelX,
        y + 4.5,
        fitText(agreement.label, layout.plotLeft - layout.labelX - 14, layout.label),
        `font-size="${layout.label}" fill="${palette.ink}"`,
      ),
      `<rect x="${start}" y="${y - 4}" width="${Math.max(2, end - start)}" height="8" rx="2" fill="${agreement.ended ? palette.signed : palette.open}"/>`,
      circle(start, y, 6, palette.signed),
    );
    if (agreement.broken)
      parts.push(diamond(x(parseIsoDate(agreement.broken)), y, 7, palette.broken));
    if (agreement.ended) parts.push(cross(end, y, 5, palette.ended));
  });

  parts.push(
    svgText(
      layout.labelX,
      layout.sourceY,
      picture.source,
      `font-size="${layout.small}" fill="${palette.muted}"`,
    ),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(fontFamily)}" role="img" aria-label="${escapeXml(picture.alt)}">${parts.join('')}</svg>`;
}
