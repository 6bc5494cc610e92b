// A job that already names a dependency softly gets it hard by flipping that
// entry's `soft:` flag, never by a second entry: a list names a job once.
// Used by planDependency for every fix that adds a dependency.
import { isMap, isScalar } from 'yaml';
import type { ZuulIndex } from '../zuul/index';
import { projectPipelines, type DepRef } from '../zuul/jobGraph';
import { entries } from '../zuul/yamlNodes';
import { contentEnd, parentOf, type OffsetEdit } from './yamlText';

/** `soft: true` -> `soft: false` in the mapping that names `dep`. */
export function hardenEdit(dep: DepRef): OffsetEdit {
  const doc = dep.file.doc;
  const map = doc ? parentOf(doc, dep.node)?.container : undefined;
  if (!doc || !isMap(map)) throw new Error('soft dependency outside a mapping');
  const es = entries(doc, map);
  const flag = es.find((e) => e.key === 'soft');
  // A flag from a `<<` merge is shared with every mapping that merges it.
  if (es.find((e) => e.key === 'name')?.value !== dep.node || !flag || flag.merged || !isScalar(flag.value) || !flag.value.range) {
    throw new Error('a soft flag this fix does not rewrite');
  }
  return { start: flag.value.range[0], end: contentEnd(dep.file.text, flag.value), text: 'false' };
}

/** Every pipeline in which some job's dependencies include this very entry also runs the job it names. */
export function hardenSafe(index: ZuulIndex, dep: DepRef): boolean {
  for (const pp of projectPipelines(index)) {
    if (pp.jobs.has(dep.name)) continue;
    for (const j of pp.jobs.values()) if (j.deps.some((d) => d.node === dep.node)) return false;
  }
  return true;
}
