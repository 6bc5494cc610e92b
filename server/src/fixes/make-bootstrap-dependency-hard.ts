// missing-bootstrap-dependency when the job already names the bootstrap job
// softly where soft dependencies do not count (allowSoft: false): turning that
// entry hard is the fix; adding a second, hard entry would duplicate it.
import type { FixProvider } from './types';
import { bootstrapAdvice } from './bootstrapAdvice';
import { planDependency } from './dependencyEdits';

export const makeBootstrapDependencyHard: FixProvider = {
  rules: ['missing-bootstrap-dependency'],
  provide({ ws, finding }) {
    const a = bootstrapAdvice(ws, finding);
    if (!a || a.boot.softCounts) return [];
    if (!a.pp.jobs.get(a.data.job)?.deps.some((d) => d.name === a.boot.job && d.soft)) return [];
    const plan = planDependency(ws.index, a.pp, a.data.job, { name: a.boot.job, soft: false });
    return [{ title: `Make the dependency on ${a.boot.job} hard${plan.where}${plan.note}`, preferred: true, edits: [plan.edit] }];
  },
};
