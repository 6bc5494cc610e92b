// missing-bootstrap-dependency when the job already names the bootstrap job
// softly and soft dependencies do not count (allowSoft: false): turning that
// entry hard is the fix; adding a second, hard entry would duplicate it.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Fix, FixProvider } from './types';
import { bootstrapAdvice } from './bootstrapAdvice';
import { entries, resolve } from '../zuul/yamlNodes';
import { rangeOf } from '../zuul/stanzas';

export const makeBootstrapDependencyHard: FixProvider = {
  rules: ['missing-bootstrap-dependency'],
  provide({ ws, finding }) {
    const a = bootstrapAdvice(ws, finding);
    const list = a?.pp.jobs.get(a.data.job)?.depList;
    if (!a || !list || a.boot.allowSoft) return [];
    const soft = list.deps.find((d) => d.name === a.boot.job && d.soft);
    if (!soft) return [];
    const doc = list.def.file.doc;
    const v = list.entry.value;
    const items = isSeq(v) ? v.items.map((i) => resolve(doc, i)) : [v];
    for (const item of items) {
      if (!isMap(item)) continue;
      const es = entries(doc, item);
      if (es.find((e) => e.key === 'name')?.value !== soft.node) continue;
      const flag = es.find((e) => e.key === 'soft')?.value;
      if (!isScalar(flag)) return [];
      const fix: Fix = {
        title: `Make the dependency on ${a.boot.job} hard${list.from === 'job' ? ` (in job ${list.def.name})` : ''}`,
        preferred: true,
        edits: [{ file: list.def.file.path, edits: [{ range: rangeOf(list.def.file, flag), newText: 'false' }] }],
      };
      return [fix];
    }
    return [];
  },
};
