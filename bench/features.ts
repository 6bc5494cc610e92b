// Bench rows for the editor features (issue 10): hover, completion,
// definition, references, workspace symbols and rename, called in-process
// the way the server calls them (the same functions on the engine's
// workspace), at sampled positions of real names. Two ways an editor asks:
// "after edit" (each request follows a one-line edit of the file it is in,
// so the index is new and the occurrence table is rebuilt) and "repeat"
// (requests on an index that has already answered one).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ZuulWorkspace } from '../server/src/engine/workspace';
import type { Position } from '../server/src/zuul/types';
import { hoverAt } from '../server/src/features/hover';
import { definitions, references } from '../server/src/features/navigation';
import { rename } from '../server/src/features/rename';
import { workspaceSymbols } from '../server/src/features/workspaceSymbols';
import { completionRequest } from './completionRow';
import { effectiveQueryAt } from '../server/src/features/effectiveJobAt';
import { renderEffectiveJob } from '../server/src/features/effectiveJobText';
import { explainInWorkspace, jobsForInWorkspace } from '../server/src/engine/explain';
import { projectPipelines } from '../server/src/zuul/jobGraph';
import { cursorIn, namePositions, sample, type NamePosition } from './namePositions';
import { pct } from './stats';

export const BOUND_FEATURE_CORPUS_P95_MS = 20;
export const BOUND_FEATURE_GENERATED_P95_MS = 50;
export const BOUND_HOT_RENAME_MS = 200;
/** Issue 13: the effective job of the cursor's job, and the jobs of a change to the largest project. */
export const BOUND_EFFECTIVE_JOB_P95_MS = 20;
export const BOUND_JOBS_FOR_MS = 200;
const WARM_UP = 10;

/** One request; true when it answered something (a hover, a location, a symbol, an edit). */
type Request = (ws: ZuulWorkspace, at: NamePosition, pos: Position) => boolean;

/** A query as a user types one into the symbol picker: the first 2 to 6 letters of a real name. */
const symbolQuery = (at: NamePosition) => at.name.slice(0, 2 + (at.line % 5));

export const REQUESTS: { feature: string; run: Request | undefined }[] = [
  { feature: 'hover', run: (ws, at, pos) => hoverAt(ws, at.file, pos, true) !== undefined },
  { feature: 'completion', run: completionRequest && ((ws, at, pos) => completionRequest!(ws, at.file, pos)) },
  { feature: 'definition', run: (ws, at, pos) => definitions(ws, at.file, pos).length > 0 },
  { feature: 'references', run: (ws, at, pos) => references(ws, at.file, pos, true).length > 0 },
  { feature: 'workspace symbols', run: (ws, at) => workspaceSymbols(ws, symbolQuery(at)).length > 0 },
  { feature: 'rename', run: (ws, at, pos) => 'edits' in rename(ws, at.file, pos, `${at.name}-renamed`) },
  { feature: 'effective job', run: effectiveJob },
];

/** What zuul/effectiveJob does for a cursor: the job there, its fold, its text (not a job: no answer). */
function effectiveJob(ws: ZuulWorkspace, at: NamePosition, pos: Position): boolean {
  const q = effectiveQueryAt(ws, at.file, pos);
  if (!q) return false;
  const r = explainInWorkspace(ws, q);
  if ('error' in r) return false;
  return renderEffectiveJob(r).text.length > 0;
}

export interface Timing {
  requests: number;
  hits: number;
  p50: number;
  p95: number;
  max: number;
}

export interface FeatureResult {
  workspace: string;
  feature: string;
  /** Undefined when the feature is not on this branch. */
  afterEdit?: Timing;
  repeat?: Timing;
  /** For the hot-rename row: the edits one rename returns. */
  edits?: number;
}


function timing(times: number[], hits: number): Timing {
  return { requests: times.length, hits, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times) };
}

/** Edits that keep every sampled position: a comment line at the end of the file, different each time. */
class Editor {
  private readonly texts = new Map<string, string>();
  private n = 0;
  constructor(private readonly ws: ZuulWorkspace) {}
  edit(file: string): void {
    let text = this.texts.get(file);
    if (text === undefined) this.texts.set(file, (text = readFileSync(file, 'utf8')));
    this.ws.setOverlay(file, `${text}${text.endsWith('\n') ? '' : '\n'}# bench edit ${++this.n}\n`);
  }
}

/** The name positions of every config file of the workspace. */
export function positionsOf(ws: ZuulWorkspace): NamePosition[] {
  return ws.repos.flatMap((r) => r.configFiles).flatMap((f) => namePositions(f, readFileSync(f, 'utf8')));
}

export interface FeatureRun {
  label: string;
  ws: ZuulWorkspace;
  positions: NamePosition[];
  rand: () => number;
  afterEdit: number;
  repeat: number;
}

/** Every request of REQUESTS at the same sampled positions, after an edit and repeated. */
export function featureRows(run: FeatureRun): FeatureResult[] {
  const { ws, rand, label } = run;
  const editor = new Editor(ws);
  const out: FeatureResult[] = [];
  for (const { feature, run: request } of REQUESTS) {
    if (!request) {
      out.push({ workspace: label, feature });
      continue;
    }
    const warm = sample(run.positions, WARM_UP, rand);
    for (const at of warm) request(ws, at, cursorIn(at, rand));
    const measure = (points: NamePosition[], before?: (at: NamePosition) => void): Timing => {
      const times: number[] = [];
      let hits = 0;
      for (const at of points) {
        before?.(at);
        const pos = cursorIn(at, rand);
        const t = performance.now();
        const hit = request(ws, at, pos);
        times.push(performance.now() - t);
        if (hit) hits++;
      }
      return timing(times, hits);
    };
    const afterEdit = measure(sample(run.positions, run.afterEdit, rand), (at) => editor.edit(at.file));
    // The first request on the last edit's index built its caches; these reuse them.
    const repeat = measure(sample(run.positions, run.repeat, rand));
    out.push({ workspace: label, feature, afterEdit, repeat });
    process.stderr.write(`measured ${feature} on ${label}\n`);
  }
  return out;
}

/** Rename of one job from a cursor on any of its uses, after an edit and repeated. */
export function hotRenameRow(run: FeatureRun, job: string): FeatureResult {
  const { ws, rand } = run;
  const uses = run.positions.filter((p) => p.name === job);
  if (!uses.length) throw new Error(`bench: no written use of ${job} found`);
  const editor = new Editor(ws);
  let edits = 0;
  const once = (at: NamePosition) => {
    const r = rename(ws, at.file, cursorIn(at, rand), `${job}-renamed`);
    if ('refused' in r) throw new Error(`bench: rename of ${job} refused: ${r.refused}`);
    edits = r.edits.length;
  };
  const measure = (n: number, withEdit: boolean): Timing => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const at = uses[Math.floor(rand() * uses.length)];
      if (withEdit) editor.edit(at.file);
      const t = performance.now();
      once(at);
      times.push(performance.now() - t);
    }
    return timing(times, n);
  };
  once(uses[0]);
  const afterEdit = measure(run.afterEdit, true);
  const repeat = measure(run.repeat, false);
  return { workspace: run.label, feature: `rename ${job}`, afterEdit, repeat, edits };
}

/**
 * jobs-for on the project with the most jobs in its pipelines: each request a
 * change of 5 of its files (seeded), after an edit of one of its config files
 * and repeated.
 */
export function jobsForRow(run: FeatureRun): FeatureResult {
  const { ws, rand } = run;
  const size = new Map<string, number>();
  for (const pp of projectPipelines(ws.index)) size.set(pp.project, (size.get(pp.project) ?? 0) + pp.jobs.size);
  const [project] = [...size].sort((a, b) => b[1] - a[1])[0] ?? [];
  const repo = ws.repos.find((r) => r.name === project || r.name === project?.split('/').pop()) ?? ws.repos.find((r) => r.configFiles.length);
  if (!project || !repo) throw new Error('bench: no project pipelines for jobs-for');
  const files = [...repo.files];
  const editor = new Editor(ws);
  const measure = (n: number, withEdit: boolean): Timing => {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < n; i++) {
      if (withEdit) editor.edit(repo.configFiles[Math.floor(rand() * repo.configFiles.length)]);
      const changed = Array.from({ length: 5 }, () => files[Math.floor(rand() * files.length)]);
      const t = performance.now();
      const r = jobsForInWorkspace(ws, { project, files: changed });
      times.push(performance.now() - t);
      if (!('error' in r)) hits++;
    }
    return timing(times, hits);
  };
  measure(3, false);
  const afterEdit = measure(run.afterEdit, true);
  const repeat = measure(run.repeat, false);
  const jobs = size.get(project) ?? 0;
  process.stderr.write(`measured jobs-for on ${run.label}\n`);
  return { workspace: run.label, feature: `jobs-for ${project} (${jobs} jobs in its pipelines)`, afterEdit, repeat };
}

const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);

export function featureReport(rows: FeatureResult[], describe: string[]): string[] {
  const out: string[] = ['', ...describe, ''];
  out.push('| workspace | request | after edit: n (hits) | p50 ms | p95 ms | max ms | repeat: n (hits) | p50 ms | p95 ms | max ms |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const cells = (t: Timing | undefined) => (t ? [`${t.requests} (${t.hits})`, ms(t.p50), ms(t.p95), ms(t.max)] : ['–', '–', '–', '–']);
    const name = r.edits !== undefined ? `${r.feature} (${r.edits} edits)` : r.afterEdit ? r.feature : `${r.feature}: not on this branch (bench/completionRow.ts)`;
    out.push(`| ${r.workspace} | ${name} | ${[...cells(r.afterEdit), ...cells(r.repeat)].join(' | ')} |`);
  }
  return out;
}

/** One line per bound of issue 10: the worse of the two ways of asking. */
export function featureBounds(rows: FeatureResult[], corpusLabel: string, generatedLabel: string, hotFeature: string): string[] {
  const out: string[] = [];
  const worst = (r: FeatureResult) => Math.max(r.afterEdit?.p95 ?? 0, r.repeat?.p95 ?? 0);
  const line = (label: string, bound: number, list: FeatureResult[]) => {
    const measured = list.filter((r) => r.afterEdit && REQUESTS.some((q) => q.feature === r.feature) && r.feature !== 'rename');
    if (!measured.length) return;
    const w = measured.reduce((a, b) => (worst(b) > worst(a) ? b : a));
    const missing = list.filter((r) => !r.afterEdit).map((r) => r.feature);
    out.push(`- ${measured.map((r) => r.feature).join(', ')} p95 < ${bound} ms on ${label} (after edit and repeat): worst ${w.feature} ${ms(worst(w))} ms -> ${worst(w) < bound ? 'PASS' : 'FAIL'}${missing.length ? ` (not measured: ${missing.join(', ')})` : ''}`);
  };
  line(corpusLabel, BOUND_FEATURE_CORPUS_P95_MS, rows.filter((r) => r.workspace === corpusLabel));
  line(generatedLabel, BOUND_FEATURE_GENERATED_P95_MS, rows.filter((r) => r.workspace === generatedLabel));
  for (const r of rows.filter((x) => x.feature === 'effective job' && x.afterEdit)) {
    out.push(`- effective job p95 < ${BOUND_EFFECTIVE_JOB_P95_MS} ms on ${r.workspace} (issue 13), after edit and repeat: ${ms(worst(r))} ms -> ${worst(r) < BOUND_EFFECTIVE_JOB_P95_MS ? 'PASS' : 'FAIL'}`);
  }
  for (const r of rows.filter((x) => x.feature.startsWith('jobs-for ') && x.afterEdit && x.repeat)) {
    const m = Math.max(r.afterEdit!.max, r.repeat!.max);
    out.push(`- ${r.feature} < ${BOUND_JOBS_FOR_MS} ms on ${r.workspace} (issue 13), after edit and repeat: max ${ms(m)} ms -> ${m < BOUND_JOBS_FOR_MS ? 'PASS' : 'FAIL'}`);
  }
  const hot = rows.find((r) => r.feature === hotFeature);
  if (hot?.afterEdit && hot.repeat) out.push(`- ${hot.feature} (${hot.edits} edits) < ${BOUND_HOT_RENAME_MS} ms, after edit and repeat: max ${ms(Math.max(hot.afterEdit.max, hot.repeat.max))} ms -> ${Math.max(hot.afterEdit.max, hot.repeat.max) < BOUND_HOT_RENAME_MS ? 'PASS' : 'FAIL'}`);
  return out;
}
