// How Zuul treats a regular expression from the configuration (reference
// §3.6): RE2 first; if RE2 rejects it but Python's `re` accepts it, Zuul uses
// Python and records the "Regex Deprecation" warning; otherwise it is an
// error. We have no Python here, so "Python accepts it" is decided by
// rewriting the Python-only constructs into RE2 equivalents and asking RE2
// again: if only those constructs were the problem, the rewrite compiles.
import { RE2JS } from 're2js';

export type RegexVerdict =
  | { kind: 'ok' }
  | { kind: 'python-only'; constructs: string[]; re2Error: string }
  | { kind: 'invalid'; error: string };

// The one cache of compiled patterns: every rule and setting that tests a
// pattern compiles it here, once.
const cache = new Map<string, { re: RE2JS; error?: undefined } | { re: null; error: string }>();

function compiled(pattern: string) {
  let hit = cache.get(pattern);
  if (hit === undefined) {
    try {
      hit = { re: RE2JS.compile(pattern) };
    } catch (e) {
      hit = { re: null, error: String((e as Error).message ?? e).replace(/^error parsing regexp: /, '') };
    }
    if (cache.size > 20000) cache.clear();
    cache.set(pattern, hit);
  }
  return hit;
}

/** The pattern compiled by RE2, or null when RE2 rejects it. */
export function re2(pattern: string): RE2JS | null {
  return compiled(pattern).re;
}

/** RE2's complaint about a pattern, or undefined when RE2 compiles it. */
export function re2Error(pattern: string): string | undefined {
  return compiled(pattern).error;
}

/** Classifies a branch / file matcher pattern the way Zuul's ZuulRegex does. */
export function classifyZuulRegex(pattern: string): RegexVerdict {
  const err = re2Error(pattern);
  if (err === undefined) return { kind: 'ok' };
  const { out, constructs } = pythonToRe2(pattern);
  if (constructs.length > 0 && re2Error(out) === undefined) return { kind: 'python-only', constructs, re2Error: err };
  return { kind: 'invalid', error: err };
}

const MAX_REPEAT = 1000;

/**
 * Rewrites the constructs Python's `re` has and RE2 lacks into something RE2
 * parses with the same structure (not the same meaning: only validity matters).
 */
export function pythonToRe2(p: string): { out: string; constructs: string[] } {
  const found = new Set<string>();
  let out = '';
  let i = 0;
  let inClass = false;
  // True right after something a quantifier may follow, so that `*+` is possessive.
  let afterQuantifier = false;
  while (i < p.length) {
    const c = p[i];
    const wasQuant: boolean = afterQuantifier;
    afterQuantifier = false;
    if (c === '\\') {
      const n = p[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) {
        const m = /^[1-9][0-9]?/.exec(p.slice(i + 1))!;
        found.add('backreference');
        out += '(?:)';
        i += 1 + m[0].length;
        continue;
      }
      if (n === 'Z') {
        found.add('\\Z');
        out += '\\z';
        i += 2;
        continue;
      }
      if (n === 'u' && /^[0-9a-fA-F]{4}/.test(p.slice(i + 2))) {
        found.add('\\u escape');
        out += `\\x{${p.slice(i + 2, i + 6)}}`;
        i += 6;
        continue;
      }
      if (n === 'U' && /^[0-9a-fA-F]{8}/.test(p.slice(i + 2))) {
        found.add('\\U escape');
        out += `\\x{${p.slice(i + 2, i + 10)}}`;
        i += 10;
        continue;
      }
      out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      // A leading `]` (after an optional `^`) is a literal in both engines.
      if (p[i] === '^') out += p[i++];
      if (p[i] === ']') out += p[i++];
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      const rest = p.slice(i);
      const look = /^\(\?(?:=|!|<=|<!)/.exec(rest);
      if (look) {
        found.add('look-around');
        out += '(?:';
        i += look[0].length;
        continue;
      }
      if (rest.startsWith('(?>')) {
        found.add('atomic group');
        out += '(?:';
        i += 3;
        continue;
      }
      const named = /^\(\?P=[A-Za-z_][A-Za-z0-9_]*\)/.exec(rest);
      if (named) {
        found.add('backreference');
        out += '(?:)';
        i += named[0].length;
        continue;
      }
      if (rest.startsWith('(?#')) {
        const end = p.indexOf(')', i);
        found.add('comment group');
        i = end < 0 ? p.length : end + 1;
        continue;
      }
      const cond = /^\(\?\((?:[0-9]+|[A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
      if (cond) {
        found.add('conditional group');
        out += '(?:';
        i += cond[0].length;
        continue;
      }
      const flags = /^\(\?([a-zA-Z]*)(-[a-zA-Z]*)?([:)])/.exec(rest);
      if (flags && /[auLx]/.test(flags[1] + (flags[2] ?? ''))) {
        found.add('inline flag');
        const on = flags[1].replace(/[auLx]/g, '');
        const off = (flags[2] ?? '').replace(/[auLx]/g, '');
        const f = on + (off === '-' ? '' : off);
        out += f === '' ? (flags[3] === ':' ? '(?:' : '') : `(?${f}${flags[3]}`;
        i += flags[0].length;
        continue;
      }
    }
    if (c === '{') {
      const rep = /^\{([0-9]*)(,([0-9]*))?\}/.exec(p.slice(i));
      if (rep) {
        const lo = rep[1] === '' ? 0 : Number(rep[1]);
        const hi = rep[3] === undefined || rep[3] === '' ? undefined : Number(rep[3]);
        if (lo > MAX_REPEAT || (hi ?? 0) > MAX_REPEAT) {
          found.add('repeat count over 1000');
          out += rep[2] === undefined ? `{${Math.min(lo, MAX_REPEAT)}}` : `{${Math.min(lo, MAX_REPEAT)},${hi === undefined ? '' : MAX_REPEAT}}`;
        } else out += rep[0];
        i += rep[0].length;
        afterQuantifier = true;
        continue;
      }
    }
    if (c === '+' && wasQuant) {
      found.add('possessive quantifier');
      i++;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      // `a+?` (lazy) is RE2 too; only a `+` after a quantifier is possessive.
      out += c;
      i++;
      afterQuantifier = !(wasQuant && c === '?');
      continue;
    }
    out += c;
    i++;
  }
  return { out, constructs: [...found] };
}

/**
 * For the 2017-era idiom `^(?!X).*$` (or `^(?!X)`): the RE2 pattern `^X`
 * that, with `negate: true`, matches exactly the same names under Zuul's
 * anchored-at-start matching. Undefined when the pattern is anything else.
 */
export function negatedEquivalent(p: string): string | undefined {
  const m = /^\^\(\?!(.*)\)(?:\.\*\$?)?$/.exec(p);
  if (!m) return undefined;
  const inner = m[1];
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return undefined;
    else if (c === '|' && depth === 0) return undefined;
  }
  if (depth !== 0) return undefined;
  const out = `^${inner}`;
  return re2Error(out) === undefined ? out : undefined;
}
