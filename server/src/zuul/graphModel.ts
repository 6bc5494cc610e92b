// The job graph as plain JSON for the graph view (issue #6): a project-pipeline's
// jobs with their dependency edges, waves (topological levels), critical path,
// shared semaphores and cycles; or the inheritance chains of some jobs. No LSP
// types: the server adds URIs at its edge and the webview escapes every name.
// The graph's shape is the wire's, declared in protocol/src.
import { isScalar, isSeq } from 'yaml';
import { alg } from '@dagrejs/graphlib';
import type { ZuulIndex } from './index';
import type { Finding, Range } from './types';
import { toGraph, type ProjectPipeline } from './jobGraph';
import { abstractness, ancestry, attr, boolAttr, inherited, inheritedAll, stanzaEntries } from './inherit';
import { bootstraps } from './bootstrap';
import { rangeOf, type JobStanza } from './stanzas';
import { findPipeline, graphTargets, targetAt, type GraphTarget } from './graphTargets';
import type { Entry, YNode } from './yamlNodes';
import type { ParsedFile } from './parse';
import type { Settings } from './settings';
import type { GraphEdge, GraphError, GraphNode, GraphView, GraphWeight, JobGraph } from '../../../protocol/src';

/** What the graph reads of a workspace: its index and settings, and the findings of a file (the engine's, rules included). */
export interface GraphSource {
  readonly index: ZuulIndex;
  readonly settings: Settings;
  findings(path: string): Finding[];
}

export { graphTargets, targetAt, type GraphTarget };

export interface GraphOptions {
  project?: string;
  pipeline?: string;
  view: GraphView;
  /** A job to centre on; the inheritance view shows only its chain. */
  focus?: string;
  /** Most nodes to return (default 500), in pipeline order. */
  limit?: number;
  weight?: GraphWeight;
}

export const DEFAULT_LIMIT = 500;
/** Weight of a job without `timeout` on the critical path: the tenant's default max-job-timeout. */
export const DEFAULT_TIMEOUT = 10800;
const OMITTED_SHOWN = 20;
const MAX_DESCRIPTION = 500;

export function buildJobGraph(ws: GraphSource, opts: GraphOptions): JobGraph | GraphError {
  const index = ws.index;
  const view: GraphView = opts.view === 'inheritance' ? 'inheritance' : 'dependencies';
  const weight: GraphWeight = opts.weight === 'timeout' ? 'timeout' : 'count';
  const limit = opts.limit !== undefined && Number.isFinite(opts.limit) && opts.limit >= 1 ? Math.floor(opts.limit) : DEFAULT_LIMIT;
  let pp: ProjectPipeline | undefined;
  if (opts.project !== undefined || opts.pipeline !== undefined || view === 'dependencies') {
    const found = findPipeline(index, opts.project, opts.pipeline);
    if ('error' in found) return found;
    pp = found;
  }
  if (opts.focus !== undefined && !index.has('job', opts.focus) && !pp?.jobs.has(opts.focus)) return { error: `There is no job named "${opts.focus}" in the workspace.` };
  const ctx = new Context(ws, pp);
  const base = { project: pp?.project, pipeline: pp?.pipeline, view, focus: opts.focus, weight };
  return view === 'dependencies' ? dependencies(ctx, pp!, limit, weight, base) : inheritance(ctx, opts.focus, limit, base);
}

type Base = Pick<JobGraph, 'project' | 'pipeline' | 'view' | 'focus' | 'weight'>;

function truncation(all: string[], limit: number): JobGraph['truncated'] {
  return all.length > limit ? { shown: limit, total: all.length, omitted: all.slice(limit, limit + OMITTED_SHOWN) } : undefined;
}

function dependencies(ctx: Context, pp: ProjectPipeline, limit: number, weight: GraphWeight, base: Base): JobGraph {
  const all = [...pp.jobs.keys()];
  const shown = all.slice(0, limit);
  const shownSet = new Set(shown);
  // The analysis sees the whole pipeline, so wave numbers stay true when the drawing is cut.
  const g = toGraph(pp);
  const cycles = alg.findCycles(g);
  const inCycle = new Set(cycles.flat());
  for (const n of inCycle) g.removeNode(n);
  let order: string[];
  try {
    order = alg.topsort(g);
  } catch {
    order = [];
  }
  const wave = new Map<string, number>();
  const best = new Map<string, { total: number; prev?: string }>();
  const weightOf = (job: string) => (weight === 'timeout' ? (ctx.timeout(job) ?? DEFAULT_TIMEOUT) : 1);
  for (const job of order) {
    let w = 0;
    let b: { total: number; prev?: string } = { total: 0 };
    for (const d of g.predecessors(job) ?? []) {
      w = Math.max(w, wave.get(d) ?? 0);
      const bd = best.get(d);
      if (bd && bd.total > b.total) b = { total: bd.total, prev: d };
    }
    wave.set(job, w + 1);
    best.set(job, { total: b.total + weightOf(job), prev: b.prev });
  }
  // The longest chain; ties go to the job listed first.
  let end: string | undefined;
  for (const job of all) if (best.has(job) && (end === undefined || best.get(job)!.total > best.get(end)!.total)) end = job;
  const critical: string[] = [];
  for (let cur = end; cur !== undefined; cur = best.get(cur)?.prev) critical.unshift(cur);
  const criticalSet = new Set(critical);
  const boots = ctx.bootstrapJobs(pp);

  const nodes = shown.map((job) => {
    const n = ctx.node(job);
    let hard = 0;
    let soft = 0;
    const seen = new Set<string>();
    for (const d of pp.jobs.get(job)!.deps) {
      if (!pp.jobs.has(d.name) || seen.has(d.name)) continue;
      seen.add(d.name);
      if (d.soft) soft++;
      else hard++;
    }
    n.incoming = { hard, soft };
    const wv = wave.get(job);
    if (wv !== undefined) n.wave = wv;
    if (criticalSet.has(job)) n.critical = true;
    if (boots.has(job)) n.bootstrap = true;
    return n;
  });
  const edges: GraphEdge[] = [];
  const seenEdge = new Set<string>();
  for (const job of shown) {
    for (const d of pp.jobs.get(job)!.deps) {
      const key = `${d.name}\u0000${job}`;
      if (!shownSet.has(d.name) || seenEdge.has(key)) continue;
      seenEdge.add(key);
      edges.push({ from: d.name, to: job, kind: d.soft ? 'soft' : 'hard' });
    }
  }
  const waves: JobGraph['waves'] = [];
  for (const job of shown) {
    const wv = wave.get(job);
    if (wv === undefined) continue;
    while (waves.length < wv) waves.push({ index: waves.length + 1, jobs: [] });
    waves[wv - 1].jobs.push(job);
  }
  return {
    ...base,
    nodes,
    edges,
    waves: waves.filter((w) => w.jobs.length > 0),
    criticalPath: critical.filter((j) => shownSet.has(j)),
    sharedSemaphores: shared(nodes),
    cycles: cycles.map((c) => orderCycle(c, all)),
    truncated: truncation(all, limit),
  };
}

function inheritance(ctx: Context, focus: string | undefined, limit: number, base: Base): JobGraph {
  const roots = focus !== undefined ? [focus] : [...(ctx.pp?.jobs.keys() ?? [])];
  const all: string[] = [];
  const seen = new Set<string>();
  const edgeList: GraphEdge[] = [];
  const cycles: string[][] = [];
  const seenCycle = new Set<string>();
  for (const root of roots) {
    const a = ancestry(ctx.index, root);
    const chain = a.chain.length ? a.chain : [root];
    chain.forEach((job, i) => {
      if (!seen.has(job)) {
        seen.add(job);
        all.push(job);
        if (i + 1 < chain.length) edgeList.push({ from: job, to: chain[i + 1], kind: 'parent' });
      }
    });
    if (a.cycle) {
      const key = [...a.cycle].sort().join('\u0000');
      if (!seenCycle.has(key)) {
        seenCycle.add(key);
        cycles.push(a.cycle.slice(0, -1));
        const last = a.chain[a.chain.length - 1];
        edgeList.push({ from: last, to: a.cycle[a.cycle.length - 1], kind: 'parent' });
      }
    }
  }
  const shown = all.slice(0, limit);
  const shownSet = new Set(shown);
  const boots = ctx.pp ? ctx.bootstrapJobs(ctx.pp) : new Set<string>();
  const nodes = shown.map((job) => {
    const n = ctx.node(job);
    if (boots.has(job)) n.bootstrap = true;
    return n;
  });
  return {
    ...base,
    nodes,
    edges: edgeList.filter((e) => shownSet.has(e.from) && shownSet.has(e.to)),
    waves: [],
    criticalPath: [],
    sharedSemaphores: shared(nodes),
    cycles,
    truncated: truncation(all, limit),
  };
}

function shared(nodes: GraphNode[]): JobGraph['sharedSemaphores'] {
  const by = new Map<string, string[]>();
  for (const n of nodes) {
    for (const s of n.semaphores) {
      let l = by.get(s);
      if (!l) by.set(s, (l = []));
      l.push(n.id);
    }
  }
  return [...by].filter(([, jobs]) => jobs.length >= 2).map(([semaphore, jobs]) => ({ semaphore, jobs }));
}

/** A cycle from graphlib, starting at the job listed first in the pipeline. */
function orderCycle(cycle: string[], all: string[]): string[] {
  const pos = (j: string) => all.indexOf(j);
  let start = 0;
  cycle.forEach((j, i) => {
    if (pos(j) < pos(cycle[start])) start = i;
  });
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

function strings(e: Entry): string[] {
  const v = e.value;
  if (isScalar(v)) return typeof v.value === 'string' ? [v.value] : [];
  if (isSeq(v)) return v.items.flatMap((i) => (isScalar(i) && typeof i.value === 'string' ? [i.value] : []));
  return [];
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Per-request caches: findings per file, the pipeline's entries per job. */
class Context {
  readonly index: ZuulIndex;
  private readonly findingsByFile = new Map<string, Finding[]>();

  constructor(
    private readonly ws: GraphSource,
    readonly pp: ProjectPipeline | undefined,
  ) {
    this.index = ws.index;
  }

  bootstrapJobs(pp: ProjectPipeline): Set<string> {
    return new Set(bootstraps(this.index, this.ws.settings).filter((b) => b.pp === pp).map((b) => b.job));
  }

  private entriesOf(job: string): JobStanza[] {
    return this.pp?.jobs.get(job)?.entries ?? [];
  }

  /** The pipeline's variants decide first (the last one that sets it), then the job after inheritance. */
  timeout(job: string): number | undefined {
    const own = this.entriesOf(job).flatMap((s) => stanzaEntries(s).filter((e) => e.key === 'timeout'));
    const e = own.length ? own[own.length - 1] : inherited(this.index, job, 'timeout')?.entry;
    const v = e?.value;
    return isScalar(v) && typeof v.value === 'number' ? v.value : undefined;
  }

  private findings(file: string): Finding[] {
    let f = this.findingsByFile.get(file);
    if (!f) this.findingsByFile.set(file, (f = this.ws.findings(file)));
    return f;
  }

  /** Findings inside the job's stanzas and its entries in this pipeline's lists. */
  private nodeFindings(job: string): GraphNode['findings'] {
    const spots: { file: string; range: Range }[] = [];
    for (const d of this.index.get('job', job)) spots.push({ file: d.file.path, range: stanzaRange(d.file, d.item.keyNode, d.item.body) });
    for (const s of this.entriesOf(job)) spots.push({ file: s.def.file.path, range: rangeOf(s.def.file, s.entryNode ?? s.nameNode) });
    const out: GraphNode['findings'] = [];
    const seen = new Set<string>();
    for (const spot of spots) {
      const list = this.findings(spot.file);
      // Findings come sorted by start line: skip to the first one that can be inside.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].range.start.line < spot.range.start.line) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < list.length && list[i].range.start.line <= spot.range.end.line; i++) {
        const f = list[i];
        if (!contains(spot.range, f.range)) continue;
        const key = `${f.file}|${f.rule}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ rule: f.rule, severity: f.severity, message: f.message });
      }
    }
    return out;
  }

  node(job: string): GraphNode {
    const defs = this.index.get('job', job);
    const first = defs[0];
    const entry = this.entriesOf(job)[0];
    const n: GraphNode = { id: job, label: job, abstract: false, final: false, semaphores: [], incoming: { hard: 0, soft: 0 }, findings: this.nodeFindings(job) };
    if (first) {
      n.file = first.file.path;
      n.range = rangeOf(first.file, first.item.nameNode ?? first.item.keyNode);
      n.repo = first.repo.name;
    } else if (entry) {
      n.file = entry.def.file.path;
      n.range = rangeOf(entry.def.file, entry.nameNode);
      n.repo = entry.def.repo.name;
    }
    if (defs.length) {
      n.abstract = abstractness(this.index, job).abstract;
      n.final = defs.some((d) => boolAttr(d, 'final') === true);
      const chain = ancestry(this.index, job).chain;
      n.parents = chain.slice(1);
      for (let i = defs.length - 1; i >= 0; i--) {
        const v = attr(defs[i], 'description')?.value;
        if (isScalar(v) && typeof v.value === 'string') {
          const text = v.value.trim();
          n.description = text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
          break;
        }
      }
    }
    const sems = new Set<string>();
    for (const key of ['semaphores', 'semaphore']) {
      for (const { entry: e } of inheritedAll(this.index, job, key)) for (const s of strings(e)) sems.add(s);
      for (const s of this.entriesOf(job)) for (const e of stanzaEntries(s)) if (e.key === key) for (const x of strings(e)) sems.add(x);
    }
    n.semaphores = [...sems];
    const t = this.timeout(job);
    if (t !== undefined) n.timeout = t;
    return n;
  }
}

function stanzaRange(file: ParsedFile, key: YNode, body: YNode): Range {
  const start = key.range?.[0] ?? 0;
  const end = body.range?.[1] ?? key.range?.[1] ?? start;
  return file.lines.range(start, end);
}
