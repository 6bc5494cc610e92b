// `parent: null` (a base job) outside a config project: Zuul's load error
// "Base jobs must be defined in config projects" (reference §1.6), for job
// stanzas and for project / project-template job variants alike. Which repos
// are config projects is a tenant setting the files do not show, so the rule
// says nothing until the setting `configProjects` lists them.
import { settingMention } from '../zuul/settingRef';
import type { Check, Finding } from './check';
import type { Repo } from '../zuul/discover';
import { projectNameMatches } from '../zuul/index';
import { rangeOf } from '../zuul/stanzas';
import { explicitParents } from '../zuul/inherit';
import { ZUUL_DOCS } from '../zuul/rules';

/** A repo is a config project when `configProjects` names it (full or short name). */
export function isConfigProject(repo: Repo, configProjects: string[]): boolean {
  return configProjects.some((p) => projectNameMatches(p, repo));
}

export const baseJobUntrusted: Check = {
  id: 'base-job-untrusted',
  severity: 'error',
  summary: `parent: null (a base job) in a repository that is not a config project; Zuul rejects it ("Base jobs must be defined in config projects"). Only reported once a tenant file or ${settingMention('configProjects')} says which repositories are trusted: without either nothing is known about trust.`,
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.parent`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const { configProjects } = ctx.settings;
    // Trust is known from a tenant file, or from the setting; otherwise not at all.
    if (configProjects.length === 0 && !ctx.tenant) return out;
    for (const { stanza, parent, entry } of explicitParents(ctx.index)) {
      if (parent !== null) continue;
      const { repo, file } = stanza.def;
      if (isConfigProject(repo, configProjects)) continue;
      const node = entry.value?.range && entry.value.range[1] > entry.value.range[0] ? entry.value : entry.keyNode;
      const what = stanza.kind === 'job' ? `job "${stanza.jobName}"` : `the ${stanza.pipeline} variant of "${stanza.jobName}"`;
      out.push({
        rule: 'base-job-untrusted',
        severity: 'error',
        file: file.path,
        range: rangeOf(file, node),
        message: ctx.tenant
          ? `parent: null makes ${what} a base job, and tenant ${ctx.tenant.tenant.name} does not list ${repo.name} among its config-projects. Zuul rejects it ("Base jobs must be defined in config projects"). Inherit from a base job defined in a config project, or move the job to one.`
          : `parent: null makes ${what} a base job, and ${repo.name} is not a config project: ${settingMention('configProjects')} lists ${configProjects.join(', ')}. Zuul rejects it ("Base jobs must be defined in config projects"). Inherit from a base job defined in a config project, or add ${repo.name} to ${settingMention('configProjects')} if the tenant trusts it.`,
        data: { job: stanza.jobName, repo: repo.name },
      });
    }
    return out;
  },
};
