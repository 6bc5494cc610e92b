// Whether our engine reports the error a test_v3.py case asserts: a finding
// whose rule reports the error behind the asserted text (gists.ts) or whose
// message quotes that text, on a file the change touched or new with it.
import type { Case } from './cases';
import { gistsOf, norm } from './gists';
import type { Found } from './tenant';

export type Outcome = 'error' | 'warning' | 'missed';

export interface Verdict {
  outcome: Outcome;
  /** The findings that carry the asserted error. */
  matching: Found[];
}

/** Files the case's change (and what it depends on) writes, as `project/path`. */
function changedFiles(c: Case): Set<string> {
  const out = new Set<string>();
  const add = (ch: Case['change'], seen: Set<unknown>) => {
    if (seen.has(ch)) return;
    seen.add(ch);
    for (const p of ch.files.keys()) out.add(`${ch.project}/${p}`);
    for (const d of ch.deps) add(d, seen);
  };
  add(c.change, new Set());
  return out;
}

const keyOf = (f: Found) => `${f.file}\0${f.rule}\0${f.message}`;

/**
 * The verdict on a case from the findings with its change (`found`) and
 * without it (`before`): Zuul reports the errors of the files a change
 * touches and those the change causes elsewhere (a job it removes), so a
 * finding counts when it is on a changed file or new with the change.
 */
export function classify(c: Case, found: Found[], before: Found[]): Verdict {
  const files = changedFiles(c);
  const old = new Set(before.map(keyOf));
  const texts = c.texts.map(norm);
  const gists = c.texts.flatMap(gistsOf);
  const generic = gists.some((g) => g.generic);
  const zuulWarning = gists.some((g) => g.zuulWarning);
  const rules = new Set(gists.flatMap((g) => g.rules));
  const matching = found.filter(
    (f) =>
      (files.has(f.file) || !old.has(keyOf(f))) &&
      f.severity !== 'hint' &&
      (generic ? f.severity === 'error' : rules.has(f.rule) || texts.some((t) => norm(f.message).includes(t))),
  );
  if (matching.some((f) => f.severity === 'error' || (zuulWarning && f.severity === 'warning'))) return { outcome: 'error', matching };
  return { outcome: matching.length ? 'warning' : 'missed', matching };
}
