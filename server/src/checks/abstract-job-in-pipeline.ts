// A job listed in a project or project-template pipeline that is abstract
// once frozen: Zuul fails the buildset with "Job NAME is abstract and may
// not be directly run" (reference §3.4). `abstract` is sticky across the
// job's own variants and reset by inheritance, so inheriting from an abstract
// job is fine and `abstract: false` on a later variant, or on the
// project-pipeline entry (it carries the job's name, so it is a variant too),
// does not clear it. An entry that says `abstract: true` makes the job
// abstract as well.
import { isScalar } from 'yaml';
import type { Check, Finding } from './check';
import type { Definition, ZuulIndex } from '../zuul/index';
import { pipelineLists, rangeOf } from '../zuul/stanzas';
import { abstractness, attr, parentName, stanzaEntries } from '../zuul/inherit';
import { editDistance } from '../zuul/suggest';
import { ZUUL_DOCS } from '../zuul/rules';

/** Jobs that inherit directly from `job` and are not abstract themselves: what was probably meant. */
function concreteChildren(index: ZuulIndex, job: string, max = 3): string[] {
  const out: string[] = [];
  for (const name of index.names('job')) {
    if (name === job || parentName(index, name) !== job) continue;
    if (!abstractness(index, name).abstract) out.push(name);
  }
  // Beyond a dozen edits closeness says nothing: those keep the index's order.
  return out
    .map((n, i) => ({ n, i, d: editDistance(job, n, 12) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, max)
    .map((x) => x.n);
}

const hasBranches = (d: Definition) => attr(d, 'branches') !== undefined;

export const abstractJobInPipeline: Check = {
  id: 'abstract-job-in-pipeline',
  severity: 'error',
  summary: 'A job listed in a project or project-template pipeline that is abstract (abstract: true on one of its own variants, which abstract: false cannot undo); Zuul fails the buildset ("is abstract and may not be directly run").',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.abstract`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const { index } = ctx;
    const cache = new Map<string, ReturnType<typeof abstractness>>();
    for (const kind of ['project-template', 'project'] as const) {
      for (const def of index.ofKind(kind)) {
        for (const pl of pipelineLists(def)) {
          for (const stanza of pl.entries) {
            if (!index.has('job', stanza.jobName)) continue;
            let res = cache.get(stanza.jobName);
            if (!res) cache.set(stanza.jobName, (res = abstractness(index, stanza.jobName)));
            const own = stanzaEntries(stanza).find((e) => e.key === 'abstract' && isScalar(e.value) && e.value.value === true);
            if (!res.abstract && !own) continue;
            // Variants limited to some branches may not apply where the project runs the job.
            const certain = !!own || res.setBy.some((s) => !hasBranches(s.def));
            const { file } = def;
            const where = kind === 'project' ? 'project' : `project-template "${def.name}"`;
            const suggestions = concreteChildren(index, stanza.jobName);
            const why = own && !res.abstract ? 'this entry sets abstract: true' : `"${stanza.jobName}" is declared abstract: true`;
            out.push({
              rule: 'abstract-job-in-pipeline',
              severity: certain ? 'error' : 'warning',
              file: file.path,
              range: rangeOf(file, stanza.nameNode),
              message: `"${stanza.jobName}" is abstract (${why}) and may not be run directly${certain ? '' : ' (at least on the branches its abstract variants match)'}: Zuul fails the ${pl.pipeline} buildset of this ${where} ("Job ${stanza.jobName} is abstract and may not be directly run"). abstract: false on a variant or on this entry does not clear it. List a job that inherits from it instead${suggestions.length ? `, e.g. "${suggestions[0]}"` : ''}.`,
              related: res.setBy.map((s) => ({ file: s.def.file.path, range: rangeOf(s.def.file, s.entry.keyNode), message: `"${stanza.jobName}" is declared abstract here` })),
              data: { job: stanza.jobName, pipeline: pl.pipeline, suggestions },
            });
          }
        }
      }
    }
    return out;
  },
};
