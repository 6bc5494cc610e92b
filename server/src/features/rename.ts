// Rename a job, template, nodeset, secret, semaphore or queue everywhere the
// workspace writes it, or say why not. Each written name is replaced in
// place, keeping its quoting; a name written once behind an anchor is one
// edit however many aliases repeat it.
import { Scalar } from 'yaml';
import type { ZuulWorkspace } from '../engine/workspace';
import type { Position, Range } from '../zuul/types';
import { isExternalJob } from '../zuul/external';
import { describeKey, type NameKind, type Occurrence, type SymbolKey } from './occurrences';
import { occurrenceAt } from './navigation';
import { settingsJobNames } from './settingsNames';

export const RENAMEABLE: ReadonlySet<NameKind> = new Set(['job', 'project-template', 'nodeset', 'secret', 'semaphore', 'queue']);

export interface TextEditAt {
  file: string;
  range: Range;
  newText: string;
}

export type Prepared = { range: Range; placeholder: string } | { refused: string };
export type RenameResult = { edits: TextEditAt[] } | { refused: string };

const NOT_RENAMEABLE: Record<string, string> = {
  pipeline: 'A pipeline is renamed in the tenant\u2019s config project and in every project of the tenant at once; rename it there by hand.',
  project: 'A project name is the repository\u2019s name on its code-review system; it cannot be renamed from here.',
  playbook: 'A playbook path names a file: rename the file, then fix the paths (zuul-check reports the ones left).',
};

interface Target {
  key: SymbolKey;
  occ: Occurrence;
  all: Occurrence[];
}

function target(ws: ZuulWorkspace, path: string, pos: Position): Target | { refused: string } {
  const hit = occurrenceAt(ws, path, pos);
  if (!hit) return { refused: 'Place the cursor on the name of a job, project-template, nodeset, secret, semaphore or queue.' };
  const { table, occ } = hit;
  if (!RENAMEABLE.has(occ.kind)) return { refused: NOT_RENAMEABLE[occ.kind] ?? `A ${occ.kind} cannot be renamed.` };
  const key = table.key(occ);
  const all = table.all(key);
  const what = describeKey(key);
  if (!all.some((o) => o.declaration)) {
    return { refused: `No open repository defines ${what}: it lives in a repo of the tenant that is not in this workspace, with uses there that a rename here cannot see. Open that repo to rename it.` };
  }
  if (isExternalJob(key.name, ws.settings)) {
    return { refused: `${what} is listed in zuul.externalNames, so repos that are not open use or define it too; a rename here would leave them behind. Remove it from zuul.externalNames if the workspace holds every use.` };
  }
  const block = all.find((o) => o.node instanceof Scalar && (o.node.type === 'BLOCK_LITERAL' || o.node.type === 'BLOCK_FOLDED'));
  if (block) return { refused: `${what} is written as a block scalar at ${block.file.path}:${block.range.start.line + 1}; write it as a plain name first.` };
  return { key, occ, all };
}

export function prepareRename(ws: ZuulWorkspace, path: string, pos: Position): Prepared {
  const t = target(ws, path, pos);
  if ('refused' in t) return t;
  return { range: t.occ.range, placeholder: t.occ.name };
}

export function rename(ws: ZuulWorkspace, path: string, pos: Position, newName: string): RenameResult {
  const t = target(ws, path, pos);
  if ('refused' in t) return t;
  const { key } = t;
  const what = describeKey(key);
  if (newName === key.name) return { edits: [] };
  const bad = invalidName(newName);
  if (bad) return { refused: `"${newName}" cannot be a ${key.kind} name: ${bad}.` };
  const clash = ws.index.get(key.kind as Parameters<typeof ws.index.get>[0], newName).filter((d) => !key.repo || d.repo === key.repo);
  if (clash.length) {
    const d = clash[0];
    return { refused: `A ${key.kind} named "${newName}" already exists (${d.repo.name}, ${d.file.path}:${d.file.lines.position(d.item.keyNode.range?.[0] ?? 0).line + 1}); renaming ${what} to it would merge the two.` };
  }
  const seen = new Set<string>();
  const edits: TextEditAt[] = [];
  for (const o of t.all) {
    const id = `${o.file.path}\u0000${o.start}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edits.push({ file: o.file.path, range: o.range, newText: scalarText(o.node as Scalar, newName) });
  }
  if (key.kind === 'job') for (const s of settingsJobNames(ws, key.name)) edits.push({ file: s.file, range: s.range, newText: scalarText(s.node as Scalar, newName) });
  return { edits };
}

function invalidName(name: string): string | undefined {
  if (name.trim() === '') return 'it is empty';
  if (/[\r\n]/.test(name)) return 'it spans lines';
  if (name !== name.trim()) return 'it starts or ends with a space';
  return undefined;
}

// A plain scalar stays plain when the new name reads back as the same string
// under YAML 1.1 (PyYAML): no indicators, not a boolean, null or number.
const PLAIN_SAFE = /^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$/;
const RESOLVES_OTHERWISE = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_.:eE+-]*|\.[0-9]+.*|\.(?:inf|Inf|INF|nan|NaN|NAN))$/;

/** The text of a scalar holding `name`, in the written scalar's style. */
export function scalarText(node: Scalar, name: string): string {
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(name);
  if (node.type !== 'QUOTE_SINGLE' && PLAIN_SAFE.test(name) && !RESOLVES_OTHERWISE.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}
