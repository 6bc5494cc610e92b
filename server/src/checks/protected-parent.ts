// A parent whose every variant is `protected: true`, named from a stanza in
// another repository: Zuul's load error 'The parent of job "CHILD",
// "PARENT" is a protected job in a different project' (reference §3.4).
// Zuul compares the child's project with the project of the parent's first
// variant; an explicit `protected: false` counts as unprotected here (Zuul's
// load check), which is why only `true` is looked at.
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { everyVariant, trueEntry } from '../zuul/inherit';
import { ZUUL_DOCS } from '../zuul/rules';
import { checkedParents } from './references-policy';

export const protectedParent: Check = {
  id: 'protected-parent',
  severity: 'error',
  summary: 'A parent: whose every variant is protected: true, named from another repository; Zuul rejects the child ("is a protected job in a different project").',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.protected`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const { index } = ctx;
    for (const { stanza, parent, entry } of checkedParents(ctx)) {
      if (parent === null || !everyVariant(index, parent, 'protected')) continue;
      const parents = index.get('job', parent);
      const home = parents[0].repo;
      if (home.root === stanza.def.repo.root) continue;
      const { file } = stanza.def;
      out.push({
        rule: 'protected-parent',
        severity: 'error',
        file: file.path,
        range: rangeOf(file, entry.value),
        message: `"${parent}" is protected: only jobs in ${home.name} may inherit from it, and this stanza is in ${stanza.def.repo.name}. Zuul rejects "${stanza.jobName}" when it loads the configuration ('The parent of job "${stanza.jobName}", "${parent}" is a protected job in a different project'). Define the job in ${home.name}, or inherit from an unprotected job.`,
        related: parents.map((d) => ({
          file: d.file.path,
          range: rangeOf(d.file, trueEntry(d, 'protected')?.keyNode ?? d.item.nameNode),
          message: `"${parent}" is declared protected here, in ${d.repo.name}`,
        })),
        data: { job: stanza.jobName, parent, parentRepo: home.name, repo: stanza.def.repo.name },
      });
    }
    return out;
  },
};
