// `zuul/jobsForChanges`: the jobs a set of changed files runs, per project
// and pipeline, with the text "Zuul: Jobs for These Changes" shows. The
// files' current texts are the editor's (open buffers included); their texts
// before the change are those of git's HEAD, where the repository is a
// checkout. Errors are answers, not exceptions.
import type { Connection } from 'vscode-languageserver';
import type { ZuulWorkspace } from '../engine/workspace';
import { jobsForInWorkspace } from '../engine/explain';
import { textsAt } from '../engine/gitText';
import { renderJobsFor } from '../features/jobsForText';
import { repoRelative, type Repo } from '../zuul/discover';
import { onCheckedRequest } from './checkedHandlers';
import { jobsForChangesParams } from './params';
import { uriToPath } from './uri';
import { JOBS_FOR_CHANGES_REQUEST, type JobsForChangesParams, type JobsForChangesResult } from '../../../protocol/src';

export function jobsForChanges(ws: ZuulWorkspace, p: JobsForChangesParams): JobsForChangesResult {
  const byRepo = new Map<Repo, string[]>();
  const outside: string[] = [];
  for (const uri of p.files) {
    const path = uriToPath(uri);
    const repo = path === undefined ? undefined : ws.repoOf(path);
    if (!repo || path === undefined) {
      outside.push(uri);
      continue;
    }
    const list = byRepo.get(repo) ?? [];
    list.push(repoRelative(repo, path));
    byRepo.set(repo, list);
  }
  if (!byRepo.size) return { error: p.files.length ? `No changed file is in a repository of the workspace (${outside.slice(0, 3).join(', ')}).` : 'No changed files.' };
  const projects: Extract<JobsForChangesResult, { projects: unknown }>['projects'] = [];
  const notes: string[] = [];
  for (const [repo, files] of byRepo) {
    const r = jobsForInWorkspace(ws, { project: repo.name, files, pipeline: p.pipeline, branch: p.branch, before: textsAt(repo.root, 'HEAD') });
    if ('error' in r) notes.push(`${repo.name}: ${r.error}`);
    else projects.push({ project: repo.name, files, pipelines: r });
  }
  if (!projects.length) return { error: notes.join('; ') };
  const text = [...projects.map((x) => renderJobsFor(x.project, x.files, x.pipelines)), ...notes.map((n) => `${n}\n`), ...(outside.length ? [`Not in a repository of the workspace: ${outside.join(', ')}\n`] : [])].join('\n');
  return { projects, text };
}

export function registerJobsForRequest(connection: Connection, getWorkspace: () => ZuulWorkspace, run: <T>(fn: () => T) => Promise<T | undefined>): void {
  onCheckedRequest(connection, JOBS_FOR_CHANGES_REQUEST, jobsForChangesParams, async (params): Promise<JobsForChangesResult> => {
    const out = await run(() => jobsForChanges(getWorkspace(), params));
    return out ?? { error: 'Working out the jobs of the changes failed; see the Zuul output channel.' };
  });
}
