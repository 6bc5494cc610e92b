// Nearest existing paths for a path with a typo. Only the real mistakes
// count, each measured on the part that differs, never on the whole path
// (a long path must not make every file "near"): a file name a few edits
// off in the same folder, the same file name in a moved, misspelt
// (`playbook/` for `playbooks/`), missing or extra folder, and `.yml` for
// `.yaml` or a missing extension.
import { editDistance } from './suggest';

const YAML_EXT = /\.ya?ml$/;

/** What a folder that is not a near miss costs when the file name is the same: it moved. */
const MOVED = 2.5;

/** The most a path may differ in all, adding up its folder and its file name. */
const MAX_SCORE = 3;

// Short file names get fewer edits: with 2 edits "run" would match "pre".
function budget(name: string): number {
  if (name.length <= 3) return 1;
  if (name.length <= 6) return 2;
  return 3;
}

function split(p: string): { dir: string; name: string } {
  const at = p.lastIndexOf('/');
  return { dir: p.slice(0, at + 1), name: p.slice(at + 1) };
}

/** Edits between two file names; `.yml`/`.yaml`/no extension costs half an edit. Infinity when beyond a typo. */
function nameCost(a: string, b: string): number {
  if (a === b) return 0;
  const sa = a.replace(YAML_EXT, '');
  const sb = b.replace(YAML_EXT, '');
  const ext = a.slice(sa.length) === b.slice(sb.length) ? 0 : 0.5;
  const limit = budget(sa);
  const stem = sa === sb ? 0 : editDistance(sa, sb, limit);
  const whole = editDistance(a, b, limit);
  const d = Math.min(stem + ext, whole);
  return d <= limit ? d : Infinity;
}

/** Edits between two folders (with their trailing `/`); MOVED when they are not a near miss. */
function dirCost(a: string, b: string): number {
  if (a === b) return 0;
  const d = editDistance(a, b, 2);
  return d <= 2 ? d : MOVED;
}

/**
 * How far `candidate` is from `path` as a typo, or Infinity when it is not a
 * plausible one. Leading `./` and `/` are ignored.
 */
export function pathTypoScore(path: string, candidate: string): number {
  const clean = (p: string) => p.replace(/^(?:\.\/|\/)+/, '');
  const a = split(clean(path));
  const b = split(clean(candidate));
  const name = nameCost(a.name, b.name);
  if (name === Infinity) return Infinity;
  const dir = dirCost(a.dir, b.dir);
  // A moved file keeps its name (give or take the extension).
  if (dir === MOVED) return name <= 0.5 ? MOVED + name : Infinity;
  const d = dir + name;
  return d <= MAX_SCORE ? d : Infinity;
}

/** Up to `max` repo paths close to `path`, best first; `filter` limits the candidates (e.g. to playbooks). */
export function suggestPath(path: string, files: Iterable<string>, filter?: RegExp, max = 3): string[] {
  const scored: { p: string; d: number }[] = [];
  for (const f of files) {
    if (filter && !filter.test(f)) continue;
    const d = pathTypoScore(path, f);
    if (d !== Infinity) scored.push({ p: f, d });
  }
  scored.sort((a, b) => a.d - b.d || a.p.localeCompare(b.p));
  return scored.slice(0, max).map((s) => s.p);
}
