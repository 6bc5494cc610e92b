// Document links: a playbook path opens the playbook, a role or required
// project opens the repo's Zuul configuration.
import type { ZuulWorkspace } from '../engine/workspace';
import type { Range } from '../zuul/types';
import { tableOf, playbookFile } from './navigation';
import { ITEM_SCHEMAS } from '../zuul/schemaTables';
import { entries } from '../zuul/yamlNodes';
import { objOf } from './completionSchema';
import { attributeDoc } from './attributeDocs';

export interface DocLink {
  range: Range;
  /** An absolute path, or an https URL. */
  target: string;
  tooltip: string;
}

/** Each attribute key of an item, linked to its Zuul documentation. */
function attributeLinks(ws: ZuulWorkspace, path: string): DocLink[] {
  const file = ws.fileState(path)?.parsed;
  if (!file) return [];
  const out: DocLink[] = [];
  for (const item of file.items) {
    const spec = objOf(ITEM_SCHEMAS[item.kind]);
    if (!spec) continue;
    for (const e of entries(file.doc, item.body)) {
      const r = e.keyNode.range;
      const doc = !e.merged && r ? attributeDoc(spec, e.key) : undefined;
      if (doc && r) out.push({ range: file.lines.range(r[0], r[1]), target: doc.url, tooltip: `Zuul documentation of ${item.kind}.${e.key}` });
    }
  }
  return out;
}

export function documentLinks(ws: ZuulWorkspace, path: string): DocLink[] {
  const table = tableOf(ws);
  const out: DocLink[] = [];
  let last = -1;
  for (const o of table.inFile(path)) {
    // A name behind an anchor is listed once per stanza that reaches it.
    if (o.start === last) continue;
    last = o.start;
    if (o.kind === 'playbook') {
      const file = playbookFile(o);
      if (file) out.push({ range: o.range, target: file, tooltip: `Open playbook ${o.name} (${o.repo.name})` });
    } else if (o.kind === 'project' && o.context !== 'project-name') {
      const repo = table.key(o).repo;
      const first = repo?.configFiles[0];
      if (first) out.push({ range: o.range, target: first, tooltip: `Open the Zuul configuration of ${repo.name}` });
    }
  }
  for (const l of attributeLinks(ws, path)) out.push(l);
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
