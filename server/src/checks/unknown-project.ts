// A project stanza or a job's required-projects naming a project the tenant
// does not hold: Zuul's 'The project "X" was not found.' (configloader's
// project stanzas, model.Job._resolveRequiredProjects). Zuul looks the name
// up as the tenant writes it (`openstack/nova`, or with the source's hostname
// in front), never by its last segment alone. Only the tenant file knows the
// tenant's projects, so the rule speaks only when one is read; whether the
// project is open does not matter.
import { isMap } from 'yaml';
import type { Check, Finding } from './check';
import { jobStanzas, rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { str, type YNode } from '../zuul/yamlNodes';
import { suggest } from '../zuul/suggest';
import type { Definition } from '../zuul/index';
import { attrValue, didYouMean, field, oneOrMany, rawAlias, tenantSpellings } from './references-policy';

const ZUUL_TAIL = 'All projects referenced within a Zuul configuration must first be added to the main configuration file by the Zuul administrator.';

/** The tenant holds a project of that name, as Tenant.getProject finds it. */
function tenantHolds(names: ReadonlySet<string>, name: string): boolean {
  return tenantSpellings(name).some((n) => names.has(n));
}

export const unknownProject: Check = {
  id: 'unknown-project',
  severity: 'error',
  summary: "A project stanza name or a job's required-projects entry that is no project of the tenant: Zuul rejects the stanza ('The project \"X\" was not found.'). Needs a tenant file; the name must be written as the tenant writes it (org/name), not by its last segment.",
  docs: `${ZUUL_DOCS}/tenants.html`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'required-projects', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const tenant = ctx.tenant?.tenant;
    if (!tenant) return out;
    const names = new Set(tenant.projects.map((p) => p.name));
    const report = (def: Definition, node: YNode, name: string, where: string) => {
      const suggestions = suggest(name, [...names]);
      const short = [...names].filter((n) => n.split('/').pop() === name);
      const hint = short.length === 1 ? ` The tenant holds "${short[0]}": write the project's full name.` : didYouMean(suggestions);
      out.push({
        rule: 'unknown-project',
        severity: 'error',
        file: def.file.path,
        range: rangeOf(def.file, node),
        message: `Project "${name}" is no project of tenant ${tenant.name}: Zuul rejects ${where} ('The project "${name}" was not found.  ${ZUUL_TAIL}').${hint}`,
        data: { name, suggestions: short.length === 1 ? short : suggestions },
      });
    };
    for (const def of ctx.index.ofKind('project')) {
      const node = def.item.nameNode;
      if (!node || def.name === '' || def.name.startsWith('^') || tenantHolds(names, def.name)) continue;
      report(def, node, def.name, 'this project stanza');
    }
    for (const stanza of jobStanzas(ctx.index)) {
      if (stanza.kind !== 'job') continue;
      const alias = rawAlias(stanza, 'required-projects');
      for (const item of oneOrMany(stanza.def, attrValue(stanza, 'required-projects'))) {
        const node = isMap(item) ? field(stanza.def, item, 'name') : item;
        const name = str(node);
        if (!node || name === undefined || tenantHolds(names, name)) continue;
        report(stanza.def, alias ?? node, name, `job "${stanza.jobName}"`);
      }
    }
    return out;
  },
};
