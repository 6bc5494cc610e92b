// What a reader wants to know about a job without opening five files: what
// it is for, where each variant is, what it inherits from, where it runs and
// on what, which playbooks run in which order, and who relies on it. The
// values are those of the effective job (engine/explain.ts), which "Zuul:
// Show Effective Job" shows in full.
import type { ZuulWorkspace } from '../engine/workspace';
import type { Definition, ZuulIndex } from '../zuul/index';
import { ancestry, attr, parentName } from '../zuul/inherit';
import { projectKey } from '../zuul/jobGraph';
import { str, type YNode } from '../zuul/yamlNodes';
import { repoRelative } from '../zuul/discover';
import type { Block, Inline } from './doc';
import { tableOf } from './navigation';
import { explainInWorkspace } from '../engine/explain';
import { SHOW_EFFECTIVE_JOB_COMMAND, type Sourced } from '../../../protocol/src';
import type { ExplainQuery } from '../zuul/effectiveJob';

/** `repo · path:line` of a definition, at its item's first line unless another node is given. */
export function where(def: Definition, node: YNode = def.item.keyNode): string {
  const line = def.file.lines.position(node.range?.[0] ?? 0).line + 1;
  return `${def.repo.name} · ${repoRelative(def.repo, def.file.path)}:${line}`;
}

function firstLine(s: string | undefined): string | undefined {
  const t = s?.trim().split(/\r?\n/)[0]?.trim();
  return t || undefined;
}

/** The first non-empty description among a name's definitions (variants in load order), trimmed. */
export function descriptionOf(defs: readonly Definition[]): string | undefined {
  for (const d of defs) {
    const s = str(attr(d, 'description')?.value ?? undefined)?.trim();
    if (s) return s;
  }
  return undefined;
}

const childCache = new WeakMap<ZuulIndex, Map<string, number>>();

/** Parent name -> how many jobs inherit from it directly (the default parent included). */
function childCounts(index: ZuulIndex): Map<string, number> {
  let m = childCache.get(index);
  if (m) return m;
  m = new Map();
  for (const name of index.names('job')) {
    const p = parentName(index, name);
    if (p !== null) m.set(p, (m.get(p) ?? 0) + 1);
  }
  childCache.set(index, m);
  return m;
}

/**
 * How many `project pipeline` pairs hold `job` in their job list, directly or
 * through a template the project uses. Read from the job's uses rather than
 * from every project of the tenant: a hover right after an edit of a
 * 10,000-job tenant must not walk every job list. A list shared through an
 * alias is a use in each pipeline that names it.
 */
export function pipelineCount(ws: ZuulWorkspace, job: string): number {
  const table = tableOf(ws);
  const pairs = new Set<string>();
  const templateUsers = new Map<string, string[]>();
  const projectsUsing = (template: string): string[] => {
    let hit = templateUsers.get(template);
    if (!hit) {
      hit = table
        .all({ kind: 'project-template', name: template })
        .filter((o) => o.context === 'template' && o.def.kind === 'project' && !o.def.name.startsWith('^'))
        .map((o) => projectKey(o.def).key);
      templateUsers.set(template, hit);
    }
    return hit;
  };
  for (const o of table.all({ kind: 'job', name: job })) {
    if (o.context !== 'job-list' || o.pipeline === undefined) continue;
    if (o.def.kind === 'project' && !o.def.name.startsWith('^')) pairs.add(`${projectKey(o.def).key} ${o.pipeline}`);
    else if (o.def.kind === 'project-template') for (const p of projectsUsing(o.def.name)) pairs.add(`${p} ${o.pipeline}`);
  }
  return pairs.size;
}

/**
 * How many jobs inherit from `job` directly. Only a job named in some
 * `parent:` can be a child (except of the default parent), so the uses of the
 * name are enough, and a hover right after an edit does not read every job.
 */
export function childCount(ws: ZuulWorkspace, job: string): number {
  if (job === ws.index.defaultParent) return childCounts(ws.index).get(job) ?? 0;
  return directChildren(ws, job).size;
}

/** The jobs whose parent is `job` and that name it in `parent:` (so never the default parent's implicit children). */
export function directChildren(ws: ZuulWorkspace, job: string): Set<string> {
  const out = new Set<string>();
  for (const o of tableOf(ws).all({ kind: 'job', name: job })) {
    if (o.context === 'parent' && o.def.kind === 'job' && !out.has(o.def.name) && parentName(ws.index, o.def.name) === job) out.add(o.def.name);
  }
  return out;
}

/** `effective`: what a "Show effective job" link asks for (none: no link). */
export function jobHover(ws: ZuulWorkspace, job: string, effective?: ExplainQuery): Block[] {
  const index = ws.index;
  const defs = index.get('job', job);
  const blocks: Block[] = [{ p: [{ strong: `job ${job}` }] }];
  if (defs.length === 0) {
    blocks.push({ p: [job === 'noop' ? 'Built into Zuul: a job that does nothing and always succeeds.' : 'Not defined in the open repositories.'] });
    return blocks;
  }
  const description = descriptionOf(defs);
  if (description) blocks.push({ p: [description] });
  const variants: Inline[][] = defs.map((d, i) => {
    const vd = firstLine(str(attr(d, 'variant-description')?.value ?? undefined));
    return [i === 0 ? 'defined in ' : 'variant in ', { code: where(d) }, ...(vd ? [` — ${vd}`] : [])];
  });
  blocks.push({ list: variants });
  const a = ancestry(index, job);
  const parent = parentName(index, job);
  const chain = a.chain.slice(1);
  const facts: Inline[][] = [];
  if (parent === null) facts.push(['a base job (no parent)']);
  else {
    const tail: string[] = a.missing ? [`${a.missing} (not open)`] : a.cycle ? ['… (cycle)'] : [];
    facts.push(['parents: ', { code: [...chain, ...tail].join(' → ') || (job === index.defaultParent ? '' : parent) }]);
  }
  // The values Zuul freezes for the job on any branch (engine/explain.ts), each from the stanza that set it.
  const eff = explainInWorkspace(ws, { job });
  if (!('error' in eff)) {
    const from = (s: Sourced) => ` (${s.source.repo} · ${s.source.file}:${s.source.range.start.line + 1}${s.onlyIf ? ', on some branches' : ''})`;
    const nodeset = eff.attributes.nodeset;
    if (nodeset) facts.push(['nodeset: ', { code: typeof nodeset.value === 'string' ? nodeset.value : 'inline nodeset' }, from(nodeset)]);
    const timeout = eff.attributes.timeout;
    if (timeout) facts.push(['timeout: ', { code: `${String(timeout.value)} s` }, from(timeout)]);
    const voting = eff.attributes.voting;
    if (voting && voting.value === false) facts.push(['voting: ', { code: 'false' }, from(voting)]);
    const sems = eff.lists.semaphores ?? [];
    if (sems.length) facts.push(['semaphores: ', { code: sems.map((x) => String(x.value)).join(', ') }]);
    for (const k of ['files', 'irrelevant-files']) {
      const list = eff.lists[k];
      if (list?.length) facts.push([`${k}: `, { code: list.map((x) => String(x.value)).join(', ') }, from(list[0])]);
    }
    blocks.push({ list: facts });
    if (eff.playbooks.length) {
      blocks.push({ p: ['Playbooks, in run order:'] });
      blocks.push({ list: eff.playbooks.map((p) => [`${p.phase}: `, { code: p.path }, ...(p.job !== job ? [` (${p.job})`] : [])]) });
    }
    if (!eff.complete) blocks.push({ p: ['Part of its parent chain is not in the open repositories: what it sets is not known.'] });
  } else blocks.push({ list: facts });
  const runs = pipelineCount(ws, job);
  const children = childCount(ws, job);
  blocks.push({ p: [`Run by ${runs} project pipeline${runs === 1 ? '' : 's'} · ${children} child job${children === 1 ? ' inherits' : 's inherit'} from it`] });
  if (effective) {
    const where = effective.pipeline ? ` in ${effective.project}'s ${effective.pipeline}` : '';
    blocks.push({ p: [{ command: SHOW_EFFECTIVE_JOB_COMMAND, args: [effective], label: `Show effective job${where}` }, ': every value with the line that set it'] });
  }
  return blocks;
}
