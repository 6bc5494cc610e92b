// `zuul-check jobs-for`: the changed files (named, from `git diff REV`, or the
// uncommitted changes of each repository), grouped by repository, and for
// each the jobs of its project's pipelines that run and those that do not.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ZuulWorkspace } from '../engine/workspace';
import { jobsForInWorkspace } from '../engine/explain';
import { renderJobsFor } from '../features/jobsForText';
import { gitLines, textsAt } from '../engine/gitText';
import { repoRelative, type Repo } from '../zuul/discover';
import { UsageError } from './args';
import type { JobsForPipeline } from '../../../protocol/src';

export interface JobsForOptions {
  files: string[];
  diff?: string;
  project?: string;
  pipeline?: string;
  branch?: string;
}

function git(root: string, args: string[]): string[] {
  const r = gitLines(root, args);
  if ('error' in r) throw new UsageError(r.error);
  return r.lines;
}

/** Changed files per repository: the named ones, else git's (`--diff REV`, or what is not committed yet). */
export function changedFiles(ws: ZuulWorkspace, o: JobsForOptions, cwd: string): Map<Repo, string[]> {
  const out = new Map<Repo, string[]>();
  const add = (repo: Repo, f: string) => {
    const list = out.get(repo) ?? [];
    if (!list.includes(f)) list.push(f);
    out.set(repo, list);
  };
  if (o.files.length) {
    for (const f of o.files) {
      const abs = resolve(cwd, f);
      const repo = ws.repoOf(abs);
      if (!repo) throw new UsageError(`${f} is in no repository of the workspace`);
      add(repo, repoRelative(repo, abs));
    }
    return out;
  }
  const repos = o.project ? ws.repos.filter((r) => r.name === o.project || r.name === o.project!.split('/').pop()) : ws.repos;
  for (const repo of repos) {
    if (!existsSync(join(repo.root, '.git'))) continue;
    // --relative: paths from the repository's root, --no-renames: a move lists both paths, as a change's file list does.
    const changed = o.diff !== undefined ? git(repo.root, ['diff', '--name-only', '--no-renames', '--relative', o.diff, '--']) : [...git(repo.root, ['diff', '--name-only', '--no-renames', '--relative', 'HEAD', '--']), ...git(repo.root, ['ls-files', '--others', '--exclude-standard'])];
    for (const f of changed) add(repo, f);
  }
  return out;
}

/** Prints the verdicts; 0, or 1 when a warning says a change runs jobs without what they need. */
export function runJobsFor(ws: ZuulWorkspace, o: JobsForOptions, format: string, cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  if (format === 'sarif') throw new UsageError('jobs-for prints text or json');
  const changes = changedFiles(ws, o, cwd);
  if (!changes.size) {
    err(`zuul-check: no changed files${o.diff !== undefined ? ` since ${o.diff}` : ' (nothing uncommitted)'} in ${o.project ?? 'the repositories of the workspace'}\n`);
    return 0;
  }
  const results: { project: string; files: string[]; pipelines: JobsForPipeline[] }[] = [];
  for (const [repo, files] of changes) {
    const project = o.project ?? repo.name;
    // What a changed config file said before, from git: whether a job's configuration changes is then known.
    const before = o.files.length ? undefined : textsAt(repo.root, o.diff ?? 'HEAD');
    const r = jobsForInWorkspace(ws, { project, files, pipeline: o.pipeline, branch: o.branch, before });
    if ('error' in r) {
      // A repository with changes but no project stanza runs nothing of its own.
      if (o.project !== undefined || o.pipeline !== undefined) throw new UsageError(r.error);
      err(`zuul-check: ${repo.name}: ${r.error}\n`);
      continue;
    }
    results.push({ project, files, pipelines: r });
  }
  if (format === 'json') out(`${JSON.stringify(results, null, 2)}\n`);
  else for (const r of results) out(renderJobsFor(r.project, r.files, r.pipelines));
  return results.some((r) => r.pipelines.some((p) => p.warnings.length)) ? 1 : 0;
}
