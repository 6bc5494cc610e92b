// A job-list entry naming no job (reference §2.4, §4: "Job NAME not defined").
// Template job lists count only for templates some project uses (§2.3).
import { settingMention } from '../zuul/settingRef';
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { BUILTIN_JOBS, didYouMean, EXTERNAL_HINT, isExternal, judgeUnknown, notInTenant, referenceSites } from './references-policy';

export const unknownJob: Check = {
  id: 'unknown-job',
  severity: 'error',
  summary:
    `A project or project-template job list names a job no open repo defines. Error when it is a near miss of a known job (a typo: Zuul rejects the stanza with "Job X not defined"); warning when the job may live in a repo that is not open, to declare in ${settingMention('externalNames')}; nothing in a stanza that configures another project, whose own repo may define it. Templates are checked only when a project uses them, as Zuul does.`,
  docs: `${ZUUL_DOCS}/config/project.html#attr-project.<pipeline>.jobs`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const known = ctx.index.names('job');
    for (const site of referenceSites(ctx)) {
      const { stanza } = site;
      if (stanza.kind !== 'variant') continue;
      const name = stanza.jobName;
      if (ctx.index.has('job', name) || BUILTIN_JOBS.has(name) || isExternal(name, ctx)) continue;
      const v = judgeUnknown(name, known, ctx, site.otherProject);
      if (!v.severity) continue;
      const { def } = stanza;
      const where = def.kind === 'project-template' ? `every project that uses template ${def.name}` : 'this project stanza';
      const message = v.typo
        ? `Job "${name}" is not defined, and "${v.suggestions[0]}" is: Zuul rejects ${where} ("Job ${name} not defined") and none of its jobs run.${didYouMean(v.suggestions)}`
        : v.closed
          ? `${notInTenant(`Job "${name}"`, v.closed)}: Zuul rejects ${where} ("Job ${name} not defined") and none of its jobs run.${didYouMean(v.suggestions)}`
          : `Job "${name}" is not defined in the open repositories. Zuul needs it defined somewhere in the tenant, or it rejects ${where} ("Job ${name} not defined"); ${EXTERNAL_HINT}.${didYouMean(v.suggestions)}`;
      out.push({
        rule: 'unknown-job',
        severity: v.severity,
        file: def.file.path,
        range: rangeOf(def.file, stanza.nameNode),
        message,
        ...(site.usedBy ? { related: [site.usedBy] } : {}),
        data: { suggestions: v.suggestions, name, pipeline: stanza.pipeline, typo: v.typo },
        ...(v.typo || v.closed ? {} : { setting: { key: 'externalNames', value: name } }),
      });
    }
    return out;
  },
};
