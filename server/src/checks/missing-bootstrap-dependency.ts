// A deploy buildset runs in parallel only if every job waits for the one
// job that prepares the bastion host; one that does not may start first.
import { settingMention } from '../zuul/settingRef';
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
  /** Soft dependencies count (unless allowSoft: false). */
  softCounts: boolean;
  /** The job reaches the bootstrap job, but only through a soft dependency, which does not count here. */
  softOnly: boolean;
  /** How many of the pipeline's jobs already wait for it (as the rule counts). */
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
  summary:
    `A job of a deploy pipeline that does not (transitively) depend on the pipeline's bootstrap job, configured in ${settingMention('bootstrapJobs')} or inferred from the other jobs. Soft dependencies count, configured or inferred, unless allowSoft: false.`,
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
          prev.message = message(prev.data as MissingBootstrapData);
          continue;
        }
        const data: MissingBootstrapData = {
          job,
          bootstrap: b.job,
          pipelines: [b.pp.pipeline],
          project: b.pp.project,
          inferred: b.setting === undefined,
          softCounts: b.softCounts,
          softOnly: b.softOnly.includes(job),
          waiting: b.waiting.length,
          of: b.subjects.length,
        };
        byNode.set(key, {
          rule: 'missing-bootstrap-dependency',
          severity: 'warning',
          file: file.path,
          range,
          message: message(data),
          ...(data.inferred ? {} : { setting: { key: 'bootstrapJobs' } }),
          related: bootDef?.item.nameNode ? [{ file: bootDef.file.path, range: rangeOf(bootDef.file, bootDef.item.nameNode), message: `${b.job}: the bootstrap job` }] : undefined,
          data,
        });
      }
    }
    return [...byNode.values()];
  },
};

// Both kinds of dependency are named, with what each does: a hard one makes
// Zuul run the bootstrap job whenever this job runs, a soft one waits for it
// only when it runs (its file matchers may leave it out).
function message(d: MissingBootstrapData): string {
  const where = d.pipelines.join(', ');
  const boot = d.bootstrap;
  if (d.softOnly) {
    return (
      `${boot} is the bootstrap job of ${where}, set in ${settingMention('bootstrapJobs')} with allowSoft: false; ${d.job} depends on it only softly, which does not count there: ` +
      `a soft dependency does not make Zuul run ${boot}, so when its file matchers leave ${boot} out of a change, ${d.job} starts without it. ` +
      `Make the dependency hard (Zuul then runs ${boot} whenever ${d.job} runs).`
    );
  }
  const source = d.inferred ? `${d.waiting} of ${d.of} other jobs in ${where} depend on ${boot}` : `${boot} is the bootstrap job of ${where}, set in ${settingMention('bootstrapJobs')}`;
  const kinds = d.softCounts
    ? `: hard, and Zuul runs ${boot} whenever ${d.job} runs; or soft, and ${d.job} waits for ${boot} when it runs`
    : ' (a hard dependency: soft ones do not count there, with allowSoft: false)';
  return `${source}; ${d.job} does not depend on it, so it may start before ${boot} has prepared the host. Add "${boot}" to its dependencies, directly or through a job that depends on it${kinds}.`;
}
