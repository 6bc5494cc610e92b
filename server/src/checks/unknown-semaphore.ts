// A job or playbook semaphore naming no `semaphore` object (reference §3.12).
// Zuul accepts it silently as an independent lock with max 1, so a typo
// quietly removes the mutual exclusion the author meant: a warning.
import { settingMention } from '../zuul/settingRef';
import { isMap } from 'yaml';
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { PLAYBOOK_PHASES } from '../zuul/playbooks';
import { str, type YNode } from '../zuul/yamlNodes';
import { suggest } from '../zuul/suggest';
import { attrValue, didYouMean, field, isExternal, oneOrMany, referenceSites } from './references-policy';

export const unknownSemaphore: Check = {
  id: 'unknown-semaphore',
  severity: 'warning',
  summary:
    'A job or playbook semaphore names no semaphore the open repos define. Zuul does not complain: it silently uses an independent lock with max 1, so a misspelt name takes the job out of the mutual exclusion it was meant to share.',
  docs: `${ZUUL_DOCS}/config/semaphore.html`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'semaphores', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const known = ctx.index.names('semaphore');
    for (const site of referenceSites(ctx)) {
      const { stanza } = site;
      const def = stanza.def;
      const uses: { node: YNode; where: string }[] = [];
      const nameOf = (n: YNode) => (isMap(n) ? field(def, n, 'name') : n);
      const plural = attrValue(stanza, 'semaphores');
      // `semaphore` is ignored when `semaphores` is present (§2.1).
      const job = plural != null ? oneOrMany(def, plural) : oneOrMany(def, attrValue(stanza, 'semaphore'));
      for (const n of job) {
        const node = nameOf(n);
        if (node) uses.push({ node, where: `job ${stanza.jobName}` });
      }
      for (const phase of PLAYBOOK_PHASES) {
        for (const pb of oneOrMany(def, attrValue(stanza, phase))) {
          if (!isMap(pb)) continue;
          const path = str(field(def, pb, 'name')) ?? phase;
          for (const node of oneOrMany(def, field(def, pb, 'semaphores'))) uses.push({ node, where: `playbook ${path} of job ${stanza.jobName}` });
        }
      }
      for (const { node, where } of uses) {
        const name = str(node);
        if (name === undefined || ctx.index.has('semaphore', name) || isExternal(name, ctx)) continue;
        const suggestions = suggest(name, known);
        out.push({
          rule: 'unknown-semaphore',
          severity: 'warning',
          file: def.file.path,
          range: rangeOf(def.file, node),
          message: `Semaphore "${name}" is not defined in the open repositories. Zuul does not report this: it gives ${where} an independent lock of its own with max 1, so if the name is a typo the job no longer excludes the others that share the semaphore. Fix the name, or define the semaphore (if a repo of the tenant that is not open defines it, or it is a tenant global semaphore, add it to ${settingMention('externalNames')}).${didYouMean(suggestions)}`,
          ...(site.usedBy ? { related: [site.usedBy] } : {}),
          data: { suggestions, name },
          setting: { key: 'externalNames', value: name },
        });
      }
    }
    return out;
  },
};
