// Any key of a project or project-template stanza that is not one of its
// own attributes is read as a pipeline name, and Zuul never checks that the
// pipeline exists: the jobs under a misspelt key (periodical: for periodic:)
// silently never run (reference §2.2; Zuul's loader says nothing). The
// tenant's pipelines are known only when an open repo defines some; and a
// workspace may hold repos of several tenants, so a key far from every
// defined pipeline is reported only in a repo that defines pipelines itself.
import type { Check, Finding } from './check';
import { pipelineLists, rangeOf } from '../zuul/stanzas';
import { suggest, typoDistance } from '../zuul/suggest';
import type { Repo } from '../zuul/discover';
import { ZUUL_DOCS } from '../zuul/rules';

export interface UnknownPipelineData {
  pipeline: string;
  /** Defined pipelines nearest to the key, best first. */
  suggestions: string[];
  stanza: 'project' | 'project-template';
  /** How many pipelines the open repos define. */
  known: number;
  /** The first suggestion is within a typo's edits; otherwise the fix is never applied without asking. */
  typo: boolean;
  [key: string]: unknown;
}

export const unknownPipeline: Check = {
  id: 'unknown-pipeline',
  severity: 'warning',
  summary: 'A project or project-template key that names no pipeline the open repos define (periodical: for periodic:); Zuul ignores it silently, so its jobs never run. Reported only when some open repo defines pipelines, and then for a near miss of one of them, or anywhere in a repo that defines pipelines (elsewhere a far-off name may be a pipeline of another tenant).',
  docs: `${ZUUL_DOCS}/config/project.html#attr-project.<pipeline>`,
  jobKeys: ['name', 'description', 'semaphore', 'nodeset', 'run', 'vars', 'branches'],
  check(ctx) {
    const pipelines = ctx.index.names('pipeline');
    if (pipelines.length === 0) return [];
    const known = new Set(pipelines);
    const ownTenant = new Set<Repo>(ctx.index.ofKind('pipeline').map((d) => d.repo));
    const byNode = new Map<string, Finding>();
    for (const kind of ['project', 'project-template'] as const) {
      for (const def of ctx.index.ofKind(kind)) {
        for (const pl of pipelineLists(def)) {
          if (known.has(pl.pipeline)) continue;
          const range = rangeOf(def.file, pl.pipelineKey);
          // A key brought in by a `<<` merge is reported once, where it is written.
          const key = `${def.file.path}:${range.start.line}:${range.start.character}`;
          if (byNode.has(key)) continue;
          const suggestions = suggest(pl.pipeline, pipelines, 3);
          const typo = suggestions.find((s) => typoDistance(pl.pipeline, s) !== Infinity);
          if (!typo && !ownTenant.has(def.repo)) continue;
          if (typo) {
            suggestions.splice(suggestions.indexOf(typo), 1);
            suggestions.unshift(typo);
          }
          const owner = kind === 'project' ? `project ${def.name || def.repo.name}` : `project-template ${def.name}`;
          const jobs = pl.entries.length;
          const what = jobs ? `its ${jobs === 1 ? 'job' : `${jobs} jobs`} never ${jobs === 1 ? 'runs' : 'run'} there` : 'nothing is enqueued for it';
          const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : ` The open repos define ${pipelines.length <= 8 ? pipelines.map((p) => `"${p}"`).join(', ') : `${pipelines.length} pipelines`}.`;
          const data: UnknownPipelineData = { pipeline: pl.pipeline, suggestions, stanza: kind, known: pipelines.length, typo: !!typo };
          byNode.set(key, {
            rule: 'unknown-pipeline',
            severity: 'warning',
            file: def.file.path,
            range,
            message: `"${pl.pipeline}" in ${owner} is not a pipeline of the tenant: Zuul reads any unknown key of a project as a pipeline name, never checks that it exists, and ignores it silently, so ${what}.${hint}`,
            data,
          });
        }
      }
    }
    return [...byNode.values()];
  },
};
