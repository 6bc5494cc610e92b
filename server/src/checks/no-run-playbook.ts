// A job listed in a project-pipeline when no stanza Zuul applies to it (its
// variants, its parents up to the base job, the project-pipeline variants)
// gives it a run playbook: freezing the job graph fails with "Job NAME does
// not specify a run playbook" (reference §3.8, Layout.extendJobGraph), and
// no job of the buildset runs. Chains that leave the open repos say nothing.
import type { Check, Finding } from './check';
import { projectPipelines } from '../zuul/jobGraph';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { freezeOutcome } from './freeze-outcome';

export const noRunPlaybook: Check = {
  id: 'no-run-playbook',
  severity: 'error',
  summary:
    'A job listed in a project or template pipeline whose whole chain (its variants, its parents up to the base job, the pipeline entries) sets no run playbook; Zuul cannot freeze the job graph ("Job NAME does not specify a run playbook") and runs none of the buildset. Abstract jobs and chains that leave the open repositories are left alone.',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.run`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'semaphores', 'secrets', 'nodeset', 'override-checkout', 'override-branch', 'pre-timeout', 'timeout', 'post-timeout', 'attempts', 'pre-run', 'run', 'post-run', 'cleanup-run', 'ansible-split-streams', 'ansible-version', 'roles', 'required-projects', 'vars', 'extra-vars', 'host-vars', 'group-vars', 'include-vars', 'dependencies', 'allowed-projects', 'post-review', 'branches', 'workspace-scheme', 'workspace-checkout', 'failure-output', 'image-build-name'],
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const pp of projectPipelines(ctx.index)) {
      for (const job of pp.jobs.values()) {
        const res = freezeOutcome(ctx, pp, job);
        if (res.kind !== 'no-run') continue;
        const names = [...new Set(res.chain.map((s) => s.jobName))].reverse();
        for (const entry of job.entries) {
          const { file } = entry.def;
          const range = rangeOf(file, entry.nameNode);
          const key = `${file.path}:${range.start.line}:${range.start.character}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            rule: 'no-run-playbook',
            severity: 'error',
            file: file.path,
            range,
            message: `"${job.name}" has no run playbook: no stanza of its chain (${names.join(' → ')}) and no entry for it in this pipeline sets run. Zuul cannot freeze the ${pp.pipeline} job graph of ${pp.project} ("Job ${job.name} does not specify a run playbook"), so none of its jobs run. Add run: to the job, or list a job that has one.`,
            related: res.chain.map((s) => ({ file: s.def.file.path, range: rangeOf(s.def.file, s.nameNode), message: `${s.jobName} (no run playbook)` })),
            data: { job: job.name, pipeline: pp.pipeline, project: pp.project, chain: names },
          });
        }
      }
    }
    return out;
  },
};
