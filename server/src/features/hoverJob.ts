// What a reader wants to know about a job without opening five files: what
// it is for, where each variant is, what it inherits from, where it runs and
// on what, which playbooks run in which order, and who relies on it.
import { isMap, isScalar } from 'yaml';
import type { ZuulWorkspace } from '../engine/workspace';
import type { Definition, ZuulIndex } from '../zuul/index';
import { ancestry, attr, inherited, inheritedAll, parentName } from '../zuul/inherit';
import { projectKey } from '../zuul/jobGraph';
import { PLAYBOOK_PHASES } from '../zuul/playbooks';
import { entries, resolve, str, type YNode } from '../zuul/yamlNodes';
import { repoRelative } from '../zuul/discover';
import type { Block, Inline } from './doc';
import { tableOf } from './navigation';

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

function scalarText(node: YNode | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

function playbookPaths(def: Definition, phase: string): string[] {
  const doc = def.file.doc;
  const v = attr(def, phase)?.value;
  if (!v) return [];
  const items = 'items' in v && Array.isArray(v.items) && !isMap(v) ? v.items.map((i) => resolve(doc, i)) : [v];
  const out: string[] = [];
  for (const item of items) {
    const node = isMap(item) ? entries(doc, item).find((e) => e.key === 'name')?.value : item;
    const p = str(node);
    if (p) out.push(p);
  }
  return out;
}

/** Playbooks in the order Zuul runs them: pre-run parent first, the nearest run, post-run and cleanup-run child first. */
export function playbookOrder(index: ZuulIndex, job: string): { phase: string; path: string; from: string }[] {
  const chain = ancestry(index, job).chain;
  const out: { phase: string; path: string; from: string }[] = [];
  const add = (phase: string, names: string[], order: 'down' | 'up') => {
    for (const name of names) {
      const defs = index.get('job', name);
      const list = order === 'down' ? defs : [...defs].reverse();
      for (const d of list) for (const path of playbookPaths(d, phase)) out.push({ phase, path, from: name });
    }
  };
  add('pre-run', [...chain].reverse(), 'down');
  const run = inherited(index, job, 'run');
  if (run) for (const path of playbookPaths(run.def, 'run')) out.push({ phase: 'run', path, from: run.def.name });
  add('post-run', chain, 'up');
  add('cleanup-run', chain, 'up');
  return out.filter((p) => PLAYBOOK_PHASES.includes(p.phase));
}

export function jobHover(ws: ZuulWorkspace, job: string): Block[] {
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
  const nodeset = inherited(index, job, 'nodeset');
  if (nodeset) {
    const v = nodeset.entry.value;
    facts.push(['nodeset: ', { code: scalarText(v) ?? (isMap(v) ? 'inline nodeset' : '?') }, ` (from ${nodeset.def.name})`]);
  }
  const timeout = inherited(index, job, 'timeout');
  if (timeout) facts.push(['timeout: ', { code: `${scalarText(timeout.entry.value) ?? '?'} s` }, ` (from ${timeout.def.name})`]);
  const sems = new Set<string>();
  for (const key of ['semaphores', 'semaphore']) {
    for (const { def, entry } of inheritedAll(index, job, key)) {
      const v = entry.value;
      const list = v && isMap(v) ? [v] : v && 'items' in v && Array.isArray(v.items) ? v.items.map((i) => resolve(def.file.doc, i)) : [v];
      for (const n of list) {
        const name = isMap(n) ? str(entries(def.file.doc, n).find((e) => e.key === 'name')?.value) : str(n);
        if (name) sems.add(name);
      }
    }
  }
  if (sems.size) facts.push(['semaphores: ', { code: [...sems].join(', ') }]);
  blocks.push({ list: facts });
  const playbooks = playbookOrder(index, job);
  if (playbooks.length) {
    blocks.push({ p: ['Playbooks, in run order:'] });
    blocks.push({ list: playbooks.map((p) => [`${p.phase}: `, { code: p.path }, ...(p.from !== job ? [` (${p.from})`] : [])]) });
  }
  const runs = pipelineCount(ws, job);
  const children = childCount(ws, job);
  blocks.push({ p: [`Run by ${runs} project pipeline${runs === 1 ? '' : 's'} · ${children} child job${children === 1 ? ' inherits' : 's inherit'} from it`] });
  return blocks;
}
