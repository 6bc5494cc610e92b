// The graph page's layout (client/webview/src/layout.ts) on real graphs, in
// Node: the example workspace's deploy pipeline and the OTC corpus snapshot's
// 22-job one, both views, in a narrow panel (400 px) and a wide one
// (1400 px). No edge segment passes through a box other than its two ends,
// none runs inside its own ends, no two boxes overlap, no two edges end at
// the same point of a box, and every edge starts and ends on a border of its
// boxes. A wave wider than the panel wraps instead of shrinking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutGraph, type Layout } from '../../client/webview/src/layout';
import { toJobGraph, type PageGraph } from '../../client/webview/src/protocol';
import { boxOverlaps, edgeBoxCrossings, edgeOwnBoxOverlaps, sharedEndpoints, type Rect } from '../helpers/graphGeometry';
import { exampleGraphs, otcGraphs, OTC_SNAPSHOT, type RealGraph } from '../helpers/realGraphs';

/** The canvas a panel of that width leaves the drawing (the page's toolbar, legend and list take some). */
const PANELS = [
  { name: 'narrow', space: { width: 400, height: 640 } },
  { name: 'wide', space: { width: 1400, height: 640 } },
];

function rects(layout: Layout): Rect[] {
  return [...layout.nodes.values()].map((n) => ({ id: n.id, x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height }));
}

function onBorder(p: { x: number; y: number }, r: Rect): boolean {
  const inX = p.x >= r.x - 0.01 && p.x <= r.x + r.width + 0.01;
  const inY = p.y >= r.y - 0.01 && p.y <= r.y + r.height + 0.01;
  const onX = Math.abs(p.x - r.x) < 0.01 || Math.abs(p.x - r.x - r.width) < 0.01;
  const onY = Math.abs(p.y - r.y) < 0.01 || Math.abs(p.y - r.y - r.height) < 0.01;
  return (onX && inY) || (onY && inX);
}

/** Every geometry fault of a layout, as text (empty when it is clean). */
export function faults(layout: Layout): string[] {
  const boxes = rects(layout);
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const found = [...edgeBoxCrossings(boxes, layout.edges), ...edgeOwnBoxOverlaps(boxes, layout.edges), ...boxOverlaps(boxes), ...sharedEndpoints(layout.edges)];
  for (const e of layout.edges) {
    if (!onBorder(e.points[0], byId.get(e.from)!)) found.push(`${e.from} -> ${e.to} does not start on the border of ${e.from}`);
    if (!onBorder(e.points.at(-1)!, byId.get(e.to)!)) found.push(`${e.from} -> ${e.to} does not end on the border of ${e.to}`);
  }
  return found;
}

async function realGraphs(): Promise<{ graphs: RealGraph[]; corpus: boolean }> {
  const otc = await otcGraphs();
  return { graphs: [...(await exampleGraphs()), ...(otc ?? [])], corpus: otc !== undefined };
}

const page = (g: RealGraph): PageGraph => toJobGraph(g.graph)!;

test('no edge crosses a box, in both views of the example and the OTC deploy graphs, narrow and wide', async (t) => {
  const { graphs, corpus } = await realGraphs();
  if (!corpus) t.diagnostic(`the corpus is absent (expected at ../shared/corpus): only the example workspace was laid out`);
  for (const g of graphs) {
    for (const { name, space } of PANELS) {
      const layout = layoutGraph(page(g), space);
      assert.ok(layout.edges.length > 0, `${g.name} ${g.view} has edges`);
      assert.deepEqual(faults(layout), [], `${g.name} ${g.view} ${name} (${layout.direction})`);
      t.diagnostic(`${g.name} ${g.view} ${name}: ${layout.nodes.size} jobs, ${layout.edges.length} edges, ${layout.direction}, ${Math.round(layout.width)}x${Math.round(layout.height)}`);
    }
  }
});

test('the OTC deploy graph: the wave of 21 jobs wraps into several columns when wide, and runs top down when narrow', async (t) => {
  const otc = await otcGraphs();
  if (!otc) return t.skip('the corpus is absent (expected at ../shared/corpus)');
  const deps = page(otc.find((g) => g.view === 'dependencies')!);
  assert.equal(deps.nodes.length, 22, `${OTC_SNAPSHOT} deploy has 22 jobs`);
  const big = deps.waves.reduce((a, b) => (b.jobs.length > a.jobs.length ? b : a));
  assert.ok(big.jobs.length >= 20, `a wave of ${big.jobs.length} jobs`);

  const wide = layoutGraph(deps, PANELS[1].space);
  assert.equal(wide.direction, 'LR');
  const columns = new Set(big.jobs.map((j) => wide.nodes.get(j)!.x));
  assert.ok(columns.size >= 2, `the big wave takes ${columns.size} columns`);
  assert.ok(wide.width <= PANELS[1].space.width && wide.height <= PANELS[1].space.height, `fits the wide panel unscaled: ${wide.width}x${wide.height}`);

  const narrow = layoutGraph(deps, PANELS[0].space);
  assert.equal(narrow.direction, 'TD');
  // The widest label fits the narrow panel once, so one job per row, and nothing shrinks.
  assert.equal(new Set([...narrow.nodes.values()].map((n) => n.x)).size, 1, 'one column');
  assert.ok(narrow.width <= PANELS[0].space.width * 1.1, `about as wide as the narrow panel: ${narrow.width}`);
});

test('the inheritance view spreads the edges that meet a shared parent along its border', async () => {
  const inheritance = page((await exampleGraphs()).find((g) => g.view === 'inheritance')!);
  for (const { space } of PANELS) {
    const layout = layoutGraph(inheritance, space);
    const into = new Map<string, Set<string>>();
    for (const e of layout.edges) {
      const p = e.points.at(-1)!;
      (into.get(e.to) ?? into.set(e.to, new Set()).get(e.to)!).add(`${p.x.toFixed(1)},${p.y.toFixed(1)}`);
    }
    const shared = [...into].filter(([id]) => layout.edges.filter((e) => e.to === id).length > 1);
    assert.ok(shared.length > 0, 'some job is the parent of several');
    for (const [id, points] of shared) assert.equal(points.size, layout.edges.filter((e) => e.to === id).length, `${id}: one end point per edge`);
  }
});

test('500 jobs in 10 waves of 50: laid out fast, each wave its own band, nothing crossed', () => {
  const nodes = [];
  const edges = [];
  const waves = [];
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let w = 0; w < 10; w++) {
    const jobs = [];
    for (let i = 0; i < 50; i++) {
      const id = `infra-prod-w${w}-job-${i}`;
      jobs.push(id);
      nodes.push({ id, label: id, wave: w + 1, semaphores: [], findings: [], incoming: { hard: 0, soft: 0 } });
      if (w > 0) edges.push({ from: `infra-prod-w${w - 1}-job-${rnd(50)}`, to: id, kind: 'hard' }, { from: `infra-prod-w${w - 1}-job-${rnd(50)}`, to: id, kind: 'soft' });
    }
    waves.push({ index: w + 1, jobs });
  }
  const graph = toJobGraph({ view: 'dependencies', nodes, edges, waves })!;
  for (const { space } of PANELS) {
    const start = performance.now();
    const layout = layoutGraph(graph, space);
    const ms = performance.now() - start;
    assert.ok(ms < 300, `${ms.toFixed(0)} ms`);
    assert.deepEqual(faults(layout).slice(0, 5), []);
    // Bands follow one another along the main axis: every job of wave w+1 lies beyond every job of wave w.
    const along = (id: string) => (layout.direction === 'LR' ? layout.nodes.get(id)!.x : layout.nodes.get(id)!.y);
    for (let w = 1; w < waves.length; w++) assert.ok(Math.max(...waves[w - 1].jobs.map(along)) < Math.min(...waves[w].jobs.map(along)), `wave ${w + 1} after wave ${w}`);
  }
});
