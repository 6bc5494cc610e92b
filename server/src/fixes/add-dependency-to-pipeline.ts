// dependency-not-in-pipeline: "Add X to the gate jobs of PROJECT" — run the
// dependency in the same project-pipeline. The entry goes at the end of the
// project's own job list for each pipeline of the finding, written like the
// other entries (block `- x` or flow `[..., x]`, same quoting).
import { isSeq, type Node, type YAMLSeq } from 'yaml';
import type { FileEdit, FixProvider } from './types';
import type { PipelineJobList } from '../zuul/stanzas';
import { notInPipeline } from './notInPipeline';
import { anchorNote, column, contentEnd, dashColumn, eol, lineEnd, majority, quoteName, quoteStyleOf, spaces, toTextEdit, type OffsetEdit } from './yamlText';

function names(list: string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function appendEntry(pl: PipelineJobList, name: string): OffsetEdit | undefined {
  const seq = pl.list as YAMLSeq;
  const file = pl.def.file;
  const text = file.text;
  const written = quoteName(name, majority(pl.entries.map((e) => quoteStyleOf(e.nameNode))) ?? 'plain');
  const items = seq.items as Node[];
  if (seq.flow) {
    if (!items.length) return { start: seq.range![0] + 1, end: seq.range![0] + 1, text: written };
    const last = items[items.length - 1];
    const end = contentEnd(text, last);
    let sep = items.length >= 2 ? text.slice(contentEnd(text, items[items.length - 2]), items[items.length - 1].range![0]) : ', ';
    if (!sep.includes(',')) sep = ', ';
    return { start: end, end, text: `${sep}${written}` };
  }
  const last = items[items.length - 1];
  const dash = last ? dashColumn(text, last) : undefined;
  if (!last?.range || dash === undefined) return undefined;
  const gap = spaces(Math.max(1, column(text, last.range[0]) - dash - 1));
  const at = lineEnd(text, contentEnd(text, last));
  return { start: at, end: at, text: `${eol(file)}${spaces(dash)}-${gap}${written}` };
}

export const addDependencyToPipeline: FixProvider = {
  rules: ['dependency-not-in-pipeline'],
  provide({ ws, finding }) {
    const found = notInPipeline(ws.index, finding);
    if (!found) return [];
    const { data, pps } = found;
    const byFile = new Map<string, FileEdit>();
    const done = new Set<unknown>();
    const pipelines: string[] = [];
    let note = '';
    for (const name of data.pipelines) {
      const pp = pps.find((x) => x.pipeline === name);
      if (!pp) continue;
      // The project's own list (the last, as in Zuul's merge order), never a template's: a template is shared.
      const pl = [...pp.lists].reverse().find((l) => l.def.kind === 'project' && isSeq(l.list));
      if (!pl || pp.jobs.has(data.dependency)) return [];
      pipelines.push(pp.pipeline);
      if (done.has(pl.list)) continue;
      done.add(pl.list);
      note ||= anchorNote(pl.def.file.doc, pl.list);
      const e = appendEntry(pl, data.dependency);
      if (!e) return [];
      const fe = byFile.get(pl.def.file.path) ?? { file: pl.def.file.path, edits: [] };
      fe.edits.push(toTextEdit(pl.def.file, e));
      byFile.set(pl.def.file.path, fe);
    }
    if (!pipelines.length) return [];
    return [{ title: `Add ${data.dependency} to the ${names(pipelines)} jobs of ${data.project}${note}`, edits: [...byFile.values()] }];
  },
};
