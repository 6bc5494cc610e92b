// Lenses above job stanzas ("N uses in M pipelines · K children", opening the
// references) and "Show job graph" above each job and each project
// pipeline's job list. Served by the language server so every client gets
// them; the commands are the extension's.
import { isMap } from 'yaml';
import type { ZuulWorkspace } from '../engine/workspace';
import type { Position, Range } from '../zuul/types';
import { entries } from '../zuul/yamlNodes';
import { PROJECT_META_KEYS } from '../zuul/stanzas';
import { tableOf, uniqueLocations, type FileLocation } from './navigation';
import { childCount, pipelineCount } from './hoverJob';

export type Lens =
  | { range: Range; title: string; command: 'references'; position: Position; locations: FileLocation[] }
  | { range: Range; title: string; command: 'graph'; position: Position };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function codeLenses(ws: ZuulWorkspace, path: string): Lens[] {
  const state = ws.fileState(path);
  if (!state?.active) return [];
  const table = tableOf(ws);
  const out: Lens[] = [];
  const file = state.parsed;
  for (const item of file.items) {
    const start = item.keyNode.range?.[0];
    if (start === undefined) continue;
    const at = file.lines.range(start, start);
    if (item.kind === 'job') {
      out.push({ range: at, title: 'Show job graph', command: 'graph', position: at.start });
      const decl = table.inFile(path).find((o) => o.declaration && o.def.item === item);
      if (!decl) continue;
      const uses = uniqueLocations(table.all(table.key(decl)).filter((o) => !o.declaration));
      const pipelines = pipelineCount(ws, decl.name);
      const title = `${plural(uses.length, 'use')} in ${plural(pipelines, 'pipeline')} · ${plural(childCount(ws, decl.name), 'child')}`.replace('childs', 'children');
      out.push({ range: at, title, command: 'references', position: decl.range.start, locations: uses });
    } else if (item.kind === 'project') {
      for (const e of entries(file.doc, item.body)) {
        if (PROJECT_META_KEYS.has(e.key) || !isMap(e.value) || e.merged) continue;
        const jobs = entries(file.doc, e.value).find((x) => x.key === 'jobs' && !x.merged);
        const r = jobs?.keyNode.range;
        if (!r) continue;
        const pos = file.lines.range(r[0], r[0]);
        out.push({ range: pos, title: 'Show job graph', command: 'graph', position: pos.start });
      }
    }
  }
  return out;
}
