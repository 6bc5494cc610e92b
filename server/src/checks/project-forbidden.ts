// A project stanza in an untrusted repo that names another project, or a
// regex: Zuul's "Project Forbidden" ("Within an untrusted project, the only
// project definition permitted is that of the project itself", reference
// §1.6, Layout.addProjectConfig). Config projects may configure any project.
// A regex is applied to every project of the tenant it full-matches, and
// rejected for each one but the repo itself. A repo's checkout folder need
// not carry its tenant name, so a single unexplained name is taken to be the
// repo itself; a name that designates another open repo, or a second name
// beside the repo's own, is certainly another project. With a tenant file the
// name is looked up as Zuul looks it up (its full name, optionally behind the
// hostname), so an old name of the repo the tenant lists apart is another project.
import { settingMention } from '../zuul/settingRef';
import type { Check, CheckContext, Finding } from './check';
import type { Definition } from '../zuul/index';
import type { Repo } from '../zuul/discover';
import type { TenantView } from '../zuul/tenantView';
import { rangeOf } from '../zuul/stanzas';
import { re2 } from '../zuul/regex';
import { ZUUL_DOCS } from '../zuul/rules';
import { namesRepo, shortName, tenantSpellings } from './references-policy';
import { trustOf } from './trust';

const RULE = 'project-forbidden';
const ZUUL_SAYS = '"Within an untrusted project, the only project definition permitted is that of the project itself"';

function fullMatches(pattern: string, name: string): boolean {
  return re2(pattern)?.matches(name) ?? false;
}

/** The names a repo may go by: its folder, its short name, and the project names that designate it. */
function namesOf(repo: Repo, projectNames: string[]): string[] {
  return [repo.name, shortName(repo.name), ...projectNames.filter((n) => !n.startsWith('^') && namesRepo(n, repo))];
}

/** Why a project stanza is forbidden, with the severity; undefined when it is allowed or may be. */
function verdict(def: Definition, repos: Repo[], projectNames: string[], ownNames: string[], distinct: number, tenant: TenantView | undefined): { severity: 'error' | 'warning'; why: string } | undefined {
  const { name, repo } = def;
  const others = repos.filter((r) => r !== repo);
  if (name.startsWith('^')) {
    const hit = others.filter((r) => namesOf(r, projectNames).some((n) => fullMatches(name, n)));
    if (hit.length) return { severity: 'error', why: `the regex matches ${hit.length === 1 ? 'the project' : 'projects'} ${hit.slice(0, 3).map((r) => r.name).join(', ')}${hit.length > 3 ? ', ...' : ''}` };
    // Matching only the repo itself is allowed (and what a stanza without a name does).
    if (namesOf(repo, projectNames).some((n) => fullMatches(name, n))) return undefined;
    return { severity: 'warning', why: 'a regex stanza applies to every project of the tenant it matches, and is rejected for each one but this repo' };
  }
  if (tenant) {
    // With a tenant file the name designates what Tenant.getProject finds, and nothing by its last segment.
    const own = tenant.projectOf.get(repo.root);
    const found = tenantSpellings(name).map((n) => tenant.tenant.projects.find((p) => p.name === n)).find((p) => p !== undefined);
    if (!found || !own || found === own) return undefined;
    return { severity: 'error', why: `"${name}" is the tenant's project ${found.name}, and this repo is ${own.name}` };
  }
  if (namesRepo(name, repo)) return undefined;
  const other = others.find((r) => namesRepo(name, r));
  if (other) return { severity: 'error', why: `"${name}" is the open repo ${other.name}` };
  if (ownNames.length) return { severity: 'error', why: `this repo's own stanza is "${ownNames[0]}"` };
  if (distinct > 1) return { severity: 'warning', why: `the repo configures ${distinct} projects, and at most one of them can be the repo itself` };
  return undefined;
}

export const projectForbidden: Check = {
  id: RULE,
  severity: 'error',
  summary:
    `A project stanza in an untrusted repository that configures another project, or uses a regex name; Zuul rejects it ("Within an untrusted project, the only project definition permitted is that of the project itself"). Config projects may configure any project: the tenant's, else those of ${settingMention('configProjects')} or that define pipelines.`,
  docs: `${ZUUL_DOCS}/config/project.html#attr-project.name`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx: CheckContext) {
    const out: Finding[] = [];
    const byRepo = new Map<Repo, Definition[]>();
    for (const d of ctx.index.ofKind('project')) {
      if (!d.name || !d.item.nameNode) continue;
      const list = byRepo.get(d.repo);
      if (list) list.push(d);
      else byRepo.set(d.repo, [d]);
    }
    const projectNames = ctx.index.names('project').filter((n) => n !== '');
    for (const [repo, defs] of byRepo) {
      if (trustOf(repo, ctx) !== 'untrusted') continue;
      const literal = [...new Set(defs.map((d) => d.name).filter((n) => !n.startsWith('^')))];
      const own = literal.filter((n) => namesRepo(n, repo));
      for (const def of defs) {
        const v = verdict(def, ctx.repos, projectNames, own, literal.length, ctx.tenant);
        if (!v) continue;
        out.push({
          rule: RULE,
          severity: v.severity,
          file: def.file.path,
          range: rangeOf(def.file, def.item.nameNode),
          message: `${repo.name} is an untrusted project: ${settingMention('configProjects')} does not list it and it defines no pipeline. So it may only configure itself, and ${v.why}: Zuul rejects this stanza (${ZUUL_SAYS}). Move the stanza to the project's own repo or to a config project${def.name.startsWith('^') ? '' : ', drop the name if it is meant for this repo,'} or, if the tenant trusts ${repo.name}, add it to ${settingMention('configProjects')}.`,
          data: { project: def.name, repo: repo.name, regex: def.name.startsWith('^') },
        });
      }
    }
    return out;
  },
};
