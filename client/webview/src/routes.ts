// Edge routes on the grid of grid.ts, drawn only where there is no box. An
// edge leaves its source across the end border (right, or bottom), runs in
// the line gap after the source, and enters its target across the start
// border (left, or top) from the line gap before the target. When those are
// two different gaps it gets there along a track gap, which runs through the
// whole drawing. Every edge has its own port on each border, spread along it
// in the order of the other ends, and its own lane in each gap, so edges that
// meet a box with many others do not pile onto one point.
import type { Grid, Gap } from './grid';
import type { EdgeKind } from '../../../protocol/src';

export interface Point {
  x: number;
  y: number;
}

/** A box in grid terms: its centre and size along the main and cross axes. */
export interface GridBox {
  main: number;
  cross: number;
  mainSize: number;
  crossSize: number;
}

export interface EdgeIn {
  from: number;
  to: number;
  kind: EdgeKind;
}

/** Room kept free at a gap's sides: after a source's border, and before a target's for the arrowhead. */
const EXIT_ROOM = 5;
const ARROW_ROOM = 11;
const CHANNEL_ROOM = 4;
/** Ports stay this far from a border's corners. */
const PORT_INSET = 5;

interface Route {
  edge: EdgeIn;
  exitGap: number;
  entryGap: number;
  /** The track gap it runs along, when the two line gaps differ. */
  channel?: number;
  exitPort: number;
  entryPort: number;
  exitLane: number;
  entryLane: number;
  channelLane: number;
}

/** Spreads `n` positions evenly over [lo, hi] (the middle when there is one). */
function spread(lo: number, hi: number, n: number): number[] {
  if (hi <= lo) return Array.from({ length: n }, () => (lo + hi) / 2);
  return Array.from({ length: n }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / n);
}

function byKey<T>(items: T[], key: (t: T) => number[]): T[] {
  return items
    .map((t, i) => ({ t, k: key(t), i }))
    .sort((a, b) => {
      for (let j = 0; j < a.k.length; j++) if (a.k[j] !== b.k[j]) return a.k[j] - b.k[j];
      return a.i - b.i;
    })
    .map((x) => x.t);
}

export function routeEdges(grid: Grid, boxes: GridBox[], edges: EdgeIn[]): Point[][] {
  const routes: Route[] = [];
  // How many edges each track gap carries so far: an edge that may take either side of its track takes the emptier.
  const load = new Array<number>(grid.trackGaps.length).fill(0);
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    const a = grid.cells[edge.from];
    const b = grid.cells[edge.to];
    const r: Route = { edge, exitGap: a.line + 1, entryGap: b.line, exitPort: 0, entryPort: 0, exitLane: 0, entryLane: 0, channelLane: 0 };
    if (r.exitGap !== r.entryGap) {
      const channel = b.track > a.track ? a.track + 1 : b.track < a.track ? a.track : load[a.track] <= load[a.track + 1] ? a.track : a.track + 1;
      r.channel = channel;
      load[channel]++;
    }
    routes.push(r);
  }

  // Ports along each border, ordered by where the edge heads (or comes from) across the axis.
  const channelCross = (r: Route): number => {
    const g = grid.trackGaps[r.channel!];
    return (g.lo + g.hi) / 2;
  };
  const towards = (r: Route, end: 'from' | 'to'): number => (r.channel !== undefined ? channelCross(r) : boxes[r.edge[end]].cross);
  const exits = new Map<number, Route[]>();
  const entries = new Map<number, Route[]>();
  for (const r of routes) {
    (exits.get(r.edge.from) ?? exits.set(r.edge.from, []).get(r.edge.from)!).push(r);
    (entries.get(r.edge.to) ?? entries.set(r.edge.to, []).get(r.edge.to)!).push(r);
  }
  const ports = (box: GridBox, list: Route[], other: 'from' | 'to', set: (r: Route, p: number) => void) => {
    const inset = Math.min(PORT_INSET, box.crossSize / 4);
    const ordered = byKey(list, (r) => [towards(r, other), boxes[r.edge[other]].main]);
    const at = spread(box.cross - box.crossSize / 2 + inset, box.cross + box.crossSize / 2 - inset, ordered.length);
    ordered.forEach((r, i) => set(r, at[i]));
  };
  for (const [i, list] of exits) ports(boxes[i], list, 'to', (r, p) => (r.exitPort = p));
  for (const [i, list] of entries) ports(boxes[i], list, 'from', (r, p) => (r.entryPort = p));

  // Lanes in the line gaps: each edge's run across the axis at its own depth, ordered by where the run starts.
  const lineUses = new Map<number, { r: Route; side: 'exit' | 'entry'; lo: number; hi: number }[]>();
  const use = (gap: number, u: { r: Route; side: 'exit' | 'entry'; lo: number; hi: number }) => (lineUses.get(gap) ?? lineUses.set(gap, []).get(gap)!).push(u);
  for (const r of routes) {
    if (r.channel === undefined) use(r.exitGap, { r, side: 'exit', lo: Math.min(r.exitPort, r.entryPort), hi: Math.max(r.exitPort, r.entryPort) });
    else {
      const c = channelCross(r);
      use(r.exitGap, { r, side: 'exit', lo: Math.min(r.exitPort, c), hi: Math.max(r.exitPort, c) });
      use(r.entryGap, { r, side: 'entry', lo: Math.min(r.entryPort, c), hi: Math.max(r.entryPort, c) });
    }
  }
  for (const [gap, uses] of lineUses) {
    const g = usable(grid.lineGaps[gap], EXIT_ROOM, ARROW_ROOM);
    const ordered = byKey(uses, (u) => [u.lo, u.hi]);
    const at = spread(g.lo, g.hi, ordered.length);
    ordered.forEach((u, i) => {
      if (u.side === 'exit') u.r.exitLane = at[i];
      if (u.side === 'entry' || u.r.channel === undefined) u.r.entryLane = at[i];
    });
  }
  // Lanes in the track gaps, ordered by where the run along the axis starts.
  const channelUses = new Map<number, Route[]>();
  for (const r of routes) if (r.channel !== undefined) (channelUses.get(r.channel) ?? channelUses.set(r.channel, []).get(r.channel)!).push(r);
  for (const [channel, list] of channelUses) {
    const g = usable(grid.trackGaps[channel], CHANNEL_ROOM, CHANNEL_ROOM);
    const ordered = byKey(list, (r) => [Math.min(r.exitLane, r.entryLane), Math.max(r.exitLane, r.entryLane)]);
    const at = spread(g.lo, g.hi, ordered.length);
    ordered.forEach((r, i) => (r.channelLane = at[i]));
  }

  const toPoint = grid.direction === 'LR' ? (m: number, c: number): Point => ({ x: m, y: c }) : (m: number, c: number): Point => ({ x: c, y: m });
  const out = new Map<EdgeIn, Point[]>();
  for (const r of routes) {
    const a = boxes[r.edge.from];
    const b = boxes[r.edge.to];
    const start = a.main + a.mainSize / 2;
    const end = b.main - b.mainSize / 2;
    const path: [number, number][] = [[start, r.exitPort], [r.exitLane, r.exitPort]];
    if (r.channel !== undefined) path.push([r.exitLane, r.channelLane], [r.entryLane, r.channelLane]);
    path.push([r.entryLane, r.entryPort], [end, r.entryPort]);
    out.set(r.edge, dedupe(path.map(([m, c]) => toPoint(m, c))));
  }
  return edges.map((e) => out.get(e) ?? [toPoint(boxes[e.from].main, boxes[e.from].cross)]);
}

function usable(g: Gap, before: number, after: number): Gap {
  return g.hi - g.lo > before + after ? { lo: g.lo + before, hi: g.hi - after } : { lo: (g.lo + g.hi) / 2, hi: (g.lo + g.hi) / 2 };
}

function dedupe(points: Point[]): Point[] {
  return points.filter((p, i) => i === 0 || Math.abs(p.x - points[i - 1].x) > 0.01 || Math.abs(p.y - points[i - 1].y) > 0.01);
}
