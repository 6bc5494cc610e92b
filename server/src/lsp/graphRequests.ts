// The graph view's custom requests: `zuul/graphTargets` lists every project
// and its pipelines; `zuul/jobGraph` returns one graph as plain JSON (see
// zuul/graphModel.ts), with a URI beside each node's file. Their names and
// shapes are in protocol/src. Answers go through the engine's queue so that
// they never see a half-updated workspace.
import type { Connection } from 'vscode-languageserver';
import type { ZuulWorkspace } from '../engine/workspace';
import { buildJobGraph, graphTargets, targetAt } from '../zuul/graphModel';
import { pathToUri, uriToPath } from './uri';
import { onCheckedRequest } from './checkedHandlers';
import { graphTargetsParams, jobGraphParams } from './params';
import { GRAPH_TARGETS_REQUEST, JOB_GRAPH_REQUEST, type GraphTargetsResult, type JobGraphParams, type JobGraphResult } from '../../../protocol/src';

/** The graph for one request's (checked) parameters; errors are answers, not exceptions. */
export function jobGraphFor(ws: ZuulWorkspace, p: JobGraphParams): JobGraphResult {
  const view = p.view ?? 'dependencies';
  const weight = p.weight ?? 'count';
  let { project, pipeline, focus } = p;
  if (project === undefined && pipeline === undefined) {
    if (p.uri !== undefined) {
      const path = uriToPath(p.uri);
      if (path === undefined) return { error: `Not a file URI: ${p.uri}` };
      const line = p.position?.line ?? 0;
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
  const g = buildJobGraph(ws, { project, pipeline, view, focus, weight, limit: p.limit });
  if ('error' in g) return g;
  return { ...g, nodes: g.nodes.map((n) => (n.file ? { ...n, uri: pathToUri(n.file) } : n)) };
}

export function registerGraphRequests(connection: Connection, getWorkspace: () => ZuulWorkspace, run: <T>(fn: () => T) => Promise<T | undefined>): void {
  onCheckedRequest(connection, JOB_GRAPH_REQUEST, jobGraphParams, async (params): Promise<JobGraphResult> => {
    const out = await run(() => jobGraphFor(getWorkspace(), params));
    return out ?? { error: 'Building the job graph failed; see the Zuul output channel.' };
  });
  onCheckedRequest(connection, GRAPH_TARGETS_REQUEST, graphTargetsParams, async (): Promise<GraphTargetsResult> => (await run(() => graphTargets(getWorkspace().index))) ?? []);
}
