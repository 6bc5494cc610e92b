// A job's `secrets:` entry naming no secret (reference §3.10, §4:
// 'The secret "X" was not found.'). A job may only use secrets of its own
// project, and that project is open, so an unknown secret is certain. Zuul
// checks a secret as it loads only when the stanza's own playbooks get it;
// a pass-to-parent one fails when a job graph is frozen (Job.applyVariant).
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
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    for (const { site, node, at, name, passToParent, ownPlaybooks } of secretRefs(ctx)) {
      if (ctx.index.has('secret', name)) continue;
      const { def } = site.stanza;
      const local = ctx.index.ofKind('secret').filter((s) => s.repo === def.repo).map((s) => s.name);
      const suggestions = suggest(name, [...new Set(local)]);
      const owner = def.kind === 'job' ? `job ${site.stanza.jobName}` : `the ${site.stanza.jobName} entry of this ${def.kind}`;
      const fix = `Define the secret in ${def.repo.name} or fix the name.${didYouMean(suggestions)}`;
      // When Zuul looks the name up: as it loads (the stanza's own playbooks get the secret), when it freezes a
      // job graph (pass-to-parent), or never (no playbook here to give it to).
      const when: 'load' | 'freeze' | 'never' = passToParent ? 'freeze' : ownPlaybooks ? 'load' : 'never';
      const says =
        when === 'load'
          ? `so Zuul rejects ${owner} ('The secret "${name}" was not found.')`
          : when === 'freeze'
            ? `and it is passed to the parent's playbooks: Zuul loads ${owner}, then fails every job graph that runs it ("Secret ${name} not found"), and the buildset reports a configuration error`
            : `and ${owner} has no playbook of its own to give it to, so Zuul never looks it up: the entry does nothing`;
      out.push({
        rule: 'unknown-secret',
        severity: when === 'never' ? 'warning' : 'error',
        file: def.file.path,
        range: rangeOf(def.file, at),
        message: `Secret "${name}" is not defined. A job can only use secrets of its own project (${def.repo.name}), ${says}. ${fix}`,
        ...(site.usedBy ? { related: [site.usedBy] } : {}),
        // At an alias there is no name to replace: no fix is offered there.
        data: { suggestions: at === node ? suggestions : [], name, repo: def.repo.name, when },
      });
    }
    return out;
  },
};
