// The attribute tables of reference §2, one per object type, in the type
// language of schemaTypes.ts. Cross-attribute rules live in schema.ts
// (named by `hook`).
import { ZUUL_DOCS } from './rules';
import { any, bool, custom, enumOf, int, list, map, mapOf, nul, number, obj, one, regex, str, tag, union, varMap, type Ty } from './schemaTypes';

const docs = (page: string) => `${ZUUL_DOCS}/config/${page}.html`;

/** Reference §3.13: names a job may not define (vars, secrets). */
export const RESERVED_JOB_VARS = [
  'zuul', 'nodepool', 'unsafe_vars', 'ansible_connection', 'ansible_host', 'ansible_python_interpreter', 'ansible_shell_executable', 'ansible_user',
] as const;
/** Project and project-template vars only forbid these. */
export const RESERVED_PROJECT_VARS = ['zuul', 'nodepool', 'unsafe_vars'] as const;

/** `Regex` of reference §0: a pattern, or `{regex, negate}` (Zuul >= 9.2). */
const REGEX_MAP = obj({ what: 'a regex mapping', fields: { regex: regex(), negate: bool }, required: ['regex'] });
export const ZUUL_REGEX: Ty = union(regex(), REGEX_MAP);

const SEM = obj({ what: 'a semaphore entry', fields: { name: str, 'resources-first': bool }, required: ['name'] });
const SECRET_USE = obj({ what: 'a secret entry', fields: { name: str, secret: str, 'pass-to-parent': bool }, required: ['name', 'secret'] });
const PLAYBOOK = obj({ what: 'a playbook entry', fields: { name: str, semaphores: one(str) }, required: ['name'], notes: { semaphore: 'The playbook key is "semaphores" (the docs say "semaphore").' } });
const POST_PLAYBOOK = obj({ what: 'a post-run playbook entry', fields: { name: str, semaphores: one(str), cleanup: bool }, required: ['name'], notes: { semaphore: 'The playbook key is "semaphores" (the docs say "semaphore").' } });
const ROLE = obj({ what: 'a role entry', fields: { zuul: str, galaxy: str, name: str }, hook: 'role' });
const REQ_PROJECT = obj({ what: 'a required-projects entry', fields: { name: str, 'override-checkout': str, 'override-branch': str }, required: ['name'], hidden: ['override-branch'] });
const INCLUDE_VARS = obj({ what: 'an include-vars entry', fields: { name: str, project: str, 'zuul-project': bool, 'use-ref': bool, required: bool }, required: ['name'], hook: 'include-vars' });
const DEPENDENCY = obj({ what: 'a dependency entry', fields: { name: str, soft: bool }, required: ['name'] });

const FINAL_ONLY = obj({ what: 'an attribute-control entry', fields: { final: bool }, required: ['final'], hook: 'final-true' });
export const CONTROLLABLE = [
  'requires', 'provides', 'tags', 'files', 'irrelevant-files', 'required-projects', 'vars', 'extra-vars', 'host-vars', 'group-vars', 'include-vars', 'dependencies', 'failure-output',
];
const ATTRIBUTE_CONTROL = obj({
  what: 'attribute-control',
  fields: Object.fromEntries(CONTROLLABLE.map((k) => [k, FINAL_ONLY])),
  unknownHint: `Only ${CONTROLLABLE.join(', ')} can be marked final.`,
});

const NODE = obj({ what: 'a node', fields: { name: one(str), label: str }, required: ['name', 'label'] });
const GROUP = obj({ what: 'a group', fields: { name: str, nodes: one(str) }, required: ['name', 'nodes'] });
const NODESET_ALTERNATIVE = obj({ what: 'a nodeset alternative', fields: { nodes: one(NODE), groups: one(GROUP) }, required: ['nodes'], hook: 'nodeset' });
const nodesetFields = (): Record<string, Ty> => ({ nodes: one(NODE), groups: one(GROUP), alternatives: list(union(str, NODESET_ALTERNATIVE)) });
export const NODESET = obj({ what: 'a nodeset', fields: { name: str, ...nodesetFields() }, required: ['name'], hook: 'nodeset', docs: docs('nodeset') });
const INLINE_NODESET = obj({
  what: 'an inline nodeset',
  fields: nodesetFields(),
  hook: 'nodeset',
  notes: { name: 'An inline nodeset must not have a name; define a named nodeset with "- nodeset:" and refer to it by name instead.' },
});

const JOB_VARS = varMap(RESERVED_JOB_VARS);
const JOB_ATTRS: Record<string, Ty> = {
  parent: union(str, nul),
  description: str,
  'variant-description': str,
  abstract: bool,
  final: bool,
  protected: bool,
  intermediate: bool,
  'attribute-control': ATTRIBUTE_CONTROL,
  'success-message': str,
  'failure-message': str,
  'success-url': str,
  'failure-url': str,
  'hold-following-changes': bool,
  voting: bool,
  semaphore: union(str, SEM),
  semaphores: one(union(str, SEM)),
  tags: tag(one(str)),
  provides: tag(one(str)),
  requires: tag(one(str)),
  secrets: one(union(str, SECRET_USE)),
  nodeset: union(str, INLINE_NODESET),
  'override-checkout': str,
  'override-branch': str,
  'pre-timeout': int(),
  timeout: int(),
  'post-timeout': int(),
  attempts: int(),
  'pre-run': one(union(str, PLAYBOOK)),
  run: one(union(str, PLAYBOOK)),
  'post-run': one(union(str, POST_PLAYBOOK)),
  'cleanup-run': one(union(str, PLAYBOOK)),
  'ansible-split-streams': bool,
  'ansible-version': union(str, number),
  roles: one(ROLE),
  'required-projects': tag(one(union(str, REQ_PROJECT))),
  vars: tag(JOB_VARS),
  'extra-vars': tag(JOB_VARS),
  'host-vars': tag(mapOf(JOB_VARS)),
  'group-vars': tag(mapOf(JOB_VARS)),
  'include-vars': tag(one(union(str, INCLUDE_VARS))),
  dependencies: tag(one(union(str, DEPENDENCY))),
  'allowed-projects': one(str),
  'post-review': bool,
  branches: one(ZUUL_REGEX),
  files: tag(one(ZUUL_REGEX)),
  'irrelevant-files': tag(one(ZUUL_REGEX)),
  'match-on-config-updates': bool,
  'workspace-scheme': enumOf('golang', 'flat', 'unique'),
  'workspace-checkout': union(bool, enumOf('auto')),
  deduplicate: union(bool, enumOf('auto')),
  'failure-output': tag(one(regex('re2'))),
  'image-build-name': str,
};

const JOB_NOTES: Record<string, string> = {
  nodes: 'Jobs name their nodes through "nodeset" (a nodeset name or an inline {nodes: [...]}).',
};

export const JOB = obj({ what: 'a job', fields: { name: str, ...JOB_ATTRS }, required: ['name'], hook: 'job', hidden: ['override-branch', 'semaphore', 'success-url', 'failure-url'], notes: JOB_NOTES, docs: docs('job') });

/** Entries of a project's `jobs:` list: job attributes minus `name` (reference §2.4). */
export const JOB_VARIANT = obj({
  what: 'a project-pipeline job variant',
  fields: JOB_ATTRS,
  hook: 'job',
  hidden: ['override-branch', 'semaphore', 'success-url', 'failure-url'],
  notes: { ...JOB_NOTES, name: 'The job name is the key of this entry ("- my-job: {...}"), so a "name" attribute is not allowed here.' },
  docs: docs('project'),
});

const PROJECT_PIPELINE = obj({
  what: "a project's pipeline entry",
  fields: { jobs: custom('job-list', 'a list of job names or {job-name: {attributes}} mappings', 'list'), debug: bool, 'fail-fast': bool },
  notes: { queue: 'The per-pipeline "queue" was removed in Zuul 7.0.0; set "queue:" on the project itself instead.' },
  docs: docs('project'),
});

const PROJECT_VARS = varMap(RESERVED_PROJECT_VARS);

export const PROJECT = obj({
  what: 'a project',
  fields: {
    name: str,
    description: str,
    templates: list(str),
    branches: one(ZUUL_REGEX),
    vars: PROJECT_VARS,
    'merge-mode': enumOf('merge', 'merge-resolve', 'cherry-pick', 'squash-merge', 'rebase'),
    'default-branch': str,
    queue: str,
  },
  extra: PROJECT_PIPELINE,
  hook: 'project',
  docs: docs('project'),
});

const NOT_IN_TEMPLATE = 'A project-template only takes name, description, queue, vars and pipelines; set this on the project that uses the template.';
export const PROJECT_TEMPLATE = obj({
  what: 'a project-template',
  fields: { name: str, description: str, queue: str, vars: PROJECT_VARS },
  extra: PROJECT_PIPELINE,
  notes: { templates: NOT_IN_TEMPLATE, branches: NOT_IN_TEMPLATE, 'merge-mode': NOT_IN_TEMPLATE, 'default-branch': NOT_IN_TEMPLATE },
  hook: 'project-template',
  docs: docs('project'),
});

export const SECRET = obj({
  what: 'a secret',
  fields: {
    name: str,
    data: { k: 'map', encrypted: true },
    oidc: union(nul, obj({ what: 'an oidc setting', fields: { algorithm: str, ttl: int(), iss: str, claims: map } })),
  },
  required: ['name'],
  hook: 'secret',
  docs: docs('secret'),
});

export const SEMAPHORE = obj({ what: 'a semaphore', fields: { name: str, max: int() }, required: ['name'], docs: docs('semaphore') });

export const QUEUE = obj({
  what: 'a queue',
  fields: { name: str, 'per-branch': bool, 'allow-circular-dependencies': bool, 'dependencies-by-topic': bool },
  required: ['name'],
  hook: 'queue',
  docs: docs('queue'),
});

export const PRAGMA = obj({ what: 'a pragma', fields: { 'implied-branch-matchers': bool, 'implied-branches': one(ZUUL_REGEX) }, docs: docs('pragma') });

// Connection names are site configuration, so driver sub-schemas are not checked.
const TRIGGER_VALUE = union(map, list(any), nul);
const REPORTER_VALUE = union(map, list(any), nul, str);
const REPORTERS = ['enqueue', 'start', 'success', 'failure', 'merge-conflict', 'config-error', 'no-jobs', 'disabled', 'dequeue'];

export const PIPELINE = obj({
  what: 'a pipeline',
  fields: {
    name: str,
    manager: enumOf('independent', 'dependent', 'serial', 'supercedent'),
    trigger: mapOf(TRIGGER_VALUE),
    require: mapOf(TRIGGER_VALUE),
    reject: mapOf(TRIGGER_VALUE),
    ...Object.fromEntries(REPORTERS.map((r) => [r, mapOf(REPORTER_VALUE)])),
    'allow-other-connections': bool,
    precedence: enumOf('low', 'normal', 'high'),
    supercedes: one(str),
    description: str,
    'success-message': str,
    'failure-message': str,
    'start-message': str,
    'enqueue-message': str,
    'no-jobs-message': str,
    'footer-message': str,
    'merge-conflict-message': str,
    'dequeue-message': str,
    'dequeue-on-new-patchset': bool,
    'ignore-dependencies': bool,
    'post-review': bool,
    'disable-after-consecutive-failures': int(1),
    window: int(0),
    'window-floor': int(1),
    'window-ceiling': union(int(1), nul),
    'window-increase-type': enumOf('linear', 'exponential'),
    'window-decrease-type': enumOf('linear', 'exponential'),
    'window-increase-factor': int(1),
    'window-decrease-factor': int(1),
  },
  required: ['name', 'manager', 'trigger'],
  notes: {
    'variant-description': 'Zuul documents it for pipelines, but the pipeline schema does not accept it.',
  },
  renamed: { 'merge-failure': 'merge-conflict', 'merge-failure-message': 'merge-conflict-message' },
  hook: 'pipeline',
  docs: docs('pipeline'),
});

// Launcher objects (reference §2.11) are only loaded when a tenant includes them; checked loosely.
const LAUNCHER_LIST = list(union(str, map));
export const IMAGE = obj({ what: 'an image', fields: { name: str, type: enumOf('zuul', 'cloud'), description: str }, required: ['name', 'type'] });
export const FLAVOR = obj({ what: 'a flavor', fields: { name: str, description: str }, required: ['name'] });
export const LABEL = obj({
  what: 'a label',
  fields: { name: str, image: str, flavor: str, description: str, 'min-ready': int(), 'max-ready-age': int() },
  required: ['name', 'image', 'flavor'],
});
export const SECTION = obj({
  what: 'a section',
  fields: { name: str, parent: str, abstract: bool, connection: str, description: str, images: LAUNCHER_LIST, flavors: LAUNCHER_LIST, labels: LAUNCHER_LIST },
  required: ['name'],
  extra: any,
});
export const PROVIDER = obj({
  what: 'a provider',
  fields: { name: str, section: str, images: LAUNCHER_LIST, labels: LAUNCHER_LIST },
  required: ['name', 'section'],
  extra: any,
  hook: 'provider',
});

export const ITEM_SCHEMAS: Record<string, Ty> = {
  job: JOB,
  project: PROJECT,
  'project-template': PROJECT_TEMPLATE,
  pipeline: PIPELINE,
  nodeset: NODESET,
  secret: SECRET,
  semaphore: SEMAPHORE,
  queue: QUEUE,
  pragma: PRAGMA,
  image: IMAGE,
  flavor: FLAVOR,
  label: LABEL,
  section: SECTION,
  provider: PROVIDER,
};
