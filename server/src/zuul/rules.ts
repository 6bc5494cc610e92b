import type { Severity } from './types';

/** What the README, the settings schema and the LSP need to know of a rule. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  /** One line: what the rule reports. */
  summary: string;
  /** Link to Zuul's documentation for the attribute or concept, when one exists. */
  docs?: string;
}

export const ZUUL_DOCS = 'https://zuul-ci.org/docs/zuul/latest';

/** Builds a registry from rule lists kept next to the code that reports them. */
export function ruleTable(...lists: RuleInfo[][]): Map<string, RuleInfo> {
  const table = new Map<string, RuleInfo>();
  for (const list of lists) for (const r of list) table.set(r.id, r);
  return table;
}
