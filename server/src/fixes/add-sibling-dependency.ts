// missing-bootstrap-dependency: "Add dependency on infra-prod-base, as 19 of
// its siblings do" — the job through which the other jobs of the pipeline
// wait for the bootstrap job. Preferred when more siblings do that than
// depend on the bootstrap job directly.
import type { FixProvider } from './types';
import { bootstrapAdvice } from './bootstrapAdvice';
import { planDependency } from './dependencyEdits';

export const addSiblingDependency: FixProvider = {
  rules: ['missing-bootstrap-dependency'],
  provide({ ws, finding }) {
    const a = bootstrapAdvice(ws, finding);
    if (!a?.via) return [];
    const { name, soft, count } = a.via;
    // Named softly already where soft does not count: the plan makes that entry hard.
    const plan = planDependency(ws.index, a.pp, a.data.job, { name, soft });
    const what = plan.hardened ? `Make the dependency on ${name} hard` : `Add dependency on ${name}${soft ? ' (soft)' : ''}`;
    return [
      {
        title: `${what}${plan.where}, as ${count} of its siblings do${plan.note}`,
        preferred: a.viaPreferred ? true : undefined,
        edits: [plan.edit],
      },
    ];
  },
};
