// Docs of project, project-template, their pipelines, and the small objects
// (nodeset, secret, semaphore, queue, pragma, launcher objects).
import { docTable, type DocTable } from './attributeDocTypes';

const project = docTable('project', 'project');
const template = docTable('project', 'project-template');

export const PROJECT_DOCS: DocTable = {
  name: project('name', 'The project this stanza configures: a short or canonical name, or a regular expression starting with `^` matching several projects.', 'the project holding the file'),
  description: project('description', 'Free text describing the project.'),
  templates: project('templates', 'Project templates whose pipelines and jobs are added to this project.'),
  branches: project('branches', 'Regular expressions on branch names: the stanza applies only to changes on matching branches.', 'implied from the branch the stanza is on'),
  vars: project('vars', 'Variables given to every job this project runs, underneath the jobs\' own variables.'),
  'merge-mode': project('merge-mode', 'How Zuul merges the project\'s changes when preparing the repositories.', 'the connection driver\'s default'),
  'default-branch': project('default-branch', 'The branch checked out for this project when a job needs it without a change on it.', 'the branch the code host reports, else `master`'),
  queue: project('queue', 'The shared change queue of dependent pipelines the project belongs to; projects naming the same queue are gated together.'),
};

export const TEMPLATE_DOCS: DocTable = {
  name: template('name', 'The name projects use in `templates:` to apply this template.', 'required'),
  description: template('description', 'Free text describing the template.'),
  queue: template('queue', 'The shared change queue of the projects that use this template.'),
  vars: template('vars', 'Variables given to the jobs of this template, underneath the jobs\' own variables.'),
};

export const PROJECT_PIPELINE_DOCS: DocTable = {
  jobs: project('<pipeline>.jobs', 'The jobs this project runs in this pipeline: job names, or `job-name:` with attributes for a variant of the job.'),
  debug: project('<pipeline>.debug', 'Adds debugging information on how the job list was built to the pipeline\'s reports.', '`false`'),
  'fail-fast': project('<pipeline>.fail-fast', 'Cancel the remaining builds as soon as one job fails.', '`false`'),
};

const nodeset = docTable('nodeset', 'nodeset');

export const NODESET_DOCS: DocTable = {
  name: nodeset('name', 'The name jobs use in `nodeset:` to request these nodes. An inline nodeset of a job has no name.', 'required'),
  nodes: nodeset('nodes', 'The nodes to request, each a `name` (its Ansible host name) and a `label` (the kind of node). `[]` means no node.'),
  groups: nodeset('groups', 'Ansible groups of the nodes, each a `name` and the `nodes` it holds.'),
  alternatives: nodeset('alternatives', 'Nodesets to try in order until one can be provided: names of other nodesets or inline ones.'),
};

export const NODE_DOCS: DocTable = {
  name: nodeset('nodes.name', 'The node\'s Ansible host name; a list gives several names to one node. `localhost` is not allowed.', 'required'),
  label: nodeset('nodes.label', 'The label of the node to request from the node provider.', 'required'),
};

export const GROUP_DOCS: DocTable = {
  name: nodeset('groups.name', 'The Ansible group name.', 'required'),
  nodes: nodeset('groups.nodes', 'The nodes of this nodeset that belong to the group.', 'required'),
};

const secret = docTable('secret', 'secret');

export const SECRET_DOCS: DocTable = {
  name: secret('name', 'The name jobs of the same project use in `secrets:`.', 'required'),
  data: secret('data', 'The secret\'s content: any YAML, usually with values encrypted (`!encrypted/pkcs1-oaep`) with the project\'s public key.'),
  oidc: secret('oidc', 'Makes the secret an OIDC token that Zuul issues for each build, instead of stored data.'),
};

export const OIDC_DOCS: DocTable = {
  algorithm: secret('oidc.algorithm', 'The signing algorithm of the token; must be one the deployment supports.'),
  ttl: secret('oidc.ttl', 'How long the token stays valid, in seconds.', '`3600`'),
  iss: secret('oidc.iss', 'The issuer claim of the token; must be allowed by the tenant.'),
  claims: secret('oidc.claims', 'Extra claims put into the token.'),
};

const semaphore = docTable('semaphore', 'semaphore');

export const SEMAPHORE_DOCS: DocTable = {
  name: semaphore('name', 'The name jobs use in `semaphores:`. Semaphores are shared by the whole tenant.', 'required'),
  max: semaphore('max', 'How many jobs may hold the semaphore at the same time.', '`1`'),
};

const queue = docTable('queue', 'queue');

export const QUEUE_DOCS: DocTable = {
  name: queue('name', 'The name projects use in `queue:` to share this change queue.', 'required'),
  'per-branch': queue('per-branch', 'Keep a separate queue for each branch instead of one for all branches.', '`false`'),
  'allow-circular-dependencies': queue('allow-circular-dependencies', 'Allow changes of this queue that depend on each other in a cycle to be tested and merged together.', '`false`'),
  'dependencies-by-topic': queue('dependencies-by-topic', 'Treat changes with the same topic as depending on each other; needs `allow-circular-dependencies`.', '`false`'),
};

const pragma = docTable('pragma', 'pragma');

export const PRAGMA_DOCS: DocTable = {
  'implied-branch-matchers': pragma('implied-branch-matchers', 'Turns implied branch matchers on or off for the jobs and project templates of this file.', 'decided by the tenant and the project'),
  'implied-branches': pragma('implied-branches', 'The branch patterns used as implied branch matchers in this file, instead of the file\'s own branch.'),
};

const image = docTable('image', 'image');
const flavor = docTable('flavor', 'flavor');
const label = docTable('label', 'label');
const section = docTable('section', 'section');
const provider = docTable('provider', 'provider');

export const IMAGE_DOCS: DocTable = {
  name: image('name', 'The image\'s name, used by labels.', 'required'),
  type: image('type', '`zuul` for an image Zuul builds itself, `cloud` for one the cloud provides.', 'required'),
  description: image('description', 'Free text describing the image.'),
};

export const FLAVOR_DOCS: DocTable = {
  name: flavor('name', 'The flavor\'s name, used by labels.', 'required'),
  description: flavor('description', 'Free text describing the flavor.'),
};

export const LABEL_DOCS: DocTable = {
  name: label('name', 'The label name nodesets request.', 'required'),
  image: label('image', 'The image nodes of this label boot from.', 'required'),
  flavor: label('flavor', 'The flavor (size) of nodes of this label.', 'required'),
  description: label('description', 'Free text describing the label.'),
  'min-ready': label('min-ready', 'How many nodes of this label the launcher keeps ready in advance.', '`0`'),
  'max-ready-age': label('max-ready-age', 'Seconds after which an unused ready node is replaced.'),
};

export const SECTION_DOCS: DocTable = {
  name: section('name', 'The section\'s name, used by providers and child sections.', 'required'),
  parent: section('parent', 'The section this one inherits its settings from.'),
  abstract: section('abstract', 'An abstract section may only be inherited from, not used by a provider.', '`false`'),
  connection: section('connection', 'The cloud connection of the site configuration the section uses.'),
  description: section('description', 'Free text describing the section.'),
  images: section('images', 'Images available in this section, with cloud-specific settings.'),
  flavors: section('flavors', 'Flavors available in this section, with cloud-specific settings.'),
  labels: section('labels', 'Labels this section can provide.'),
};

export const PROVIDER_DOCS: DocTable = {
  name: provider('name', 'The provider\'s name.', 'required'),
  section: provider('section', 'The section the provider takes its settings from.', 'required'),
  images: provider('images', 'Images of the section this provider offers.'),
  labels: provider('labels', 'Labels of the section this provider offers.'),
};

const job = docTable('job', 'job');

export const REGEX_DOCS: DocTable = {
  regex: job('branches', 'The regular expression.', 'required'),
  negate: job('branches', 'Match what the expression does not match.', '`false`'),
};

export const ALTERNATIVE_DOCS: DocTable = { nodes: NODESET_DOCS.nodes, groups: NODESET_DOCS.groups };
