// Messages between the graph page (this bundle, in the webview) and the
// extension (client/src/graphPanel.ts), and the job graph the server answers
// `zuul/jobGraph` with. Everything that arrives is validated here before use:
// the page trusts neither the extension's message nor the workspace's names.

export type GraphView = 'dependencies' | 'inheritance';
export type EdgeKind = 'hard' | 'soft' | 'parent';
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface GraphNode {
  id: string;
  label: string;
  file?: string;
  range?: Range;
  repo?: string;
  abstract: boolean;
  final: boolean;
  semaphores: string[];
  incoming: { hard: number; soft: number };
  findings: { rule: string; severity: Severity; message: string }[];
  wave?: number;
  critical?: boolean;
  bootstrap?: boolean;
  description?: string;
  parents?: string[];
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface JobGraph {
  project?: string;
  pipeline?: string;
  view: GraphView;
  nodes: GraphNode[];
  edges: GraphEdge[];
  waves: { index: number; jobs: string[] }[];
  criticalPath: string[];
  sharedSemaphores: { semaphore: string; jobs: string[] }[];
  cycles: string[][];
  truncated?: { shown: number; total: number; omitted: string[] };
}

export interface GraphTarget {
  project: string;
  pipelines: string[];
}

/** Extension -> page. */
export type ToPage = { type: 'graph'; graph: JobGraph; targets?: GraphTarget[] } | { type: 'error'; message: string; targets?: GraphTarget[] };

/** Page -> extension. */
export type FromPage =
  | { type: 'ready' }
  | { type: 'reveal'; file: string; range: Range }
  | { type: 'select'; project: string; pipeline: string; view: GraphView }
  | { type: 'export'; format: 'svg' | 'dot'; content: string };

/** What the page keeps in the webview state (survives hiding and reloads). */
export interface PageState {
  project?: string;
  pipeline?: string;
  view?: GraphView;
  /** Pan and zoom, per project/pipeline/view key. */
  transform?: { key: string; x: number; y: number; k: number };
}

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

function toNode(v: unknown): GraphNode | undefined {
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
  };
}

/** The graph, or undefined when the value is not one; bad nodes and edges are dropped. */
export function toJobGraph(v: unknown): JobGraph | undefined {
  if (!isObj(v) || !Array.isArray(v.nodes) || !Array.isArray(v.edges)) return undefined;
  const nodes: GraphNode[] = [];
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
  let truncated: JobGraph['truncated'];
  if (isObj(v.truncated)) {
    const shown = nat(v.truncated.shown);
    const total = nat(v.truncated.total);
    if (shown !== undefined && total !== undefined) truncated = { shown, total, omitted: strings(v.truncated.omitted) };
  }
  return {
    project: str(v.project),
    pipeline: str(v.pipeline),
    view: v.view === 'inheritance' ? 'inheritance' : 'dependencies',
    nodes,
    edges,
    waves,
    criticalPath: strings(v.criticalPath),
    sharedSemaphores,
    cycles,
    truncated,
  };
}

export function toTargets(v: unknown): GraphTarget[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((t) => (isObj(t) && typeof t.project === 'string' ? [{ project: t.project, pipelines: strings(t.pipelines) }] : []));
}

/** A message from the extension, or undefined when it is none we know. */
export function toPageMessage(v: unknown): ToPage | undefined {
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
  return s;
}
