// Go to definition, find references and document highlights, from any
// occurrence of a name (see occurrences.ts). Locations are absolute paths
// with ranges; the server turns them into URIs.
import { join } from 'node:path';
import type { ZuulWorkspace } from '../engine/workspace';
import type { Position, Range } from '../zuul/types';
import { ZERO_RANGE } from '../zuul/types';
import { withExtension } from '../zuul/playbooks';
import { occurrences, type Occurrence, type OccurrenceTable } from './occurrences';
import { settingsJobNames } from './settingsNames';

export interface FileLocation {
  file: string;
  range: Range;
  /** The range of the whole definition (a job stanza), for clients that show it. */
  targetRange?: Range;
  /** The name under the cursor that was resolved. */
  originRange?: Range;
}

export function tableOf(ws: ZuulWorkspace): OccurrenceTable {
  return occurrences(ws.index, ws.repos);
}

/** The occurrence under the cursor, with the workspace's table. */
export function occurrenceAt(ws: ZuulWorkspace, path: string, pos: Position): { table: OccurrenceTable; occ: Occurrence } | undefined {
  const table = tableOf(ws);
  const occ = table.at(path, pos);
  return occ ? { table, occ } : undefined;
}

/** Where the name under the cursor is defined: every variant of a job, first first; the playbook file; the repo. */
export function definitions(ws: ZuulWorkspace, path: string, pos: Position): FileLocation[] {
  const hit = occurrenceAt(ws, path, pos);
  if (!hit) return [];
  const { table, occ } = hit;
  const origin = occ.range;
  if (occ.kind === 'playbook') {
    const file = playbookFile(occ);
    return file ? [{ file, range: ZERO_RANGE, originRange: origin }] : [];
  }
  const key = table.key(occ);
  if (occ.kind === 'project') {
    const first = key.repo?.configFiles[0];
    return first ? [{ file: first, range: ZERO_RANGE, originRange: origin }] : [];
  }
  return table.declarations(key).map((d) => ({ file: d.file.path, range: d.range, targetRange: itemRange(d), originRange: origin }));
}

/** The file a playbook path names in the job's repo (with the extension Zuul < 3 added), if it exists. */
export function playbookFile(occ: Occurrence): string | undefined {
  const files = occ.repo.files;
  const rel = files.has(occ.name) ? occ.name : withExtension(occ.name, files);
  return rel ? join(occ.repo.root, rel) : undefined;
}

function itemRange(o: Occurrence): Range {
  const r = o.def.item.body.range;
  const start = o.def.item.keyNode.range?.[0];
  return r && start !== undefined ? o.file.lines.range(start, r[1]) : o.range;
}

/** Every occurrence of the name under the cursor across the workspace; definitions first unless left out. */
export function references(ws: ZuulWorkspace, path: string, pos: Position, includeDeclaration: boolean): FileLocation[] {
  const hit = occurrenceAt(ws, path, pos);
  if (!hit) return [];
  const key = hit.table.key(hit.occ);
  const list = hit.table.all(key).filter((o) => includeDeclaration || !o.declaration);
  const out = uniqueLocations(list);
  if (key.kind === 'job') for (const s of settingsJobNames(ws, key.name)) out.push({ file: s.file, range: s.range });
  return out;
}

/** One location per written text: an anchor's value reached through aliases is one place. */
export function uniqueLocations(list: readonly Occurrence[]): FileLocation[] {
  const seen = new Set<string>();
  const out: FileLocation[] = [];
  for (const o of list) {
    const id = `${o.file.path}\u0000${o.start}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ file: o.file.path, range: o.range });
  }
  return out;
}

export interface Highlight {
  range: Range;
  write: boolean;
}

/** The name under the cursor, everywhere it appears in this file. */
export function highlights(ws: ZuulWorkspace, path: string, pos: Position): Highlight[] {
  const hit = occurrenceAt(ws, path, pos);
  if (!hit) return [];
  const key = hit.table.key(hit.occ);
  const seen = new Set<number>();
  const out: Highlight[] = [];
  for (const o of hit.table.all(key)) {
    if (o.file.path !== path || seen.has(o.start)) continue;
    seen.add(o.start);
    out.push({ range: o.range, write: o.declaration });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
