// A deploy buildset runs in parallel only if every job waits for the one
// job that prepares the bastion host; one that does not may start first.
import type { Check, Finding } from './check';
import { bootstraps } from '../zuul/bootstrap';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import type { JobStanza } from '../zuul/stanzas';

export interface MissingBootstrapData {
  job: string;
  bootstrap: string;
  pipelines: string[];
  project: string;
  inferred: boolean;
  allowSoft: boolean;
  /** How many of the pipeline's jobs already wait for it. */
  waiting: number;
  of: number;
  [key: string]: unknown;
}

/** The entry a person edits: the project's own entry (the last one) of the job in that pipeline. */
export function editableEntry(entries: JobStanza[]): JobStanza {
  return entries[entries.length - 1];
}

export const missingBootstrapDependency: Check = {
  id: 'missing-bootstrap-dependency',
  severity: 'warning',
  summary: 'A job of a deploy pipeline that does not (transitively) depend on the pipeline\'s bootstrap job (configured in zuul.bootstrapJobs, or inferred from the other jobs).',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.dependencies`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'vars', 'dependencies', 'branches'],
  check(ctx) {
    const byNode = new Map<string, Finding>();
    for (const b of bootstraps(ctx.index, ctx.settings)) {
      const waiting = new Set(b.waiting);
      const bootDef = ctx.index.get('job', b.job)[0];
      for (const job of b.subjects) {
        if (waiting.has(job)) continue;
        const entry = editableEntry(b.pp.jobs.get(job)!.entries);
        const file = entry.def.file;
        const range = rangeOf(file, entry.nameNode);
        const key = `${file.path}:${range.start.line}:${range.start.character}:${b.job}`;
        const prev = byNode.get(key);
        if (prev) {
          const pipelines = (prev.data as MissingBootstrapData).pipelines;
          if (!pipelines.includes(b.pp.pipeline)) pipelines.push(b.pp.pipeline);
          prev.message = message(job, b.job, (prev.data as MissingBootstrapData).pipelines, b.setting === undefined, b.waiting.length, b.subjects.length);
          continue;
        }
        const data: MissingBootstrapData = {
          job,
          bootstrap: b.job,
          pipelines: [b.pp.pipeline],
          project: b.pp.project,
          inferred: b.setting === undefined,
          allowSoft: b.allowSoft,
          waiting: b.waiting.length,
          of: b.subjects.length,
        };
        byNode.set(key, {
          rule: 'missing-bootstrap-dependency',
          severity: 'warning',
          file: file.path,
          range,
          message: message(job, b.job, data.pipelines, data.inferred, b.waiting.length, b.subjects.length),
          related: bootDef?.item.nameNode ? [{ file: bootDef.file.path, range: rangeOf(bootDef.file, bootDef.item.nameNode), message: `${b.job}: the bootstrap job` }] : undefined,
          data,
        });
      }
    }
    return [...byNode.values()];
  },
};

function message(job: string, boot: string, pipelines: string[], inferred: boolean, waiting: number, of: number): string {
  const where = pipelines.join(', ');
  const why = inferred
    ? `${waiting} of ${of} other jobs in ${where} depend on ${boot}; this one may start before it`
    : `${job} does not depend on the bootstrap job ${boot} in ${where} (zuul.bootstrapJobs), so it may start before ${boot} has prepared the host`;
  return `${why}. Add "${boot}" to its dependencies (directly, or through a job that depends on it).`;
}
