// The rules reported by the schema walker (zuul/schema.ts), with their default
// severities. Kept apart so that the walker and the registry share one list.
import { ZUUL_DOCS, type RuleInfo } from './rules';
import type { Severity } from './types';

const JOB = `${ZUUL_DOCS}/config/job.html`;
const attr = (page: string, name: string) => `${ZUUL_DOCS}/config/${page}.html#attr-${name}`;

export const SCHEMA_RULES: RuleInfo[] = [
  { id: 'unknown-attribute', severity: 'error', summary: 'An attribute Zuul does not know for this object; Zuul rejects the whole stanza ("extra keys not allowed").', docs: JOB },
  { id: 'wrong-type', severity: 'error', summary: 'An attribute value of the wrong YAML type (e.g. a number or yes/no where Zuul expects a string); Zuul rejects the stanza.', docs: JOB },
  { id: 'invalid-value', severity: 'error', summary: 'A value outside the allowed set or range (bad enum, negative window, conflicting keys); Zuul rejects the stanza.', docs: JOB },
  { id: 'missing-required', severity: 'error', summary: 'A required attribute (such as name) is missing; Zuul rejects the stanza.', docs: JOB },
  { id: 'tag-not-allowed', severity: 'error', summary: '!override / !inherit on an attribute that does not support them, or !encrypted/pkcs1-oaep outside secret data.', docs: `${JOB}#override-control` },
  { id: 'invalid-variable-name', severity: 'error', summary: 'A variable name that is not a valid Ansible name ([a-zA-Z][a-zA-Z0-9_]*).', docs: attr('job', 'job.vars') },
  { id: 'reserved-variable-name', severity: 'error', summary: 'A variable name Zuul reserves (zuul, nodepool, unsafe_vars, ansible_host, ...).', docs: attr('job', 'job.vars') },
  { id: 'intermediate-not-abstract', severity: 'error', summary: 'intermediate: true without abstract: true in the same stanza.', docs: attr('job', 'job.intermediate') },
  { id: 'post-review-unset', severity: 'error', summary: 'post-review: false; once set, post-review may not be unset.', docs: attr('job', 'job.post-review') },
  { id: 'invalid-regex', severity: 'error', summary: 'A regular expression (branches, files, pipeline triggers and requirements, ...) that neither RE2 nor Python accepts (or, for failure-output and project names, RE2 rejects).', docs: attr('job', 'job.branches') },
  { id: 'python-only-regex', severity: 'warning', summary: 'A regular expression (branches, files, pipeline triggers and requirements, ...) that only Python accepts (look-arounds, backreferences); Zuul warns "Regex Deprecation".', docs: attr('job', 'job.branches') },
  { id: 'deprecated-attribute', severity: 'warning', summary: 'A deprecated or ignored attribute (cleanup-run; success-url / failure-url).', docs: attr('job', 'job.cleanup-run') },
  { id: 'semaphore-conflict', severity: 'error', summary: 'The same semaphore used as a job semaphore and a playbook semaphore of one job.', docs: attr('job', 'job.semaphores') },
  { id: 'unknown-ansible-version', severity: 'error', summary: 'An ansible-version the Zuul deployment does not support.', docs: attr('job', 'job.ansible-version') },
  { id: 'pre-timeout-exceeds-timeout', severity: 'error', summary: 'pre-timeout larger than timeout in the same job stanza.', docs: attr('job', 'job.pre-timeout') },
  { id: 'secret-data-or-oidc', severity: 'error', summary: 'A secret must have exactly one of data and oidc.', docs: `${ZUUL_DOCS}/config/secret.html` },
  { id: 'dependencies-by-topic-requires-circular', severity: 'error', summary: 'A queue with dependencies-by-topic but without allow-circular-dependencies: true.', docs: attr('queue', 'queue.dependencies-by-topic') },
  { id: 'localhost-node', severity: 'error', summary: 'A nodeset node named localhost, or a group whose name contains localhost.', docs: `${ZUUL_DOCS}/config/nodeset.html` },
  { id: 'duplicate-node-name', severity: 'error', summary: 'A node or group name that appears twice in one nodeset.', docs: `${ZUUL_DOCS}/config/nodeset.html` },
  { id: 'group-unknown-node', severity: 'error', summary: 'A nodeset group lists a node that the nodeset does not define.', docs: attr('nodeset', 'nodeset.groups.nodes') },
  { id: 'window-ceiling-below-floor', severity: 'error', summary: 'A pipeline window-ceiling smaller than its window-floor.', docs: attr('pipeline', 'pipeline.window-ceiling') },
  { id: 'multi-key-job-entry', severity: 'warning', summary: 'A job-list entry mapping with several keys; Zuul silently uses only the first.', docs: attr('project', 'project.<pipeline>.jobs') },
  { id: 'whitespace-in-name', severity: 'warning', summary: 'A job or project-template name with a space, tab or line break (often text that belonged under description: |); Zuul accepts it, but every reference must repeat it exactly.', docs: attr('job', 'job.name') },
  { id: 'secret-key-not-variable-name', severity: 'warning', summary: 'A secret data key a playbook cannot write as secret.key: a stray colon (ssh_key:: makes the key "ssh_key:"), whitespace, a key YAML reads as a number or boolean (warning), or a dash or dot (info). Zuul accepts the secret silently.', docs: `${ZUUL_DOCS}/config/secret.html#attr-secret.data` },
  { id: 'explicit-protected-false', severity: 'warning', summary: 'protected: false written explicitly; Zuul then treats the job as protected at freeze time.', docs: attr('job', 'job.protected') },
];

export const RULE_SEVERITY: ReadonlyMap<string, Severity> = new Map(SCHEMA_RULES.map((r) => [r.id, r.severity]));
