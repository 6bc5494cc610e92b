// The effective job (server/src/zuul/effectiveJob.ts) against what Zuul
// itself froze (issue 13): for every job the oracle froze in a world, our fold
// for that project, pipeline and branch must give the same playbooks in the
// same order (phase, project, path), the same nodeset and the same vars.
import { isDeepStrictEqual } from 'node:util';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { explainInWorkspace } from '../../server/src/engine/explain';
import type { EffectiveJob, VarTree } from '../../protocol/src';
import type { BuiltWorld } from './worlds';
import { oracleAnsibleVersions, type FrozenJob } from './oracle';

export interface FrozenTally {
  jobs: number;
  agree: number;
  differences: { where: string; what: string }[];
}

const short = (n: string) => n.split('/').pop() ?? n;

function varsOf(t: VarTree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) out[k] = 'leaf' in v ? v.leaf.value : varsOf(v.tree);
  return out;
}

function nodesOf(j: EffectiveJob): { name?: string; nodes?: [string, string][] } {
  const v = j.attributes.nodeset?.value;
  if (v === undefined) return { nodes: [] };
  if (typeof v === 'string') return { name: v };
  const list = v && typeof v === 'object' && Array.isArray((v as { nodes?: unknown }).nodes) ? ((v as { nodes: { name?: unknown; label?: unknown }[] }).nodes) : [];
  return { nodes: list.map((n) => [Array.isArray(n.name) ? n.name.join('/') : String(n.name), String(n.label)] as [string, string]).sort() };
}

/** Our workspace of a world, as the oracle comparison loads it. */
export async function worldWorkspace(world: BuiltWorld): Promise<ZuulWorkspace> {
  const ws = new ZuulWorkspace([world.root], { tenantConfig: world.tenantFile, tenantName: world.tenantName, ansibleVersions: oracleAnsibleVersions() });
  await ws.load();
  return ws;
}

/** Compares each frozen job with our effective job; `tally` collects the counts and the differences. */
export function compareFrozen(ws: ZuulWorkspace, name: string, frozen: FrozenJob[], tally: FrozenTally): void {
  for (const z of frozen) {
    if (z.error || !z.pipeline || z.job === 'noop') continue;
    tally.jobs++;
    const where = `${name} / ${z.project} ${z.pipeline} ${z.job}`;
    const ours = explainInWorkspace(ws, { job: z.job, project: z.project, pipeline: z.pipeline, branch: 'master' });
    if ('error' in ours) {
      tally.differences.push({ where, what: `ours: ${ours.error}` });
      continue;
    }
    const problems: string[] = [];
    const pbs = ours.playbooks.map((p) => `${p.phase} ${short(p.repo)} ${p.path}`);
    const theirs = z.playbooks.map(([ph, proj, path]) => `${ph} ${short(proj)} ${path}`);
    if (!isDeepStrictEqual(pbs, theirs)) problems.push(`playbooks: ours [${pbs.join('; ')}], Zuul [${theirs.join('; ')}]`);
    const n = nodesOf(ours);
    if (n.name !== undefined ? n.name !== z.nodeset : !isDeepStrictEqual(n.nodes, z.nodes ?? [])) problems.push(`nodeset: ours ${JSON.stringify(n)}, Zuul ${JSON.stringify({ name: z.nodeset, nodes: z.nodes })}`);
    const vars = varsOf(ours.vars.vars);
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(vars)), z.vars)) problems.push(`vars: ours ${JSON.stringify(vars).slice(0, 300)}, Zuul ${JSON.stringify(z.vars).slice(0, 300)}`);
    if (problems.length) tally.differences.push({ where, what: problems.join(' | ') });
    else tally.agree++;
  }
}
