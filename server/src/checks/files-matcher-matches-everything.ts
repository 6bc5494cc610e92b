// The opposite of files-matcher-matches-nothing: a `files:` pattern that
// matches every file makes the matcher pointless (the job runs for every
// change), and `irrelevant-files:` that match every file make the job skip
// every change (it runs only when its own configuration changes). Zuul says
// nothing about either (reference §3.7). "Nearly every" is defined narrowly
// so that a real pattern (`^.*\.rst$` in a repo of documents) is never taken
// for one: a pattern that names no file or folder (no letter or digit outside
// a character class or an escape such as \w; only dots, slashes and classes)
// and still matches at least 90% of the repo's files, which is how a glob
// written as a regular expression looks (`.*\..*`, `.*/.*`). Matched as Zuul
// matches: RE2, anchored at the start, against each repo the matcher is
// matched for (files-scope.ts); nothing is said where that repo is unknown.
import type { Check, Finding } from './check';
import type { Repo } from '../zuul/discover';
import type { ZuulIndex } from '../zuul/index';
import type { JobStanza } from '../zuul/stanzas';
import { rangeOf } from '../zuul/stanzas';
import { classifyZuulRegex } from '../zuul/regex';
import { ancestry, attr } from '../zuul/inherit';
import { entries } from '../zuul/yamlNodes';
import { ZUUL_DOCS } from '../zuul/rules';
import { affordable, compile, repoCache, suggestMatcher, type RepoCache } from './files-matcher-matches-nothing';
import { matcherPatterns, patternKey, type MatcherPattern } from '../zuul/matchers';
import { MATCHER_KEYS, matcherScope, mayHave, stanzasOf, type MatcherKey } from './files-scope';
import { nameList } from './files-runners';

const ID = 'files-matcher-matches-everything';

/** Share of a repo's files a pattern without a name must match to count as "nearly every". */
export const NEARLY = 0.9;

export interface MatchesEverythingData {
  key: MatcherKey;
  /** `every`: the pattern matches each file; `nearly`: see NEARLY; `together`: irrelevant-files whose patterns cover each file only together. */
  kind: 'every' | 'nearly' | 'together';
  pattern?: string;
  negate?: boolean;
  jobs: string[];
  repos: string[];
  why: string;
  /** Files of the repos the matcher covers, and how many they have. */
  matched: number;
  total: number;
  /** A few files it leaves out (for `nearly`). */
  unmatched: string[];
  /** For a negated pattern whose regex matches no file: the nearest existing paths for the regex. */
  suggestions: string[];
  [key: string]: unknown;
}

/** Does the pattern name nothing: no literal letter or digit, only dots, slashes, classes and operators? */
export function namesNoPath(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      // \Q...\E, hex and octal escapes spell literal text.
      if (/[QxuU0-7]/.test(n)) return false;
      if ((n === 'p' || n === 'P') && pattern[i + 2] === '{') i = Math.max(i + 1, pattern.indexOf('}', i));
      else i++;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        if (pattern[j] === '\\') j++;
        else if (pattern[j] === '[' && pattern[j + 1] === ':') j = Math.max(j, pattern.indexOf(':]', j + 2) + 1);
      }
      i = j;
      continue;
    }
    const rep = c === '{' ? /^\{[0-9]*(,[0-9]*)?\}/.exec(pattern.slice(i)) : null;
    if (rep) {
      i += rep[0].length - 1;
      continue;
    }
    const group = c === '(' && pattern[i + 1] === '?' ? /^\(\?(P?<[A-Za-z_][A-Za-z0-9_]*>|[A-Za-z-]*[:)])/.exec(pattern.slice(i)) : null;
    if (group) {
      i += group[0].length - 1;
      continue;
    }
    if (/[A-Za-z0-9]/.test(c)) return false;
  }
  return true;
}

/** The files of the repo a pattern matches (negation applied), or null when it cannot be tested cheaply. */
function matchedFiles(p: MatcherPattern, cache: RepoCache): string[] | null {
  const k = patternKey(p);
  if (cache.matched.has(k)) return cache.matched.get(k)!;
  const re = compile(p.pattern);
  let out: string[] | null = null;
  if (re && affordable(p.pattern, cache.paths.sorted)) {
    out = cache.paths.sorted.filter((f) => re.matcher(f).lookingAt() !== p.negate);
  }
  cache.matched.set(k, out);
  return out;
}

// Whether a pattern can match every file, or NEARLY every one, of a repo:
// most patterns miss a file early on, so this stops at the misses that rule
// both out instead of matching the whole file list (a second of RE2 on a
// 10,000-job tenant).
const coverCache = new WeakMap<RepoCache, Map<string, boolean>>();

function mayCoverAll(p: MatcherPattern, cache: RepoCache, nearlyCounts: boolean): boolean {
  const k = `${nearlyCounts ? '~' : ''}${patternKey(p)}`;
  let memo = coverCache.get(cache);
  if (!memo) coverCache.set(cache, (memo = new Map()));
  const hit = memo.get(k);
  if (hit !== undefined) return hit;
  const full = cache.matched.get(patternKey(p));
  const files = cache.paths.sorted;
  // One miss of slack over NEARLY: this only rules patterns out, matchedFiles decides.
  const allowed = nearlyCounts ? Math.ceil((1 - NEARLY) * files.length) + 1 : 0;
  let out: boolean;
  if (full !== undefined) out = full !== null && files.length - full.length <= allowed;
  else {
    const re = compile(p.pattern);
    // Not testable: matchedFiles says null, and the pattern is skipped there too.
    if (!re || !affordable(p.pattern, files)) out = true;
    else {
      let misses = 0;
      for (const f of files) if (re.matcher(f).lookingAt() === p.negate && ++misses > allowed) break;
      out = misses <= allowed;
    }
  }
  memo.set(k, out);
  return out;
}

/** Is there another matcher this one may be meant to replace (`files: ^.*$` undoing an inherited `files:`)? */
function mayOverride(index: ZuulIndex, stanza: JobStanza, key: MatcherKey): boolean {
  const a = ancestry(index, stanza.jobName);
  if (a.missing || a.cycle) return true;
  return a.chain.some((name) => index.get('job', name).some((d) => d !== stanza.def && attr(d, key)));
}

function consequence(key: MatcherKey, jobs: string, one: boolean, kind: MatchesEverythingData['kind'], matched: number): string {
  if (key === 'files') {
    return kind === 'nearly'
      ? `${jobs} ${one ? 'runs' : 'run'} for almost every change: the files: matcher barely narrows anything`
      : `${jobs} ${one ? 'runs' : 'run'} for every change, as if ${one ? 'it' : 'they'} had no files: matcher`;
  }
  return kind === 'nearly'
    ? `${jobs} ${one ? 'runs' : 'run'} only for changes that touch one of the few files it leaves out, not for the ${matched} it covers`
    : `${jobs} never ${one ? 'runs' : 'run'} for a change (only when ${one ? 'its' : 'their'} own configuration changes): Zuul skips a job when every file a change touches matches irrelevant-files`;
}

interface Pending {
  finding: Finding;
  jobs: string[];
  build: (jobs: string[]) => string;
}

export const filesMatcherMatchesEverything: Check = {
  id: ID,
  severity: 'warning',
  summary:
    'A files/irrelevant-files matcher that matches every file of the repo the job runs against (where that repo is known), or nearly every file (at least 90% of them, by a pattern that names no file or folder, like `.*\\..*`): the job always runs (files) or never runs (irrelevant-files). A lone catch-all files: that may undo an inherited files: is left alone.',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.irrelevant-files`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'run', 'vars', 'dependencies', 'branches', 'files', 'irrelevant-files'],
  check(ctx) {
    const scope = matcherScope(ctx.index, ctx.repos, ctx.settings);
    // repoCache() fingerprints the whole file list: once per repo and run.
    const caches = new Map<Repo, RepoCache>();
    const cacheOf = (r: Repo) => {
      let c = caches.get(r);
      if (!c) caches.set(r, (c = repoCache(r.files)));
      return c;
    };
    const found = new Map<string, Pending>();
    const add = (where: string, job: string, make: () => Pending) => {
      const hit = found.get(where);
      if (hit) {
        if (!hit.jobs.includes(job)) hit.jobs.push(job);
      } else found.set(where, make());
    };
    for (const stanza of stanzasOf(ctx.index)) {
      if (!mayHave(stanza.body, MATCHER_KEYS)) continue;
      const { file } = stanza.def;
      for (const e of entries(file.doc, stanza.body)) {
        if (!(MATCHER_KEYS as readonly string[]).includes(e.key)) continue;
        const key = e.key as MatcherKey;
        const target = scope.targetOf(stanza, key);
        if (!target) continue;
        const patterns = matcherPatterns(file, e.value);
        if (patterns.length === 0) continue;
        const usable = patterns.filter((p) => classifyZuulRegex(p.pattern).kind === 'ok');
        const totals = target.repos.map((r) => r.files.size);
        const total = totals.reduce((a, b) => a + b, 0);
        const repoNames = target.repos.map((r) => r.name);
        const where = nameList(repoNames);
        const reported: MatcherPattern[] = [];
        for (const p of usable) {
          const loose = namesNoPath(p.pattern);
          if (!target.repos.every((r) => mayCoverAll(p, cacheOf(r), loose))) continue;
          const per = target.repos.map((r) => matchedFiles(p, cacheOf(r)));
          if (per.some((m) => m === null)) continue;
          const matched = per.reduce((a, m) => a + m!.length, 0);
          const every = per.every((m, i) => m!.length === totals[i]);
          const nearly = !every && namesNoPath(p.pattern) && per.every((m, i) => m!.length >= NEARLY * totals[i]);
          if (!every && !nearly) continue;
          // `files: ^.*$` alone, over an inherited files:, is how a project undoes it.
          if (key === 'files' && every && !p.negate && patterns.length === 1 && mayOverride(ctx.index, stanza, key)) continue;
          reported.push(p);
          const kind = every ? 'every' : 'nearly';
          const unmatched: string[] = [];
          target.repos.forEach((r, i) => {
            const m = new Set(per[i]);
            for (const f of cacheOf(r).paths.sorted) {
              if (unmatched.length >= 5) break;
              if (!m.has(f)) unmatched.push(f);
            }
          });
          // A negated typo: the regex matches no file, so its negation matches them all.
          let suggestions: string[] = [];
          if (p.negate && matched === total) {
            for (const r of target.repos) {
              suggestions = suggestMatcher(p.pattern, cacheOf(r).paths, [r.name], stanza.jobName).suggestions;
              if (suggestions.length) break;
            }
          }
          const shown = p.negate ? `negated ${key} pattern {regex: "${p.pattern}", negate: true}` : `${key} pattern "${p.pattern}"`;
          const how =
            kind === 'every'
              ? p.negate
                ? `matches every file of ${where} ("${p.pattern}" itself matches none)`
                : `matches every file of ${where}`
              : `matches ${matched} of the ${total} files of ${where} (all but ${unmatched.map((f) => `"${f}"`).join(', ')}${total - matched > unmatched.length ? ` and ${total - matched - unmatched.length} more` : ''}) and names no file or folder, only the shape of a path: "nearly every file" here means at least ${NEARLY * 100}% of them by such a pattern, the way a glob written as a regular expression reads`;
          const others = key === 'files' && patterns.length > 1 ? ', and the other patterns of the list change nothing' : '';
          const fix =
            suggestions.length > 0
              ? ` Did you mean {regex: "${suggestions[0]}", negate: true}?`
              : key === 'files'
                ? ' Write the paths the job is about (RE2, anchored at the start: "^docs/", "\\.py$"), or drop the files: matcher.'
                : ' Write the paths that do not need the job (RE2, anchored at the start: "^docs/", "\\.rst$"); to stop running the job, remove it from the job list instead.';
          const data: MatchesEverythingData = { key, kind, pattern: p.pattern, negate: p.negate, jobs: [], repos: repoNames, why: target.why, matched, total, unmatched, suggestions };
          add(`${file.path}|${p.node.range?.[0]}|${repoNames.join('|')}`, stanza.jobName, () => ({
            jobs: [stanza.jobName],
            build: (jobs) => `The ${shown} ${how}, so ${consequence(key, nameList(jobs), jobs.length === 1, kind, matched)}${others}.${fix}`,
            finding: { rule: ID, severity: 'warning', file: file.path, range: rangeOf(file, p.node), message: '', data },
          }));
        }
        // irrelevant-files whose patterns only together cover every file.
        if (key !== 'irrelevant-files' || reported.length || usable.length < 2) continue;
        let covered = 0;
        let testable = true;
        target.repos.forEach((r) => {
          const union = new Set<string>();
          for (const p of usable) {
            const m = matchedFiles(p, cacheOf(r));
            if (m === null) testable = false;
            else for (const f of m) union.add(f);
          }
          covered += union.size;
        });
        if (!testable || covered !== total) continue;
        const data: MatchesEverythingData = { key, kind: 'together', jobs: [], repos: repoNames, why: target.why, matched: covered, total, unmatched: [], suggestions: [] };
        add(`${file.path}|${e.keyNode.range?.[0]}|${repoNames.join('|')}`, stanza.jobName, () => ({
          jobs: [stanza.jobName],
          build: (jobs) => `Together, these ${usable.length} irrelevant-files patterns match every file of ${where}, so ${consequence(key, nameList(jobs), jobs.length === 1, 'together', covered)}. Narrow them to the paths that do not need the job; to stop running the job, remove it from the job list instead.`,
          finding: { rule: ID, severity: 'warning', file: file.path, range: rangeOf(file, e.keyNode), message: '', data },
        }));
      }
    }
    return [...found.values()].map(({ finding, jobs, build }) => ({ ...finding, message: build(jobs), data: { ...finding.data, jobs } }));
  },
};
