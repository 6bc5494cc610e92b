// What the other jobs of a deploy pipeline do to wait for the bootstrap job:
// depend on it directly (hard or soft), or through a common job that does
// (`infra-prod-base`). The missing-bootstrap-dependency fixes offer the same,
// and prefer what most siblings do.
import type { Finding } from '../zuul/types';
import type { ZuulWorkspace } from '../engine/workspace';
import { bootstraps, type Bootstrap } from '../zuul/bootstrap';
import { upstream, type ProjectPipeline } from '../zuul/jobGraph';
import type { MissingBootstrapData } from '../checks/missing-bootstrap-dependency';

export interface Via {
  name: string;
  soft: boolean;
  /** How many waiting siblings depend on it directly. */
  count: number;
}

export interface BootstrapAdvice {
  data: MissingBootstrapData;
  boot: Bootstrap;
  pp: ProjectPipeline;
  /** Waiting siblings that depend on the bootstrap job directly, hard and soft. */
  direct: { hard: number; soft: number };
  via?: Via;
  /** The dependency through `via` is what most siblings use. */
  viaPreferred: boolean;
  /** The softness of the direct dependency to prefer. */
  bootSoft: boolean;
}

export function bootstrapOf(ws: ZuulWorkspace, data: MissingBootstrapData, pipeline: string): Bootstrap | undefined {
  return bootstraps(ws.index, ws.settings).find((b) => b.job === data.bootstrap && b.pp.project === data.project && b.pp.pipeline === pipeline);
}

/** A dependency of `job` on `on` would close a cycle. */
export function wouldCycle(pp: ProjectPipeline, job: string, on: string): boolean {
  return on === job || upstream(pp, on, true).has(job);
}

export function bootstrapAdvice(ws: ZuulWorkspace, finding: Finding): BootstrapAdvice | undefined {
  const data = finding.data as MissingBootstrapData | undefined;
  if (!data?.job || !data.bootstrap || !data.pipelines?.length) return undefined;
  // The first pipeline of the finding whose bootstrap is known (the same entry may be listed in several).
  const boot = data.pipelines.map((p) => bootstrapOf(ws, data, p)).find((b) => b !== undefined);
  if (!boot) return undefined;
  const pp = boot.pp;
  if (!pp.jobs.has(data.job) || wouldCycle(pp, data.job, boot.job)) return undefined;
  const softCounts = boot.softCounts;
  const direct = { hard: 0, soft: 0 };
  const counts = new Map<string, { hard: number; soft: number }>();
  const reaches = new Map<string, boolean>();
  const reachesBoot = (name: string) => {
    let r = reaches.get(name);
    if (r === undefined) reaches.set(name, (r = upstream(pp, name, softCounts).has(boot.job)));
    return r;
  };
  for (const s of boot.waiting) {
    if (s === data.job) continue;
    const seen = new Set<string>();
    for (const d of pp.jobs.get(s)?.deps ?? []) {
      if (seen.has(d.name) || !pp.jobs.has(d.name) || (d.soft && !softCounts)) continue;
      seen.add(d.name);
      if (d.name === boot.job) {
        direct[d.soft ? 'soft' : 'hard']++;
      } else if (reachesBoot(d.name) && !wouldCycle(pp, data.job, d.name)) {
        const c = counts.get(d.name) ?? { hard: 0, soft: 0 };
        c[d.soft ? 'soft' : 'hard']++;
        counts.set(d.name, c);
      }
    }
  }
  let via: Via | undefined;
  for (const [name, c] of counts) {
    const count = c.hard + c.soft;
    if (count >= 2 && (!via || count > via.count)) via = { name, soft: softCounts && c.soft > c.hard, count };
  }
  const viaPreferred = !!via && via.count > direct.hard + direct.soft;
  return { data, boot, pp, direct, via, viaPreferred, bootSoft: softCounts && direct.soft > direct.hard };
}
