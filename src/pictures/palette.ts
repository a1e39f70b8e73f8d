/**
 * The pictures' colours: the Okabe-Ito palette, which readers with any common colour-vision
 * deficiency still tell apart, and every mark also differs in shape. Pictures are drawn on an
 * opaque light ground, so they read the same in a dark-mode client as in a light one.
 * https://jfly.uni-koeln.de/color/
 */
export const palette = {
  background: '#FFFFFF',
  ink: '#1A1A1A',
  muted: '#5C5C5C',
  grid: '#E4E4E4',
  /** Signed, and the span an agreement lasted. */
  signed: '#0072B2',
  /** The span of an agreement with no recorded end. */
  open: '#9CCBE8',
  /** Broken. */
  broken: '#E69F00',
  /** Ended. */
  ended: '#D55E00',
  /** The units both constitutions claim. */
  claimed: '#E69F00',
  ukraine: '#FFFFFF',
  border: '#2B2B2B',
  oblastBorder: '#9A9A9A',
  neighbour: '#ECEAE4',
  neighbourBorder: '#A8A8A8',
  sea: '#CFE2F3',
} as const;
