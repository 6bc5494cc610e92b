// Zuul stopped guessing playbook extensions before 3.0 (reference §3.8):
// `run: playbooks/foo` fails at run time even when playbooks/foo.yaml exists.
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { playbookRefs, withExtension } from '../zuul/playbooks';
import { ZUUL_DOCS } from '../zuul/rules';

export const playbookExtensionMissing: Check = {
  id: 'playbook-extension-missing',
  severity: 'error',
  summary: 'A playbook path without its .yaml/.yml extension; current Zuul needs the exact file name.',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.run`,
  jobKeys: ['name', 'description', 'semaphore', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    for (const { stanza, path, node } of playbookRefs(ctx.index)) {
      const { repo, file } = stanza.def;
      if (repo.files.has(path)) continue;
      const full = withExtension(path, repo.files);
      if (!full) continue;
      out.push({
        rule: 'playbook-extension-missing',
        severity: 'error',
        file: file.path,
        range: rangeOf(file, node),
        message: `Playbook "${path}" has no extension. Zuul has needed the exact file name since 3.0, so builds of ${stanza.jobName} end in ERROR ("Unable to find playbook"). Write "${full}".`,
        data: { suggestions: [full], path, repo: repo.name, job: stanza.jobName },
      });
    }
    return out;
  },
};
