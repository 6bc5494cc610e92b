// Names defined outside the workspace (setting `externalJobs`): plain names,
// or RE2 patterns when they start with `^`, full-matched like Zuul's
// project-name regexes.
import { RE2JS } from 're2js';
import type { Settings } from './settings';

const compiled = new Map<string, RE2JS | null>();

function pattern(p: string): RE2JS | null {
  let re = compiled.get(p);
  if (re === undefined) {
    try {
      re = RE2JS.compile(p);
    } catch {
      re = null;
    }
    compiled.set(p, re);
  }
  return re;
}

export function isExternalJob(name: string, settings: Pick<Settings, 'externalJobs'>): boolean {
  for (const p of settings.externalJobs) {
    if (p === name) return true;
    if (p.startsWith('^')) {
      const re = pattern(p);
      if (re && re.matches(name)) return true;
    }
  }
  return false;
}
