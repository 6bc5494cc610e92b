// Which jobs a change runs (issue 13), per pipeline of the changed project, as
// Zuul decides it (reference §3.7, Layout.extendJobGraph and
// JobGraph.removeNonMatchingJobs): each job's final `files` /
// `irrelevant-files` from the effective job, RE2 matched at the start of
// each changed path; file matchers ignored when the change touches the job's
// configuration or its playbooks; a filtered-out job that a running job
// needs through hard dependencies is run anyway. The dangerous outcomes are
// said: a soft dependency filtered out (the dependent no longer waits for
// it), and a bootstrap job that does not run while jobs that need it do.
import type { ProjectPipeline } from './jobGraph';
import { pipelinesOfProject } from './jobGraph';
import { bootstrapsOf } from './bootstrap';
import type { Settings } from './settings';
import { explainWithStanzas, type ExplainWorld } from './effectiveJob';
import { stanzaChanged, type BeforeText } from './configChange';
import { repoRelative } from './discover';
import type { JobStanza } from './stanzas';
import { matchesAtStart } from './matchers';
import { typoDistance } from './suggest';
import type { EffectiveJob, JobRun, JobsForPipeline, Sourced } from '../../../protocol/src';

export interface ChangeQuery {
  /** The project the files belong to (a repository name or a tenant project name). */
  project: string;
  /** Paths relative to the project's root, with `/`. */
  files: string[];
  pipeline?: string;
  branch?: string;
  /** The changed files' texts before the change, where known (git); decides whether a job's configuration changes. */
  before?: BeforeText;
}

const shortName = (n: string) => n.split('/').pop() ?? n;

interface Pattern {
  regex: string;
  negate: boolean;
  entry: Sourced;
}

function patternsOf(list: Sourced[]): Pattern[] {
  const out: Pattern[] = [];
  for (const e of list) {
    const v = e.value;
    if (typeof v === 'string') out.push({ regex: v, negate: false, entry: e });
    else if (v && typeof v === 'object' && typeof (v as Record<string, unknown>).regex === 'string') {
      const o = v as Record<string, unknown>;
      out.push({ regex: String(o.regex), negate: o.negate === true, entry: e });
    }
  }
  return out;
}

/** True or false as Zuul's matcher answers for one path; undefined when RE2 cannot read the pattern. */
const matches = (p: Pattern, path: string): boolean | undefined => matchesAtStart(p.regex, p.negate, path);

type Verdict = Omit<JobRun, 'job'>;

/** How the change touches the job's configuration in its project: a stanza of it changed (or may have), or one of its playbooks. */
function touchesJob(j: EffectiveJob, stanzas: JobStanza[], q: ChangeQuery, files: Set<string>): { why: string; certain: boolean } | undefined {
  const same = (repo: string) => repo === q.project || shortName(repo) === shortName(q.project);
  let maybe: string | undefined;
  for (const s of stanzas) {
    if (!same(s.def.repo.name)) continue;
    const file = repoRelative(s.def.repo, s.def.file.path);
    if (!files.has(file)) continue;
    const c = q.before ? stanzaChanged(s, q.before, file) : 'unknown';
    if (c === 'changed') return { why: `the change alters its ${s.kind === 'job' ? `stanza of ${s.jobName}` : `${s.pipeline} entry`} in ${file}`, certain: true };
    if (c === 'unknown') maybe ??= file;
  }
  for (const p of j.playbooks) if (same(p.repo) && files.has(p.path)) return { why: `the change edits its playbook ${p.path}`, certain: true };
  return maybe ? { why: `the change edits ${maybe}, which holds a stanza of the job (whether it alters the job is not known without the file's earlier text)`, certain: false } : undefined;
}

function judge(j: EffectiveJob, stanzas: JobStanza[], q: ChangeQuery, files: string[]): Verdict {
  if (!files.length) return { runs: true, why: 'the change has no file list (a merge, a tag, a periodic run): file matchers let every job run' };
  const config = j.attributes['match-on-config-updates']?.value !== false ? touchesJob(j, stanzas, q, new Set(files)) : undefined;
  if (config?.certain) return { runs: true, why: `${config.why}: Zuul ignores its file matchers (match-on-config-updates)` };
  const v = byMatchers(j, files);
  if (config && v.runs === false) return { ...v, runs: undefined, why: `${v.why}, unless ${config.why}: then Zuul ignores its file matchers (match-on-config-updates)` };
  return v;
}

function byMatchers(j: EffectiveJob, files: string[]): Verdict {
  const fm = j.lists.files;
  if (fm) {
    const ps = patternsOf(fm);
    let unknown: Pattern | undefined;
    for (const f of files) {
      for (const p of ps) {
        const m = matches(p, f);
        if (m === undefined) unknown ??= p;
        else if (m) return irrelevant(j, files) ?? { runs: true, why: `${f} matches files ${JSON.stringify(p.entry.value)}`, matcher: { attribute: 'files', entry: p.entry } };
      }
    }
    if (unknown) return { runs: undefined, why: `files ${unknown.regex} is not RE2: whether it matches is not known`, matcher: { attribute: 'files', entry: unknown.entry } };
    if (!ps.length) return { runs: false, why: 'its files list is empty: it never matches a change with files', matcher: fm[0] ? { attribute: 'files', entry: fm[0] } : undefined };
    const why = `no changed file matches its files (${ps.map((p) => p.regex).join(', ')})`;
    const near = nearMiss(ps, files);
    if (near) return { runs: false, why: `${why}; ${near.pattern.regex} is one typo from ${near.file}`, matcher: { attribute: 'files', entry: near.pattern.entry } };
    return { runs: false, why, matcher: { attribute: 'files', entry: fm[0] } };
  }
  return irrelevant(j, files) ?? { runs: true, why: j.lists['irrelevant-files'] ? 'some changed file is not irrelevant' : 'it has no file matchers' };
}

/** A pattern that reads as a path (no regex but `^` and `$`) a typo away from a changed file: the likely reason a job does not run. */
function nearMiss(ps: Pattern[], files: string[]): { pattern: Pattern; file: string } | undefined {
  for (const p of ps) {
    if (p.negate) continue;
    const literal = p.regex.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\./g, '.');
    if (/[\\()[\]{}*+?|]/.test(literal)) continue;
    for (const f of files) if (Number.isFinite(typoDistance(literal, f)) && literal !== f) return { pattern: p, file: f };
  }
  return undefined;
}

/** The skip by irrelevant-files: every changed file matches one of its patterns. */
function irrelevant(j: EffectiveJob, files: string[]): Verdict | undefined {
  const list = j.lists['irrelevant-files'];
  if (!list) return undefined;
  const ps = patternsOf(list);
  let first: Pattern | undefined;
  for (const f of files) {
    let hit: Pattern | undefined;
    for (const p of ps) {
      const m = matches(p, f);
      if (m === undefined) return { runs: undefined, why: `irrelevant-files ${p.regex} is not RE2: whether it matches is not known`, matcher: { attribute: 'irrelevant-files', entry: p.entry } };
      if (m) {
        hit = p;
        break;
      }
    }
    if (!hit) return undefined;
    first ??= hit;
  }
  return first ? { runs: false, why: `every changed file matches its irrelevant-files (${files.length === 1 ? `${files[0]}: ${first.regex}` : ps.map((p) => p.regex).join(', ')})`, matcher: { attribute: 'irrelevant-files', entry: first.entry } } : undefined;
}

function pipelineVerdict(world: ExplainWorld, settings: Settings, pp: ProjectPipeline, q: ChangeQuery): JobsForPipeline {
  const files = q.files.filter((f) => f !== '/COMMIT_MSG');
  const jobs: JobRun[] = [];
  const byName = new Map<string, JobRun>();
  for (const name of pp.jobs.keys()) {
    const r = explainWithStanzas(world, { job: name, project: pp.project, pipeline: pp.pipeline, branch: q.branch }, true);
    let run: JobRun;
    if ('error' in r) run = { job: name, runs: undefined, why: r.error };
    else if (!r.job.applied.some((a) => a.kind === 'variant')) run = { job: name, runs: false, why: r.job.notes.map((n) => n.message).join('; ') || 'no variant applies' };
    else {
      run = { job: name, ...judge(r.job, r.stanzas, q, files) };
      // A matcher may come from the part of the chain that is not open.
      if (!r.job.complete && run.runs !== undefined && !run.matcher) run = { job: name, runs: undefined, why: `${run.why}, as far as the open repositories tell: ${r.job.notes.find((n) => n.attribute === 'parent')?.message ?? 'part of its parent chain is not open'}` };
    }
    jobs.push(run);
    byName.set(name, run);
  }
  const warnings: JobsForPipeline['warnings'] = [];
  // Zuul runs a filtered-out job anyway when a running job needs it through hard dependencies.
  for (const run of jobs) {
    if (run.runs !== true || run.pulledBy) continue;
    const todo = [run.job];
    const seen = new Set(todo);
    while (todo.length) {
      for (const d of pp.jobs.get(todo.pop()!)?.deps ?? []) {
        if (d.soft || seen.has(d.name)) continue;
        seen.add(d.name);
        todo.push(d.name);
        const dep = byName.get(d.name);
        if (dep && dep.runs === false) {
          dep.runs = true;
          dep.pulledBy = [...(dep.pulledBy ?? []), run.job];
          dep.why = `${dep.why}; run anyway: ${run.job} needs it (hard dependency)`;
        }
      }
    }
  }
  for (const run of jobs) {
    if (run.runs !== true) continue;
    for (const d of pp.jobs.get(run.job)?.deps ?? []) {
      if (d.soft && byName.get(d.name)?.runs === false) warnings.push({ job: run.job, message: `${run.job} runs without waiting for ${d.name}: a soft dependency, and ${d.name} does not run for this change` });
    }
  }
  for (const b of bootstrapsOf(world.index, settings, pp)) {
    const running = b.subjects.filter((s) => byName.get(s)?.runs === true);
    const list = (xs: string[]) => `${xs.join(', ')} ${xs.length === 1 ? 'runs' : 'run'}`;
    if (byName.get(b.job)?.runs === false) {
      if (running.length) warnings.push({ job: b.job, message: `the bootstrap job ${b.job} does not run for this change, yet ${list(running)} without it` });
      continue;
    }
    const early = running.filter((s) => !b.waiting.includes(s));
    if (early.length) warnings.push({ job: early[0], message: `${list(early)} without waiting for the bootstrap job ${b.job}: no ${b.softCounts ? '' : 'hard '}dependency on it` });
  }
  return { project: pp.project, pipeline: pp.pipeline, jobs, warnings };
}

/** Every pipeline of the project (or the one asked for), with each job's verdict for the changed files. */
export function jobsFor(world: ExplainWorld, settings: Settings, q: ChangeQuery): JobsForPipeline[] | { error: string } {
  const pps = pipelinesOfProject(world.index, q.project);
  if (!pps.length) return { error: `no project stanza for ${q.project} in the open repositories` };
  const chosen = q.pipeline === undefined ? pps : pps.filter((pp) => pp.pipeline === q.pipeline);
  if (!chosen.length) return { error: `${q.project} has no ${q.pipeline} pipeline; it has ${[...new Set(pps.map((p) => p.pipeline))].join(', ')}` };
  return chosen.map((pp) => pipelineVerdict(world, settings, pp, q));
}
