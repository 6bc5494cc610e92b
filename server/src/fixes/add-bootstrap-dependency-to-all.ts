// missing-bootstrap-dependency: "Add dependency on BOOT to all N jobs of
// PIPELINE that lack it" — one fix editing every such job's list or entry.
// A job that names BOOT softly where soft does not count gets that entry made
// hard, as make-bootstrap-dependency-hard does, never a second entry.
// Never preferred: fix-all applies the per-job fixes one at a time instead.
import type { Fix, FixProvider } from './types';
import type { MissingBootstrapData } from '../checks/missing-bootstrap-dependency';
import { bootstrapAdvice, bootstrapOf, wouldCycle } from './bootstrapAdvice';
import { mergePlans, planDependency, type DependencyPlan } from './dependencyEdits';

export const addBootstrapDependencyToAll: FixProvider = {
  rules: ['missing-bootstrap-dependency'],
  provide({ ws, finding }) {
    const a = bootstrapAdvice(ws, finding);
    if (!a) return [];
    const data = finding.data as MissingBootstrapData;
    const out: Fix[] = [];
    for (const pipeline of data.pipelines) {
      const b = bootstrapOf(ws, data, pipeline);
      if (!b) continue;
      const waiting = new Set(b.waiting);
      const soft = b.softCounts && a.bootSoft;
      const plans: DependencyPlan[] = [];
      let lacking = 0;
      for (const job of b.subjects) {
        if (waiting.has(job)) continue;
        lacking++;
        if (wouldCycle(b.pp, job, b.job)) continue;
        try {
          plans.push(planDependency(ws.index, b.pp, job, { name: b.job, soft }));
        } catch {
          // A job whose entry has a shape the fix cannot edit is left to its own finding.
        }
      }
      const { edits, accepted, hardened, added } = mergePlans(plans);
      if (accepted < 2) continue;
      const which = accepted === lacking ? `all ${accepted}` : `${accepted} of the ${lacking}`;
      const jobs = `${which} jobs of ${pipeline} that lack it`;
      const title = !added
        ? `Make the dependency on ${b.job} hard in ${jobs}`
        : `Add dependency on ${b.job}${soft ? ' (soft)' : ''} to ${jobs}${hardened ? ', making the soft ones hard' : ''}`;
      out.push({ title, edits });
    }
    return out;
  },
};
