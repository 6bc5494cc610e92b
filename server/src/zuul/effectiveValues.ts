// Values of the effective job: YAML nodes as plain data, the place each one is
// written, and the deep merge of variables (Zuul's Job._deepUpdate: nested
// mappings merge, anything else replaces), each leaf keeping its source.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Definition } from './index';
import { repoRelative } from './discover';
import { rangeOf } from './stanzas';
import { ENCRYPTED_TAG } from './parse';
import { entries, resolve, type YNode } from './yamlNodes';
import type { SourceRef, Sourced, VarTree } from '../../../protocol/src';

const MAX_DEPTH = 64;

export function sourceOf(def: Definition, node: YNode | null | undefined): SourceRef {
  return { repo: def.repo.name, path: def.file.path, file: repoRelative(def.repo, def.file.path), range: rangeOf(def.file, node) };
}

/** A node as JSON-able data; secrets' ciphertext is not copied. */
export function plain(def: Definition, node: YNode | null | undefined, depth = 0): unknown {
  const doc = def.file.doc;
  const n = resolve(doc, node);
  if (n == null || depth > MAX_DEPTH) return null;
  if (n.tag === ENCRYPTED_TAG) return '<encrypted>';
  if (isScalar(n)) {
    const v = n.value;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) return v.toISOString();
    return typeof v === 'symbol' ? String(v.description) : v;
  }
  if (isSeq(n)) return n.items.map((i) => plain(def, i as YNode, depth + 1));
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    for (const e of entries(doc, n)) out[e.key] = plain(def, e.value, depth + 1);
    return out;
  }
  return null;
}

/** A mapping node as a variable tree whose leaves are sourced at their own nodes. */
export function treeOf(def: Definition, node: YNode | null | undefined, onlyIf: string | undefined, depth = 0): VarTree {
  const n = resolve(def.file.doc, node);
  const out: VarTree = {};
  if (!isMap(n)) return out;
  for (const e of entries(def.file.doc, n)) {
    const v = resolve(def.file.doc, e.value);
    if (isMap(v) && depth < MAX_DEPTH) out[e.key] = { tree: treeOf(def, v, onlyIf, depth + 1) };
    else out[e.key] = { leaf: sourced(plain(def, v), sourceOf(def, e.value ?? e.keyNode), onlyIf) };
  }
  return out;
}

export function sourced<T>(value: T, source: SourceRef, onlyIf: string | undefined): Sourced<T> {
  return onlyIf ? { value, source, onlyIf } : { value, source };
}

/** `b` merged over `a`: a nested mapping on both sides merges, anything else in `b` replaces. */
export function deepUpdate(a: VarTree, b: VarTree): VarTree {
  const out: VarTree = {};
  for (const [k, v] of Object.entries(a)) if (!(k in b)) out[k] = v;
  for (const [k, bv] of Object.entries(b)) {
    const av = a[k];
    out[k] = av && 'tree' in av && 'tree' in bv ? { tree: deepUpdate(av.tree, bv.tree) } : bv;
  }
  return out;
}

/** A variable tree back to plain data (leaves' values only). */
export function treeValue(t: VarTree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) out[k] = 'leaf' in v ? v.leaf.value : treeValue(v.tree);
  return out;
}
