// A job using a secret that is defined only in another repo (reference §3.10,
// §4: "Unable to use secret NAME. Secrets must be defined in the same project
// in which they are used").
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { secretRefs } from './references-policy';

export const secretFromOtherProject: Check = {
  id: 'secret-from-other-project',
  severity: 'error',
  summary:
    'A job (or project-pipeline variant) uses a secret defined in a different repo: Zuul rejects it ("Secrets must be defined in the same project in which they are used"), because a secret is encrypted for, and only usable by, its own project.',
  docs: `${ZUUL_DOCS}/config/secret.html`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    for (const { site, node, name } of secretRefs(ctx)) {
      const defs = ctx.index.get('secret', name);
      const { def } = site.stanza;
      if (defs.length === 0 || defs.some((s) => s.repo === def.repo)) continue;
      const first = defs[0];
      const owner = def.kind === 'job' ? `job ${site.stanza.jobName}` : `the ${site.stanza.jobName} entry of this ${def.kind}`;
      out.push({
        rule: 'secret-from-other-project',
        severity: 'error',
        file: def.file.path,
        range: rangeOf(def.file, node),
        message: `Secret "${name}" is defined in ${first.repo.name}, but ${owner} is in ${def.repo.name}. Zuul rejects it ("Unable to use secret ${name}. Secrets must be defined in the same project in which they are used"). Define a secret in ${def.repo.name}, encrypted with that project's key, or move the job to ${first.repo.name}.`,
        related: [
          ...defs.map((s) => ({ file: s.file.path, range: rangeOf(s.file, s.item.nameNode), message: `secret ${name} is defined in ${s.repo.name} here` })),
          ...(site.usedBy ? [site.usedBy] : []),
        ],
        data: { name, repo: def.repo.name, definedIn: [...new Set(defs.map((s) => s.repo.name))] },
      });
    }
    return out;
  },
};
