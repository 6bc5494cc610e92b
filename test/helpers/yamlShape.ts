// A composed YAML tree as plain data, for comparing two compositions node by
// node: every node's class, offsets, value and its type, tag, anchor, format
// and source; not comments, which nothing reads.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

export function nodeShape(node: unknown): unknown {
  if (node == null) return node;
  if (isPair(node)) return { k: nodeShape(node.key), v: nodeShape(node.value) };
  const n = node as { range?: number[]; tag?: string; anchor?: string; format?: string; minFractionDigits?: number };
  const base = { cls: (node as object).constructor.name, range: n.range, tag: n.tag, anchor: n.anchor, format: n.format, mfd: n.minFractionDigits };
  if (isAlias(node)) return { ...base, alias: node.source };
  if (isScalar(node)) {
    const v = node.value;
    // A merge key's value is a fresh symbol per document.
    const value = v instanceof Date ? `date ${v.toISOString()}` : typeof v === 'bigint' || typeof v === 'symbol' ? `${typeof v} ${String(v)}` : v;
    return { ...base, value, kind: typeof v, type: node.type, source: (node as { source?: unknown }).source };
  }
  if (isSeq(node) || isMap(node)) return { ...base, flow: !!node.flow, items: node.items.map(nodeShape) };
  return { other: String(node) };
}
