// Shared by the "playbooks and files" rules: which workspace repo a project
// name or a role repo names, and which repo a file matcher is matched against.
//
// A `files:` pattern is matched against the changed files of the project a
// job runs for (reference §3.7), which is not always the repo that defines
// the job: a job library's (zuul-jobs, openstack-zuul-jobs, base-jobs)
// matchers on its job definitions are written for its consumers, and a job
// that project-config lists for another project runs against that project.
// A matcher is checked only where every project it is matched for is known:
//  - a project-pipeline variant: the project its project stanza configures,
//    when that repo is in the workspace;
//  - a project-template variant: the projects whose stanzas use the template,
//    when the workspace holds them all;
//  - a job stanza in a tenant extra-config-path (zuul-tests.d/): the repo
//    itself (those are its own test jobs);
//  - a job stanza whose matcher a job listed by some project stanza ends up
//    with (after variants and inheritance): those projects, when the
//    workspace holds them all (files-runners.ts);
//  - any other job or project-template stanza of a repo that runs most of its
//    own jobs (a system-config, an application repo): the repo itself. Such a
//    repo has a project stanza of its own, and at least half of the jobs its
//    main configuration defines are run by it (listed, depended on, or an
//    ancestor of one that is); a job library runs few of its jobs itself.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { relative, sep } from 'node:path';
import type { Definition, ZuulIndex } from '../zuul/index';
import type { Repo } from '../zuul/discover';
import type { Settings } from '../zuul/settings';
import type { ParsedFile } from '../zuul/parse';
import type { Range } from '../zuul/types';
import { hasFileList, jobStanzas, pipelineLists, type JobStanza } from '../zuul/stanzas';
import { ancestry } from '../zuul/inherit';
import { entries, resolve, str, type YNode } from '../zuul/yamlNodes';
import { nameList, runnerTables, type RunnerTables, type Runners } from './files-runners';

export const MATCHER_KEYS = ['files', 'irrelevant-files'] as const;
export type MatcherKey = (typeof MATCHER_KEYS)[number];

const lastPart = (name: string) => name.slice(name.lastIndexOf('/') + 1);
// A folder named after a repo and a commit: a snapshot, or a worktree of one revision.
const SNAPSHOT = /^(.+)-[0-9a-f]{7,40}$/;

/**
 * Does the workspace repo `repo` hold the project `name` (`org/repo`,
 * `host/org/repo` or `repo`)? The folder may be named after the repo, or
 * after the repo and a commit (`system-config-6747cf2`: a snapshot or a
 * worktree of one revision).
 */
export function repoHoldsProject(repo: Repo, name: string): boolean {
  if (repo.name === name) return true;
  const want = lastPart(name);
  const have = lastPart(repo.name);
  return have === want || SNAPSHOT.exec(have)?.[1] === want;
}

/** Workspace repos by name, by last path component and by snapshot base (`system-config` for `system-config-6747cf2`). */
class RepoNames {
  private readonly exact = new Map<string, Repo>();
  private readonly short = new Map<string, Repo>();
  private readonly snapshot = new Map<string, Repo>();

  constructor(repos: Repo[]) {
    for (const r of repos) {
      const s = lastPart(r.name);
      if (!this.exact.has(r.name)) this.exact.set(r.name, r);
      if (!this.short.has(s)) this.short.set(s, r);
      const m = SNAPSHOT.exec(s);
      if (m && !this.snapshot.has(m[1])) this.snapshot.set(m[1], r);
    }
  }

  find(name: string): Repo | undefined {
    const want = lastPart(name);
    return this.exact.get(name) ?? this.short.get(want) ?? this.snapshot.get(want);
  }
}

const namesCache = new WeakMap<Repo[], RepoNames>();

/** The workspace repo holding project `name`, preferring an exact name over a last-component match. */
export function workspaceRepo(name: string, repos: Repo[]): Repo | undefined {
  let n = namesCache.get(repos);
  if (!n) namesCache.set(repos, (n = new RepoNames(repos)));
  return n.find(name);
}

/** Does a mapping write one of `keys`, or a `<<` merge that may bring one? Cheaper than `entries`. */
export function mayHave(map: YAMLMap | undefined, keys: readonly string[]): map is YAMLMap {
  if (!map) return false;
  for (const pair of map.items) {
    const k = pair.key;
    if (!isScalar(k)) continue;
    if (k.source === '<<' || typeof k.value === 'symbol' || k.value === '<<') return true;
    if (typeof k.value === 'string' && keys.includes(k.value)) return true;
  }
  return false;
}

const stanzaCache = new WeakMap<ZuulIndex, JobStanza[]>();

/** jobStanzas(index), computed once per index for the rules of this family. */
export function stanzasOf(index: ZuulIndex): JobStanza[] {
  let s = stanzaCache.get(index);
  if (!s) stanzaCache.set(index, (s = jobStanzas(index)));
  return s;
}

/** Repo-relative path of a definition's file, with `/` separators. */
export function relPath(def: Definition): string {
  const { root } = def.repo;
  const p = def.file.path;
  const rel = p.startsWith(root + sep) ? p.slice(root.length + 1) : relative(root, p);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Is the stanza's file loaded through one of its repo's extra-config-paths (zuul-tests.d/)? */
export function inExtraConfigPath(def: Definition): boolean {
  if (def.repo.extraConfigPaths.length === 0) return false;
  const rel = relPath(def);
  return def.repo.extraConfigPaths.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p));
}

/** The whole lines of a block-sequence item (`- pattern`), for a quick fix that deletes it. */
export function itemLines(file: ParsedFile, item: YNode): Range | undefined {
  const r = item.range;
  if (!r) return undefined;
  const start = file.lines.position(r[0]);
  const lineStart = file.lines.offset({ line: start.line, character: 0 });
  if (!/^\s*-\s+$/.test(file.text.slice(lineStart, r[0]))) return undefined;
  const end = file.lines.position(r[1]);
  const endLine = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
  const endOffset = endLine >= file.lines.lineCount ? file.text.length : file.lines.offset({ line: endLine, character: 0 });
  return file.lines.range(lineStart, endOffset);
}

export interface RepoScope {
  repo: Repo;
  /** Project stanzas (anywhere in the workspace) that configure this repo. */
  projects: Definition[];
  /** Jobs the repo's project stanzas list, with their pipeline entries (templates included). */
  listed: Map<string, JobStanza[]>;
  /** Listed jobs plus everything they depend on or inherit from. */
  reached: Set<string>;
  /** Distinct job names defined in the repo's main configuration, and how many of them are reached. */
  defined: number;
  reachedDefined: number;
  /** The repo runs most of its own jobs: its job stanzas that no project stanza runs are taken to run against it. */
  selfServing: boolean;
}

export interface MatcherScope {
  /** The repo a project stanza configures, when it is in the workspace. */
  projectRepo(def: Definition): Repo | undefined;
  repoScope(repo: Repo): RepoScope;
  /** The repos whose files `key` of this stanza is matched against, and why; undefined when one of them is unknown. */
  targetOf(stanza: JobStanza, key: MatcherKey): MatcherTarget | undefined;
}

export interface MatcherTarget {
  /** At least one; each has a file list. */
  repos: Repo[];
  why: string;
}

const scopes = new WeakMap<ZuulIndex, { repos: Repo[]; configProjects: string[]; scope: MatcherScope }>();

export function matcherScope(index: ZuulIndex, repos: Repo[], settings: Pick<Settings, 'configProjects'>): MatcherScope {
  const hit = scopes.get(index);
  if (hit && hit.repos === repos && hit.configProjects === settings.configProjects) return hit.scope;
  const scope = buildScope(index, repos, settings.configProjects ?? []);
  scopes.set(index, { repos, configProjects: settings.configProjects, scope });
  return scope;
}

function buildScope(index: ZuulIndex, repos: Repo[], configProjects: string[]): MatcherScope {
  const projectDefs = index.ofKind('project');
  // Named project stanzas per repo: an untrusted repo may only configure itself (reference §4).
  const namesIn = new Map<Repo, Set<string>>();
  for (const d of projectDefs) {
    if (!d.name) continue;
    let s = namesIn.get(d.repo);
    if (!s) namesIn.set(d.repo, (s = new Set()));
    s.add(d.name);
  }
  const isConfigProject = (r: Repo) => configProjects.some((c) => repoHoldsProject(r, c));
  const projectRepoCache = new Map<Definition, Repo | undefined>();
  const projectRepo = (def: Definition): Repo | undefined => {
    if (projectRepoCache.has(def)) return projectRepoCache.get(def);
    let r: Repo | undefined;
    if (!def.name) r = def.repo;
    else if (def.name.startsWith('^')) r = undefined;
    else if (repoHoldsProject(def.repo, def.name)) r = def.repo;
    else {
      r = workspaceRepo(def.name, repos);
      // Not in the workspace under that name: in an untrusted repo whose stanzas all name
      // one project, that project can only be the repo itself.
      if (!r && !isConfigProject(def.repo) && namesIn.get(def.repo)?.size === 1) r = def.repo;
    }
    projectRepoCache.set(def, r);
    return r;
  };

  const jobDefs = index.ofKind('job');
  const chains = new Map<string, string[]>();
  const chainOf = (job: string): string[] => {
    let c = chains.get(job);
    if (!c) chains.set(job, (c = ancestry(index, job).chain));
    return c;
  };
  const depsMemo = new Map<Definition, string[]>();
  const jobDepsOf = (d: Definition): string[] => {
    let c = depsMemo.get(d);
    if (!c) depsMemo.set(d, (c = mayHave(d.item.body, ['dependencies']) ? dependencyNames(d, d.item.body) : []));
    return c;
  };
  // Grouped once: per repo, scanning every project and job stanza made the scopes cost repos x stanzas.
  let byRepo: { projects: Map<Repo, Definition[]>; own: Map<Repo, Set<string>> } | undefined;
  const grouped = () => {
    if (byRepo) return byRepo;
    const projects = new Map<Repo, Definition[]>();
    for (const d of projectDefs) {
      const r = projectRepo(d);
      if (!r) continue;
      const l = projects.get(r);
      if (l) l.push(d);
      else projects.set(r, [d]);
    }
    const own = new Map<Repo, Set<string>>();
    for (const d of jobDefs) {
      if (inExtraConfigPath(d)) continue;
      let set = own.get(d.repo);
      if (!set) own.set(d.repo, (set = new Set()));
      set.add(d.name);
    }
    return (byRepo = { projects, own });
  };
  const ctx: ScopeContext = { index, chainOf, jobDepsOf };
  const repoScopes = new Map<Repo, RepoScope>();
  const repoScope = (repo: Repo): RepoScope => {
    let s = repoScopes.get(repo);
    if (!s) {
      const g = grouped();
      repoScopes.set(repo, (s = computeRepoScope(ctx, repo, g.projects.get(repo) ?? [], g.own.get(repo) ?? new Set())));
    }
    return s;
  };

  let tables: RunnerTables | undefined;
  const runners = () => (tables ??= runnerTables(index, projectRepo, chainOf));
  // Every project known and with a file list, or nothing can be said.
  const known = (r: Runners): Repo[] | undefined => (r.unknown.size === 0 && [...r.repos].every(hasFileList) ? [...r.repos] : undefined);
  const names = (repos: Repo[]) => nameList(repos.map((r) => r.name));

  const targetOf = (stanza: JobStanza, key: MatcherKey): MatcherTarget | undefined => {
    const def = stanza.def;
    if (stanza.kind === 'variant') {
      if (def.kind === 'project') {
        const repo = projectRepo(def);
        if (!repo || !hasFileList(repo)) return undefined;
        return { repos: [repo], why: repo === def.repo ? `the project stanza of ${repo.name}` : `the project stanza for ${repo.name}` };
      }
      const users = runners().templates.get(def.name);
      if (users) {
        const repos = known(users);
        return repos ? { repos, why: `the projects using ${def.name}: ${names(repos)}` } : undefined;
      }
      // No open project uses the template: its consumers are known only for a repo that runs its own jobs.
      const rs = repoScope(def.repo);
      return rs.selfServing && hasFileList(def.repo) ? { repos: [def.repo], why: selfServingWhy(rs) } : undefined;
    }
    const repo = def.repo;
    if (inExtraConfigPath(def)) return hasFileList(repo) ? { repos: [repo], why: `${relPath(def)} is loaded through an extra-config-path of ${repo.name}, so its jobs are ${repo.name}'s own` } : undefined;
    const run = runners().jobs.get(key)?.get(def);
    if (run) {
      const repos = known(run);
      if (!repos) return undefined;
      const why = repos.length === 1 && repos[0] === repo ? `${repo.name}'s own project stanza runs ${stanza.jobName}` : `${stanza.jobName} runs for ${names(repos)}`;
      return { repos, why };
    }
    if (!hasFileList(repo)) return undefined;
    const rs = repoScope(repo);
    return rs.selfServing ? { repos: [repo], why: selfServingWhy(rs) } : undefined;
  };

  return { projectRepo, repoScope, targetOf };
}

function selfServingWhy(rs: RepoScope): string {
  return `${rs.repo.name} runs ${rs.reachedDefined} of the ${rs.defined} jobs it defines itself, so its job definitions are taken to run against it`;
}

interface ScopeContext {
  index: ZuulIndex;
  chainOf(job: string): string[];
  jobDepsOf(def: Definition): string[];
}

/** `own`: the distinct job names the repo's main configuration defines. */
function computeRepoScope({ index, chainOf, jobDepsOf }: ScopeContext, repo: Repo, projects: Definition[], own: ReadonlySet<string>): RepoScope {
  const listed = new Map<string, JobStanza[]>();
  const addList = (def: Definition) => {
    for (const pl of pipelineLists(def)) {
      for (const e of pl.entries) {
        const l = listed.get(e.jobName);
        if (l) l.push(e);
        else listed.set(e.jobName, [e]);
      }
    }
  };
  for (const p of projects) {
    const t = entries(p.file.doc, p.item.body).find((e) => e.key === 'templates')?.value;
    if (isSeq(t)) {
      for (const raw of t.items) {
        const name = str(resolve(p.file.doc, raw));
        if (name) for (const td of index.get('project-template', name)) addList(td);
      }
    }
    addList(p);
  }

  // Everything the listed jobs depend on or inherit from.
  const reached = new Set<string>();
  const stack: string[] = [];
  const push = (n: string) => {
    if (!reached.has(n)) {
      reached.add(n);
      stack.push(n);
    }
  };
  for (const [name, variants] of listed) {
    push(name);
    for (const v of variants) if (v.body && mayHave(v.body, ['dependencies'])) for (const d of dependencyNames(v.def, v.body)) push(d);
  }
  while (stack.length) {
    const n = stack.pop()!;
    for (const a of chainOf(n)) push(a);
    for (const d of index.get('job', n)) for (const dep of jobDepsOf(d)) push(dep);
  }

  let reachedDefined = 0;
  for (const n of own) if (reached.has(n)) reachedDefined++;
  const selfServing = projects.length > 0 && own.size > 0 && reachedDefined * 2 >= own.size;

  return { repo, projects, listed, reached, defined: own.size, reachedDefined, selfServing };
}

/** Job names in a `dependencies:` value (string, list of strings or `{name, soft}`). */
function dependencyNames(def: Definition, body: Definition['item']['body']): string[] {
  const doc = def.file.doc;
  const v = entries(doc, body).find((e) => e.key === 'dependencies')?.value;
  const list = isSeq(v) ? v.items.map((i) => resolve(doc, i)) : v ? [v] : [];
  const out: string[] = [];
  for (const item of list) {
    const s = str(item);
    if (s !== undefined) out.push(s);
    else if (isMap(item)) {
      const n = str(entries(doc, item).find((e) => e.key === 'name')?.value);
      if (n !== undefined) out.push(n);
    }
  }
  return out;
}
