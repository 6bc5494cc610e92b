// A parent whose every variant is `intermediate: true`, and a child stanza
// that does not itself say `abstract: true`: Zuul's load error 'The parent of
// job "CHILD", "PARENT" is intermediate but "CHILD" is not abstract'
// (reference §3.4). Zuul looks at the child stanza's own `abstract`, not an
// inherited or sibling-variant value, and so does this rule.
import { isScalar } from 'yaml';
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { everyVariant, stanzaEntries, trueEntry } from '../zuul/inherit';
import { ZUUL_DOCS } from '../zuul/rules';
import { checkedParents } from './references-policy';

export const intermediateParentChildNotAbstract: Check = {
  id: 'intermediate-parent-child-not-abstract',
  severity: 'error',
  summary: 'A parent: whose every variant is intermediate: true, in a stanza that is not abstract: true itself; Zuul rejects the child ("is intermediate but ... is not abstract").',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.intermediate`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const { index } = ctx;
    for (const { stanza, parent, entry } of checkedParents(ctx)) {
      if (parent === null || !everyVariant(index, parent, 'intermediate')) continue;
      const abstract = stanzaEntries(stanza).find((e) => e.key === 'abstract');
      if (isScalar(abstract?.value) && abstract.value.value === true) continue;
      const { file } = stanza.def;
      out.push({
        rule: 'intermediate-parent-child-not-abstract',
        severity: 'error',
        file: file.path,
        range: rangeOf(file, entry.value),
        message: `"${parent}" is intermediate: only abstract jobs may inherit from it, and "${stanza.jobName}" is not abstract here. Zuul rejects it when it loads the configuration ('The parent of job "${stanza.jobName}", "${parent}" is intermediate but "${stanza.jobName}" is not abstract'). Add abstract: true to this stanza and let concrete jobs inherit from "${stanza.jobName}", or inherit from a job that "${parent}" leads to.`,
        related: index.get('job', parent).map((d) => ({
          file: d.file.path,
          range: rangeOf(d.file, trueEntry(d, 'intermediate')?.keyNode ?? d.item.nameNode),
          message: `"${parent}" is declared intermediate here`,
        })),
        data: { job: stanza.jobName, parent, kind: stanza.kind },
      });
    }
    return out;
  },
};
