// The files / irrelevant-files a job ends up with in one project-pipeline
// (reference §3.7: only the final value counts; the last project-pipeline
// variant that sets it, else the nearest job of the parent chain, its last
// variant), and whether a change exists that one job runs for and another
// does not. Branch matchers are not evaluated, so where the job's own
// variants disagree, or a value is `!inherit`ed, or the chain leaves the
// workspace (through another parent than `base`), nothing is claimed.
import type { Definition, ZuulIndex } from '../zuul/index';
import type { GraphJob } from '../zuul/jobGraph';
import type { Entry } from '../zuul/yamlNodes';
import { entries } from '../zuul/yamlNodes';
import { ancestry, attr, DEFAULT_PARENT } from '../zuul/inherit';
import { classifyZuulRegex } from '../zuul/regex';
import { affordable, compile, literalPrefix } from './files-matcher-matches-nothing';
import { matcherPatterns, type MatcherPattern } from '../zuul/matchers';
import type { MatcherKey } from './files-scope';

export interface FinalMatcher {
  patterns: MatcherPattern[];
  def: Definition;
  entry: Entry;
}

/** A job's two matchers in a pipeline; undefined where the job has none. */
export interface FinalMatchers {
  files?: FinalMatcher;
  irrelevant?: FinalMatcher;
}

const canon = (ps: MatcherPattern[]) => JSON.stringify(ps.map((p) => [p.pattern, p.negate]).sort());

function usable(m: FinalMatcher): boolean {
  return m.patterns.every((p) => classifyZuulRegex(p.pattern).kind === 'ok' && compile(p.pattern) !== null);
}

/** The matcher that decides `key`; undefined: none; null: variants disagree or `!inherit`; 'unknown': the chain leaves the workspace first. */
function finalFor(index: ZuulIndex, job: GraphJob, key: MatcherKey): FinalMatcher | null | 'unknown' | undefined {
  for (let i = job.entries.length - 1; i >= 0; i--) {
    const s = job.entries[i];
    if (!s.body) continue;
    const e = entries(s.def.file.doc, s.body).find((x) => x.key === key);
    if (!e) continue;
    if (e.value?.tag === '!inherit') return null;
    return { patterns: matcherPatterns(s.def.file, e.value), def: s.def, entry: e };
  }
  return chainFor(index, job.name, key);
}

const chainCache = new WeakMap<ZuulIndex, Map<string, FinalMatcher | null | 'unknown' | undefined>>();

/** The value `key` gets from the job's own stanzas and its parents (cached per index: many pipelines run the same job). */
function chainFor(index: ZuulIndex, jobName: string, key: MatcherKey): FinalMatcher | null | 'unknown' | undefined {
  let m = chainCache.get(index);
  if (!m) chainCache.set(index, (m = new Map()));
  const k = `${key}\u0000${jobName}`;
  if (m.has(k)) return m.get(k);
  const v = computeChain(index, jobName, key);
  m.set(k, v);
  return v;
}

function computeChain(index: ZuulIndex, jobName: string, key: MatcherKey): FinalMatcher | null | 'unknown' | undefined {
  const a = ancestry(index, jobName);
  for (const name of a.chain) {
    const defs = index.get('job', name);
    const setters = defs.filter((d) => d.repo === defs[0].repo).flatMap((d) => {
      const e = attr(d, key);
      return e ? [{ patterns: matcherPatterns(d.file, e.value), def: d, entry: e }] : [];
    });
    if (!setters.length) continue;
    if (setters.some((m) => m.entry.value?.tag === '!inherit')) return null;
    if (new Set(setters.map((m) => canon(m.patterns))).size > 1) return null;
    return setters[setters.length - 1];
  }
  // A base job with a file matcher would filter every job of the tenant: a missing `base` sets none.
  return a.cycle || (a.missing && a.missing !== DEFAULT_PARENT) ? 'unknown' : undefined;
}

/**
 * The job's final matchers, or null when they cannot be known or evaluated.
 * `lenient`: a matcher a job outside the workspace may add is taken as absent
 * (right for the job that must be shown skipped: more matchers only skip it more).
 */
export function finalMatchers(index: ZuulIndex, job: GraphJob, lenient = false): FinalMatchers | null {
  const f = finalFor(index, job, 'files');
  const i = finalFor(index, job, 'irrelevant-files');
  if (f === null || i === null || (!lenient && (f === 'unknown' || i === 'unknown'))) return null;
  const files = f === 'unknown' ? undefined : f;
  const irrelevant = i === 'unknown' ? undefined : i;
  if ((files && !usable(files)) || (irrelevant && !usable(irrelevant))) return null;
  return { files, irrelevant };
}

// Per candidate list (a repo's sorted files, or a memoized sample list): each
// matcher's verdict on every path, computed once; many pipelines share them.
const vectors = new WeakMap<string[], Map<string, Uint8Array | null>>();

/** Which candidates a matcher matches (negation applied; RE2, anchored at the start), or null when too costly. */
function vector(m: FinalMatcher, candidates: string[]): Uint8Array | null {
  let byMatcher = vectors.get(candidates);
  if (!byMatcher) vectors.set(candidates, (byMatcher = new Map()));
  const k = matcherKey(m);
  if (byMatcher.has(k)) return byMatcher.get(k)!;
  let out: Uint8Array | null = null;
  if (m.patterns.every((p) => affordable(p.pattern, candidates))) {
    out = new Uint8Array(candidates.length);
    for (const p of m.patterns) {
      const re = compile(p.pattern)!;
      for (let i = 0; i < candidates.length; i++) if (!out[i] && re.matcher(candidates[i]).lookingAt() !== p.negate) out[i] = 1;
    }
  }
  byMatcher.set(k, out);
  return out;
}

const samples = new Map<string, string[]>();

/** Paths a change might touch, when the repo's files are unknown: from the patterns' literal beginnings, and a few common ones. */
export function samplePaths(matchers: FinalMatchers[]): string[] {
  const all = matchers.flatMap((m) => [m.files, m.irrelevant]).flatMap((fm) => fm?.patterns ?? []);
  const key = canon(all);
  const hit = samples.get(key);
  if (hit) return hit;
  const out = new Set<string>(['README.rst', 'setup.cfg', 'src/main.py', 'doc/source/index.rst']);
  for (const p of all) {
    const pre = literalPrefix(p.pattern).replace(/^\/+/, '');
    if (!pre) continue;
    for (const c of pre.endsWith('/') ? [`${pre}x.yaml`] : [pre, `${pre}/x.yaml`]) out.add(c);
  }
  const list = [...out];
  if (samples.size > 2000) samples.clear();
  samples.set(key, list);
  return list;
}

/**
 * The files of a change that `dependent` runs for and `dependency` does not
 * (one or two paths from `candidates`), or undefined when there is none or
 * testing would cost too much. A job runs when its files match one of the
 * change's files (or it has none) and not every file is irrelevant.
 */
export type Witness = { files: string[]; by: 'files' | 'irrelevant' } | undefined;

const witnesses = new WeakMap<string[], Map<string, Witness>>();

const matcherKey = (m: FinalMatcher | undefined) => (m ? `${m.def.file.path}:${m.entry.keyNode.range?.[0]}:${canon(m.patterns)}` : '-');

export function witness(dependent: FinalMatchers, dependency: FinalMatchers, candidates: string[]): Witness {
  let memo = witnesses.get(candidates);
  if (!memo) witnesses.set(candidates, (memo = new Map()));
  const k = [dependent.files, dependent.irrelevant, dependency.files, dependency.irrelevant].map(matcherKey).join('\u0000');
  if (memo.has(k)) return memo.get(k);
  const w = computeWitness(dependent, dependency, candidates);
  memo.set(k, w);
  return w;
}

function computeWitness(dependent: FinalMatchers, dependency: FinalMatchers, candidates: string[]): Witness {
  const v = (m: FinalMatcher | undefined) => (m ? vector(m, candidates) : undefined);
  const [jf, ji, df, di] = [v(dependent.files), v(dependent.irrelevant), v(dependency.files), v(dependency.irrelevant)];
  if (jf === null || ji === null || df === null || di === null) return undefined;
  const fj = (i: number) => !jf || jf[i] === 1;
  const ij = (i: number) => !!ji && ji[i] === 1;
  const skipByFiles = (i: number) => !!df && df[i] === 0;
  const skipByIrrelevant = (i: number) => !!di && di[i] === 1;
  for (let i = 0; i < candidates.length; i++) {
    if (!fj(i) || ij(i)) continue;
    if (skipByFiles(i)) return { files: [candidates[i]], by: 'files' };
    if (skipByIrrelevant(i)) return { files: [candidates[i]], by: 'irrelevant' };
  }
  // Two files: one the dependent's files match, one it does not find irrelevant, both skipped by the dependency.
  for (const [by, skip] of [
    ['files', skipByFiles],
    ['irrelevant', skipByIrrelevant],
  ] as const) {
    let a = -1;
    let b = -1;
    for (let i = 0; i < candidates.length && (a < 0 || b < 0); i++) {
      if (!skip(i)) continue;
      if (a < 0 && fj(i)) a = i;
      if (b < 0 && !ij(i)) b = i;
    }
    if (a >= 0 && b >= 0) return { files: a === b ? [candidates[a]] : [candidates[a], candidates[b]], by };
  }
  return undefined;
}
