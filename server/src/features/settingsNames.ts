// Job names written in the repos' settings files (bootstrapJobs[].job and
// .mustNotInheritFrom, parentRules[].ancestor): a rename must change them
// too, or the rules keyed on them would silently stop applying.
import { isMap, isSeq, type Document } from 'yaml';
import type { ZuulWorkspace } from '../engine/workspace';
import { composeDataFile } from '../zuul/compose';
import { LineIndex } from '../zuul/text';
import type { Range } from '../zuul/types';
import { entries, str, type YNode } from '../zuul/yamlNodes';

export interface SettingsName {
  file: string;
  range: Range;
  node: YNode;
}

function field(doc: Document, node: YNode | null | undefined, key: string): YNode | null | undefined {
  return isMap(node) ? entries(doc, node).find((e) => e.key === key)?.value : undefined;
}

const each = (node: YNode | null | undefined): YNode[] => (isSeq(node) ? (node.items as YNode[]) : []);

export function settingsJobNames(ws: ZuulWorkspace, job: string): SettingsName[] {
  const out: SettingsName[] = [];
  for (const { path, text } of ws.settingsFiles()) {
    const composed = composeDataFile(text, false);
    const doc = 'doc' in composed ? composed.doc : undefined;
    if (!doc || !isMap(doc.contents)) continue;
    const lines = new LineIndex(text);
    const add = (node: YNode | null | undefined) => {
      const r = node?.range;
      if (node && r && str(node) === job) out.push({ file: path, range: lines.range(r[0], r[1]), node });
    };
    const root = doc.contents as YNode;
    for (const b of each(field(doc, root, 'bootstrapJobs'))) {
      add(field(doc, b, 'job'));
      for (const p of each(field(doc, b, 'mustNotInheritFrom'))) add(p);
    }
    for (const r of each(field(doc, root, 'parentRules'))) add(field(doc, r, 'ancestor'));
  }
  return out;
}
