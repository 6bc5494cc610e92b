import type { ZuulIndex } from '../zuul/index';
import type { Repo } from '../zuul/discover';
import type { Settings } from '../zuul/settings';
import type { TenantView } from '../zuul/tenantView';
import type { Finding, Severity } from '../zuul/types';
import type { RuleInfo } from '../zuul/rules';

/** What a workspace-wide rule reads. */
export interface CheckContext {
  index: ZuulIndex;
  repos: Repo[];
  settings: Settings;
  /** The tenant the workspace is checked against, when a tenant file names one. */
  tenant?: TenantView;
}

/** One rule, one file: `server/src/checks/<id>.ts`. */
export interface Check extends RuleInfo {
  check(ctx: CheckContext): Finding[];
}

export type { Finding, Severity };
