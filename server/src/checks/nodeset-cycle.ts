// Nodeset alternatives that come back to a nodeset already visited: Zuul's
// 'Nodeset cycle detected on "X"' (reference §2.5, NodeSet.flattenAlternatives),
// for the nodeset and for every job stanza whose nodeset leads there. Zuul
// never forgets a nodeset it has visited while flattening, so a diamond
// (two alternatives that both lead to the same nodeset) or a name listed
// twice is a "cycle" too. A name that no open repo defines stops the walk
// (that is unknown-nodeset's).
import { isMap, isSeq } from 'yaml';
import type { Check, CheckContext, Finding } from './check';
import type { Definition } from '../zuul/index';
import type { RelatedLocation } from '../zuul/types';
import { rangeOf } from '../zuul/stanzas';
import { resolve, str, type YNode } from '../zuul/yamlNodes';
import { ZUUL_DOCS } from '../zuul/rules';
import { attrValue, field, referenceSites } from './references-policy';

const RULE = 'nodeset-cycle';

interface Step {
  name: string;
  /** The alternatives entry that names it, and the stanza that holds the entry. */
  node: YNode;
  def: Definition;
}

interface Cycle {
  /** Entries from the start down to the one naming a nodeset visited before. */
  steps: Step[];
  /** True when that nodeset is on the way down (a loop), false when it was visited on another branch. */
  loop: boolean;
}

function alternativeNames(def: Definition, nodeset: YNode | null | undefined): { name: string; node: YNode }[] {
  const alts = nodeset ? field(def, nodeset, 'alternatives') : undefined;
  if (!isSeq(alts)) return [];
  const out: { name: string; node: YNode }[] = [];
  for (const raw of alts.items) {
    const node = resolve(def.file.doc, raw);
    const name = str(node);
    if (node && name !== undefined) out.push({ name, node });
  }
  return out;
}

/** Zuul's walk from a nodeset body (named or inline); the first repeat, or undefined. */
function walk(ctx: CheckContext, def: Definition, body: YNode, start: string | undefined): Cycle | undefined {
  const history = new Set<string>(start === undefined ? [] : [start]);
  const stack: string[] = start === undefined ? [] : [start];
  const steps: Step[] = [];
  let found: Cycle | undefined;
  let unknown = false;
  const visit = (from: Definition, fromBody: YNode): void => {
    for (const alt of alternativeNames(from, fromBody)) {
      if (found || unknown) return;
      steps.push({ name: alt.name, node: alt.node, def: from });
      if (history.has(alt.name)) {
        found = { steps: [...steps], loop: stack.includes(alt.name) };
        return;
      }
      const target = ctx.index.get('nodeset', alt.name)[0];
      if (!target) {
        unknown = true;
        return;
      }
      history.add(alt.name);
      stack.push(alt.name);
      visit(target, target.item.body);
      stack.pop();
      steps.pop();
    }
  };
  visit(def, body);
  return unknown ? undefined : found;
}

function describe(start: string | undefined, c: Cycle): string {
  const names = c.steps.map((s) => s.name);
  const repeated = names[names.length - 1];
  if (c.loop) return `the alternatives loop: ${[start ?? 'the inline nodeset', ...names].join(' → ')}`;
  return `"${repeated}" is reached a second time (${[start ?? 'the inline nodeset', ...names].join(' → ')}); Zuul remembers every nodeset it has visited while flattening alternatives, so a nodeset reached twice counts as a cycle even without a loop`;
}

function related(c: Cycle): RelatedLocation[] {
  return c.steps.slice(1).map((s) => ({ file: s.def.file.path, range: rangeOf(s.def.file, s.node), message: `${s.def.kind === 'nodeset' ? `nodeset ${s.def.name}` : 'the inline nodeset'} lists ${s.name} here` }));
}

export const nodesetCycle: Check = {
  id: RULE,
  severity: 'error',
  summary:
    "Nodeset alternatives that lead back to a nodeset already visited: a loop, or (Zuul's quirk) the same nodeset reached twice through two alternatives; Zuul rejects the nodeset and every job using it ('Nodeset cycle detected on \"X\"').",
  docs: `${ZUUL_DOCS}/config/nodeset.html#attr-nodeset.alternatives`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const named = new Map<string, Cycle | null>();
    for (const name of ctx.index.names('nodeset')) {
      const def = ctx.index.get('nodeset', name)[0];
      const c = walk(ctx, def, def.item.body, name);
      named.set(name, c ?? null);
      if (!c) continue;
      const at = c.steps[0];
      const repeated = c.steps[c.steps.length - 1].name;
      out.push({
        rule: RULE,
        severity: 'error',
        file: at.def.file.path,
        range: rangeOf(at.def.file, at.node),
        message: `Nodeset "${name}": ${describe(name, c)}. Zuul rejects the nodeset and every job that uses it ('Nodeset cycle detected on "${repeated}"'). Remove the alternative that leads back.`,
        related: related(c),
        data: { nodeset: name, cycle: [name, ...c.steps.map((s) => s.name)], loop: c.loop },
      });
    }
    for (const { stanza } of referenceSites(ctx)) {
      const value = attrValue(stanza, 'nodeset');
      if (value == null) continue;
      const def = stanza.def;
      const name = str(value);
      const c = name !== undefined ? named.get(name) : isMap(value) ? walk(ctx, def, value, undefined) : undefined;
      if (!c) continue;
      const repeated = c.steps[c.steps.length - 1].name;
      const inline = name === undefined;
      const node = inline ? c.steps[0].node : value;
      out.push({
        rule: RULE,
        severity: 'error',
        file: def.file.path,
        range: rangeOf(def.file, node),
        message: inline
          ? `The nodeset of ${stanza.jobName}: ${describe(undefined, c)}. Zuul rejects the job ('Nodeset cycle detected on "${repeated}"'). Remove the alternative that leads back.`
          : `Nodeset "${name}" has a cycle in its alternatives, so Zuul rejects ${stanza.jobName} too ('Nodeset cycle detected on "${repeated}"'). Fix the nodeset, or use another one.`,
        related: inline ? related(c) : [{ file: c.steps[0].def.file.path, range: rangeOf(c.steps[0].def.file, c.steps[0].node), message: `the cycle of ${name} starts here` }],
        data: { job: stanza.jobName, nodeset: name ?? null, cycle: c.steps.map((s) => s.name), loop: c.loop },
      });
    }
    return out;
  },
};
