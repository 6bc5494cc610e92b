// Zuul fails the whole buildset ("depends on X which was not run") when a
// hard dependency is not part of the same project-pipeline (reference §3.11).
import type { Check, Finding } from './check';
import { projectPipelines } from '../zuul/jobGraph';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';

export const dependencyNotInPipeline: Check = {
  id: 'dependency-not-in-pipeline',
  severity: 'error',
  summary: 'A hard dependency on a job that the same project-pipeline does not run; Zuul fails the whole buildset ("depends on ... which was not run").',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.dependencies`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'vars', 'dependencies', 'branches'],
  check(ctx) {
    const byNode = new Map<string, Finding>();
    for (const pp of projectPipelines(ctx.index)) {
      for (const job of pp.jobs.values()) {
        for (const d of job.deps) {
          if (d.soft || pp.jobs.has(d.name) || !ctx.index.has('job', d.name)) continue;
          const range = rangeOf(d.file, d.node);
          const key = `${d.file.path}:${range.start.line}:${range.start.character}:${job.name}`;
          const prev = byNode.get(key);
          const where = `${pp.project} ${pp.pipeline}`;
          if (prev) {
            const data = prev.data as { pipelines: string[] };
            if (!data.pipelines.includes(pp.pipeline)) data.pipelines.push(pp.pipeline);
            prev.message = msg(job.name, d.name, data.pipelines, pp.project);
            continue;
          }
          byNode.set(key, {
            rule: 'dependency-not-in-pipeline',
            severity: 'error',
            file: d.file.path,
            range,
            message: msg(job.name, d.name, [pp.pipeline], pp.project),
            data: { job: job.name, dependency: d.name, pipelines: [pp.pipeline], project: pp.project, where },
          });
        }
      }
    }
    return [...byNode.values()];
  },
};

function msg(job: string, dep: string, pipelines: string[], project: string): string {
  return `${job} has a hard dependency on ${dep}, which ${project} does not run in ${pipelines.join(', ')}: Zuul fails the whole buildset ("Job ${job} depends on ${dep} which was not run"). Add ${dep} to the pipeline's jobs, or make the dependency soft ({name: ${dep}, soft: true}).`;
}
