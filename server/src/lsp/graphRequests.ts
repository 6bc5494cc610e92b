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
import { GRAPH_TARGETS_REQUEST, JOB_GRAPH_REQUEST, type GraphNode, type GraphTargetsResult, type JobGraph, type JobGraphParams, type JobGraphResult } from '../../../protocol/src';
import { jobsForInWorkspace } from '../engine/explain';
import { textsAt } from '../engine/gitText';
import { repoRelative } from '../zuul/discover';

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
  const changed = p.changedFiles && view === 'dependencies' ? changesOf(ws, g, p.changedFiles) : undefined;
  return {
    ...g,
    ...(changed ? { changes: changed.summary } : {}),
    nodes: g.nodes.map((n) => {
      const change = changed?.byJob.get(n.id);
      const out = change ? { ...n, change } : n;
      return out.file ? { ...out, uri: pathToUri(out.file) } : out;
    }),
  };
}

const shortName = (n: string) => n.split('/').pop() ?? n;

/** The graph's changed-files mode: what the changed files of the graph's project run (zuul/jobsFor.ts). */
function changesOf(ws: ZuulWorkspace, g: JobGraph, uris: string[]): { summary: NonNullable<JobGraph['changes']>; byJob: Map<string, NonNullable<GraphNode['change']>> } | undefined {
  if (g.project === undefined || g.pipeline === undefined) return undefined;
  const repo = ws.repos.find((r) => shortName(r.name) === shortName(g.project!));
  if (!repo) return undefined;
  const files: string[] = [];
  for (const uri of uris) {
    const path = uriToPath(uri);
    if (path !== undefined && ws.repoOf(path) === repo) files.push(repoRelative(repo, path));
  }
  const r = jobsForInWorkspace(ws, { project: g.project, pipeline: g.pipeline, files, before: textsAt(repo.root, 'HEAD') });
  if ('error' in r || !r[0]) return undefined;
  const byJob = new Map<string, NonNullable<GraphNode['change']>>();
  for (const j of r[0].jobs) byJob.set(j.job, { ...(j.runs !== undefined ? { runs: j.runs } : {}), why: j.why, ...(j.pulledBy ? { pulledBy: j.pulledBy } : {}) });
  return { summary: { files: files.length, runs: r[0].jobs.filter((j) => j.runs === true).length, warnings: r[0].warnings.map((w) => w.message) }, byJob };
}

export function registerGraphRequests(connection: Connection, getWorkspace: () => ZuulWorkspace, run: <T>(fn: () => T) => Promise<T | undefined>): void {
  onCheckedRequest(connection, JOB_GRAPH_REQUEST, jobGraphParams, async (params): Promise<JobGraphResult> => {
    const out = await run(() => jobGraphFor(getWorkspace(), params));
    return out ?? { error: 'Building the job graph failed; see the Zuul output channel.' };
  });
  onCheckedRequest(connection, GRAPH_TARGETS_REQUEST, graphTargetsParams, async (): Promise<GraphTargetsResult> => (await run(() => graphTargets(getWorkspace().index))) ?? []);
}
