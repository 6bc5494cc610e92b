// `A → B → A` or `A → A`: Zuul does not report inheritance cycles. While
// collecting a job's chain it skips a name it has already visited, so the
// job freezes without ever reaching a base job (reference §3.2): the base
// job's pre-run/post-run (repos prepared, logs uploaded) never run.
import type { Check, Finding } from './check';
import type { Definition, ZuulIndex } from '../zuul/index';
import { rangeOf } from '../zuul/stanzas';
import { parentOf } from '../zuul/inherit';
import type { Entry } from '../zuul/yamlNodes';
import type { RelatedLocation } from '../zuul/types';
import { ZUUL_DOCS } from '../zuul/rules';

interface Edge {
  from: string;
  to: string;
  /** The stanza that makes the edge; the `parent:` entry when explicit. */
  def: Definition;
  entry?: Entry;
}

/** Parent edges between job stanzas: every explicit `parent:`, and the implicit default parent of a job whose reference definition names none. */
function edges(index: ZuulIndex): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  for (const name of index.names('job')) {
    const defs = index.get('job', name);
    const list: Edge[] = [];
    defs.forEach((d, i) => {
      const p = parentOf(d);
      if (typeof p.name === 'string' && index.has('job', p.name)) list.push({ from: name, to: p.name, def: d, entry: p.entry });
      // A job named like the default parent is its own root (reference §3.2).
      else if (i === 0 && p.name === undefined && name !== index.defaultParent && index.has('job', index.defaultParent)) list.push({ from: name, to: index.defaultParent, def: d });
    });
    out.set(name, list);
  }
  return out;
}

/** Strongly connected components (Tarjan, iterative) that hold a cycle. */
function cycles(graph: Map<string, Edge[]>): string[][] {
  let counter = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const start of graph.keys()) {
    if (idx.has(start)) continue;
    const work: { v: string; i: number }[] = [{ v: start, i: 0 }];
    idx.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const es = graph.get(top.v) ?? [];
      if (top.i < es.length) {
        const w = es[top.i++].to;
        if (!idx.has(w)) {
          idx.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].v, Math.min(low.get(work[work.length - 1].v)!, low.get(top.v)!));
      if (low.get(top.v) === idx.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        const selfLoop = comp.length === 1 && (graph.get(comp[0]) ?? []).some((e) => e.to === comp[0]);
        if (comp.length > 1 || selfLoop) out.push(comp);
      }
    }
  }
  return out;
}

/** The shortest way around the cycle through `edge`, as job names: `[from, to, ..., from]`. */
function loopThrough(edge: Edge, members: Set<string>, graph: Map<string, Edge[]>): string[] {
  if (edge.from === edge.to) return [edge.from, edge.from];
  const prev = new Map<string, string>();
  const seen = new Set([edge.to]);
  const queue = [edge.to];
  while (queue.length && !seen.has(edge.from)) {
    const v = queue.shift()!;
    for (const e of graph.get(v) ?? []) {
      if (!members.has(e.to) || seen.has(e.to)) continue;
      seen.add(e.to);
      prev.set(e.to, v);
      queue.push(e.to);
    }
  }
  const back = [edge.from];
  for (let v = edge.from; v !== edge.to; ) {
    const p = prev.get(v);
    if (p === undefined) break;
    back.push(p);
    v = p;
  }
  return [edge.from, ...back.reverse()];
}

export const inheritanceCycle: Check = {
  id: 'inheritance-cycle',
  severity: 'error',
  summary: 'Jobs that inherit from each other in a loop (A → B → A, or A → A); Zuul reports nothing and runs them without any base job.',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.parent`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const graph = edges(ctx.index);
    for (const comp of cycles(graph)) {
      const members = new Set(comp);
      const inCycle: Edge[] = [];
      for (const name of ctx.index.names('job')) {
        if (!members.has(name)) continue;
        for (const e of graph.get(name) ?? []) if (members.has(e.to)) inCycle.push(e);
      }
      const where = (e: Edge): RelatedLocation => ({
        file: e.def.file.path,
        range: rangeOf(e.def.file, e.entry ? e.entry.value : e.def.item.nameNode),
        message: e.entry ? `"${e.from}" inherits from "${e.to}" here` : `"${e.from}" has no parent: and so inherits from the default parent "${e.to}"`,
      });
      for (const e of inCycle) {
        if (!e.entry) continue;
        const loop = loopThrough(e, members, graph);
        out.push({
          rule: 'inheritance-cycle',
          severity: 'error',
          file: e.def.file.path,
          range: rangeOf(e.def.file, e.entry.value),
          message: `Inheritance cycle: ${loop.join(' → ')}. Zuul reports nothing: it skips a job it has already visited, so the chain never reaches a base job (one with parent: null) and ${loop.length > 2 ? 'these jobs run with only the playbooks of the loop. Make one of them inherit from a job outside the loop.' : `"${e.from}" runs with only its own playbooks. A job cannot be its own parent: name the job it should build on.`}`,
          related: inCycle.filter((o) => o !== e).map(where),
          data: { job: e.from, parent: e.to, cycle: loop },
        });
      }
    }
    return out;
  },
};
