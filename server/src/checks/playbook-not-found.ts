// Zuul does not check playbook paths when it loads a job; the build fails
// with ERROR ("Unable to find playbook") only when it runs (reference §3.8).
import type { Check, Finding } from './check';
import { suggestedFile } from './related';
import { rangeOf } from '../zuul/stanzas';
import { playbookRefs, withExtension } from '../zuul/playbooks';
import { suggestPath } from '../zuul/paths';
import { ZUUL_DOCS } from '../zuul/rules';

export const playbookNotFound: Check = {
  id: 'playbook-not-found',
  severity: 'error',
  summary: 'A pre-run, run, post-run or cleanup-run playbook that does not exist in the repo that holds the stanza.',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.run`,
  jobKeys: ['name', 'description', 'semaphore', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    for (const { stanza, path, node } of playbookRefs(ctx.index)) {
      const { repo, file } = stanza.def;
      if (repo.files.has(path) || withExtension(path, repo.files)) continue;
      const suggestions = suggestPath(path, repo.files, /\.ya?ml$/);
      const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
      out.push({
        rule: 'playbook-not-found',
        severity: 'error',
        file: file.path,
        range: rangeOf(file, node),
        message: `Playbook "${path}" does not exist in ${repo.name}. Zuul loads the job anyway, and every build of ${stanza.jobName} then ends in ERROR ("Unable to find playbook").${hint}`,
        related: suggestedFile(repo, suggestions[0], 'the nearest existing playbook'),
        data: { suggestions, path, repo: repo.name, job: stanza.jobName },
      });
    }
    return out;
  },
};
