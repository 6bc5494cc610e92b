// Zuul refuses to freeze a job graph with a cycle, soft edges included
// ("Dependency cycle detected in job NAME"; reference §3.11).
import type { Check, Finding } from './check';
import { cycles, projectPipelines } from '../zuul/jobGraph';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';

export const dependencyCycle: Check = {
  id: 'dependency-cycle',
  severity: 'error',
  summary: 'Jobs of one project-pipeline that depend on each other in a circle (soft dependencies count); Zuul cannot freeze the job graph.',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.dependencies`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'vars', 'dependencies', 'branches'],
  check(ctx) {
    const out = new Map<string, Finding>();
    for (const pp of projectPipelines(ctx.index)) {
      for (const cycle of cycles(pp)) {
        const members = new Set(cycle);
        const edges = cycle.flatMap((name) => pp.jobs.get(name)!.deps.filter((d) => members.has(d.name)).map((d) => ({ job: name, d })));
        const loop = [...cycle].sort();
        for (const { job, d } of edges) {
          const range = rangeOf(d.file, d.node);
          const key = `${d.file.path}:${range.start.line}:${range.start.character}`;
          if (out.has(key)) continue;
          out.set(key, {
            rule: 'dependency-cycle',
            severity: 'error',
            file: d.file.path,
            range,
            message: `${job} depends on ${d.name}${d.soft ? ' (soft)' : ''}, which closes a dependency cycle among ${loop.join(", ")} in ${pp.project} ${pp.pipeline}: Zuul cannot freeze the job graph ("Dependency cycle detected") and runs nothing. Remove one of these dependencies.`,
            related: edges.filter((x) => x.d !== d).map((x) => ({ file: x.d.file.path, range: rangeOf(x.d.file, x.d.node), message: `${x.job} depends on ${x.d.name}` })),
            data: { cycle: loop, job, dependency: d.name, pipeline: pp.pipeline },
          });
        }
      }
    }
    return [...out.values()];
  },
};
