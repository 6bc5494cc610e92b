// The effective job and the jobs of a change, on a loaded workspace: the
// model's fold, with the trust the rules judge each repository by (a config
// project's stanzas have no implied branch matcher). The CLI, the server's
// requests and the hover all call these.
import { explainJob, type Explained, type ExplainQuery, type ExplainWorld } from '../zuul/effectiveJob';
import { jobsFor, type ChangeQuery } from '../zuul/jobsFor';
import { trustOf } from '../checks/trust';
import type { ZuulWorkspace } from './workspace';
import type { JobsForPipeline } from '../../../protocol/src';

function worldOf(ws: ZuulWorkspace): ExplainWorld {
  const ctx = { index: ws.index, repos: ws.repos, settings: ws.settings, tenant: ws.tenant };
  return {
    index: ws.index,
    trusted: (repo) => {
      const t = trustOf(repo, ctx);
      return t === 'unknown' ? undefined : t === 'trusted';
    },
  };
}

export function explainInWorkspace(ws: ZuulWorkspace, q: ExplainQuery): Explained {
  return explainJob(worldOf(ws), q);
}

export function jobsForInWorkspace(ws: ZuulWorkspace, q: ChangeQuery): JobsForPipeline[] | { error: string } {
  return jobsFor(worldOf(ws), ws.settings, q);
}
