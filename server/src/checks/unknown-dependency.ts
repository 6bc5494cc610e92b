// A dependency must name a job that exists (load error "Job NAME not defined").
import { settingMention } from '../zuul/settingRef';
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { parseDeps } from '../zuul/jobGraph';
import { entries } from '../zuul/yamlNodes';
import { isExternalJob } from '../zuul/external';
import { editDistance, suggest } from '../zuul/suggest';
import { ZUUL_DOCS } from '../zuul/rules';
import { checkedStanzas, closedTenant, notInTenant } from './references-policy';

export const unknownDependency: Check = {
  id: 'unknown-dependency',
  severity: 'error',
  summary: 'A dependency naming no job in the open repositories that is a near miss of a known job (names far from every known job are assumed to live in a repo that is not open).',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.dependencies`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'dependencies', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const names = ctx.index.names('job');
    for (const s of checkedStanzas(ctx)) {
      if (!s.body) continue;
      const e = entries(s.def.file.doc, s.body).find((x) => x.key === 'dependencies');
      if (!e) continue;
      for (const d of parseDeps(s.def, e, s.kind === 'job' ? 'job' : 'variant').deps) {
        if (ctx.index.has('job', d.name) || isExternalJob(d.name, ctx.settings)) continue;
        const suggestions = suggest(d.name, names);
        const typo = suggestions.length > 0 && editDistance(d.name, suggestions[0], 3) <= 2;
        const closed = closedTenant(ctx);
        // A name far from every known job most likely lives in a repo that is not open, unless every repo is open.
        if (!typo && !closed) continue;
        out.push({
          rule: 'unknown-dependency',
          severity: 'error',
          file: d.file.path,
          range: rangeOf(d.file, d.node),
          message: closed && !typo
            ? `${notInTenant(`Job "${d.name}"`, closed)}: Zuul rejects ${s.jobName} ("Job ${d.name} not defined").${suggestions.length ? ` Did you mean "${suggestions[0]}"?` : ''}`
            : `No open repository defines a job "${d.name}", and "${suggestions[0]}" is one letter or two away: Zuul rejects ${s.jobName} ("Job ${d.name} not defined") unless another repo of the tenant defines it (then add it to ${settingMention('externalNames')}). Did you mean "${suggestions[0]}"?`,
          data: { suggestions, name: d.name, job: s.jobName },
          ...(typo ? { setting: { key: 'externalNames', value: d.name } } : {}),
        });
      }
    }
    return out;
  },
};
