// Names defined outside the workspace (setting `externalNames`): plain names,
// or RE2 patterns when they start with `^`, full-matched like Zuul's
// project-name regexes.
import { re2 } from './regex';
import type { Settings } from './settings';

const pattern = re2;

export function isExternalJob(name: string, settings: Pick<Settings, 'externalNames'>): boolean {
  for (const p of settings.externalNames) {
    if (p === name) return true;
    if (p.startsWith('^')) {
      const re = pattern(p);
      if (re && re.matches(name)) return true;
    }
  }
  return false;
}
