/** Text made safe for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The font family every picture uses: the shipped DejaVu Sans, Latin and Cyrillic alike. */
export const fontFamily = 'DejaVu Sans';

/**
 * About how wide a line of DejaVu Sans is, for layout before anything is drawn: its glyphs average
 * a little over half the font size, so this errs on the wide side and labels never collide.
 */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/** Shortens text to about `width` pixels at `fontSize`, with an ellipsis when it had to. */
export function fitText(text: string, width: number, fontSize: number): string {
  const max = Math.floor(width / (fontSize * 0.6));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** A text element; `attrs` are trusted attribute text, `text` is escaped. */
export function svgText(x: number, y: number, text: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(text)}</text>`;
}
