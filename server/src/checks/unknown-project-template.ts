// A project's `templates:` entry naming no project-template (reference §2.2,
// §4: 'The project template "X" was not found.').
import { settingMention } from '../zuul/settingRef';
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { configuresOtherProject, didYouMean, EXTERNAL_HINT, isExternal, judgeUnknown, notInTenant, templateRefs } from './references-policy';

export const unknownProjectTemplate: Check = {
  id: 'unknown-project-template',
  severity: 'error',
  summary:
    `A project lists a template that no open repo defines. Error when it is a near miss of a known template (a typo: Zuul rejects the project with 'The project template "X" was not found.'); warning when it may live in a repo that is not open, to declare in ${settingMention('externalNames')}; nothing in a stanza that configures another project.`,
  docs: `${ZUUL_DOCS}/config/project.html#attr-project.templates`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const known = ctx.index.names('project-template');
    for (const def of ctx.index.ofKind('project')) {
      for (const { name, node } of templateRefs(def)) {
        if (ctx.index.has('project-template', name) || isExternal(name, ctx)) continue;
        const v = judgeUnknown(name, known, ctx, configuresOtherProject(def, ctx), 'project-template');
        if (!v.severity) continue;
        const message = v.typo
          ? `Project template "${name}" is not defined, and "${v.suggestions[0]}" is: Zuul rejects this project stanza ('The project template "${name}" was not found.') and none of the template's jobs run.${didYouMean(v.suggestions)}`
          : v.closed
            ? `${notInTenant(`Project template "${name}"`, v.closed)}: Zuul rejects this project stanza ('The project template "${name}" was not found.').${didYouMean(v.suggestions)}`
            : `Project template "${name}" is not defined in the open repositories. Zuul rejects this project stanza ('The project template "${name}" was not found.') unless a repo of the tenant defines it; ${EXTERNAL_HINT}.${didYouMean(v.suggestions)}`;
        out.push({
          rule: 'unknown-project-template',
          severity: v.severity,
          file: def.file.path,
          range: rangeOf(def.file, node),
          message,
          data: { suggestions: v.suggestions, name, typo: v.typo },
          ...(v.typo || v.closed ? {} : { setting: { key: 'externalNames', value: name } }),
        });
      }
    }
    return out;
  },
};
