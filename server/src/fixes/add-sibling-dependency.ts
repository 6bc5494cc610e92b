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
    const plan = planDependency(ws.index, a.pp, a.data.job, [{ name, soft }]);
    return [
      {
        title: `Add dependency on ${name}${soft ? ' (soft)' : ''}${plan.where}, as ${count} of its siblings do${plan.note}`,
        preferred: a.viaPreferred ? true : undefined,
        edits: [plan.edit],
      },
    ];
  },
};
