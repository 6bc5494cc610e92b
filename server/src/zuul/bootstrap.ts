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
  /** Of the subjects, those that do wait for it. */
  waiting: string[];
  allowSoft: boolean;
}

// Inference needs a clear majority: a pipeline where some jobs merely
// happen to share a dependency is not a deploy buildset.
const MIN_OTHERS = 5;
const MIN_SHARE = 0.8;

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

// Unknown jobs are unknown-job's to report; nothing can be said of their dependencies.
function build(pp: ProjectPipeline, job: string, allowSoft: boolean, known: string[], waits: Waits, applies?: RE2JS, setting?: BootstrapJobSetting): Bootstrap {
  const subjects = known.filter((j) => j !== job && (!applies || applies.matcher(j).find()));
  const waiting = subjects.filter((j) => waits.of(j, allowSoft).has(job));
  return { job, pp, setting, subjects, waiting, allowSoft };
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
  if (configured.length) return configured.map((b) => build(pp, b.job, b.allowSoft === true, known, waits, re(b.appliesTo), b));
  if (settings.bootstrapJobs.length || pp.jobs.size <= MIN_OTHERS) return [];
  // How many jobs wait for each job: one pass over everyone's upstream set.
  const reached = new Map<string, number>();
  for (const j of known) for (const u of waits.of(j, true)) reached.set(u, (reached.get(u) ?? 0) + 1);
  let top: string | undefined;
  for (const j of known) if (top === undefined || (reached.get(j) ?? 0) > (reached.get(top) ?? 0)) top = j;
  const best = top === undefined ? undefined : build(pp, top, true, known, waits);
  return best && best.waiting.length >= MIN_SHARE * best.subjects.length && best.waiting.length >= MIN_OTHERS ? [best] : [];
}
