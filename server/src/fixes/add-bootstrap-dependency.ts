// missing-bootstrap-dependency: "Add dependency on BOOT" and "... (soft)".
// Preferred: the softness the siblings use, unless most of them wait through
// a common job (then add-sibling-dependency's fix is the preferred one).
import type { Fix, FixProvider } from './types';
import { bootstrapAdvice } from './bootstrapAdvice';
import { planDependency } from './dependencyEdits';

export const addBootstrapDependency: FixProvider = {
  rules: ['missing-bootstrap-dependency'],
  provide({ ws, finding }) {
    const a = bootstrapAdvice(ws, finding);
    if (!a) return [];
    // Already named softly where soft does not count: make-bootstrap-dependency-hard's case.
    if (a.pp.jobs.get(a.data.job)?.deps.some((d) => d.name === a.boot.job)) return [];
    const out: Fix[] = [];
    for (const soft of a.boot.softCounts ? [false, true] : [false]) {
      const plan = planDependency(ws.index, a.pp, a.data.job, { name: a.boot.job, soft });
      out.push({
        title: `Add dependency on ${a.boot.job}${soft ? ' (soft)' : ''}${plan.where}${plan.note}`,
        preferred: !a.viaPreferred && soft === a.bootSoft ? true : undefined,
        edits: [plan.edit],
      });
    }
    return out;
  },
};
