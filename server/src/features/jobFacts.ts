// What parent completion needs of every job, once per index: which jobs are
// final or protected in every variant, and who inherits from whom. A 10,000-job
// tenant is asked on every keystroke, and each keystroke makes a new index, so
// each variant's own facts are kept per stanza, which survives an edit of
// another file.
import type { Definition, ZuulIndex } from '../zuul/index';
import { boolAttr, parentOf } from '../zuul/inherit';

export interface JobFacts {
  final: ReadonlySet<string>;
  protectedJobs: ReadonlySet<string>;
  /** Parent -> the jobs whose parent it is (the default parent's implicit children included). */
  children: ReadonlyMap<string, readonly string[]>;
}

const FINAL = 1;
const PROTECTED = 2;

interface StanzaFacts {
  flags: number;
  /** The parent it writes: null for `parent: null`, undefined when it writes none. */
  parent: string | null | undefined;
}

const stanzaCache = new WeakMap<object, StanzaFacts>();
const indexCache = new WeakMap<ZuulIndex, JobFacts>();

function stanzaFacts(def: Definition): StanzaFacts {
  let f = stanzaCache.get(def.item);
  if (!f) {
    const flags = (boolAttr(def, 'final') === true ? FINAL : 0) | (boolAttr(def, 'protected') === true ? PROTECTED : 0);
    f = { flags, parent: parentOf(def).name };
    stanzaCache.set(def.item, f);
  }
  return f;
}

export function jobFacts(index: ZuulIndex): JobFacts {
  let hit = indexCache.get(index);
  if (hit) return hit;
  const final = new Set<string>();
  const protectedJobs = new Set<string>();
  const children = new Map<string, string[]>();
  for (const name of index.names('job')) {
    let every = FINAL | PROTECTED;
    // As parentName(): the first variant that writes a parent decides.
    let parent: string | null | undefined;
    for (const d of index.get('job', name)) {
      const f = stanzaFacts(d);
      every &= f.flags;
      if (parent === undefined) parent = f.parent;
    }
    if (every & FINAL) final.add(name);
    if (every & PROTECTED) protectedJobs.add(name);
    if (parent === undefined && name !== index.defaultParent) parent = index.defaultParent;
    if (parent) {
      const list = children.get(parent);
      if (list) list.push(name);
      else children.set(parent, [name]);
    }
  }
  hit = { final, protectedJobs, children };
  indexCache.set(index, hit);
  return hit;
}

/** `job` and every job that inherits from it, directly or not. */
export function descendantsOf(facts: JobFacts, job: string): Set<string> {
  const out = new Set<string>();
  const todo = [job];
  while (todo.length) {
    const n = todo.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    for (const c of facts.children.get(n) ?? []) if (!out.has(c)) todo.push(c);
  }
  return out;
}
