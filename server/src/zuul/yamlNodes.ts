// Small accessors over the `yaml` package's AST that understand aliases and
// `<<` merge keys the way PyYAML's SafeLoader does.
import { Alias, Document, isAlias, isMap, isScalar, isSeq, Node, Pair, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';

export type YNode = Node;

export interface Entry {
  key: string;
  keyNode: Scalar;
  value: YNode | null;
  /** True when the entry comes from a `<<` merge, not written in this mapping. */
  merged: boolean;
}

// Alias.resolve(doc) walks the whole document each time; a config file can
// hold hundreds of aliases, so each document's anchors are listed once.
const anchorCache = new WeakMap<Document, Map<Alias, YNode | undefined>>();

function aliasTargets(doc: Document): Map<Alias, YNode | undefined> {
  let map = anchorCache.get(doc);
  if (map) return map;
  map = new Map();
  const latest = new Map<string, YNode>();
  const targets = map;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, latest.get(node.source));
      else if (node.anchor) latest.set(node.anchor, node);
    },
  });
  anchorCache.set(doc, map);
  return map;
}

export function resolve(doc: Document | undefined, node: unknown, depth = 0): YNode | null {
  if (node == null) return null;
  if (isAlias(node)) {
    if (!doc || depth > 50) return null;
    return resolve(doc, aliasTargets(doc).get(node as Alias), depth + 1);
  }
  return node as YNode;
}

// Parsed documents are never modified (a re-parse only moves the offsets of
// the nodes it keeps, and entries hold no offsets), and every rule asks for the entries of
// the same mappings on every re-check: compute them once per mapping.
// Merged mappings go through the cache too: a chain of mappings that each
// merge the previous one five times would otherwise cost 5^depth.
const entryCache = new WeakMap<YAMLMap, readonly Entry[]>();
const computing = new Set<YAMLMap>();

/** The entries of a mapping in source order, merges expanded; written keys win over merged ones. */
export function entries(doc: Document | undefined, map: YAMLMap): readonly Entry[] {
  let hit = entryCache.get(map);
  if (!hit) {
    // `&a {<<: *a}`: a mapping that merges itself adds nothing to itself.
    if (computing.has(map)) return [];
    computing.add(map);
    try {
      hit = Object.freeze(computeEntries(doc, map));
    } finally {
      computing.delete(map);
    }
    entryCache.set(map, hit);
  }
  return hit;
}

function computeEntries(doc: Document | undefined, map: YAMLMap): Entry[] {
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of map.items as Pair[]) {
    const keyNode = pair.key;
    if (!isScalar(keyNode)) continue;
    // Under YAML 1.1 the merge key's value is a symbol, not the string "<<".
    const isMerge = keyNode.source === '<<' || typeof keyNode.value === 'symbol' || keyNode.value === '<<';
    const key = isMerge ? '<<' : String(keyNode.value);
    if (isMerge) {
      const v = resolve(doc, pair.value);
      const sources = isSeq(v) ? v.items.map((i) => resolve(doc, i)) : [v];
      for (const src of sources) {
        if (isMap(src)) for (const e of entries(doc, src)) merged.push(e.merged ? e : { ...e, merged: true });
      }
      continue;
    }
    own.push({ key, keyNode, value: resolve(doc, pair.value), merged: false });
  }
  if (merged.length === 0) return own;
  const seen = new Set(own.map((e) => e.key));
  const out = [...own];
  for (const e of merged) {
    if (!seen.has(e.key)) {
      seen.add(e.key);
      out.push(e);
    }
  }
  return out;
}

export function get(doc: Document | undefined, map: YAMLMap, key: string): Entry | undefined {
  return entries(doc, map).find((e) => e.key === key);
}

export function items(doc: Document | undefined, seq: YAMLSeq): YNode[] {
  return seq.items.map((i) => resolve(doc, i)).filter((n): n is YNode => n != null);
}

/** A string scalar's value, or undefined for anything else. */
export function str(node: YNode | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The Python-ish type name Zuul's messages use for a node. */
export function typeName(node: YNode | null | undefined): string {
  if (node == null) return 'null';
  if (isMap(node)) return 'mapping';
  if (isSeq(node)) return 'list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'number' || typeof v === 'bigint') return Number.isInteger(Number(v)) ? 'integer' : 'float';
    if (typeof v === 'string') return 'string';
    if (v instanceof Date) return 'date';
    return typeof v;
  }
  return 'value';
}

/** Offsets [start, end) of a node's own text (without trailing comment). */
export function span(node: YNode | Pair | null | undefined): [number, number] | undefined {
  const r = (node as YNode | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}
