// What Zuul does with each job attribute and with the entries inside them
// (playbooks, secrets, roles, ...). Written from the configuration reference.
import { CONTROLLABLE } from '../zuul/schemaTables';
import { docTable, type DocTable } from './attributeDocTypes';

const job = docTable('job', 'job');

export const JOB_DOCS: DocTable = {
  name: job('name', 'The name other stanzas use to refer to this job. Every stanza with the same name is a variant of one job.', 'required'),
  parent: job('parent', 'The job this one inherits its attributes and playbooks from. `null` makes a base job, which only a config project may define.', 'the tenant\'s default parent (`base`)'),
  description: job('description', 'Free text describing the job, shown in the job listing of the web interface.'),
  'variant-description': job('variant-description', 'A short text telling this variant apart from the other variants of the job. Purely informational.'),
  abstract: job('abstract', 'An abstract job may be inherited from but not run itself; a pipeline listing it fails at freeze time.', '`false`'),
  final: job('final', 'A final job may not be inherited from, and later variants may only change its context attributes (voting, files, dependencies, ...).', '`false`'),
  protected: job('protected', 'A protected job may only be inherited from, or have its execution attributes changed, by jobs of the same project.', '`false`'),
  intermediate: job('intermediate', 'An intermediate job may only be inherited by abstract jobs. It must be abstract itself, in the same stanza.', '`false`'),
  'attribute-control': job('attribute-control', 'Marks some of the job\'s list and mapping attributes as final, so that no child or variant may change them.'),
  'success-message': job('success-message', 'The word reported for this job when it succeeds.', '`SUCCESS`'),
  'failure-message': job('failure-message', 'The word reported for this job when it fails.', '`FAILURE`'),
  'success-url': job('success-url', 'Legacy attribute: accepted and ignored by current Zuul.'),
  'failure-url': job('failure-url', 'Legacy attribute: accepted and ignored by current Zuul.'),
  'hold-following-changes': job('hold-following-changes', 'In a dependent pipeline, changes behind this one wait to start their jobs until this job has succeeded.', '`false`'),
  voting: job('voting', 'Whether the job\'s result counts towards the change\'s overall result. A non-voting job is reported but never blocks a merge.', '`true`'),
  semaphore: job('semaphore', 'Deprecated single-semaphore form of `semaphores`; ignored when `semaphores` is also set.'),
  semaphores: job('semaphores', 'Semaphores the job must hold while it runs, limiting how many such jobs run at once. Combined with the parents\' semaphores.'),
  tags: job('tags', 'Free-form labels for the job, for example for searching builds. Combined with the parents\' tags.'),
  provides: job('provides', 'Names of artifacts this job produces, which jobs of later changes may `require`.'),
  requires: job('requires', 'Artifact names this job needs; Zuul waits for and passes along the artifacts of changes ahead that `provides` them.'),
  secrets: job('secrets', 'Secrets given to the playbooks of this stanza as Ansible variables. A job may only use secrets defined in its own project.'),
  nodeset: job('nodeset', 'The nodes the job runs on: a nodeset name, or an inline nodeset (`nodes:` and `groups:` without a name).', 'an empty nodeset (executor only)'),
  'override-checkout': job('override-checkout', 'The branch or tag checked out in every project of the job instead of the change\'s branch, when it exists there.'),
  'override-branch': job('override-branch', 'Legacy spelling of `override-checkout`; still accepted.'),
  'pre-timeout': job('pre-timeout', 'Time limit in seconds for the pre-run playbooks.', 'governed by `timeout`'),
  timeout: job('timeout', 'Time limit in seconds for the pre-run and run playbooks together; the job is aborted when it is exceeded. Capped by the tenant\'s `max-job-timeout`.', 'no job limit'),
  'post-timeout': job('post-timeout', 'Time limit in seconds for each post-run playbook.', 'no limit'),
  attempts: job('attempts', 'How many times Zuul runs the job when a pre-run playbook fails or a node is unreachable, before it reports the failure.', '`3`'),
  'pre-run': job('pre-run', 'Playbooks run before the run playbooks; a parent\'s pre-run playbooks run before the child\'s. Paths are relative to the repository root.'),
  run: job('run', 'The main playbooks of the job, run in list order. A child\'s run replaces its parent\'s. Paths are relative to the repository root.'),
  'post-run': job('post-run', 'Playbooks run after the run playbooks, even when they failed; a child\'s post-run playbooks run before the parent\'s.'),
  'cleanup-run': job('cleanup-run', 'Deprecated: use a `post-run` entry with `cleanup: true`. Playbooks run at the very end, even after cancellation.'),
  'ansible-split-streams': job('ansible-split-streams', 'Whether Ansible reports a task\'s stdout and stderr separately instead of merged.', '`false`'),
  'ansible-version': job('ansible-version', 'The Ansible version the job\'s playbooks run with; must be one the Zuul deployment supports.', 'the tenant\'s default Ansible version'),
  roles: job('roles', 'Repositories whose Ansible roles are put on the role path of the job\'s playbooks (`zuul: repo`).', 'the job\'s own repository only'),
  'required-projects': job('required-projects', 'Further projects the executor prepares for the job (checked out, with the changes ahead applied). Each must be a project of the tenant.'),
  vars: job('vars', 'Ansible variables for every host of the job. Merged deeply with the parents\' variables.'),
  'extra-vars': job('extra-vars', 'Variables passed as Ansible extra variables, which take precedence over all others.'),
  'host-vars': job('host-vars', 'Variables for individual nodes, keyed by node name.'),
  'group-vars': job('group-vars', 'Variables for groups of nodes, keyed by group name.'),
  'include-vars': job('include-vars', 'Files of variables read from a repository when the job runs and added to its variables.'),
  dependencies: job('dependencies', 'Jobs of the same pipeline that must finish successfully before this one starts. A child\'s list replaces its parent\'s.'),
  'allowed-projects': job('allowed-projects', 'The only projects whose pipelines may run this job.', 'every project'),
  'post-review': job('post-review', 'Marks the job as able to run only in pipelines that allow post-review jobs (changes already reviewed). Once set it cannot be unset.', '`false`'),
  branches: job('branches', 'Regular expressions on branch names: the variant only applies to changes on matching branches.', 'implied from the branch the stanza is on'),
  files: job('files', 'The job runs only when the change touches a file matching one of these regular expressions. A child\'s list replaces its parent\'s.'),
  'irrelevant-files': job('irrelevant-files', 'The job is skipped when every file the change touches matches one of these regular expressions.'),
  'match-on-config-updates': job('match-on-config-updates', 'Whether a change to the job\'s own configuration makes it run regardless of `files` and `irrelevant-files`.', '`true`'),
  'workspace-scheme': job('workspace-scheme', 'How repositories are laid out on the nodes: `golang` (host/org/name), `flat` (name) or `unique` (a unique folder per repository).', '`golang`'),
  'workspace-checkout': job('workspace-checkout', 'Whether the repositories are checked out on the nodes; `auto` decides from the nodeset.', '`true`'),
  deduplicate: job('deduplicate', 'In a dependency cycle, whether one build of the job serves every change of the cycle; `auto` decides from the job\'s projects.', '`auto`'),
  'failure-output': job('failure-output', 'RE2 patterns: a line of the job\'s output matching one marks the build as failing early, before it ends.'),
  'image-build-name': job('image-build-name', 'For image-build jobs of the Zuul launcher: the name of the image the job builds.'),
};

/** `attribute-control` keys: each takes `{final: true}`. */
export const ATTRIBUTE_CONTROL_DOCS: DocTable = Object.fromEntries(
  CONTROLLABLE.map((k) => [k, job(`attribute-control.${k}`, `\`final: true\` here forbids children and variants to change \`${k}\`.`)]),
);
export const FINAL_ONLY_DOCS: DocTable = { final: job('attribute-control', 'Must be `true`: the attribute may no longer be changed by children or variants.') };

export const SEMAPHORE_USE_DOCS: DocTable = {
  name: job('semaphores.name', 'The semaphore to acquire. An undefined name acts as a semaphore with `max: 1`.', 'required'),
  'resources-first': job('semaphores.resources-first', 'Acquire the semaphore only once the job\'s nodes are ready, instead of before requesting them.', '`false`'),
};

export const SECRET_USE_DOCS: DocTable = {
  name: job('secrets.name', 'The Ansible variable name under which the playbooks see the secret.', 'required'),
  secret: job('secrets.secret', 'The name of the secret to use; it must be defined in the same project as the job.', 'required'),
  'pass-to-parent': job('secrets.pass-to-parent', 'Also give the secret to the playbooks inherited from the parents.', '`false`'),
};

export const PLAYBOOK_DOCS: DocTable = {
  name: job('run', 'The playbook path, relative to the repository root, extension included.', 'required'),
  semaphores: job('run', 'Semaphores held only while this playbook runs. A semaphore may not be both a job and a playbook semaphore.'),
  cleanup: job('post-run', 'Run this post-run playbook even when the build is cancelled, as a cleanup step.', '`false`'),
};

export const ROLE_DOCS: DocTable = {
  zuul: job('roles.zuul', 'A project of the tenant whose `roles/` (or the role in its `tasks/`) the playbooks can use.'),
  galaxy: job('roles', 'A role from Ansible Galaxy: accepted by the schema but ignored by Zuul.'),
  name: job('roles.name', 'The name the role is installed under, when the repository is a single role.', 'the last component of the repository name'),
};

export const REQUIRED_PROJECT_DOCS: DocTable = {
  name: job('required-projects.name', 'The project to prepare for the job.', 'required'),
  'override-checkout': job('required-projects.override-checkout', 'The branch or tag checked out in this project only, instead of the change\'s branch.'),
  'override-branch': job('required-projects.override-branch', 'Legacy spelling of `override-checkout`.'),
};

export const INCLUDE_VARS_DOCS: DocTable = {
  name: job('include-vars.name', 'The path of the variables file, relative to the repository root.', 'required'),
  project: job('include-vars.project', 'The project the file is read from.', 'the project defining the job'),
  'zuul-project': job('include-vars.zuul-project', 'Read the file from the project of the change being tested.', '`false`'),
  'use-ref': job('include-vars.use-ref', 'With `zuul-project`, read the file at the change\'s ref rather than its branch.', '`true`'),
  required: job('include-vars.required', 'Whether a missing file fails the job.', '`true`'),
};

export const DEPENDENCY_DOCS: DocTable = {
  name: job('dependencies.name', 'The job of the same pipeline to wait for.', 'required'),
  soft: job('dependencies.soft', 'A soft dependency is only waited for when that job runs for the change; it is not added when its file matchers skip it.', '`false`'),
};
