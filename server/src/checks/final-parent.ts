// A parent whose every variant is `final: true`: Zuul's load error 'The
// parent of job "CHILD", "PARENT" is final and can not act as a parent'
// (reference §3.4). When only some variants are final the load check passes
// and the outcome depends on the branch, so that is left alone.
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { everyVariant, trueEntry } from '../zuul/inherit';
import { ZUUL_DOCS } from '../zuul/rules';
import { checkedParents } from './references-policy';

export const finalParent: Check = {
  id: 'final-parent',
  severity: 'error',
  summary: 'A parent: whose every variant is final: true; Zuul rejects the child ("is final and can not act as a parent").',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.final`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const { index } = ctx;
    for (const { stanza, parent, entry } of checkedParents(ctx)) {
      if (parent === null || !everyVariant(index, parent, 'final')) continue;
      const { file } = stanza.def;
      out.push({
        rule: 'final-parent',
        severity: 'error',
        file: file.path,
        range: rangeOf(file, entry.value),
        message: `"${parent}" is final and cannot be a parent: Zuul rejects "${stanza.jobName}" when it loads the configuration ('The parent of job "${stanza.jobName}", "${parent}" is final and can not act as a parent'). Inherit from the job "${parent}" inherits from, or list "${parent}" itself.`,
        related: index.get('job', parent).map((d) => ({
          file: d.file.path,
          range: rangeOf(d.file, trueEntry(d, 'final')?.keyNode ?? d.item.nameNode),
          message: `"${parent}" is declared final here`,
        })),
        data: { job: stanza.jobName, parent },
      });
    }
    return out;
  },
};
