// Chart colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design"),
// distinguishable with the common colour-vision deficiencies. Yellow is left
// out (too little contrast on white). Series beyond the palette repeat it with
// a dash pattern, so colour is never the only cue.
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

// Dash pattern for series `index` (solid for the first round of colours).
export function seriesDash(index: number): string | null {
  const round = Math.floor(index / SERIES_COLOURS.length);
  return round === 0 ? null : ['6 3', '2 3', '8 3 2 3'][(round - 1) % 3]!;
}

// The part of a bar that was lost (drop-off): the series colour, hatched.
export const DROP_OFF_PATTERN_ID = 'cairn-drop-off-hatch';
