// A hard dependency whose own files / irrelevant-files can leave it out of a
// change that the job depending on it runs for. Zuul before 11.3.0 then
// failed the whole buildset ("Job X depends on Y which was not run.", a
// configuration error, so nothing ran); since 11.3.0 the pipeline manager
// forces the dependency to run ("Forcing non-matching hard dependency ... to
// run", zuul/model.py JobGraph.removeNonMatchingJobs), so its matcher is
// ignored whenever a dependent runs. Either way the matcher does not do what
// it says (the deploy pipeline's bootstrap job of the parallel-deploy story).
// Reported only with a change that proves it: files under which the
// dependent runs and the dependency does not, from the repo's own files
// where the workspace holds it, else from paths the patterns themselves name.
import type { Check, Finding } from './check';
import type { RelatedLocation } from '../zuul/types';
import type { ZuulIndex } from '../zuul/index';
import type { Repo } from '../zuul/discover';
import { projectPipelines, type ProjectPipeline } from '../zuul/jobGraph';
import { hasFileList, rangeOf } from '../zuul/stanzas';
import { entries, type YNode } from '../zuul/yamlNodes';
import { isMap } from 'yaml';
import { ZUUL_DOCS } from '../zuul/rules';
import { finalMatchers, samplePaths, witness, type FinalMatchers } from './files-final';
import { matcherScope } from './files-scope';
import { repoCache } from './files-matcher-matches-nothing';
import { nameList } from './files-runners';

const ID = 'filtered-hard-dependency';

export interface FilteredHardDependencyData {
  /** The dependency whose matcher can skip it. */
  job: string;
  key: 'files' | 'irrelevant-files';
  dependents: string[];
  pipelines: string[];
  projects: string[];
  /** The changed files of one change that runs a dependent but not the job. */
  witness: string[];
  /** The witness paths come from the patterns, not from the repo's files (the repo is not open). */
  hypothetical: boolean;
  [key: string]: unknown;
}

/** Pipelines that only a timer triggers have no changed files: every file matcher lets the job run. */
function timerOnly(index: ZuulIndex, pipeline: string): boolean {
  const def = index.get('pipeline', pipeline)[0];
  if (!def || !isMap(def.item.body)) return false;
  const trigger = entries(def.file.doc, def.item.body).find((e) => e.key === 'trigger')?.value;
  if (!isMap(trigger)) return false;
  const keys = entries(def.file.doc, trigger).map((e) => e.key);
  return keys.length > 0 && keys.every((k) => k === 'timer');
}

interface Pending {
  finding: Finding;
  data: FilteredHardDependencyData;
  related: RelatedLocation[];
}

function message(d: FilteredHardDependencyData, first: string): string {
  const deps = nameList(d.dependents);
  const one = d.dependents.length === 1;
  const files = nameList(d.witness.map((f) => `"${f}"`));
  const change = `a change that touches only ${files}${d.hypothetical ? ' (a path its patterns allow; the repo is not open)' : ''}`;
  return (
    `The ${d.key} matcher of ${d.job} can leave it out while ${deps}, which ${one ? 'has' : 'have'} a hard dependency on it, ${one ? 'runs' : 'run'}: ` +
    `in ${nameList(d.pipelines)} of ${nameList(d.projects)}, ${change} runs ${first} but not ${d.job}. ` +
    `Zuul before 11.3.0 then fails the whole buildset ("Job ${first} depends on ${d.job} which was not run."); 11.3.0 and later force ${d.job} to run anyway ("Forcing non-matching hard dependency"), so this matcher does not hold it back. ` +
    `Drop the matcher, give the dependent${one ? '' : 's'} the same one, or make the dependenc${one ? 'y' : 'ies'} soft ({name: ${d.job}, soft: true}) if ${one ? 'it runs' : 'they run'} fine without ${d.job}.`
  );
}

export const filteredHardDependency: Check = {
  id: ID,
  severity: 'warning',
  summary:
    'A job that others hard-depend on, whose files/irrelevant-files can leave it out of a change those jobs run for (shown by such a change): Zuul before 11.3.0 fails the buildset ("depends on ... which was not run"), later versions run the job anyway. Soft dependencies are fine.',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.dependencies.soft`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'run', 'vars', 'dependencies', 'branches', 'files', 'irrelevant-files'],
  check(ctx) {
    const scope = matcherScope(ctx.index, ctx.repos, ctx.settings);
    const found = new Map<string, Pending>();
    // repoCache() fingerprints the whole file list: once per repo and run.
    const pathsOf = new Map<Repo, string[]>();
    const finals = new Map<ProjectPipeline, Map<string, FinalMatchers | null>>();
    const finalOf = (pp: ProjectPipeline, job: string, lenient: boolean) => {
      let m = finals.get(pp);
      if (!m) finals.set(pp, (m = new Map()));
      const k = `${lenient ? '~' : ''}${job}`;
      if (!m.has(k)) m.set(k, ctx.index.has('job', job) ? finalMatchers(ctx.index, pp.jobs.get(job)!, lenient) : null);
      return m.get(k)!;
    };
    const timers = new Map<string, boolean>();
    for (const pp of projectPipelines(ctx.index)) {
      if (!timers.has(pp.pipeline)) timers.set(pp.pipeline, timerOnly(ctx.index, pp.pipeline));
      if (timers.get(pp.pipeline)) continue;
      let candidates: string[] | undefined;
      let hypothetical = false;
      for (const job of pp.jobs.values()) {
        for (const d of job.deps) {
          if (d.soft || d.name === job.name || !pp.jobs.has(d.name)) continue;
          const dep = finalOf(pp, d.name, true);
          if (!dep || (!dep.files && !dep.irrelevant)) continue;
          const own = finalOf(pp, job.name, false);
          if (!own) continue;
          if (!candidates) {
            const projectDef = pp.lists.map((l) => l.def).find((x) => x.kind === 'project');
            const repo = projectDef ? scope.projectRepo(projectDef) : undefined;
            hypothetical = !repo || !hasFileList(repo);
            if (!hypothetical && !pathsOf.has(repo!)) pathsOf.set(repo!, repoCache(repo!.files).paths.sorted);
            candidates = hypothetical ? [] : pathsOf.get(repo!)!;
          }
          const w = witness(own, dep, hypothetical ? samplePaths([own, dep]) : candidates);
          if (!w) continue;
          const source = w.by === 'files' ? dep.files! : dep.irrelevant!;
          const key = w.by === 'files' ? 'files' : 'irrelevant-files';
          const at = `${source.def.file.path}:${source.entry.keyNode.range?.[0]}`;
          const rel: RelatedLocation = { file: d.file.path, range: rangeOf(d.file, d.node as YNode), message: `${job.name} depends on ${d.name} here (hard)` };
          const hitp = found.get(at);
          if (hitp) {
            const data = hitp.data;
            if (!data.dependents.includes(job.name)) data.dependents.push(job.name);
            if (!data.pipelines.includes(pp.pipeline)) data.pipelines.push(pp.pipeline);
            if (!data.projects.includes(pp.project)) data.projects.push(pp.project);
            if (!hitp.related.some((r) => r.file === rel.file && r.range.start.line === rel.range.start.line && r.range.start.character === rel.range.start.character)) hitp.related.push(rel);
            continue;
          }
          const data: FilteredHardDependencyData = { job: d.name, key, dependents: [job.name], pipelines: [pp.pipeline], projects: [pp.project], witness: w.files, hypothetical };
          found.set(at, {
            data,
            related: [rel],
            finding: { rule: ID, severity: 'warning', file: source.def.file.path, range: rangeOf(source.def.file, source.entry.keyNode), message: '' },
          });
        }
      }
    }
    return [...found.values()].map(({ finding, data, related }) => ({ ...finding, message: message(data, data.dependents[0]), related: related.slice(0, 10), data }));
  },
};
