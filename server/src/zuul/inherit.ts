// Parent chains and attribute values after inheritance (reference §3.2-3.4).
// Branch matchers are not evaluated: every variant of a job is taken to
// apply, which is what a reader of the files assumes too.
import { isScalar } from 'yaml';
import type { Definition, ZuulIndex } from './index';
import { entries, type Entry } from './yamlNodes';

export const DEFAULT_PARENT = 'base';

export interface ParentRef {
  /** null = base job (`parent: null`); undefined = no explicit parent. */
  name: string | null | undefined;
  entry?: Entry;
}

export function attr(def: Definition, key: string): Entry | undefined {
  return entries(def.file.doc, def.item.body).find((e) => e.key === key);
}

export function parentOf(def: Definition): ParentRef {
  const e = attr(def, 'parent');
  if (!e) return { name: undefined };
  if (e.value == null || (isScalar(e.value) && e.value.value === null)) return { name: null, entry: e };
  return { name: isScalar(e.value) && typeof e.value.value === 'string' ? e.value.value : undefined, entry: e };
}

/** The parent a job ends up with: the reference definition's explicit parent, else the default parent. */
export function parentName(index: ZuulIndex, job: string, defaultParent = DEFAULT_PARENT): string | null {
  const defs = index.get('job', job);
  for (const d of defs) {
    const p = parentOf(d);
    if (p.name === null) return null;
    if (p.name !== undefined) return p.name;
  }
  // Zuul: a job named like the default parent without parent: null is its own root.
  return job === defaultParent ? null : defaultParent;
}

export interface Ancestry {
  /** The job itself first, then its parent, ... up to the root (only jobs that exist). */
  chain: string[];
  /** Set when the chain comes back to a job already in it. */
  cycle?: string[];
  /** The first parent name that has no definition. */
  missing?: string;
}

export function ancestry(index: ZuulIndex, job: string, defaultParent = DEFAULT_PARENT): Ancestry {
  const chain: string[] = [];
  let cur: string | null = job;
  while (cur !== null) {
    if (chain.includes(cur)) return { chain, cycle: [...chain.slice(chain.indexOf(cur)), cur] };
    if (!index.has('job', cur)) return chain.length ? { chain, missing: cur } : { chain };
    chain.push(cur);
    cur = parentName(index, cur, defaultParent);
  }
  return { chain };
}

/** The entry that sets `key` for `job` after inheritance: the last variant that sets it, nearest job first. */
export function inherited(index: ZuulIndex, job: string, key: string, defaultParent = DEFAULT_PARENT): { def: Definition; entry: Entry } | undefined {
  for (const name of ancestry(index, job, defaultParent).chain) {
    const defs = index.get('job', name);
    for (let i = defs.length - 1; i >= 0; i--) {
      const e = attr(defs[i], key);
      if (e) return { def: defs[i], entry: e };
    }
  }
  return undefined;
}

/** Every entry setting `key` along the chain (for attributes combined by union, like semaphores). */
export function inheritedAll(index: ZuulIndex, job: string, key: string, defaultParent = DEFAULT_PARENT): { def: Definition; entry: Entry }[] {
  const out: { def: Definition; entry: Entry }[] = [];
  for (const name of ancestry(index, job, defaultParent).chain) {
    for (const d of index.get('job', name)) {
      const e = attr(d, key);
      if (e) out.push({ def: d, entry: e });
    }
  }
  return out;
}

/** Does `job` descend from `ancestor` (or is it that job)? */
export function descendsFrom(index: ZuulIndex, job: string, ancestor: string, defaultParent = DEFAULT_PARENT): boolean {
  return ancestry(index, job, defaultParent).chain.includes(ancestor);
}
