// Positions for the graph's nodes and edge routes, for the room the panel
// has: the bands of bands.ts on the grid of grid.ts, the edges routed by
// routes.ts through the gaps between boxes. Linear in nodes and edges (bar a
// sort per gap), so 500 jobs lay out in milliseconds. Sizes are estimated
// from the label length, so layout needs no DOM measurement (no reflow per
// node).
import { assignBands } from './bands';
import { chooseGrid, MARGIN, type Direction, type Size } from './grid';
import { routeEdges, type GridBox, type Point } from './routes';
import type { EdgeKind } from '../../../protocol/src';
import type { PageGraph } from './protocol';

export type { Direction, Point };

export interface PlacedNode {
  id: string;
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PlacedEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  points: Point[];
}
export interface PlacedBand {
  /** Wave number (dependencies) or level (inheritance), from 1. */
  index: number;
  jobs: string[];
  /** Where its label goes, and which end of the text is there. */
  label: Point & { anchor: 'start' | 'middle' };
}
export interface Layout {
  direction: Direction;
  /** What is drawn (boxes, edges, wave labels), within the width and height: Fit fits this. */
  bounds: { x: number; y: number; width: number; height: number };
  nodes: Map<string, PlacedNode>;
  edges: PlacedEdge[];
  bands: PlacedBand[];
  width: number;
  height: number;
}

export const NODE_HEIGHT = 34;
const CHAR_WIDTH = 7.2;

export function nodeWidth(label: string, badges: number): number {
  return Math.max(90, Math.ceil(label.length * CHAR_WIDTH) + 28 + badges * 18);
}

/** The room a layout gets when the page does not say (an exported drawing, a test). */
export const DEFAULT_SPACE: Size = { width: 1200, height: 800 };

export function layoutGraph(graph: PageGraph, space: Size = DEFAULT_SPACE): Layout {
  const sizes = graph.nodes.map((n) => ({ width: nodeWidth(n.label, n.semaphores.length ? 1 : 0), height: NODE_HEIGHT }));
  const bands = assignBands(graph);
  const grid = chooseGrid(bands, sizes, space);
  const lr = grid.direction === 'LR';
  const boxes: GridBox[] = sizes.map((s, i) => {
    const { line, track } = grid.cells[i];
    return {
      main: grid.lineStart[line] + grid.lineSize[line] / 2,
      cross: grid.trackStart[track] + grid.trackSize[track] / 2,
      mainSize: lr ? s.width : s.height,
      crossSize: lr ? s.height : s.width,
    };
  });
  const nodes = new Map<string, PlacedNode>();
  graph.nodes.forEach((n, i) => {
    const b = boxes[i];
    nodes.set(n.id, { id: n.id, x: lr ? b.main : b.cross, y: lr ? b.cross : b.main, width: sizes[i].width, height: sizes[i].height });
  });

  const indexOf = new Map<string, number>();
  graph.nodes.forEach((n, i) => indexOf.set(n.id, i));
  const wanted = graph.edges.flatMap((e) => {
    const from = indexOf.get(e.from);
    const to = indexOf.get(e.to);
    return from === undefined || to === undefined ? [] : [{ from, to, kind: e.kind, e }];
  });
  const routes = routeEdges(grid, boxes, wanted);
  const edges = wanted.map((w, i) => ({ from: w.e.from, to: w.e.to, kind: w.kind, points: routes[i] }));

  const placedBands = bands.map((band, k) => {
    const at = grid.bandLabels[k];
    const label: PlacedBand['label'] = lr ? { x: at, y: MARGIN + 8, anchor: 'middle' } : { x: grid.trackStart[0] ?? MARGIN, y: at, anchor: 'start' };
    return { index: band.index, jobs: band.items.map((i) => graph.nodes[i].id), label };
  });
  return {
    direction: grid.direction,
    bounds: boundsOf(nodes, edges, placedBands),
    nodes,
    edges,
    bands: placedBands,
    width: lr ? grid.mainExtent : grid.crossExtent,
    height: lr ? grid.crossExtent : grid.mainExtent,
  };
}

/** The box around every job, every edge and every wave label (its text estimated from its length). */
function boundsOf(nodes: Map<string, PlacedNode>, edges: PlacedEdge[], bands: PlacedBand[]): Layout['bounds'] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (x: number, y: number) => {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  };
  for (const n of nodes.values()) {
    add(n.x - n.width / 2, n.y - n.height / 2);
    add(n.x + n.width / 2, n.y + n.height / 2);
  }
  for (const e of edges) for (const p of e.points) add(p.x, p.y);
  for (const b of bands) {
    const w = `wave ${b.index}: ${b.jobs.length} jobs in parallel`.length * CHAR_WIDTH;
    add(b.label.anchor === 'middle' ? b.label.x - w / 2 : b.label.x, b.label.y - 12);
    add(b.label.anchor === 'middle' ? b.label.x + w / 2 : b.label.x + w, b.label.y + 4);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : { x: 0, y: 0, width: 0, height: 0 };
}
