// The stanzas Zuul applies, in order, when it freezes a job for a
// project-pipeline (reference §3.2, Layout.collectJobs): the job's variants,
// each preceded by its parent's chain the first time that parent is met, then
// the project-pipeline variants. Branch matchers are not evaluated: every
// variant is taken to apply. The rules that replay Zuul's freeze-time checks
// fold over this list.
import type { Definition, ZuulIndex } from './index';
import { jobStanzas, type JobStanza } from './stanzas';
import { DEFAULT_PARENT, parentOf } from './inherit';
import { freezeFacts } from './jobAttrs';

const stanzaOfDef = new WeakMap<ZuulIndex, Map<Definition, JobStanza>>();

function jobStanzaOf(index: ZuulIndex, def: Definition): JobStanza | undefined {
  let m = stanzaOfDef.get(index);
  if (!m) {
    m = new Map();
    for (const s of jobStanzas(index)) if (s.kind === 'job') m.set(s.def, s);
    stanzaOfDef.set(index, m);
  }
  return m.get(def);
}

const chainCache = new WeakMap<ZuulIndex, Map<string, JobStanza[] | null>>();

/**
 * The job stanzas applied to freeze `job`, root ancestor first; undefined
 * when a job of the chain (the default parent included) has no definition in
 * the open repos, so that what the tenant applies is not known.
 */
export function collectChain(index: ZuulIndex, job: string): JobStanza[] | undefined {
  let m = chainCache.get(index);
  if (!m) chainCache.set(index, (m = new Map()));
  let hit = m.get(job);
  if (hit === undefined) {
    const defs: Definition[] = [];
    hit = collect(index, job, new Set(), defs) ? defs.map((d) => jobStanzaOf(index, d)).filter((s): s is JobStanza => s !== undefined) : null;
    m.set(job, hit);
  }
  return hit ?? undefined;
}

function collect(index: ZuulIndex, job: string, path: Set<string>, out: Definition[]): boolean {
  path.add(job);
  const defs = index.get('job', job);
  if (defs.length === 0) return false;
  for (const d of defs) {
    const p = parentOf(d);
    // Only the first stanza collected overall falls back to the default parent.
    const parent = p.name === null ? null : (p.name ?? (out.length === 0 ? DEFAULT_PARENT : null));
    if (parent && !path.has(parent) && !collect(index, parent, path, out)) return false;
    if (!out.includes(d)) out.push(d);
  }
  return true;
}

/** True when a stanza is limited to some branches, so that it may not apply where the job runs. */
export function hasBranches(stanza: JobStanza): boolean {
  return freezeFacts(stanza).branches;
}

const reachCache = new WeakMap<ZuulIndex, Map<string, Set<string>>>();

/**
 * Jobs whose collected chain may hold a stanza for which `test` is true: the
 * job itself or a job reachable through the parent of any variant (or the
 * default parent). Lets a rule skip the chains that cannot matter.
 */
export function jobsReaching(index: ZuulIndex, key: string, test: (s: JobStanza) => boolean): Set<string> {
  let m = reachCache.get(index);
  if (!m) reachCache.set(index, (m = new Map()));
  const hit = m.get(key);
  if (hit) return hit;
  // Walk the parent edges backwards from the jobs that pass the test.
  const children = new Map<string, string[]>();
  const out = new Set<string>();
  for (const s of jobStanzas(index)) {
    if (s.kind !== 'job') continue;
    if (test(s)) out.add(s.jobName);
    const p = parentOf(s.def);
    const parent = p.name === null ? null : (p.name ?? DEFAULT_PARENT);
    if (!parent || parent === s.jobName) continue;
    const list = children.get(parent);
    if (list) list.push(s.jobName);
    else children.set(parent, [s.jobName]);
  }
  const queue = [...out];
  while (queue.length) {
    for (const c of children.get(queue.pop()!) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        queue.push(c);
      }
    }
  }
  m.set(key, out);
  return out;
}
