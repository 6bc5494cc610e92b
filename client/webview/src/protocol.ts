// The graph page's checks of what it receives: the extension's messages
// (client/src/graphPanel.ts), with the server's `zuul/jobGraph` answer inside,
// and its own saved state. The shapes are declared once, in protocol/src, which
// the server and the extension import too. Everything that arrives is
// validated here before use: the page trusts neither the extension's message
// nor the workspace's names.
import type { EdgeKind, GraphEdge, GraphNode, JobGraph, PageState, Position, ProjectPipelines, Range, Severity, ToPage } from '../../../protocol/src';

/** What the page keeps of a node: all of it but the timeout, which it does not draw. */
export type PageNode = Omit<GraphNode, 'timeout'>;

/** What the page keeps of a graph: all of it but the weight, which it does not draw. */
export type PageGraph = Omit<JobGraph, 'weight' | 'nodes'> & { nodes: PageNode[] };

/** A message from the extension, checked: a graph the page can draw, or an error (the server's error answer among them). */
export type PageMessage = { type: 'graph'; graph: PageGraph; targets?: ProjectPipelines[] } | Extract<ToPage, { type: 'error' }>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const nat = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function position(v: unknown): Position | undefined {
  if (!isObj(v)) return undefined;
  const line = nat(v.line);
  const character = nat(v.character);
  return line === undefined || character === undefined ? undefined : { line, character };
}

export function toRange(v: unknown): Range | undefined {
  if (!isObj(v)) return undefined;
  const start = position(v.start);
  const end = position(v.end);
  return start && end ? { start, end } : undefined;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint'];
const KINDS: readonly string[] = ['hard', 'soft', 'parent'];

function toNode(v: unknown): PageNode | undefined {
  if (!isObj(v)) return undefined;
  const id = str(v.id);
  if (id === undefined) return undefined;
  const incoming = isObj(v.incoming) ? v.incoming : {};
  const findings = Array.isArray(v.findings)
    ? v.findings.flatMap((f) => {
        if (!isObj(f)) return [];
        const severity = str(f.severity);
        if (!severity || !SEVERITIES.includes(severity)) return [];
        return [{ rule: str(f.rule) ?? '', severity: severity as Severity, message: str(f.message) ?? '' }];
      })
    : [];
  return {
    id,
    label: str(v.label) ?? id,
    file: str(v.file),
    range: toRange(v.range),
    repo: str(v.repo),
    abstract: v.abstract === true,
    final: v.final === true,
    semaphores: strings(v.semaphores),
    incoming: { hard: nat(incoming.hard) ?? 0, soft: nat(incoming.soft) ?? 0 },
    findings,
    wave: nat(v.wave),
    critical: v.critical === true,
    bootstrap: v.bootstrap === true,
    description: str(v.description),
    parents: Array.isArray(v.parents) ? strings(v.parents) : undefined,
    change: toChange(v.change),
  };
}

function toChange(v: unknown): PageNode['change'] {
  if (!isObj(v) || typeof v.why !== 'string') return undefined;
  return { runs: typeof v.runs === 'boolean' ? v.runs : undefined, why: v.why, pulledBy: Array.isArray(v.pulledBy) ? strings(v.pulledBy) : undefined };
}

/** The graph, or undefined when the value is not one; bad nodes and edges are dropped. */
export function toJobGraph(v: unknown): PageGraph | undefined {
  if (!isObj(v) || !Array.isArray(v.nodes) || !Array.isArray(v.edges)) return undefined;
  const nodes: PageNode[] = [];
  const ids = new Set<string>();
  for (const raw of v.nodes) {
    const n = toNode(raw);
    if (n && !ids.has(n.id)) {
      ids.add(n.id);
      nodes.push(n);
    }
  }
  const edges: GraphEdge[] = [];
  for (const e of v.edges) {
    if (!isObj(e)) continue;
    const from = str(e.from);
    const to = str(e.to);
    const kind = str(e.kind);
    if (from === undefined || to === undefined || !kind || !KINDS.includes(kind) || !ids.has(from) || !ids.has(to)) continue;
    edges.push({ from, to, kind: kind as EdgeKind });
  }
  const waves = Array.isArray(v.waves)
    ? v.waves.flatMap((w) => {
        if (!isObj(w)) return [];
        const index = nat(w.index);
        return index === undefined ? [] : [{ index, jobs: strings(w.jobs) }];
      })
    : [];
  const sharedSemaphores = Array.isArray(v.sharedSemaphores)
    ? v.sharedSemaphores.flatMap((s) => (isObj(s) && typeof s.semaphore === 'string' ? [{ semaphore: s.semaphore, jobs: strings(s.jobs) }] : []))
    : [];
  const cycles = Array.isArray(v.cycles) ? v.cycles.filter(Array.isArray).map(strings) : [];
  let truncated: PageGraph['truncated'];
  if (isObj(v.truncated)) {
    const shown = nat(v.truncated.shown);
    const total = nat(v.truncated.total);
    if (shown !== undefined && total !== undefined) truncated = { shown, total, omitted: strings(v.truncated.omitted) };
  }
  return {
    project: str(v.project),
    pipeline: str(v.pipeline),
    view: v.view === 'inheritance' ? 'inheritance' : 'dependencies',
    focus: typeof v.focus === 'string' && ids.has(v.focus) ? v.focus : undefined,
    nodes,
    edges,
    waves,
    criticalPath: strings(v.criticalPath),
    sharedSemaphores,
    cycles,
    truncated,
    changes: isObj(v.changes) ? { files: nat(v.changes.files) ?? 0, runs: nat(v.changes.runs) ?? 0, warnings: Array.isArray(v.changes.warnings) ? strings(v.changes.warnings) : [] } : undefined,
  };
}

export function toTargets(v: unknown): ProjectPipelines[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((t) => (isObj(t) && typeof t.project === 'string' ? [{ project: t.project, pipelines: strings(t.pipelines) }] : []));
}

/** A message from the extension, or undefined when it is none we know. */
export function toPageMessage(v: unknown): PageMessage | undefined {
  if (!isObj(v)) return undefined;
  const targets = toTargets(v.targets);
  if (v.type === 'graph') {
    if (isObj(v.graph) && typeof v.graph.error === 'string') return { type: 'error', message: v.graph.error, targets };
    const graph = toJobGraph(v.graph);
    return graph ? { type: 'graph', graph, targets } : undefined;
  }
  if (v.type === 'error' && typeof v.message === 'string') return { type: 'error', message: v.message, targets };
  return undefined;
}

export function toPageState(v: unknown): PageState {
  if (!isObj(v)) return {};
  const s: PageState = { project: str(v.project), pipeline: str(v.pipeline) };
  if (v.view === 'dependencies' || v.view === 'inheritance') s.view = v.view;
  const t = v.transform;
  if (isObj(t) && typeof t.key === 'string' && [t.x, t.y, t.k].every((n) => typeof n === 'number' && Number.isFinite(n)) && (t.k as number) > 0) {
    s.transform = { key: t.key, x: t.x as number, y: t.y as number, k: t.k as number };
  }
  if (v.changes === true) s.changes = true;
  if (typeof v.selected === 'string') s.selected = v.selected;
  if (v.listHidden === true) s.listHidden = true;
  return s;
}
