// Where the config files write names, found from the text alone (not from
// the occurrence table the features build, so that the bench does not pick
// only the positions the code under test already knows): item names, parents,
// nodesets, templates, job-list entries and dependencies.
import type { Position } from '../server/src/zuul/types';

export type NameContext = 'name' | 'parent' | 'nodeset' | 'template' | 'job-list' | 'dependency';

export interface NamePosition {
  file: string;
  name: string;
  context: NameContext;
  /** The start of the name; a request puts the cursor somewhere inside it. */
  line: number;
  character: number;
}

const NAME = String.raw`([A-Za-z0-9_][A-Za-z0-9_./@+-]*)`;
const KEY_LINE = /^( *)(- )?([A-Za-z0-9_.-]+):(?: +(.*))?$/;
const BARE_ITEM = new RegExp(String.raw`^( *)- ${NAME}:?\s*$`);
const VALUE = new RegExp(String.raw`^${NAME}\s*(?:#.*)?$`);
const ITEM_TYPES = new Set(['job', 'nodeset', 'semaphore', 'secret', 'project-template', 'pipeline', 'queue']);
const LIST_CONTEXTS: Record<string, NameContext> = { jobs: 'job-list', dependencies: 'dependency', templates: 'template' };

export function namePositions(file: string, text: string): NamePosition[] {
  const out: NamePosition[] = [];
  // Block keys still open, by the column of the key: what a list item below belongs to.
  let open: { indent: number; key: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, line) => {
    const l = raw.replace(/\r$/, '');
    const indent = l.length - l.trimStart().length;
    if (l.trim() === '' || l.trimStart().startsWith('#')) return;
    open = open.filter((k) => k.indent < indent || (k.indent === indent && l.startsWith('- ', indent)));
    const parentKey = open.length ? open[open.length - 1].key : undefined;
    const add = (context: NameContext, name: string, character: number) => out.push({ file, name, context, line, character });
    const bare = BARE_ITEM.exec(l);
    if (bare) {
      const ctx = parentKey ? LIST_CONTEXTS[parentKey] : undefined;
      if (ctx) add(ctx, bare[2], indent + 2);
      if (l.trimEnd().endsWith(':')) open.push({ indent: indent + 2, key: bare[2] });
      return;
    }
    const kv = KEY_LINE.exec(l);
    if (!kv) return;
    const keyIndent = indent + (kv[2] ? 2 : 0);
    const [key, rest] = [kv[3], kv[4]];
    if (rest === undefined || rest.trim() === '' || rest.trim().startsWith('#')) {
      open.push({ indent: keyIndent, key });
      return;
    }
    const value = VALUE.exec(rest);
    if (!value) return;
    const at = l.length - rest.length;
    const prev = lines[line - 1]?.replace(/\r$/, '');
    const itemType = prev ? /^ *- ([a-z-]+):\s*$/.exec(prev)?.[1] : undefined;
    if (key === 'name' && !kv[2] && itemType && ITEM_TYPES.has(itemType)) add('name', value[1], at);
    else if (key === 'name' && kv[2] && parentKey === 'dependencies') add('dependency', value[1], at);
    else if (key === 'parent' && value[1] !== 'null') add('parent', value[1], at);
    else if (key === 'nodeset') add('nodeset', value[1], at);
  });
  return out;
}

/** The cursor somewhere inside the name (its end included, as an editor allows). */
export function cursorIn(p: NamePosition, rand: () => number): Position {
  return { line: p.line, character: p.character + Math.floor(rand() * (p.name.length + 1)) };
}

/** `n` positions, the contexts taken in turn so that a common one (job-list entries) does not crowd out the rest. */
export function sample(all: NamePosition[], n: number, rand: () => number): NamePosition[] {
  const by = new Map<NameContext, NamePosition[]>();
  for (const p of all) {
    const list = by.get(p.context);
    if (list) list.push(p);
    else by.set(p.context, [p]);
  }
  const groups = [...by.values()];
  const out: NamePosition[] = [];
  for (let i = 0; i < n && groups.length; i++) {
    const g = groups[i % groups.length];
    out.push(g[Math.floor(rand() * g.length)]);
  }
  return out;
}
