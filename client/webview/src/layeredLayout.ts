// A linear-time layered layout for graphs too big for dagre to lay out without
// freezing the page (dagre takes seconds on 500 jobs). Left to right: one
// column per wave (the server's `wave`, or the longest path from the jobs that
// wait for nothing when a job has none); rows within a column ordered by the
// barycentre of the rows of the jobs each one waits for (one sweep forwards,
// one backwards); fixed spacing; edges as straight polylines with one bend.
// Same shape of result as dagre's layout, so render.ts draws either.
import type { PageGraph } from './protocol';
import type { Layout, PlacedEdge, PlacedNode, Point } from './layout';

export interface LayeredOptions {
  /** Vertical gap between two nodes of a column. */
  nodesep: number;
  /** Horizontal gap between two columns. */
  ranksep: number;
  marginx: number;
  marginy: number;
}

const DEFAULTS: LayeredOptions = { nodesep: 14, ranksep: 70, marginx: 20, marginy: 40 };

interface Item {
  id: string;
  index: number;
  wave: number | undefined;
  width: number;
  height: number;
  column: number;
  /** Position within its column while ordering. */
  row: number;
  preds: number[];
  succs: number[];
}

/**
 * Columns: a node's wave when it has one; otherwise one more than the highest
 * column of what it waits for (Kahn's order, so O(nodes + edges)). Nodes
 * without a wave that no order reaches (on or behind a cycle) go in a last
 * column. Sets each item's column, compacted to 0..k.
 */
function assignColumns(items: Item[]): void {
  const layer = new Array<number>(items.length).fill(-Infinity);
  const done = new Array<boolean>(items.length).fill(false);
  const indegree = new Array<number>(items.length).fill(0);
  let base = Infinity;
  for (const it of items) if (it.wave !== undefined) base = Math.min(base, it.wave);
  if (!Number.isFinite(base)) base = 0;

  const queue: number[] = [];
  for (const it of items) {
    const wave = it.wave;
    indegree[it.index] = it.preds.length;
    if (wave !== undefined) layer[it.index] = wave;
    if (wave !== undefined || it.preds.length === 0) {
      if (wave === undefined) layer[it.index] = base;
      done[it.index] = true;
      queue.push(it.index);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    for (const s of items[i].succs) {
      if (done[s]) continue;
      layer[s] = Math.max(layer[s], layer[i] + 1);
      if (--indegree[s] === 0) {
        done[s] = true;
        queue.push(s);
      }
    }
  }

  // Compact the layer values to columns 0..k-1; the unplaced go after them.
  const values = [...new Set(items.filter((it) => done[it.index]).map((it) => layer[it.index]))].sort((a, b) => a - b);
  const columnOf = new Map<number, number>();
  values.forEach((v, c) => columnOf.set(v, c));
  for (const it of items) it.column = done[it.index] ? (columnOf.get(layer[it.index]) ?? 0) : values.length;
}

/** Reorders each column by the mean row of its neighbours in the given direction (stable for ties and loners). */
function sweep(columns: Item[][], items: Item[], forward: boolean): void {
  const order = forward ? columns.map((_, c) => c) : columns.map((_, c) => columns.length - 1 - c);
  for (const c of order.slice(1)) {
    const col = columns[c];
    const keys = new Map<Item, number>();
    for (const it of col) {
      let sum = 0;
      let count = 0;
      for (const j of forward ? it.preds : it.succs) {
        const other = items[j];
        if (forward ? other.column < c : other.column > c) {
          sum += other.row;
          count++;
        }
      }
      // Nodes without neighbours on that side keep their place.
      keys.set(it, count ? sum / count : it.row);
    }
    col.sort((a, b) => keys.get(a)! - keys.get(b)! || a.row - b.row);
    col.forEach((it, r) => (it.row = r));
  }
}

export function layeredLayout(graph: PageGraph, size: (index: number) => { width: number; height: number }, options: Partial<LayeredOptions> = {}): Layout {
  const opt = { ...DEFAULTS, ...options };
  const byId = new Map<string, Item>();
  const items: Item[] = [];
  graph.nodes.forEach((n, index) => {
    if (byId.has(n.id)) return;
    const { width, height } = size(index);
    const it: Item = { id: n.id, index: items.length, wave: n.wave, width, height, column: 0, row: 0, preds: [], succs: [] };
    byId.set(n.id, it);
    items.push(it);
  });
  for (const e of graph.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to || from === to) continue;
    from.succs.push(to.index);
    to.preds.push(from.index);
  }
  assignColumns(items);

  const columnCount = items.reduce((m, it) => Math.max(m, it.column + 1), 0);
  const columns: Item[][] = Array.from({ length: columnCount }, () => []);
  for (const it of items) {
    it.row = columns[it.column].length;
    columns[it.column].push(it);
  }
  sweep(columns, items, true);
  sweep(columns, items, false);

  // Coordinates: columns as wide as their widest node, rows at a fixed pitch,
  // each column centred on the tallest.
  const heights = columns.map((col) => col.reduce((h, it) => h + it.height, 0) + Math.max(0, col.length - 1) * opt.nodesep);
  const tallest = heights.reduce((a, b) => Math.max(a, b), 0);
  const nodes = new Map<string, PlacedNode>();
  let left = opt.marginx;
  columns.forEach((col, c) => {
    const colWidth = col.reduce((w, it) => Math.max(w, it.width), 0);
    let top = opt.marginy + (tallest - heights[c]) / 2;
    for (const it of col) {
      nodes.set(it.id, { id: it.id, x: left + colWidth / 2, y: top + it.height / 2, width: it.width, height: it.height });
      top += it.height + opt.nodesep;
    }
    left += colWidth + opt.ranksep;
  });
  const width = columnCount ? left - opt.ranksep + opt.marginx : 2 * opt.marginx;
  const height = tallest + 2 * opt.marginy;

  const edges: PlacedEdge[] = [];
  for (const e of graph.edges) {
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    if (!from || !to) continue;
    edges.push({ from: e.from, to: e.to, kind: e.kind, points: route(from, to, opt.ranksep) });
  }
  return { nodes, edges, width, height };
}

/** Source right-middle, one bend half a column gap before the target, target left-middle. */
function route(from: PlacedNode, to: PlacedNode, ranksep: number): Point[] {
  if (from === to) return [{ x: from.x, y: from.y }, { x: to.x, y: to.y }];
  const start = { x: from.x + from.width / 2, y: from.y };
  const end = { x: to.x - to.width / 2, y: to.y };
  const bend = { x: end.x >= start.x ? Math.max(start.x, end.x - ranksep / 2) : (start.x + end.x) / 2, y: end.x >= start.x ? end.y : (start.y + end.y) / 2 };
  return [start, bend, end];
}
