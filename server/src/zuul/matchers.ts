// Zuul's regex matchers (`files`, `irrelevant-files`, `branches`, pragma
// `implied-branches`): a string, `{regex, negate}`, or a list of those, each
// matched at the start of the path or branch name (reference §3.6).
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { ParsedFile } from './parse';
import { negatedEquivalent, re2 } from './regex';
import { entries, resolve, type YNode } from './yamlNodes';

export interface MatcherPattern {
  pattern: string;
  negate: boolean;
  /** The pattern's scalar (the `regex:` value in the dict form). */
  node: Scalar;
  /** The list item holding it, when the value is a list. */
  item?: YNode;
}

/** A pattern with its negation, as the per-repo caches key their results. */
export const patternKey = (p: MatcherPattern): string => `${p.negate ? '!' : ''}${p.pattern}`;

/** The patterns of a `files` / `irrelevant-files` value: a string, `{regex, negate}`, or a list of those. */
export function matcherPatterns(file: ParsedFile, value: YNode | null): MatcherPattern[] {
  const doc = file.doc;
  const one = (raw: unknown, item?: YNode): MatcherPattern | undefined => {
    const n = resolve(doc, raw);
    if (isScalar(n)) return typeof n.value === 'string' ? { pattern: n.value, negate: false, node: n, item } : undefined;
    if (isMap(n)) {
      const es = entries(doc, n);
      const r = es.find((e) => e.key === 'regex')?.value;
      const neg = es.find((e) => e.key === 'negate')?.value;
      if (!isScalar(r) || typeof r.value !== 'string') return undefined;
      return { pattern: r.value, negate: isScalar(neg) && neg.value === true, node: r, item };
    }
    return undefined;
  };
  if (isSeq(value)) {
    const out: MatcherPattern[] = [];
    for (const raw of value.items) {
      const n = resolve(doc, raw);
      const p = n ? one(n, n) : undefined;
      if (p) out.push(p);
    }
    return out;
  }
  const p = one(value);
  return p ? [p] : [];
}

/**
 * Whether `pattern` (negated with `negate`) matches `subject` as Zuul's matcher
 * does: at the start. A pattern RE2 rejects is read as Python's `re` would only
 * for the old `^(?!X).*$` idiom (`^X`, negated); any other gives undefined.
 */
export function matchesAtStart(pattern: string, negate: boolean, subject: string): boolean | undefined {
  const neg = re2(pattern) ? undefined : negatedEquivalent(pattern);
  const re = re2(neg ?? pattern);
  if (!re) return undefined;
  return re.matcher(subject).lookingAt() !== (negate !== (neg !== undefined));
}
