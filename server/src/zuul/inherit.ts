// Parent chains and attribute values after inheritance (reference §3.2-3.4).
// Branch matchers are not evaluated: every variant of a job is taken to
// apply, which is what a reader of the files assumes too.
import { isScalar } from 'yaml';
import type { Definition, ZuulIndex } from './index';
import { entries, type Entry } from './yamlNodes';
import { jobStanzas, type JobStanza } from './stanzas';

export { DEFAULT_PARENT } from './index';

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
export function parentName(index: ZuulIndex, job: string, defaultParent = index.defaultParent): string | null {
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

const ancestryCache = new WeakMap<ZuulIndex, Map<string, Ancestry>>();

export function ancestry(index: ZuulIndex, job: string, defaultParent = index.defaultParent): Ancestry {
  let m = ancestryCache.get(index);
  if (!m) ancestryCache.set(index, (m = new Map()));
  const key = `${defaultParent}\u0000${job}`;
  let hit = m.get(key);
  if (!hit) m.set(key, (hit = computeAncestry(index, job, defaultParent)));
  return hit;
}

function computeAncestry(index: ZuulIndex, job: string, defaultParent: string): Ancestry {
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

const inheritedCache = new WeakMap<ZuulIndex, Map<string, { def: Definition; entry: Entry } | null>>();

/** The entry that sets `key` for `job` after inheritance: the last variant that sets it, nearest job first. */
export function inherited(index: ZuulIndex, job: string, key: string, defaultParent = index.defaultParent): { def: Definition; entry: Entry } | undefined {
  let m = inheritedCache.get(index);
  if (!m) inheritedCache.set(index, (m = new Map()));
  const k = `${defaultParent}\u0000${key}\u0000${job}`;
  let hit = m.get(k);
  if (hit === undefined) m.set(k, (hit = computeInherited(index, job, key, defaultParent) ?? null));
  return hit ?? undefined;
}

function computeInherited(index: ZuulIndex, job: string, key: string, defaultParent: string): { def: Definition; entry: Entry } | undefined {
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
export function inheritedAll(index: ZuulIndex, job: string, key: string, defaultParent = index.defaultParent): { def: Definition; entry: Entry }[] {
  const out: { def: Definition; entry: Entry }[] = [];
  for (const name of ancestry(index, job, defaultParent).chain) {
    for (const d of index.get('job', name)) {
      const e = attr(d, key);
      if (e) out.push({ def: d, entry: e });
    }
  }
  return out;
}


// ---------------------------------------------------------------------------
// Flags of §3.4 and the parent references written in stanzas.

/** A stanza's own boolean attribute (`final: true`, `abstract: yes`...); undefined when absent or not a boolean. */
export function boolAttr(def: Definition, key: string): boolean | undefined {
  return boolEntry(attr(def, key));
}

function boolEntry(e: Entry | undefined): boolean | undefined {
  const v = e?.value;
  return isScalar(v) && typeof v.value === 'boolean' ? v.value : undefined;
}

/** The stanza's own `key` entry when it is written `true`. */
export function trueEntry(def: Definition, key: string): Entry | undefined {
  const e = attr(def, key);
  return boolEntry(e) === true ? e : undefined;
}

/**
 * True when the job has variants and every one of them sets `key: true`:
 * the condition of Zuul's load-time parent checks (final, intermediate,
 * protected), which fire only when no variant could succeed.
 */
export function everyVariant(index: ZuulIndex, job: string, key: 'final' | 'intermediate' | 'protected'): boolean {
  const defs = index.get('job', job);
  return defs.length > 0 && defs.every((d) => boolAttr(d, key) === true);
}

/** An explicit `parent:` written in a job stanza or a project-pipeline variant. */
export interface ParentRefInStanza {
  stanza: JobStanza;
  /** The parent name; null for `parent: null` (a base job). */
  parent: string | null;
  entry: Entry;
}

/** Attributes of a job stanza or project-pipeline variant (empty for a plain `- name` entry). */
export function stanzaEntries(stanza: JobStanza): readonly Entry[] {
  return stanza.body ? entries(stanza.def.file.doc, stanza.body) : [];
}

// Several rules read the same list; the index is rebuilt after every change, so it is the cache key.
const parentsCache = new WeakMap<ZuulIndex, ParentRefInStanza[]>();

/** Every explicit `parent:` in job stanzas and project-pipeline variants, in load order. */
export function explicitParents(index: ZuulIndex): ParentRefInStanza[] {
  const hit = parentsCache.get(index);
  if (hit) return hit;
  const out: ParentRefInStanza[] = [];
  for (const stanza of jobStanzas(index)) {
    const e = stanzaEntries(stanza).find((x) => x.key === 'parent');
    if (!e) continue;
    if (e.value == null || (isScalar(e.value) && e.value.value === null)) out.push({ stanza, parent: null, entry: e });
    else if (isScalar(e.value) && typeof e.value.value === 'string') out.push({ stanza, parent: e.value.value, entry: e });
  }
  parentsCache.set(index, out);
  return out;
}

/**
 * Whether a job ends up abstract when it is run (reference §3.4). `abstract`
 * is sticky across the job's own variants (an explicit `false` on a later
 * variant is ignored) and reset by inheritance: each time a job of another
 * name is applied, the next element's own value replaces it. So what decides
 * is the job's own variants, from the last one whose explicit parent pulls in
 * a chain not collected yet (Zuul applies that chain just before it) onwards.
 * Branch matchers are not evaluated: every variant is taken to apply.
 * Project-pipeline variants carry the job's name, so they can set abstract
 * but never clear it.
 */
export function abstractness(index: ZuulIndex, job: string, defaultParent = index.defaultParent): { abstract: boolean; setBy: { def: Definition; entry: Entry }[] } {
  const defs = index.get('job', job);
  const visited = new Set<string>([job]);
  let setBy: { def: Definition; entry: Entry }[] = [];
  defs.forEach((d, i) => {
    const p = parentOf(d);
    let parent: string | null | undefined = p.name;
    if (i === 0 && parent === undefined && job !== defaultParent) parent = defaultParent;
    if (parent && !visited.has(parent)) {
      for (const name of ancestry(index, parent, defaultParent).chain) visited.add(name);
      visited.add(parent);
      // A chain of another name is applied before this variant: it resets abstract.
      if (i > 0) setBy = [];
    }
    const e = trueEntry(d, 'abstract');
    if (e) setBy.push({ def: d, entry: e });
  });
  return { abstract: setBy.length > 0, setBy };
}
