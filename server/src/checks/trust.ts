// Whether Zuul loads a repo as trusted (a config project) or untrusted, as far
// as the open files tell. isConfigProject() answers from the settings (and
// soon the tenant file) and from pipelines; a repo it does not call trusted
// but that defines a base job (parent: null) is left unknown while the
// settings list no config projects: opendev/base-jobs is trusted and defines
// no pipeline, and a wrong guess there would turn every job that uses its
// secrets into a false finding.
import { isScalar } from 'yaml';
import type { CheckContext } from './check';
import type { Repo } from '../zuul/discover';
import type { ZuulIndex } from '../zuul/index';
import { attr } from '../zuul/inherit';
import { isConfigProject } from './references-policy';

export type Trust = 'trusted' | 'untrusted' | 'unknown';

const baseJobRepos = new WeakMap<ZuulIndex, Set<Repo>>();

function reposWithBaseJobs(index: ZuulIndex): Set<Repo> {
  let hit = baseJobRepos.get(index);
  if (!hit) {
    hit = new Set();
    for (const d of index.ofKind('job')) {
      const p = attr(d, 'parent');
      if (p && (p.value == null || (isScalar(p.value) && p.value.value === null))) hit.add(d.repo);
    }
    baseJobRepos.set(index, hit);
  }
  return hit;
}

// The index is rebuilt whenever a file or a setting changes, so it keys the answers.
const trustCache = new WeakMap<ZuulIndex, Map<Repo, Trust>>();

export function trustOf(repo: Repo, ctx: CheckContext): Trust {
  let m = trustCache.get(ctx.index);
  if (!m) trustCache.set(ctx.index, (m = new Map()));
  let hit = m.get(repo);
  if (!hit) m.set(repo, (hit = computeTrust(repo, ctx)));
  return hit;
}

function computeTrust(repo: Repo, ctx: CheckContext): Trust {
  if (isConfigProject(repo, ctx.index, ctx.settings)) return 'trusted';
  if (ctx.settings.configProjects.length === 0 && reposWithBaseJobs(ctx.index).has(repo)) return 'unknown';
  return 'untrusted';
}
