// Which jobs a change runs, as text for a terminal or a review comment: per
// pipeline, the jobs that run, those that do not and why (the matcher entry,
// with the line that set it), those run only because a running job needs
// them, and the warnings.
import type { JobsForPipeline, SourceRef } from '../../../protocol/src';

const where = (s: SourceRef) => `${s.repo}/${s.file}:${s.range.start.line + 1}`;

export function renderJobsFor(project: string, files: string[], pipelines: JobsForPipeline[]): string {
  const out: string[] = [`${project}: ${files.length} changed file${files.length === 1 ? '' : 's'}${files.length ? ` (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', ...' : ''})` : ''}`];
  for (const pp of pipelines) {
    const runs = pp.jobs.filter((j) => j.runs === true);
    out.push('', `${pp.pipeline}: ${runs.length} of ${pp.jobs.length} job${pp.jobs.length === 1 ? '' : 's'} run`);
    for (const j of pp.jobs) {
      const mark = j.runs === true ? (j.pulledBy ? 'runs (pulled in)' : 'runs') : j.runs === false ? 'skipped' : 'unknown';
      const from = j.matcher ? `  [${j.matcher.attribute} from ${where(j.matcher.entry.source)}]` : '';
      out.push(`  ${mark.padEnd(16)} ${j.job}: ${j.why}${from}`);
    }
    for (const w of pp.warnings) out.push(`  warning: ${w.message}`);
  }
  return out.join('\n') + '\n';
}
