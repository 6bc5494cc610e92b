// A job whose nodeset (or one of its alternatives) has more nodes than the
// tenant's max-nodes-per-job: Zuul's error 'The job "X" exceeds tenant
// max-nodes-per-job N.' (reference §2.5). The limit is the tenant's, so the
// rule speaks only when a tenant file is read; Zuul's default is 5, and -1
// lifts the limit.
import { isMap, isSeq, type YAMLMap } from 'yaml';
import type { Check, Finding } from './check';
import type { Definition, ZuulIndex } from '../zuul/index';
import { jobStanzas, rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { str, type YNode } from '../zuul/yamlNodes';
import { attrValue, field, oneOrMany } from './references-policy';

/** Zuul's max-nodes-per-job when the tenant sets none. */
export const DEFAULT_MAX_NODES = 5;

/** The node counts of a nodeset body, one per alternative (a nodeset of alternatives has no nodes of its own). */
function counts(index: ZuulIndex, def: Definition, body: YAMLMap, seen: Set<string>): number[] {
  const alternatives = field(def, body, 'alternatives');
  if (alternatives != null) return oneOrMany(def, alternatives).flatMap((a) => countsOf(index, def, a, seen));
  const nodes = field(def, body, 'nodes');
  return [isSeq(nodes) ? nodes.items.length : nodes == null ? 0 : 1];
}

/** Node counts of a nodeset value: a name (looked up; a cycle or an unknown name counts nothing) or an inline mapping. */
function countsOf(index: ZuulIndex, def: Definition, value: YNode, seen: Set<string>): number[] {
  if (isMap(value)) return counts(index, def, value, seen);
  const name = str(value);
  if (name === undefined || seen.has(name)) return [];
  const ns = index.get('nodeset', name)[0];
  return ns ? counts(index, ns, ns.item.body, new Set([...seen, name])) : [];
}

export const nodesOverTenantMax: Check = {
  id: 'nodes-over-tenant-max',
  severity: 'error',
  summary: "A job's nodeset (or one of its alternatives) with more nodes than the tenant's max-nodes-per-job (5 unless the tenant file says otherwise): Zuul rejects the job. Needs a tenant file.",
  docs: `${ZUUL_DOCS}/tenants.html#attr-tenant.max-nodes-per-job`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const tenant = ctx.tenant?.tenant;
    if (!tenant) return out;
    const max = tenant.maxNodesPerJob ?? DEFAULT_MAX_NODES;
    if (max === -1) return out;
    for (const stanza of jobStanzas(ctx.index)) {
      if (stanza.kind !== 'job') continue;
      const value = attrValue(stanza, 'nodeset');
      if (value == null) continue;
      const most = countsOf(ctx.index, stanza.def, value, new Set()).reduce((a, b) => Math.max(a, b), 0);
      if (most <= max) continue;
      const { file } = stanza.def;
      out.push({
        rule: 'nodes-over-tenant-max',
        severity: 'error',
        file: file.path,
        range: rangeOf(file, value),
        message: `This nodeset has ${most} nodes, over the max-nodes-per-job of tenant ${tenant.name} (${max}${tenant.maxNodesPerJob === undefined ? ', Zuul\u2019s default' : ''}): Zuul rejects the job ('The job "${stanza.jobName}" exceeds tenant max-nodes-per-job ${max}.').`,
        data: { job: stanza.jobName, nodes: most, max },
      });
    }
    return out;
  },
};
