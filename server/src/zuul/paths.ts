// Nearest existing paths for a path with a typo: the real mistakes are a
// renamed file, `playbook/` for `playbooks/`, `.yml` for `.yaml`, a missing
// extension and a missing or extra folder.
import { editDistance } from './suggest';

function base(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function stem(p: string): string {
  return base(p).replace(/\.[^.]*$/, '');
}

/** Up to `max` repo paths close to `path`, best first; `filter` limits the candidates (e.g. to playbooks). */
export function suggestPath(path: string, files: Iterable<string>, filter?: RegExp, max = 3): string[] {
  const clean = path.replace(/^\.\//, '').replace(/^\//, '');
  const scored: { p: string; d: number }[] = [];
  for (const f of files) {
    if (filter && !filter.test(f)) continue;
    let d: number;
    if (f === clean) d = 0;
    else if (f === `${clean}.yaml` || f === `${clean}.yml`) d = 0.5;
    else if (f.replace(/\.ya?ml$/, '') === clean.replace(/\.ya?ml$/, '')) d = 0.5;
    else {
      d = editDistance(clean, f, 6);
      // Same file name in another folder (moved), or same folder with a renamed file.
      if (base(f) === base(clean) || stem(f) === stem(clean)) d = Math.min(d, 2.5);
    }
    if (d <= Math.max(3, Math.floor(clean.length / 6))) scored.push({ p: f, d });
  }
  scored.sort((a, b) => a.d - b.d || a.p.localeCompare(b.p));
  return scored.slice(0, max).map((s) => s.p);
}
