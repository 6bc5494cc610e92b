// Which job each deploy-style pipeline must wait for: configured in
// `bootstrapJobs`, or inferred as the job most of the others depend on.
import type { RE2JS } from 're2js';
import { re2 } from './regex';
import type { ZuulIndex } from './index';
import type { BootstrapJobSetting, Settings } from './settings';
import { projectPipelines, upstream, type ProjectPipeline } from './jobGraph';
import { pushAll } from './arrays';

export interface Bootstrap {
  job: string;
  pp: ProjectPipeline;
  setting?: BootstrapJobSetting;
  /** Jobs expected to wait for it (all others, or those matching appliesTo). */
  subjects: string[];
  /** Of the subjects, those that wait for it: hard dependencies, and soft ones where they count. */
  waiting: string[];
  /** Of the subjects not waiting, those that reach it only through a soft dependency. */
  softOnly: string[];
  /** Soft dependencies count as waiting: unless the setting says `allowSoft: false`. */
  softCounts: boolean;
}

// Inference needs a clear majority: a pipeline where some jobs merely
// happen to share a dependency is not a deploy buildset. A job named like a
// bootstrap job needs less (a pipeline halfway through its migration).
const MIN_OTHERS = 5;
const MIN_SHARE = 0.8;
const MIN_NAMED = 3;
const NAMED = /(^|[-_.])(bootstrap|setup)([-_.]|$)/i;

const re = (p: string | undefined): RE2JS | undefined => (p ? (re2(p) ?? undefined) : undefined);

/** What each job of a pipeline waits for (soft and hard, or hard only), computed once per pipeline. */
class Waits {
  private readonly sets = new Map<string, Set<string>>();
  constructor(private readonly pp: ProjectPipeline) {}
  of(job: string, allowSoft: boolean): Set<string> {
    const k = `${allowSoft ? 's' : 'h'}${job}`;
    let s = this.sets.get(k);
    if (!s) this.sets.set(k, (s = upstream(this.pp, job, allowSoft)));
    return s;
  }
}

// One rule for a configured and an inferred bootstrap job alike: a soft
// dependency waits for the bootstrap job whenever that job runs, so it counts
// as waiting. It does not make Zuul run the job when its file matchers skip
// it; a pipeline that needs the job every time says so with allowSoft: false.
const softCounts = (setting?: BootstrapJobSetting): boolean => setting?.allowSoft !== false;

// Unknown jobs are unknown-job's to report; nothing can be said of their dependencies.
function build(pp: ProjectPipeline, job: string, known: string[], waits: Waits, applies?: RE2JS, setting?: BootstrapJobSetting): Bootstrap {
  const soft = softCounts(setting);
  const subjects = known.filter((j) => j !== job && (!applies || applies.matcher(j).find()));
  const waiting = subjects.filter((j) => waits.of(j, soft).has(job));
  const softOnly = soft ? [] : subjects.filter((j) => !waiting.includes(j) && waits.of(j, true).has(job));
  return { job, pp, setting, subjects, waiting, softOnly, softCounts: soft };
}

const cache = new WeakMap<ZuulIndex, Map<string, Bootstrap[]>>();

export function bootstraps(index: ZuulIndex, settings: Settings): Bootstrap[] {
  const key = JSON.stringify(settings.bootstrapJobs);
  let m = cache.get(index);
  if (!m) cache.set(index, (m = new Map()));
  const hit = m.get(key);
  if (hit) return hit;
  const out: Bootstrap[] = [];
  for (const pp of projectPipelines(index)) pushAll(out, bootstrapsOf(index, settings, pp));
  m.set(key, out);
  return out;
}

/** The bootstrap jobs of one project-pipeline: the configured ones, else the inferred one. */
export function bootstrapsOf(index: ZuulIndex, settings: Settings, pp: ProjectPipeline): Bootstrap[] {
  const known = [...pp.jobs.keys()].filter((j) => index.has('job', j));
  const waits = new Waits(pp);
  const configured = settings.bootstrapJobs.filter((b) => (!b.pipelines || b.pipelines.includes(pp.pipeline)) && pp.jobs.has(b.job));
  if (configured.length) return configured.map((b) => build(pp, b.job, known, waits, re(b.appliesTo), b));
  if (settings.bootstrapJobs.length) return [];
  const top = inferred(known, waits);
  return top === undefined ? [] : [build(pp, top, known, waits)];
}

/** The job of the pipeline that the others wait for, hard or soft, when the pipeline is clearly built around one. */
function inferred(known: string[], waits: Waits): string | undefined {
  if (known.length < MIN_NAMED + 1) return undefined;
  // How many jobs wait for each job: one pass over everyone's upstream set.
  const reached = new Map<string, number>();
  for (const j of known) for (const u of waits.of(j, true)) reached.set(u, (reached.get(u) ?? 0) + 1);
  const others = known.length - 1;
  const count = (j: string) => reached.get(j) ?? 0;
  const byShare = known.reduce((a, b) => (count(b) > count(a) ? b : a));
  if (count(byShare) >= MIN_OTHERS && count(byShare) >= MIN_SHARE * others) return byShare;
  const named = known.filter((j) => NAMED.test(j)).sort((a, b) => count(b) - count(a))[0];
  return named !== undefined && count(named) >= MIN_NAMED && count(named) > others / 2 ? named : undefined;
}
