// Every defined name of the workspace, matched against what the user types
// the way editors' "go to symbol" pickers do: the letters in order, with
// contiguous runs and word starts ranked first.
import type { ZuulWorkspace } from '../engine/workspace';
import type { Range } from '../zuul/types';
import type { NameKind, Occurrence } from './occurrences';
import { tableOf } from './navigation';

export interface NamedSymbol {
  name: string;
  kind: NameKind;
  file: string;
  range: Range;
  /** The repo that defines it. */
  container: string;
}

export const MAX_WORKSPACE_SYMBOLS = 500;

/** A score for `query` as a subsequence of `name` (higher is better), or -1. */
export function fuzzyScore(query: string, name: string): number {
  return query === '' ? 0 : lowerScore(query.toLowerCase(), name);
}

/** fuzzyScore with the query already in lower case. */
function lowerScore(q: string, name: string): number {
  const n = name.toLowerCase();
  const at = n.indexOf(q);
  if (at === 0) return 1000 - name.length;
  if (at > 0) return (/[-_./ ]/.test(n[at - 1]) ? 800 : 600) - name.length;
  let score = 0;
  let j = 0;
  let prev = -2;
  for (let i = 0; i < n.length && j < q.length; i++) {
    if (n[i] !== q[j]) continue;
    score += i === prev + 1 ? 5 : i === 0 || /[-_./ ]/.test(n[i - 1]) ? 3 : 1;
    prev = i;
    j++;
  }
  return j === q.length ? score : -1;
}

// The order of localeCompare() without its per-call setup, which dominated a short query's sort of thousands of names.
const byName = new Intl.Collator().compare;

export function workspaceSymbols(ws: ZuulWorkspace, query: string, limit = MAX_WORKSPACE_SYMBOLS): NamedSymbol[] {
  const q = query.toLowerCase();
  // Scores are small integers: bucket by score and sort only the buckets that reach the limit (a short query matches thousands of names).
  const buckets = new Map<number, Occurrence[]>();
  for (const o of tableOf(ws).allDeclarations()) {
    const score = q === '' ? 0 : lowerScore(q, o.name);
    if (score < 0) continue;
    const b = buckets.get(score);
    if (b) b.push(o);
    else buckets.set(score, [o]);
  }
  const out: NamedSymbol[] = [];
  for (const score of [...buckets.keys()].sort((a, b) => b - a)) {
    const bucket = buckets.get(score)!.sort((a, b) => byName(a.name, b.name));
    for (const o of bucket) {
      if (out.length === limit) return out;
      out.push({ name: o.name, kind: o.kind, file: o.file.path, range: o.range, container: o.repo.name });
    }
  }
  return out;
}
