// Short gists of the configuration errors Zuul reports (facts about Zuul's
// messages, lower case), each with the rules of ours that report the same
// error. A text a Zuul test asserts is a configuration error when a gist
// matches it; texts no gist matches (build results, enqueue policy, debug
// output) are not configuration errors. A gist with no rules is an error we
// do not check.

export interface Gist {
  /** Searched for in the lower-cased, whitespace-collapsed asserted text; a pattern is tested. */
  gist: string | RegExp;
  rules: string[];
  /** Zuul reports it as a warning: a warning of ours is then the same verdict. */
  zuulWarning?: boolean;
  /** Names no error in particular (the header of every error): any error on the change counts. */
  generic?: boolean;
}

export const GISTS: Gist[] = [
  { gist: 'syntax error', rules: [], generic: true },
  { gist: 'deprecated syntax', rules: ['python-only-regex', 'deprecated-attribute'], zuulWarning: true },
  // YAML and item shape
  { gist: 'not a list', rules: ['not-a-list'] },
  { gist: 'not a dictionary', rules: ['item-not-a-mapping'] },
  { gist: 'while constructing a mapping', rules: ['yaml-syntax'] },
  { gist: 'appears more than once', rules: ['duplicate-key'] },
  { gist: 'more than one key', rules: ['item-multiple-keys'] },
  { gist: 'not recognized', rules: ['unknown-item-type'] },
  // schemas
  { gist: 'extra keys not allowed', rules: ['unknown-attribute', 'invalid-value'] },
  { gist: 'expected str for dictionary value', rules: ['wrong-type'] },
  { gist: 'same group of exclusion', rules: ['secret-data-or-oidc'] },
  { gist: "either 'data' or 'oidc' must be present", rules: ['secret-data-or-oidc'] },
  { gist: /algorithm '.*' is not supported/, rules: [] },
  { gist: 'ansible variable name', rules: ['invalid-variable-name'] },
  { gist: 'defining a variable named', rules: ['reserved-variable-name'] },
  { gist: 'ceiling may not be less than', rules: ['window-ceiling-below-floor'] },
  { gist: 'exceeds its timeout', rules: ['pre-timeout-exceeds-timeout'] },
  { gist: 'intermediate job must also be abstract', rules: ['intermediate-not-abstract'] },
  // nodesets
  { gist: 'appears multiple times', rules: ['duplicate-node-name'] },
  { gist: 'group names must be unique', rules: ['duplicate-node-name'] },
  { gist: 'which is not defined in the nodeset', rules: ['group-unknown-node'] },
  { gist: 'cycle detected', rules: [] },
  // references
  { gist: /nodeset ".*" was not found/, rules: ['unknown-nodeset'] },
  { gist: /secret ".*" was not found|secret \S+ not found/, rules: ['unknown-secret'] },
  { gist: /project template ".*" was not found/, rules: ['unknown-project-template'] },
  { gist: /the projects? ".*" (was|were) not found/, rules: [] },
  { gist: /job \S+ not defined/, rules: ['unknown-job', 'unknown-dependency', 'unknown-parent'] },
  { gist: 'references a section', rules: [] },
  // definitions
  { gist: 'already defined', rules: ['duplicate-definition'] },
  { gist: 'not permitted to shadow', rules: ['duplicate-definition'] },
  { gist: 'does not match existing definition in branch', rules: [] },
  // trust
  { gist: 'pipelines may not be defined', rules: [] },
  { gist: 'the only project definition permitted', rules: [] },
  { gist: 'base jobs must be defined in config projects', rules: ['base-job-untrusted'] },
  // inheritance and freezing
  { gist: 'protected job in a different project', rules: ['protected-parent'] },
  { gist: 'unable to reset protected attribute', rules: [] },
  { gist: 'is final and can not act as a parent', rules: ['final-parent'] },
  { gist: 'unable to modify final job', rules: [] },
  { gist: 'unable to modify job', rules: [] },
  { gist: 'is not abstract', rules: ['intermediate-parent-child-not-abstract'] },
  { gist: 'may not be directly run', rules: ['abstract-job-in-pipeline'] },
  { gist: 'both job and playbook', rules: ['semaphore-conflict'] },
  { gist: 'does not specify a run playbook', rules: [] },
  { gist: 'does not allow post-review job', rules: [] },
  { gist: /project \S+ is not allowed to run job/, rules: [] },
  // tenant settings
  { gist: 'max-job-timeout', rules: [] },
  { gist: 'exceeds tenant max-', rules: [] },
  { gist: /the iss ".*" in oidc secret ".*" is not allowed/, rules: [] },
  { gist: 'unknown connection named', rules: [] },
  { gist: /label named ".*" is not part of the allowed/, rules: [] },
];

export const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The gists that match an asserted text. */
export function gistsOf(text: string): Gist[] {
  const t = norm(text);
  return GISTS.filter((g) => (typeof g.gist === 'string' ? t.includes(g.gist) : g.gist.test(t)));
}

export const isConfigError = (text: string) => gistsOf(text).length > 0;
