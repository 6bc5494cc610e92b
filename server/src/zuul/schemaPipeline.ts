// The regular expressions of a pipeline's triggers and requirements, which
// Zuul's drivers compile through make_regex when they load the pipeline:
// RE2 first, Python's re with the "Regex Deprecation" warning, else an error
// that drops the pipeline (reference §3.6). Which driver a connection uses is
// site configuration, so the keys are those that are regexes wherever a
// driver accepts them (gerrit, github, gitlab, pagure, git, zuul triggers;
// gerrit's hashtags and approval username/email). GitHub's review filters
// use Python's re and its status filters are compiled only when an event
// arrives: Zuul says nothing about those at load time, and neither does this.
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { Walker } from './schemaWalk';
import { entries, type Entry, type YNode } from './yamlNodes';

const TRIGGER_REGEX_KEYS = new Set(['event', 'branch', 'ref', 'comment', 'email', 'username', 'added', 'removed', 'pipeline', 'comment_filter', 'email_filter', 'username_filter']);

function listOf(w: Walker, node: YNode | null): YNode[] {
  if (isSeq(node)) return node.items.map((i) => w.resolve(i)).filter((n): n is YNode => n != null);
  return node == null ? [] : [node];
}

/** Each pattern of a One<Regex> value: a string, `{regex, negate}`, or a list of them. */
function regexes(w: Walker, e: Entry, path: string): void {
  listOf(w, e.value).forEach((item, i) => {
    const at = isSeq(e.value) ? `${path}[${i}]` : path;
    let node: YNode | null | undefined = item;
    if (isMap(item)) node = entries(w.file.doc, item).find((x) => x.key === 'regex')?.value;
    if (isScalar(node) && typeof node.value === 'string') w.checkRegex(node as Scalar, 'zuul', { path: at, keyNode: e.keyNode });
  });
}

function approvals(w: Walker, e: Entry, path: string): void {
  listOf(w, e.value).forEach((a, i) => {
    if (!isMap(a)) return;
    for (const x of entries(w.file.doc, a)) if (x.key === 'username' || x.key === 'email') regexes(w, x, `${path}[${i}].${x.key}`);
  });
}

/** A require / reject filter of one connection. */
function requirement(w: Walker, node: YNode | null, path: string): void {
  if (!isMap(node)) return;
  for (const e of entries(w.file.doc, node)) {
    if (e.key === 'hashtags') regexes(w, e, `${path}.hashtags`);
    else if (e.key === 'approval') approvals(w, e, `${path}.approval`);
  }
}

function trigger(w: Walker, node: YNode, path: string): void {
  if (!isMap(node)) return;
  for (const e of entries(w.file.doc, node)) {
    const at = `${path}.${e.key}`;
    if (TRIGGER_REGEX_KEYS.has(e.key)) regexes(w, e, at);
    else if (e.key === 'require' || e.key === 'reject') requirement(w, e.value, at);
    else if (e.key === 'require-approval' || e.key === 'reject-approval') approvals(w, e, at);
  }
}

export function pipelineRegexes(w: Walker, ents: readonly Entry[]): void {
  for (const top of ents) {
    if (!isMap(top.value)) continue;
    for (const conn of entries(w.file.doc, top.value as YAMLMap)) {
      const path = `${top.key}.${conn.key}`;
      if (top.key === 'trigger') listOf(w, conn.value).forEach((t, i) => trigger(w, t, isSeq(conn.value) ? `${path}[${i}]` : path));
      else if (top.key === 'require' || top.key === 'reject') requirement(w, conn.value, path);
    }
  }
}
