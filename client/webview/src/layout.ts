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
    nodes,
    edges,
    bands: placedBands,
    width: lr ? grid.mainExtent : grid.crossExtent,
    height: lr ? grid.crossExtent : grid.mainExtent,
  };
}
