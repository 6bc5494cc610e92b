// A `files:` / `irrelevant-files:` pattern that matches no file of the repo the
// job runs against is silent in Zuul (reference §3.7): the job just never
// triggers on changes to the file that was meant, or never skips. Patterns
// are RE2, matched with `match()`, i.e. anchored at the start of the
// repo-relative path only (§3.6). Where the repo is known: see files-scope.ts.
import { RE2JS } from 're2js';
import { suggestedFile } from './related';
import type { Check, Finding } from './check';
import type { Repo } from '../zuul/discover';
import { rangeOf } from '../zuul/stanzas';
import { classifyZuulRegex, re2 } from '../zuul/regex';
import { editDistance } from '../zuul/suggest';
import { entries } from '../zuul/yamlNodes';
import { matcherPatterns, patternKey, type MatcherPattern } from '../zuul/matchers';
import { ZUUL_DOCS } from '../zuul/rules';
import { itemLines, MATCHER_KEYS, matcherScope, mayHave, stanzasOf, type MatcherKey } from './files-scope';
import { nameList } from './files-runners';

const ID = 'files-matcher-matches-nothing';

/**
 * The literal text every match must start with (RE2 `match()` is anchored at
 * the start), or '' when there is none to rely on (alternation, flags, ...).
 */
export function literalPrefix(pattern: string): string {
  let i = 0;
  while (pattern[i] === '^') i++;
  // An unescaped `|` anywhere could make another branch match: no prefix.
  for (let j = 0; j < pattern.length; j++) {
    if (pattern[j] === '\\') j++;
    else if (pattern[j] === '|') return '';
  }
  let out = '';
  while (i < pattern.length) {
    const c = pattern[i];
    let lit: string | undefined;
    let width = 1;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n !== undefined && /[^A-Za-z0-9]/.test(n)) {
        lit = n;
        width = 2;
      }
    } else if (!'.[](){}*+?|$^'.includes(c)) lit = c;
    if (lit === undefined) break;
    const next = pattern[i + width];
    if (next === '*' || next === '?' || next === '{') break;
    out += lit;
    i += width;
    if (next === '+') break;
  }
  return out;
}

/** Repo files sorted for prefix lookups, plus the directories derived from them. */
export class RepoPaths {
  readonly sorted: string[];
  private dirSet?: Set<string>;

  constructor(readonly files: Set<string>) {
    this.sorted = [...files].sort();
  }

  /** Directories (no trailing slash), from the files' prefixes. */
  get dirs(): Set<string> {
    if (!this.dirSet) {
      const d = new Set<string>();
      for (const f of this.sorted) {
        for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) d.add(f.slice(0, i));
      }
      this.dirSet = d;
    }
    return this.dirSet;
  }

  /** Files starting with `prefix`. */
  *withPrefix(prefix: string): Iterable<string> {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length && this.sorted[i].startsWith(prefix); i++) yield this.sorted[i];
  }

  hasPrefix(prefix: string): boolean {
    for (const _ of this.withPrefix(prefix)) return true;
    return false;
  }
}

/** An order-independent fingerprint of a file list: a rename keeps the size but not this. */
function fingerprint(files: Set<string>): string {
  let h = 0;
  for (const f of files) {
    let x = 2166136261;
    for (let i = 0; i < f.length; i++) x = Math.imul(x ^ f.charCodeAt(i), 16777619);
    h = (h + x) | 0;
  }
  return `${files.size}:${h}`;
}

export interface RepoCache {
  fp: string;
  paths: RepoPaths;
  verdicts: Map<string, boolean>;
  suggestions: Map<string, { suggestions: string[]; reason?: string }>;
  /** Per pattern (`!` in front when negated): the files it matches, or null when too costly to test. */
  matched: Map<string, string[] | null>;
}

// Kept across re-checks (the index is rebuilt on every edit, a repo's file list rarely changes).
const repoCaches = new WeakMap<Set<string>, RepoCache>();

export function repoCache(files: Set<string>): RepoCache {
  const fp = fingerprint(files);
  let c = repoCaches.get(files);
  if (!c || c.fp !== fp) repoCaches.set(files, (c = { fp, paths: new RepoPaths(files), verdicts: new Map(), suggestions: new Map(), matched: new Map() }));
  return c;
}

/** The pattern compiled by RE2 (cached), or null when RE2 rejects it or it is too long to test. */
export function compile(pattern: string): RE2JS | null {
  return pattern.length > MAX_PATTERN_CHARS ? null : re2(pattern);
}

/**
 * RE2 runs in time linear in the text, but with a factor of the active
 * states: `src/` and 5,000 `.?` took 10 s on 300 paths. Real patterns have
 * at most a few dozen characters and a handful of operators; beyond these
 * bounds a pattern is not tested (and not reported).
 */
export const MAX_PATTERN_CHARS = 1000;
const MAX_MATCH_WORK = 20_000_000;

/** Unescaped operators that can keep several RE2 states alive at once. */
function branching(pattern: string): number {
  let n = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '?' || c === '*' || c === '+' || c === '{' || c === '|') n++;
  }
  return n;
}

/** Can the pattern be tried on these paths within the work bound? */
export function affordable(pattern: string, candidates: Iterable<string>): boolean {
  if (pattern.length > MAX_PATTERN_CHARS) return false;
  const width = 1 + branching(pattern);
  let work = 0;
  for (const f of candidates) {
    work += width * (f.length + 1);
    if (work > MAX_MATCH_WORK) return false;
  }
  return true;
}

/**
 * Does the pattern match some file (RE2 `match()`: anchored at the start
 * only)? Negated: some file it does not match. A pattern too costly to test
 * counts as matching, so that nothing is said about it.
 */
export function matchesSomeFile(pattern: string, negate: boolean, paths: RepoPaths): boolean {
  const re = compile(pattern);
  if (!re) return true;
  if (negate) {
    if (!affordable(pattern, paths.sorted)) return true;
    for (const f of paths.sorted) if (!re.matcher(f).lookingAt()) return true;
    return false;
  }
  const prefix = literalPrefix(pattern);
  if (!affordable(pattern, paths.withPrefix(prefix))) return true;
  for (const f of paths.withPrefix(prefix)) if (re.matcher(f).lookingAt()) return true;
  return false;
}

const PLAIN = /^(?:[A-Za-z0-9_\-/@+~,=:% ]|\\[.\-/+_@ ]|\.)*$/;

/**
 * Replacements for a dead pattern that is a plain path (no regex syntax but
 * `.`, an optional `^`, and an optional trailing `.*` or `$`), nearest first:
 * a leading `/`, the repo's name in front of the path, a missing leading
 * folder (`roles/x/` for `playbooks/roles/x/`), or a typo.
 */
export function suggestMatcher(pattern: string, paths: RepoPaths, repoNames: string[] = [], job?: string): { suggestions: string[]; reason?: string } {
  const anchor = pattern.startsWith('^') ? '^' : '';
  let body = pattern.slice(anchor.length);
  let tail = '';
  const t = /(?<!\\)(\.\*\$?|\$)$/.exec(body);
  if (t) {
    tail = t[1];
    body = body.slice(0, -tail.length);
  }
  if (!body || !PLAIN.test(body)) return { suggestions: [] };
  const exact = tail.endsWith('$') && tail !== '.*$';
  const regexStyle = anchor !== '' || tail !== '' || body.includes('\\');
  const literal = body.replace(/\\(.)/g, '$1');
  const write = (lit: string) => anchor + (regexStyle ? lit.replace(/\./g, '\\.') : lit) + tail;
  const hits = (lit: string) => (exact ? paths.files.has(lit) : paths.hasPrefix(lit));
  const live = (s: string) => s !== pattern && matchesSomeFile(s, false, paths);
  const out: string[] = [];
  const add = (lit: string) => {
    const s = write(lit);
    if (!out.includes(s) && live(s)) out.push(s);
  };

  // Zuul's paths have no leading slash (a `\` typed as `/` looks the same).
  const norm = literal.replace(/^(?:\.\/|\/)+/, '');
  if (norm !== literal && norm && hits(norm)) {
    add(norm);
    return { suggestions: out, reason: 'leading-slash' };
  }
  // The repo's name (or another folder) in front of a repo-relative path.
  const parts = norm.split('/');
  for (let k = 1; k < parts.length; k++) {
    const rest = parts.slice(k).join('/');
    if (!rest.replace(/\/$/, '').includes('/')) break;
    if (hits(rest)) {
      add(rest);
      const dropped = parts.slice(0, k).join('/');
      // The repo's name, as a project name or as its folder (`otc-system-config-b454bff` holds system-config).
      const isRepo = repoNames.some((n) => {
        const base = n.replace(/-[0-9a-f]{7,40}$/, '');
        return base === dropped || base.endsWith(`/${dropped}`) || base.endsWith(`-${dropped}`);
      });
      return { suggestions: out, reason: isRepo ? 'repo-prefix' : 'extra-folder' };
    }
  }
  // A missing leading folder: `roles/x/` where the repo has `playbooks/roles/x/`.
  if (norm.length >= 4) {
    const folders = new Map<string, { n: number; boundary: boolean }>();
    const needle = `/${norm}`;
    for (const f of paths.sorted) {
      const at = f.indexOf(needle);
      if (at < 0) continue;
      const after = f[at + needle.length];
      const boundary = norm.endsWith('/') || after === undefined || after === '/';
      if (exact && after !== undefined) continue;
      const x = f.slice(0, at);
      const cur = folders.get(x);
      if (cur) {
        cur.n++;
        cur.boundary ||= boundary;
      } else folders.set(x, { n: 1, boundary });
    }
    const ranked = [...folders].sort((a, b) => Number(b[1].boundary) - Number(a[1].boundary) || a[0].split('/').length - b[0].split('/').length || b[1].n - a[1].n || a[0].localeCompare(b[0]));
    for (const [x] of ranked.slice(0, 3)) add(`${x}/${norm}`);
    if (out.length) return { suggestions: out, reason: 'missing-folder' };
  }
  // A typo: the nearest files / directories of the same shape.
  // Edits are counted against the file name: a few in a long name, one in a short one.
  const name = norm.replace(/\/$/, '').slice(norm.replace(/\/$/, '').lastIndexOf('/') + 1);
  const budget = Math.max(1, Math.min(2, Math.floor(name.length / 8)));
  const scored: { s: string; d: number }[] = [];
  const consider = (cand: string) => {
    const d = editDistance(norm, cand, budget);
    if (d <= budget) scored.push({ s: cand, d });
  };
  if (norm.endsWith('/')) for (const d of paths.dirs) consider(`${d}/`);
  else {
    for (const f of paths.sorted) consider(f);
    if (!exact) for (const d of paths.dirs) consider(d);
    // An explicit prefix (`foo.*`): compare with the same length of each path.
    if (tail.startsWith('.*')) for (const f of paths.sorted) if (f.length > norm.length) consider(f.slice(0, norm.length));
  }
  scored.sort((a, b) => a.d - b.d || a.s.localeCompare(b.s));
  for (const { s } of scored) {
    if (out.length >= 3) break;
    add(s);
  }
  if (out.length) return { suggestions: out, reason: 'typo' };
  // A file renamed after its job: `test-playbooks/run-loreduce.yaml` in
  // zuul-jobs-test-run-logjuicer, where test-playbooks/run-logjuicer.yaml exists.
  const slash = norm.lastIndexOf('/');
  const ext = /\.[A-Za-z0-9]+$/.exec(norm)?.[0];
  if (ext && job) {
    const dir = norm.slice(0, slash + 1);
    const named = paths.sorted.filter((f) => {
      if (!f.startsWith(dir) || f.slice(dir.length).includes('/') || !f.endsWith(ext)) return false;
      const stem = f.slice(dir.length, -ext.length);
      return stem.length >= 5 && (job === stem || job.endsWith(`-${stem}`));
    });
    for (const f of named.slice(0, 3)) add(f);
    if (out.length) return { suggestions: out, reason: 'job-name' };
  }
  return { suggestions: out };
}

function consequence(key: MatcherKey, jobs: string[], allDead: boolean): string {
  const who = nameList(jobs);
  const one = jobs.length === 1;
  if (key === 'irrelevant-files') return `it never makes ${who} skip: a change that touches only the files it was meant to cover still runs ${one ? 'the job' : 'them'}`;
  if (allDead) return `no pattern of this files: list matches a file, and ${who} never ${one ? 'runs' : 'run'} for a change (only when ${one ? 'its' : 'their'} own configuration changes)`;
  return `${who} ${one ? 'is' : 'are'} not triggered by changes to the files it was meant to match`;
}

function hint(suggestions: string[], reason: string | undefined, repo: Repo): string {
  if (!suggestions.length) return ' Fix the path, or delete the pattern.';
  const s = `"${suggestions[0]}"`;
  switch (reason) {
    case 'repo-prefix':
      return ` Paths are relative to the root of ${repo.name}, without the repo's name: write ${s}.`;
    case 'leading-slash':
      return ` Paths have no leading slash (to match a literal dot, escape it: \\.): write ${s}.`;
    case 'missing-folder':
      return ` The path exists one folder deeper: write ${s}.`;
    case 'job-name':
      return ` Did you mean ${s}, named like the job?`;
    default:
      return ` Did you mean ${s}?`;
  }
}

export const filesMatcherMatchesNothing: Check = {
  id: ID,
  severity: 'warning',
  summary:
    "A files/irrelevant-files pattern that matches no file of the repos the job runs against (none of them, for a job several open projects run), where all those repos are open: not a job library's matchers for its consumers, nor those of a job that project-config runs for a repo that is not open. Zuul stays silent and the job never triggers, or never skips, for that file.",
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.files`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'run', 'vars', 'dependencies', 'branches', 'files', 'irrelevant-files'],
  check(ctx) {
    const scope = matcherScope(ctx.index, ctx.repos, ctx.settings);
    const cacheOf = new Map<Repo, RepoCache>();
    // One finding per pattern node: an anchored list reused by aliases in several jobs is one mistake.
    const found = new Map<string, { finding: Finding; jobs: string[]; build: (jobs: string[]) => string }>();
    for (const stanza of stanzasOf(ctx.index)) {
      if (!mayHave(stanza.body, MATCHER_KEYS)) continue;
      const { file } = stanza.def;
      for (const e of entries(file.doc, stanza.body)) {
        if (!(MATCHER_KEYS as readonly string[]).includes(e.key)) continue;
        const key = e.key as MatcherKey;
        const target = scope.targetOf(stanza, key);
        if (!target) continue;
        const caches = target.repos.map((repo) => {
          let cache = cacheOf.get(repo);
          if (!cache) cacheOf.set(repo, (cache = repoCache(repo.files)));
          return { repo, cache };
        });
        const patterns = matcherPatterns(file, e.value);
        // Python-only and invalid patterns have their own (schema) findings.
        const usable = patterns.filter((p) => classifyZuulRegex(p.pattern).kind === 'ok');
        // Dead only when it matches in none of the repos the matcher is matched for.
        const live = (p: MatcherPattern) =>
          caches.some(({ cache: { paths, verdicts } }) => {
            const k = patternKey(p);
            let v = verdicts.get(k);
            if (v === undefined) verdicts.set(k, (v = matchesSomeFile(p.pattern, p.negate, paths)));
            return v;
          });
        const dead = usable.filter((p) => !live(p));
        if (!dead.length) continue;
        const allDead = dead.length === patterns.length;
        const repoNames = nameList(target.repos.map((r) => r.name), 'or');
        for (const p of dead) {
          const where = `${file.path}|${p.node.range?.[0]}|${target.repos.map((r) => r.root).join('|')}`;
          const hit = found.get(where);
          if (hit) {
            if (!hit.jobs.includes(stanza.jobName)) hit.jobs.push(stanza.jobName);
            continue;
          }
          // The nearest existing path, from the first repo that has one.
          let sugg: { suggestions: string[]; reason?: string } = { suggestions: [] };
          let repo = target.repos[0];
          for (const { repo: r, cache } of caches) {
            if (p.negate) break;
            const names = scope.repoScope(r).projects.map((d) => d.name).filter((n) => n && !n.startsWith('^'));
            const sk = `${p.pattern}\u0000${stanza.jobName}\u0000${names.join(',')}`;
            let got = cache.suggestions.get(sk);
            if (!got) cache.suggestions.set(sk, (got = suggestMatcher(p.pattern, cache.paths, [r.name, ...names], stanza.jobName)));
            if (got.suggestions.length) {
              sugg = got;
              repo = r;
              break;
            }
          }
          const { suggestions, reason } = sugg;
          const what = p.negate
            ? `The negated ${key} pattern {regex: "${p.pattern}", negate: true} matches nothing ("${p.pattern}" matches every file of ${repoNames}), so`
            : `The ${key} pattern "${p.pattern}" matches no file of ${repoNames}, so`;
          // Deleting a dead pattern changes nothing while the list keeps another pattern; for
          // files: a live one (with none, the job would start running on every change).
          const deleteRange = p.item && patterns.length > 1 && (key === 'irrelevant-files' || !allDead) ? itemLines(file, p.item) : undefined;
          const build = (jobs: string[]) =>
            `${what} ${consequence(key, jobs, allDead)}. Zuul matches ${key} patterns (RE2, anchored at the start) against the repo-relative paths a change touches, and says nothing about a pattern that never matches.${hint(suggestions, reason, repo)}`;
          const finding: Finding = {
            rule: ID,
            severity: 'warning',
            file: file.path,
            range: rangeOf(file, p.node),
            message: '',
            related: suggestedFile(repo, suggestions[0], 'the nearest existing path'),
            data: { suggestions, pattern: p.pattern, negate: p.negate, key, job: stanza.jobName, repo: target.repos[0].name, repos: target.repos.map((r) => r.name), why: target.why, ...(deleteRange ? { deleteRange } : {}) },
          };
          found.set(where, { finding, jobs: [stanza.jobName], build });
        }
      }
    }
    return [...found.values()].map(({ finding, jobs, build }) => ({ ...finding, message: build(jobs), data: { ...finding.data, jobs } }));
  },
};
