// A post-review job listed in a pipeline without `post-review: true`: Zuul
// fails freezing the job graph with "Pre-review pipeline P does not allow
// post-review job J" (reference §3.10). A job becomes post-review through
// `post-review: true` anywhere in what Zuul applies (it cannot be unset), a
// secret declared in a stanza of an untrusted repo, or a pass-to-parent
// secret handed to a playbook of an untrusted repo. Secrets of config
// projects do not count.
import type { Check, Finding } from './check';
import { projectPipelines } from '../zuul/jobGraph';
import { rangeOf } from '../zuul/stanzas';
import { hasBranches } from '../zuul/freeze';
import { ZUUL_DOCS } from '../zuul/rules';
import { freezeOutcome } from './freeze-outcome';

export const postReviewJobInPreReview: Check = {
  id: 'post-review-job-in-pre-review',
  severity: 'error',
  summary:
    'A post-review job (post-review: true in its chain, or a secret used in an untrusted repo) listed in a pipeline without post-review: true; Zuul cannot freeze the job graph ("Pre-review pipeline check does not allow post-review job J").',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.post-review`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'semaphores', 'secrets', 'nodeset', 'override-checkout', 'override-branch', 'pre-timeout', 'timeout', 'post-timeout', 'attempts', 'pre-run', 'run', 'post-run', 'cleanup-run', 'ansible-split-streams', 'ansible-version', 'roles', 'required-projects', 'vars', 'extra-vars', 'host-vars', 'group-vars', 'include-vars', 'dependencies', 'allowed-projects', 'post-review', 'branches', 'workspace-scheme', 'workspace-checkout', 'failure-output', 'image-build-name'],
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const pp of projectPipelines(ctx.index)) {
      for (const job of pp.jobs.values()) {
        const res = freezeOutcome(ctx, pp, job);
        if (res.kind !== 'post-review') continue;
        // A cause limited to some branches may not apply where the project runs the job.
        const certain = res.causes.some((c) => !hasBranches(c.stanza));
        const first = res.causes[0];
        for (const entry of job.entries) {
          const { file } = entry.def;
          const range = rangeOf(file, entry.nameNode);
          const key = `${file.path}:${range.start.line}:${range.start.character}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            rule: 'post-review-job-in-pre-review',
            severity: certain ? 'error' : 'warning',
            file: file.path,
            range,
            message: `"${job.name}" is a post-review job (${first.why}) and ${pp.pipeline} is a pre-review pipeline (no post-review: true): Zuul cannot freeze the ${pp.pipeline} job graph of ${pp.project}${certain ? '' : ' on the branches those stanzas match'} ("Pre-review pipeline ${pp.pipeline} does not allow post-review job ${job.name}"). Run it only in pipelines with post-review: true, or keep secrets of untrusted repos out of jobs that run before review.`,
            related: res.causes.map((c) => ({ file: c.stanza.def.file.path, range: rangeOf(c.stanza.def.file, c.node), message: c.why })),
            data: { job: job.name, pipeline: pp.pipeline, project: pp.project, causes: res.causes.map((c) => c.why) },
          });
        }
      }
    }
    return out;
  },
};
