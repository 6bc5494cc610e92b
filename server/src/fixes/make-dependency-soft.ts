// dependency-not-in-pipeline: "Make the dependency on X soft" — the job then
// waits for X where X runs and runs anyway where it does not. Preferred: it
// changes only the dependency, not what the pipeline runs.
//   - x              ->  - name: x            (block list)
//                          soft: true
//   [a, x]           ->  [a, {name: x, soft: true}]
//   - name: x        ->  - name: x            (mapping: add or set soft)
//                          soft: true
//   dependencies: x  ->  dependencies: {name: x, soft: true}
// A list that names x softly as well loses its hard entry instead.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { FixProvider } from './types';
import { notInPipeline } from './notInPipeline';
import { anchorNote, column, contentEnd, eol, keyColumn, lineEnd, pairHeadEnd, parentOf, removeItem, spaces, toTextEdit, type OffsetEdit } from './yamlText';

export const makeDependencySoft: FixProvider = {
  rules: ['dependency-not-in-pipeline'],
  provide({ ws, finding }) {
    const found = notInPipeline(ws.index, finding);
    if (!found) return [];
    const { dep } = found;
    const file = dep.file;
    const doc = file.doc;
    const text = file.text;
    const nl = eol(file);
    const node = dep.node as Node;
    if (!doc || !node.range) return [];
    const p = parentOf(doc, node);
    const r = node.range;
    const end = contentEnd(text, node);
    const src = text.slice(r[0], end);
    // Named softly already in the same list: the hard entry goes, rather than making a second soft one.
    const twin = found.pps.some((pp) => pp.jobs.get(found.data.job)?.deps.some((d) => d.name === dep.name && d.soft && d.node !== node));
    const item = isSeq(p?.container) && !p.pair ? node : isMap(p?.container) ? p.container : undefined;
    const list = item && doc ? parentOf(doc, item)?.container : undefined;
    const drop = twin && item && isSeq(list) ? removeItem(text, list, item) : undefined;
    if (drop) {
      return [
        {
          title: `Remove the hard dependency on ${dep.name}, which the list names soft too${anchorNote(doc, list)}`,
          preferred: true,
          edits: [{ file: file.path, edits: [toTextEdit(file, drop)] }],
        },
      ];
    }
    const braces = (inner: string) => (/\{ /.test(text.slice(p?.container?.range?.[0] ?? 0, p?.container?.range?.[1] ?? 0)) ? `{ ${inner} }` : `{${inner}}`);
    let edits: OffsetEdit[];
    if (isSeq(p?.container) && !p.pair) {
      if (p.container.flow) {
        edits = [{ start: r[0], end, text: braces(`name: ${src}, soft: true`) }];
      } else {
        const soft = `${nl}${spaces(column(text, r[0]))}soft: true`;
        const at = lineEnd(text, end);
        edits = at === end ? [{ start: r[0], end, text: `name: ${src}${soft}` }] : [{ start: r[0], end, text: `name: ${src}` }, { start: at, end: at, text: soft }];
      }
    } else if (isMap(p?.container) && p.pair && !p.isKey && isScalar(p.pair.key) && p.pair.key.value === 'name') {
      const map = p.container;
      const softPair = (map.items as Pair[]).find((x) => isScalar(x.key) && x.key.value === 'soft');
      if (softPair) {
        const v = softPair.value as Node | null;
        if (isScalar(v) && v.range && v.source !== undefined && v.range[1] > v.range[0]) edits = [{ start: v.range[0], end: contentEnd(text, v), text: 'true' }];
        else {
          const head = pairHeadEnd(text, softPair);
          edits = [{ start: head, end: head, text: ' true' }];
        }
      } else if (map.flow) {
        const last = map.items[map.items.length - 1] as Pair;
        const at = contentEnd(text, last.value ?? last.key);
        edits = [{ start: at, end: at, text: ', soft: true' }];
      } else {
        const at = lineEnd(text, contentEnd(text, map));
        edits = [{ start: at, end: at, text: `${nl}${spaces(keyColumn(text, map) ?? column(text, r[0]))}soft: true` }];
      }
    } else if (isMap(p?.container) && p.pair && !p.isKey && isScalar(p.pair.key) && p.pair.key.value === 'dependencies') {
      edits = [{ start: r[0], end, text: braces(`name: ${src}, soft: true`) }];
    } else {
      return [];
    }
    return [
      {
        title: `Make the dependency on ${dep.name} soft${anchorNote(doc, node)}`,
        preferred: true,
        edits: [{ file: file.path, edits: edits.map((e) => toTextEdit(file, e)) }],
      },
    ];
  },
};
