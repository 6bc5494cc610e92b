// Which job each deploy-style pipeline must wait for: configured in
// `bootstrapJobs`, or inferred as the job most of the others depend on.
import { RE2JS } from 're2js';
import type { ZuulIndex } from './index';
import type { BootstrapJobSetting, Settings } from './settings';
import { projectPipelines, upstream, type ProjectPipeline } from './jobGraph';

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

function re(p: string | undefined): RE2JS | undefined {
  if (!p) return undefined;
  try {
    return RE2JS.compile(p);
  } catch {
    return undefined;
  }
}

function build(pp: ProjectPipeline, job: string, allowSoft: boolean, known: (j: string) => boolean, applies?: RE2JS, setting?: BootstrapJobSetting): Bootstrap {
  // Unknown jobs are unknown-job's to report; nothing can be said of their dependencies.
  const subjects = [...pp.jobs.keys()].filter((j) => j !== job && known(j) && (!applies || applies.matcher(j).find()));
  const waiting = subjects.filter((j) => upstream(pp, j, allowSoft).has(job));
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
  const known = (j: string) => index.has('job', j);
  for (const pp of projectPipelines(index)) {
    const configured = settings.bootstrapJobs.filter((b) => (!b.pipelines || b.pipelines.includes(pp.pipeline)) && pp.jobs.has(b.job));
    if (configured.length) {
      for (const b of configured) out.push(build(pp, b.job, b.allowSoft !== false, known, re(b.appliesTo), b));
      continue;
    }
    if (settings.bootstrapJobs.length || pp.jobs.size <= MIN_OTHERS) continue;
    let best: Bootstrap | undefined;
    for (const job of pp.jobs.keys()) {
      if (!known(job)) continue;
      const b = build(pp, job, true, known);
      if (!best || b.waiting.length > best.waiting.length) best = b;
    }
    if (best && best.waiting.length >= MIN_SHARE * best.subjects.length && best.waiting.length >= MIN_OTHERS) out.push(best);
  }
  m.set(key, out);
  return out;
}
