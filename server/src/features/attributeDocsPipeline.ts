// Docs of the pipeline attributes (pipelines live in config projects).
import { docTable, type AttrDoc, type DocTable } from './attributeDocTypes';

const p = docTable('pipeline', 'pipeline');

const reporter = (key: string, when: string): AttrDoc => p(key, `Reporters (by connection name) Zuul uses ${when}.`);
const message = (key: string, what: string, dflt?: string): AttrDoc => p(key, `The text of the report ${what}.`, dflt);

export const PIPELINE_DOCS: DocTable = {
  name: p('name', 'The pipeline\'s name: projects list their jobs under it.', 'required'),
  manager: p('manager', 'How changes move through the pipeline: `independent` tests each change alone, `dependent` gates changes in a shared queue, `serial` runs one item at a time, `supercedent` keeps only the newest item per project and branch.', 'required'),
  trigger: p('trigger', 'The events, by connection name, that enqueue items into the pipeline.', 'required'),
  require: p('require', 'Conditions, by connection name, an item must meet to be enqueued.'),
  reject: p('reject', 'Conditions, by connection name, that keep an item out of the pipeline.'),
  enqueue: reporter('enqueue', 'when an item is enqueued'),
  start: reporter('start', 'when the jobs of an item start'),
  success: reporter('success', 'when every voting job of an item succeeded'),
  failure: reporter('failure', 'when a voting job of an item failed'),
  'merge-conflict': reporter('merge-conflict', 'when an item cannot be merged (falls back to `failure`)'),
  'config-error': reporter('config-error', 'when an item has a configuration error (falls back to `failure`)'),
  'no-jobs': reporter('no-jobs', 'when an item has no jobs to run'),
  disabled: reporter('disabled', 'once the pipeline is disabled after consecutive failures'),
  dequeue: reporter('dequeue', 'when an item is removed from the pipeline before it finished'),
  'allow-other-connections': p('allow-other-connections', 'Whether items from connections other than the trigger\'s may be enqueued (for example as dependencies).', '`true`'),
  precedence: p('precedence', 'The priority of this pipeline\'s node requests and builds relative to other pipelines.', '`normal`'),
  supercedes: p('supercedes', 'Pipelines from which an item is removed when it is enqueued into this one.'),
  description: p('description', 'Free text describing the pipeline, shown in the web interface.'),
  'success-message': message('success-message', 'on success', '"Build succeeded."'),
  'failure-message': message('failure-message', 'on failure', '"Build failed."'),
  'start-message': message('start-message', 'when jobs start; may use `{pipeline.name}` and `{item_url}`', '"Starting {pipeline.name} jobs."'),
  'enqueue-message': message('enqueue-message', 'when an item is enqueued', 'empty'),
  'no-jobs-message': message('no-jobs-message', 'when an item has no jobs', 'empty'),
  'footer-message': message('footer-message', 'footer, appended to every report', 'empty'),
  'merge-conflict-message': message('merge-conflict-message', 'when an item cannot be merged', 'a request to rebase'),
  'dequeue-message': message('dequeue-message', 'when an item is dequeued', '"Build canceled."'),
  'dequeue-on-new-patchset': p('dequeue-on-new-patchset', 'Remove a change from the pipeline when a new patchset of it is uploaded.', '`true`'),
  'ignore-dependencies': p('ignore-dependencies', 'Enqueue a change without the changes it depends on.', '`false`'),
  'post-review': p('post-review', 'Marks the pipeline as running after review, so that it may run post-review jobs (for example jobs using secrets of untrusted projects).', '`false`'),
  'disable-after-consecutive-failures': p('disable-after-consecutive-failures', 'Disable the pipeline after this many failed items in a row.', 'never'),
  window: p('window', 'In a dependent pipeline, how many items of a queue are tested at the same time to begin with.', '`20`'),
  'window-floor': p('window-floor', 'The smallest the window may shrink to after failures.', '`3`'),
  'window-ceiling': p('window-ceiling', 'The largest the window may grow to after successes.', 'unlimited'),
  'window-increase-type': p('window-increase-type', 'How the window grows after a success: by adding (`linear`) or multiplying (`exponential`) by the increase factor.', '`linear`'),
  'window-decrease-type': p('window-decrease-type', 'How the window shrinks after a failure: by subtracting (`linear`) or dividing (`exponential`) by the decrease factor.', '`exponential`'),
  'window-increase-factor': p('window-increase-factor', 'The amount the window grows by after a success.', '`1`'),
  'window-decrease-factor': p('window-decrease-factor', 'The amount the window shrinks by after a failure.', '`2`'),
};
