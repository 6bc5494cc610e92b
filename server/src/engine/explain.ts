// The effective job of a loaded workspace: the model's fold, with the trust
// the rules judge each repository by (a config project's stanzas have no
// implied branch matcher). The CLI's `explain`, the server's request and the
// hover all call this.
import { explainJob, type Explained, type ExplainQuery } from '../zuul/effectiveJob';
import { trustOf } from '../checks/trust';
import type { ZuulWorkspace } from './workspace';

export function explainInWorkspace(ws: ZuulWorkspace, q: ExplainQuery): Explained {
  const ctx = { index: ws.index, repos: ws.repos, settings: ws.settings, tenant: ws.tenant };
  return explainJob(
    {
      index: ws.index,
      trusted: (repo) => {
        const t = trustOf(repo, ctx);
        return t === 'unknown' ? undefined : t === 'trusted';
      },
    },
    q,
  );
}
