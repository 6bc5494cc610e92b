// The graph view's custom requests: `zuul/graphTargets` lists every project
// and its pipelines; `zuul/jobGraph` returns one graph as plain JSON (see
// zuul/graphModel.ts), with a URI beside each node's file. Answers go through
// the engine's queue so that they never see a half-updated workspace.
import type { Connection } from 'vscode-languageserver';
import type { ZuulWorkspace } from '../zuul/workspace';
import { buildJobGraph, graphTargets, targetAt, type GraphError, type GraphView, type GraphWeight, type JobGraph } from '../zuul/graphModel';
import { pathToUri, uriToPath } from './uri';

export const JOB_GRAPH_REQUEST = 'zuul/jobGraph';
export const GRAPH_TARGETS_REQUEST = 'zuul/graphTargets';

export interface JobGraphParams {
  uri?: string;
  position?: { line: number; character: number };
  project?: string;
  pipeline?: string;
  view?: GraphView;
  focus?: string;
  limit?: number;
  weight?: GraphWeight;
}

export type JobGraphResult = (Omit<JobGraph, 'nodes'> & { nodes: (JobGraph['nodes'][number] & { uri?: string })[] }) | GraphError;

const optString = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The graph for one request's parameters; errors are answers, not exceptions. */
export function jobGraphFor(ws: ZuulWorkspace, raw: unknown): JobGraphResult {
  const p = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const view = p.view === undefined ? 'dependencies' : p.view;
  if (view !== 'dependencies' && view !== 'inheritance') return { error: `Unknown view "${String(view)}": use "dependencies" or "inheritance".` };
  const weight = p.weight === undefined ? 'count' : p.weight;
  if (weight !== 'count' && weight !== 'timeout') return { error: `Unknown weight "${String(weight)}": use "count" or "timeout".` };
  if (p.limit !== undefined && (typeof p.limit !== 'number' || !Number.isInteger(p.limit) || p.limit < 1)) return { error: 'limit must be a positive integer.' };
  let project = optString(p.project);
  let pipeline = optString(p.pipeline);
  let focus = optString(p.focus);
  if (project === undefined && pipeline === undefined) {
    const uri = optString(p.uri);
    const pos = p.position as { line?: unknown } | undefined;
    if (uri !== undefined) {
      const path = uriToPath(uri);
      if (path === undefined) return { error: `Not a file URI: ${uri}` };
      const line = typeof pos?.line === 'number' ? pos.line : 0;
      const t = targetAt(ws, path, line);
      if (t) {
        project = t.project;
        pipeline = t.pipeline;
        if (focus === undefined) focus = t.job;
      } else if (view === 'dependencies' || focus === undefined) {
        return { error: `No project pipeline or job at line ${line + 1} of ${path}: place the cursor in a pipeline's job list or a job stanza, or choose a project and pipeline.` };
      }
    } else if (view === 'dependencies' || focus === undefined) {
      return { error: 'Give a project and a pipeline, or a document URI and position inside a project pipeline or a job.' };
    }
  }
  const g = buildJobGraph(ws, { project, pipeline, view, focus, weight, limit: p.limit as number | undefined });
  if ('error' in g) return g;
  return { ...g, nodes: g.nodes.map((n) => (n.file ? { ...n, uri: pathToUri(n.file) } : n)) };
}

export function registerGraphRequests(connection: Connection, getWorkspace: () => ZuulWorkspace, run: <T>(fn: () => T) => Promise<T | undefined>): void {
  connection.onRequest(JOB_GRAPH_REQUEST, async (params: unknown): Promise<JobGraphResult> => {
    const out = await run(() => jobGraphFor(getWorkspace(), params));
    return out ?? { error: 'Building the job graph failed; see the Zuul output channel.' };
  });
  connection.onRequest(GRAPH_TARGETS_REQUEST, async () => (await run(() => graphTargets(getWorkspace().index))) ?? []);
}
