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
  /**
   * What was reported before this rule ran: the per-file findings (YAML,
   * schema) and those of the rules before it in the registry. For rules about
   * the consequences of other errors.
   */
  earlier?: readonly Finding[];
  /** The repositories' .zuul-authoring.yaml files that were read, with their text. */
  settingsFiles?: readonly { path: string; text: string }[];
}

/** One rule, one file: `server/src/checks/<id>.ts`. */
export interface Check extends RuleInfo {
  /**
   * The job attributes the rule (with its helpers) reads. After an edit that
   * changes only other job attributes its findings are kept, moved with the
   * text; without the list the rule runs after every edit. A test holds
   * each list to the attribute names its code mentions.
   */
  jobKeys?: readonly string[];
  check(ctx: CheckContext): Finding[];
}

export type { Finding, Severity };
