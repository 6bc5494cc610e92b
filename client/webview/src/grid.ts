// The job graph on a grid that fits the panel. Waves (bands) follow one
// another along the main axis: left to right when the panel is wide enough,
// top down when it is narrow. A wave with more jobs than fit across the panel
// wraps into several lines (columns left to right, rows top down) instead of
// being shrunk. Tracks (rows left to right, columns top down) are shared by
// every band, so the gaps between tracks run through the whole drawing and
// the gaps between lines cross it: routes.ts draws every edge in those gaps,
// where there is no box.
import type { Band } from './bands';
import { MIN_ZOOM } from './viewport';

export type Direction = 'LR' | 'TD';

/** A free strip of the drawing along one axis: [lo, hi]. */
export interface Gap {
  lo: number;
  hi: number;
}

export interface Grid {
  direction: Direction;
  /** Per line: where it starts along the main axis, and its size. */
  lineStart: number[];
  lineSize: number[];
  /** Gap k is before line k; the last one is after the last line. Where edges run across the main axis. */
  lineGaps: Gap[];
  /** Per track: where it starts along the cross axis, and its size. */
  trackStart: number[];
  trackSize: number[];
  /** Gap k is before track k; the last one is after the last track. Where edges run along the main axis. */
  trackGaps: Gap[];
  /** Per node index: its line and track. */
  cells: { line: number; track: number }[];
  /** Per band: its first and last line. */
  bandLines: [number, number][];
  /** Per band: where its label's baseline goes along the main axis (top down), or the label's centre (left to right). */
  bandLabels: number[];
  mainExtent: number;
  crossExtent: number;
}

/** A node's size along the two axes of a direction. */
export interface Size {
  width: number;
  height: number;
}

export const MARGIN = 16;
/** Room for a band's "wave N" label: above the drawing (left to right) or before the band (top down). */
export const LABEL_STRIP = 20;

const SPACING = {
  LR: { trackGap: 22, lineGap: 40, bandGap: 48 },
  TD: { trackGap: 36, lineGap: 34, bandGap: 34 },
};

const mainSize = (d: Direction, s: Size): number => (d === 'LR' ? s.width : s.height);
const crossSize = (d: Direction, s: Size): number => (d === 'LR' ? s.height : s.width);

/** How many tracks fit across `room` pixels, given the size of one. */
function tracksThatFit(d: Direction, room: number, track: number): number {
  const gap = SPACING[d].trackGap;
  const margins = 2 * MARGIN + (d === 'LR' ? LABEL_STRIP : 0);
  return Math.floor((room - margins - gap) / (track + gap));
}

/** The grid for one direction, with as many tracks as fit across `room` (at least one). */
export function buildGrid(d: Direction, bands: Band[], sizes: Size[], room: number): Grid {
  const sp = SPACING[d];
  const widest = sizes.reduce((m, s) => Math.max(m, crossSize(d, s)), 0);
  const biggest = bands.reduce((m, b) => Math.max(m, b.items.length), 1);
  const tracks = Math.max(1, Math.min(biggest, tracksThatFit(d, room, widest)));

  const cells: Grid['cells'] = sizes.map(() => ({ line: 0, track: 0 }));
  const lineSize: number[] = [];
  const bandLines: [number, number][] = [];
  for (const band of bands) {
    const lines = Math.max(1, Math.ceil(band.items.length / tracks));
    // As many jobs on each line as on the others (11 and 10, not 15 and 6), centred across the tracks.
    const perLine = Math.ceil(band.items.length / lines);
    const offset = Math.floor((tracks - perLine) / 2);
    const first = lineSize.length;
    for (let l = 0; l < lines; l++) lineSize.push(0);
    band.items.forEach((i, r) => {
      const line = first + Math.floor(r / perLine);
      cells[i] = { line, track: offset + (r % perLine) };
      lineSize[line] = Math.max(lineSize[line], mainSize(d, sizes[i]));
    });
    bandLines.push([first, first + lines - 1]);
  }

  // Along the main axis: a band gap before each band's first line, a line gap between its lines, one more gap at the end.
  const firstLines = new Set(bandLines.map(([f]) => f));
  const lineStart: number[] = [];
  const lineGaps: Gap[] = [];
  const labelAt = new Map<number, number>();
  let m = MARGIN;
  for (let l = 0; l <= lineSize.length; l++) {
    // Top down, a band's label goes in a strip of its own before the gap's lanes.
    const strip = d === 'TD' && firstLines.has(l) && l < lineSize.length ? LABEL_STRIP : 0;
    if (strip) labelAt.set(l, m + 14);
    m += strip;
    const size = l < lineSize.length && firstLines.has(l) ? sp.bandGap : sp.lineGap;
    lineGaps.push({ lo: m, hi: m + size });
    m += size;
    if (l < lineSize.length) {
      lineStart.push(m);
      m += lineSize[l];
    }
  }
  const mainExtent = m + MARGIN;
  const bandLabels = bandLines.map(([f, l]) => labelAt.get(f) ?? (lineStart[f] + lineStart[l] + lineSize[l]) / 2);

  const trackSize = Array.from({ length: tracks }, () => (d === 'LR' ? sizes.reduce((h, s) => Math.max(h, s.height), 0) : widest));
  const trackStart: number[] = [];
  const trackGaps: Gap[] = [];
  let c = MARGIN + (d === 'LR' ? LABEL_STRIP : 0);
  for (let t = 0; t <= tracks; t++) {
    trackGaps.push({ lo: c, hi: c + sp.trackGap });
    c += sp.trackGap;
    if (t < tracks) {
      trackStart.push(c);
      c += trackSize[t];
    }
  }
  return { direction: d, lineStart, lineSize, lineGaps, trackStart, trackSize, trackGaps, cells, bandLines, bandLabels, mainExtent, crossExtent: c + MARGIN };
}

/** Below this width a panel that fits neither way scrolls top down, as a narrow page does. */
const NARROW = 600;

/**
 * Left to right when that fits the panel's width; else top down when that
 * fits its height; else top down in a narrow or tall panel, left to right in
 * a wide one.
 */
export function chooseGrid(bands: Band[], sizes: Size[], space: Size): Grid {
  // Fits: at the smallest readable zoom, with Fit's margin.
  const fits = (extent: number, room: number) => extent * MIN_ZOOM <= room * 0.95;
  const lr = buildGrid('LR', bands, sizes, space.height);
  if (fits(lr.mainExtent, space.width)) return lr;
  const td = buildGrid('TD', bands, sizes, space.width);
  if (fits(td.mainExtent, space.height)) return td;
  return space.width < NARROW || space.width < space.height ? td : lr;
}
