// A job's `secrets:` entry naming no secret (reference §3.10, §4:
// 'The secret "X" was not found.'). A job may only use secrets of its own
// project, and that project is open, so an unknown secret is certain.
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { suggest } from '../zuul/suggest';
import { didYouMean, secretRefs } from './references-policy';

export const unknownSecret: Check = {
  id: 'unknown-secret',
  severity: 'error',
  summary:
    'A job (or project-pipeline variant) uses a secret that no open repo defines. A secret must be defined in the same project as the job that uses it, and that project is open, so Zuul rejects the job (\'The secret "X" was not found.\').',
  docs: `${ZUUL_DOCS}/config/secret.html`,
  check(ctx) {
    const out: Finding[] = [];
    for (const { site, node, name } of secretRefs(ctx)) {
      if (ctx.index.has('secret', name)) continue;
      const { def } = site.stanza;
      const local = ctx.index.ofKind('secret').filter((s) => s.repo === def.repo).map((s) => s.name);
      const suggestions = suggest(name, [...new Set(local)]);
      const owner = def.kind === 'job' ? `job ${site.stanza.jobName}` : `the ${site.stanza.jobName} entry of this ${def.kind}`;
      out.push({
        rule: 'unknown-secret',
        severity: 'error',
        file: def.file.path,
        range: rangeOf(def.file, node),
        message: `Secret "${name}" is not defined. A job can only use secrets of its own project (${def.repo.name}), so Zuul rejects ${owner} ('The secret "${name}" was not found.'). Define the secret in ${def.repo.name} or fix the name.${didYouMean(suggestions)}`,
        ...(site.usedBy ? { related: [site.usedBy] } : {}),
        data: { suggestions, name, repo: def.repo.name },
      });
    }
    return out;
  },
};
