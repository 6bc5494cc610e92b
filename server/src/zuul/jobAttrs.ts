// What one job stanza or project-pipeline variant sets, in the terms of
// Zuul's JobParser: which attributes it records on the job (an empty value
// is often not recorded at all), its playbooks with their semaphores, its
// job semaphores and its secrets.
import { isMap, isScalar, isSeq } from 'yaml';
import type { JobStanza } from './stanzas';
import { stanzaEntries } from './inherit';
import { PLAYBOOK_PHASES } from './playbooks';
import { entries, resolve, str, type Entry, type YNode } from './yamlNodes';

export interface NamedNode {
  name: string;
  node: YNode;
}

export interface PlaybookUse {
  stanza: JobStanza;
  phase: string;
  /** The playbook path's node. */
  node: YNode;
  semaphores: NamedNode[];
}

function entryOf(stanza: JobStanza, key: string): Entry | undefined {
  return stanzaEntries(stanza).find((e) => e.key === key);
}

function items(stanza: JobStanza, value: YNode | null | undefined): YNode[] {
  if (value == null) return [];
  const doc = stanza.def.file.doc;
  if (isSeq(value)) return value.items.map((i) => resolve(doc, i)).filter((n): n is YNode => n != null);
  return [value];
}

function field(stanza: JobStanza, node: YNode, key: string): YNode | null | undefined {
  return isMap(node) ? entries(stanza.def.file.doc, node).find((e) => e.key === key)?.value : undefined;
}

function names(stanza: JobStanza, value: YNode | null | undefined): NamedNode[] {
  const out: NamedNode[] = [];
  for (const n of items(stanza, value)) {
    const node = isMap(n) ? field(stanza, n, 'name') : n;
    const name = str(node);
    if (node && name !== undefined) out.push({ name, node });
  }
  return out;
}

/** The playbooks of one phase (pre-run, run, post-run, cleanup-run). */
export function playbooksOf(stanza: JobStanza, phase: string): PlaybookUse[] {
  const out: PlaybookUse[] = [];
  for (const pb of items(stanza, entryOf(stanza, phase)?.value)) {
    const node = isMap(pb) ? field(stanza, pb, 'name') : pb;
    if (!node || str(node) === undefined) continue;
    out.push({ stanza, phase, node, semaphores: isMap(pb) ? names(stanza, field(stanza, pb, 'semaphores')) : [] });
  }
  return out;
}

/** Job semaphores: `semaphores`, or the old `semaphore` when `semaphores` is absent. */
export function jobSemaphoresOf(stanza: JobStanza): NamedNode[] {
  const plural = entryOf(stanza, 'semaphores');
  return names(stanza, (plural ?? entryOf(stanza, 'semaphore'))?.value);
}

export interface SecretUse extends NamedNode {
  passToParent: boolean;
}

/** The secrets a stanza declares (`secrets: x`, a list, or `{name, secret, pass-to-parent}`). */
function secretUsesOf(stanza: JobStanza): SecretUse[] {
  const out: SecretUse[] = [];
  for (const s of items(stanza, entryOf(stanza, 'secrets')?.value)) {
    const node = isMap(s) ? field(stanza, s, 'secret') : s;
    const name = str(node);
    const ptp = isMap(s) ? field(stanza, s, 'pass-to-parent') : undefined;
    if (node && name !== undefined) out.push({ name, node, passToParent: isScalar(ptp) && ptp.value === true });
  }
  return out;
}

const nonEmpty = (v: YNode | null) => v != null && !(isSeq(v) && v.items.length === 0) && !(isMap(v) && v.items.length === 0) && !(isScalar(v) && (v.value === null || v.value === ''));
const present = () => true;
const isTrue = (v: YNode | null) => isScalar(v) && v.value === true;
const notNull = (v: YNode | null) => v != null && !(isScalar(v) && v.value === null);

/**
 * Zuul's execution attributes in the order of Job.execution_attributes (the
 * first one set is the one its "Unable to modify final job" names), with the
 * config key, Zuul's internal name, and when the parser records it.
 * final, abstract, protected and intermediate are exempt from the check.
 */
const EXECUTION: [string, string, (v: YNode | null) => boolean][] = [
  ['parent', 'parent', present],
  ['pre-timeout', 'pre_timeout', present],
  ['timeout', 'timeout', present],
  ['post-timeout', 'post_timeout', present],
  ['vars', 'variables', nonEmpty],
  ['extra-vars', 'extra_variables', nonEmpty],
  ['host-vars', 'host_variables', nonEmpty],
  ['group-vars', 'group_variables', nonEmpty],
  ['include-vars', 'include_vars', nonEmpty],
  ['nodeset', 'nodeset', present],
  ['pre-run', 'pre_run', nonEmpty],
  ['post-run', 'post_run', nonEmpty],
  ['cleanup-run', 'cleanup_run', nonEmpty],
  ['run', 'run', nonEmpty],
  ['ansible-split-streams', 'ansible_split_streams', notNull],
  ['ansible-version', 'ansible_version', present],
  ['semaphores', 'semaphores', nonEmpty],
  ['semaphore', 'semaphores', nonEmpty],
  ['attempts', 'attempts', present],
  ['roles', 'roles', nonEmpty],
  ['required-projects', 'required_projects', present],
  ['allowed-projects', 'allowed_projects', nonEmpty],
  ['override-branch', 'override_branch', present],
  ['override-checkout', 'override_checkout', present],
  ['post-review', 'post_review', isTrue],
  ['workspace-scheme', 'workspace_scheme', present],
  ['workspace-checkout', 'workspace_checkout', present],
  ['failure-output', 'failure_output', present],
  ['image-build-name', 'image_build_name', present],
];

export interface SetAttribute {
  entry: Entry;
  /** Zuul's internal attribute name, as its messages print it. */
  internal: string;
}

/**
 * The execution attributes a stanza records on the job, in Zuul's order.
 * A job stanza (not a project-pipeline variant) also always records its
 * repo's implicit role; that one has no entry and is left to the caller.
 */
export function executionAttributesOf(stanza: JobStanza): SetAttribute[] {
  const ents = stanzaEntries(stanza);
  const out: SetAttribute[] = [];
  for (const [key, internal, recorded] of EXECUTION) {
    const e = ents.find((x) => x.key === key);
    if (!e || !recorded(e.value)) continue;
    // `semaphore` is read only when `semaphores` is absent.
    if (key === 'semaphore' && ents.some((x) => x.key === 'semaphores')) continue;
    if (key === 'roles' && !items(stanza, e.value).some((r) => field(stanza, r, 'zuul') != null)) continue;
    out.push({ entry: e, internal });
  }
  return out;
}

/** True when the stanza gives the job run playbooks (an empty list records nothing). */
export function setsRun(stanza: JobStanza): boolean {
  return playbooksOf(stanza, 'run').length > 0;
}

/** The stanza's own `key: true` entry. */
function trueEntryOf(stanza: JobStanza, key: string): Entry | undefined {
  const e = entryOf(stanza, key);
  return e && isTrue(e.value) ? e : undefined;
}


/** What the freeze rules read of every stanza, gathered once. */
export interface FreezeFacts {
  postReview?: Entry;
  abstract?: Entry;
  final?: Entry;
  secrets: SecretUse[];
  run: boolean;
  /** pre-run, post-run or cleanup-run playbooks. */
  otherPlaybooks: boolean;
  /** The allowed-projects names, when set. */
  allowed: (string | undefined)[];
  branches: boolean;
  /** Names a job or playbook semaphore. */
  semaphores: boolean;
}

// Parsed documents are never modified (a re-parse only moves offsets, which
// facts do not hold), so the facts of a stanza's mapping
// hold across re-indexes; a plain entry (no mapping) sets nothing.
const factsCache = new WeakMap<object, FreezeFacts>();
const NO_FACTS: FreezeFacts = { secrets: [], run: false, otherPlaybooks: false, allowed: [], branches: false, semaphores: false };

export function freezeFacts(stanza: JobStanza): FreezeFacts {
  if (!stanza.body) return NO_FACTS;
  let hit = factsCache.get(stanza.body);
  if (!hit) {
    const allowed = entryOf(stanza, 'allowed-projects')?.value;
    hit = {
      postReview: trueEntryOf(stanza, 'post-review'),
      abstract: trueEntryOf(stanza, 'abstract'),
      final: trueEntryOf(stanza, 'final'),
      secrets: secretUsesOf(stanza),
      run: setsRun(stanza),
      otherPlaybooks: PLAYBOOK_PHASES.some((ph) => ph !== 'run' && playbooksOf(stanza, ph).length > 0),
      allowed: allowed ? items(stanza, allowed).map((n) => str(n)) : [],
      branches: entryOf(stanza, 'branches') !== undefined,
      semaphores: jobSemaphoresOf(stanza).length > 0 || PLAYBOOK_PHASES.some((ph) => playbooksOf(stanza, ph).some((p) => p.semaphores.length > 0)),
    };
    factsCache.set(stanza.body, hit);
  }
  return hit;
}
