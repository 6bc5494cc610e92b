// Positions for the graph's nodes and edge routes, left to right: a job sits
// to the right of what it waits for. Up to DAGRE_MAX_NODES jobs dagre lays the
// graph out; above that dagre's run time (about 2 s for 500 jobs, in one
// synchronous call) would freeze the panel, so layeredLayout.ts places the
// jobs in their wave columns in linear time. Sizes are estimated from the
// label length, so layout needs no DOM measurement (no reflow per node).
import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';
import { layeredLayout } from './layeredLayout';
import type { EdgeKind } from '../../../protocol/src';
import type { PageGraph } from './protocol';

export interface Point {
  x: number;
  y: number;
}
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
export interface Layout {
  nodes: Map<string, PlacedNode>;
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export const NODE_HEIGHT = 34;
const CHAR_WIDTH = 7.2;

export function nodeWidth(label: string, badges: number): number {
  return Math.max(90, Math.ceil(label.length * CHAR_WIDTH) + 28 + badges * 18);
}

/** The largest graph dagre lays out; bigger ones get the layered layout. */
export const DAGRE_MAX_NODES = 150;

const SPACING = { nodesep: 14, ranksep: 70, marginx: 20, marginy: 40 };

function nodeSize(graph: PageGraph, index: number): { width: number; height: number } {
  const n = graph.nodes[index];
  return { width: nodeWidth(n.label, n.semaphores.length ? 1 : 0), height: NODE_HEIGHT };
}

export function layoutGraph(graph: PageGraph): Layout {
  if (graph.nodes.length > DAGRE_MAX_NODES) return layeredLayout(graph, (i) => nodeSize(graph, i), SPACING);
  return dagreGraphLayout(graph);
}

function dagreGraphLayout(graph: PageGraph): Layout {
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ...SPACING, edgesep: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  graph.nodes.forEach((n, i) => g.setNode(n.id, nodeSize(graph, i)));
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    // Parent edges in the dependency view must not pull the ranks around.
    g.setEdge(e.from, e.to, { weight: e.kind === 'hard' ? 2 : 1, minlen: 1 }, e.kind);
  }
  dagreLayout(g);
  const nodes = new Map<string, PlacedNode>();
  for (const id of g.nodes()) {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    nodes.set(id, { id, x: n.x, y: n.y, width: n.width, height: n.height });
  }
  const edges: PlacedEdge[] = [];
  for (const e of graph.edges) {
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    if (!from || !to) continue;
    const label = e.from === e.to ? undefined : (g.edge(e.from, e.to, e.kind) as { points?: Point[] } | undefined);
    const points = label?.points?.length ? label.points : [from, to].map((p) => ({ x: p.x, y: p.y }));
    edges.push({ from: e.from, to: e.to, kind: e.kind, points });
  }
  const meta = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: meta.width ?? 0, height: meta.height ?? 0 };
}
