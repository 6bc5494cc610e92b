// Which band (wave) each job of the graph is drawn in, and its order in the
// band. In the dependency view a job's band is its wave from the server; in
// the inheritance view, and for a job without a wave, one more than the
// highest band of what it points from (Kahn's order, linear time). Jobs on or
// behind a cycle, which no order reaches, go in a last band.
import type { PageGraph } from './protocol';

export interface Band {
  /** The wave number (dependencies) or the level, counted from 1. */
  index: number;
  /** Node indices into graph.nodes, in drawing order. */
  items: number[];
}

export function assignBands(graph: PageGraph): Band[] {
  const n = graph.nodes.length;
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((node, i) => indexOf.set(node.id, i));
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  for (const e of graph.edges) {
    const a = indexOf.get(e.from);
    const b = indexOf.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    succs[a].push(b);
    preds[b].push(a);
  }
  const useWaves = graph.view === 'dependencies';
  const layer = new Array<number>(n).fill(-Infinity);
  const done = new Array<boolean>(n).fill(false);
  const indegree = preds.map((p) => p.length);
  let base = Infinity;
  if (useWaves) for (const node of graph.nodes) if (node.wave !== undefined) base = Math.min(base, node.wave);
  if (!Number.isFinite(base)) base = 1;
  const queue: number[] = [];
  graph.nodes.forEach((node, i) => {
    const wave = useWaves ? node.wave : undefined;
    if (wave !== undefined || preds[i].length === 0) {
      layer[i] = wave ?? base;
      done[i] = true;
      queue.push(i);
    }
  });
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    for (const s of succs[i]) {
      if (done[s]) continue;
      layer[s] = Math.max(layer[s], layer[i] + 1);
      if (--indegree[s] === 0) {
        done[s] = true;
        queue.push(s);
      }
    }
  }
  const values = [...new Set(layer.filter((_, i) => done[i]))].sort((a, b) => a - b);
  const bandOf = new Map<number, number>();
  values.forEach((v, b) => bandOf.set(v, b));
  const bands: Band[] = values.map((v) => ({ index: useWaves ? v : 0, items: [] }));
  if (done.some((d) => !d)) bands.push({ index: 0, items: [] });
  for (let i = 0; i < n; i++) bands[done[i] ? bandOf.get(layer[i])! : bands.length - 1].items.push(i);
  bands.forEach((b, k) => {
    if (!useWaves || b.index === 0) b.index = k + 1;
  });

  // Each band after the first in the mean order of what its jobs point from,
  // so that edges run mostly straight; ties keep the server's order.
  const rank = new Array<number>(n).fill(0);
  const bandIndex = new Array<number>(n).fill(0);
  bands.forEach((band, k) => band.items.forEach((i) => (bandIndex[i] = k)));
  bands.forEach((band, k) => {
    if (k > 0) {
      const key = new Map<number, number>();
      for (const i of band.items) {
        const from = preds[i].filter((p) => bandIndex[p] < k);
        key.set(i, from.length ? from.reduce((s, p) => s + rank[p], 0) / from.length : Infinity);
      }
      band.items.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
    }
    band.items.forEach((i, r) => (rank[i] = r / Math.max(1, band.items.length - 1)));
  });
  return bands;
}
