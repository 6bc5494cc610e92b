// The effective job (issue 13): what Zuul freezes for a job, folded as
// Job.applyVariant does (reference §3.2-3.3, 3.8-3.10): the parent chain and
// the job's variants that apply on the branch, root first, then the
// project-pipeline variants, then the project's vars beneath the job's. Each
// value keeps the stanza that set it; what the open repos cannot tell (a
// parent defined elsewhere, a branch matcher with no branch given) is said at
// that value.
import { isMap } from 'yaml';
import type { Repo } from './discover';
import type { Definition, ZuulIndex } from './index';
import { parentOf } from './inherit';
import { pipelinesOfProject, type ProjectPipeline } from './jobGraph';
import type { JobStanza } from './stanzas';
import { stanzaApplies } from './effectiveBranches';
import { fold } from './effectiveFold';
import { deepUpdate, sourceOf, treeOf } from './effectiveValues';
import { entries } from './yamlNodes';
import { VAR_KINDS, type AppliedStanza, type EffectiveJob, type Note, type SkippedStanza, type VarTree } from '../../../protocol/src';

export interface ExplainQuery {
  job: string;
  /** With `pipeline`: the project whose project-pipeline variants apply last. */
  project?: string;
  pipeline?: string;
  branch?: string;
}

export interface ExplainWorld {
  index: ZuulIndex;
  /** True for a config project, false for an untrusted one, undefined when not known. */
  trusted(repo: Repo): boolean | undefined;
}

export type Explained = EffectiveJob | { error: string };

function findProjectPipeline(index: ZuulIndex, project: string, pipeline: string): ProjectPipeline | string {
  // The lists alone: the effective job reads the entries, not every job's dependencies.
  const all = pipelinesOfProject(index, project, false);
  if (!all.length) return `no project stanza for ${project} in the open repositories`;
  const pp = all.find((x) => x.pipeline === pipeline);
  return pp ?? `${project} has no ${pipeline} pipeline; it has ${[...new Set(all.map((x) => x.pipeline))].join(', ')}`;
}

interface Chain {
  stanzas: { stanza: JobStanza; onlyIf?: string }[];
  skipped: SkippedStanza[];
  missing?: string;
  /** A job of the chain none of whose variants applies on the branch. */
  noVariant?: string;
  implied: Set<string>;
}

// A job definition's stanza, as jobStanzas() makes it, without listing every stanza of the index (a new index after each edit).
const stanzaCache = new WeakMap<Definition, JobStanza>();

function stanzaOf(def: Definition): JobStanza | undefined {
  if (!def.item.nameNode) return undefined;
  let s = stanzaCache.get(def);
  if (!s) stanzaCache.set(def, (s = { kind: 'job', jobName: def.name, nameNode: def.item.nameNode, body: def.item.body, def }));
  return s;
}

/** Zuul's _collectJobVariants over the stanzas that apply: ancestors before descendants, each parent chain the first time it is named. */
function collectChain(world: ExplainWorld, job: string, branch: string | undefined): Chain {
  const out: Chain = { stanzas: [], skipped: [], implied: new Set() };
  const visited = new Set<string>();
  const walk = (name: string): boolean => {
    visited.add(name);
    const defs = world.index.get('job', name);
    if (!defs.length) {
      out.missing ??= name;
      return false;
    }
    let any = false;
    for (const def of defs) {
      const stanza = stanzaOf(def);
      if (!stanza) continue;
      const v = stanzaApplies(stanza, branch, world.trusted(def.repo));
      if (!v.applies) {
        out.skipped.push({ ...appliedOf(stanza), why: v.why ?? 'does not apply' });
        continue;
      }
      any = true;
      if (v.implied) out.implied.add(def.repo.name);
      const p = parentOf(def).name;
      const parent = p === null ? null : (p ?? (out.stanzas.length === 0 && name !== world.index.defaultParent ? world.index.defaultParent : null));
      // A parent the open repos lack leaves its part of the chain unknown; the job's own stanzas still say what they set.
      if (parent && !visited.has(parent) && !walk(parent) && !out.missing) return false;
      out.stanzas.push({ stanza, onlyIf: v.onlyIf });
    }
    if (!any) out.noVariant ??= name;
    return any;
  };
  walk(job);
  return out;
}

// Where a stanza is written holds while its definition's file object is the
// same: a re-parse moves the items it keeps, and their definitions, to a new
// file object (ZuulIndex.withFile), with shifted offsets.
const appliedCache = new WeakMap<JobStanza, { file: unknown; base: AppliedStanza }>();

function appliedOf(stanza: JobStanza, onlyIf?: string): AppliedStanza {
  let hit = appliedCache.get(stanza);
  if (!hit || hit.file !== stanza.def.file) {
    const base: AppliedStanza = { kind: stanza.kind, job: stanza.jobName, source: sourceOf(stanza.def, stanza.nameNode) };
    if (stanza.pipeline) base.pipeline = stanza.pipeline;
    appliedCache.set(stanza, (hit = { file: stanza.def.file, base }));
  }
  return onlyIf ? { ...hit.base, onlyIf } : { ...hit.base };
}

/** Template vars, then the project's (the project wins): Zuul merges them beneath the job's vars. */
function projectVars(pp: ProjectPipeline): VarTree {
  let out: VarTree = {};
  const seen = new Set<unknown>();
  for (const list of pp.lists) {
    if (seen.has(list.def)) continue;
    seen.add(list.def);
    const e = entries(list.def.file.doc, list.def.item.body).find((x) => x.key === 'vars');
    if (e && isMap(e.value)) out = deepUpdate(out, treeOf(list.def, e.value, undefined));
  }
  return out;
}

export function explainJob(world: ExplainWorld, q: ExplainQuery): Explained {
  const r = explainWithStanzas(world, q);
  return 'error' in r ? r : r.job;
}

/**
 * The effective job and the stanzas it folds, for callers that look at the
 * stanzas themselves (jobsFor.ts); `matchersOnly` folds only what decides
 * whether a change runs the job (its file matchers and playbooks).
 */
export function explainWithStanzas(world: ExplainWorld, q: ExplainQuery, matchersOnly = false): { job: EffectiveJob; stanzas: JobStanza[] } | { error: string } {
  const { index } = world;
  if (!index.has('job', q.job)) return { error: `no job ${q.job} is defined in the open repositories` };
  if ((q.project === undefined) !== (q.pipeline === undefined)) return { error: 'a project and a pipeline go together: give both, or neither' };
  let pp: ProjectPipeline | undefined;
  if (q.project !== undefined && q.pipeline !== undefined) {
    const found = findProjectPipeline(index, q.project, q.pipeline);
    if (typeof found === 'string') return { error: found };
    if (!found.jobs.has(q.job)) return { error: `${q.job} is not in ${found.project}'s ${q.pipeline} pipeline` };
    pp = found;
  }
  const chain = collectChain(world, q.job, q.branch);
  const notes: Note[] = [];
  const variants: { stanza: JobStanza; onlyIf?: string }[] = [];
  for (const s of pp?.jobs.get(q.job)?.entries ?? []) {
    const v = stanzaApplies(s, q.branch, world.trusted(s.def.repo));
    if (chain.noVariant) chain.skipped.push({ ...appliedOf(s), why: `the job does not run: no variant of ${chain.noVariant} applies` });
    else if (!v.applies) chain.skipped.push({ ...appliedOf(s), why: v.why ?? 'does not apply' });
    else {
      if (v.implied) chain.implied.add(s.def.repo.name);
      variants.push({ stanza: s, onlyIf: v.onlyIf });
    }
  }
  if (chain.missing) notes.push({ attribute: 'parent', message: `${chain.missing} is not defined in the open repositories: what it and its ancestors set is not known` });
  if (chain.noVariant) notes.push({ message: `no variant of ${chain.noVariant} applies on ${q.branch}: Zuul silently does not run ${q.job} there` });
  if (pp && !variants.length && !chain.noVariant) notes.push({ message: `no entry of ${q.job} in ${pp.project}'s ${pp.pipeline} pipeline applies on ${q.branch}: Zuul silently skips it` });
  if (chain.implied.size) notes.push({ message: `stanzas of ${[...chain.implied].join(', ')} apply on the branch their file is read from; the open files are taken to be those of ${q.branch}` });
  const applied = chain.noVariant ? [] : [...chain.stanzas, ...variants];
  const result = fold(applied, chain.stanzas.length, pp && !matchersOnly ? projectVars(pp) : undefined, matchersOnly);
  const out: EffectiveJob = {
    job: q.job,
    applied: applied.map((a) => appliedOf(a.stanza, a.onlyIf)),
    skipped: chain.skipped,
    ...result,
    notes: [...notes, ...result.notes],
    complete: !chain.missing,
  };
  if (q.project !== undefined) out.project = pp?.project ?? q.project;
  if (q.pipeline !== undefined) out.pipeline = q.pipeline;
  if (q.branch !== undefined) out.branch = q.branch;
  for (const k of VAR_KINDS) out.vars[k] ??= {};
  return { job: out, stanzas: applied.map((a) => a.stanza) };
}
