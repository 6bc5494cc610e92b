// Text-level helpers for the dependency fixes: where a node's content ends,
// which column it starts at, who contains it, which anchors an edit touches,
// and how the file writes lists, mappings and names. Fixes edit the text, never
// re-serialize the document, so comments, quoting, anchors and indentation of
// everything they do not touch stay as they are.
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedFile } from '../zuul/parse';
import type { TextEdit } from './types';
import { resolve } from '../zuul/yamlNodes';

export type QuoteStyle = 'plain' | 'single' | 'double';

/** An edit by offsets into one file's text, turned into a TextEdit at the end. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export function toTextEdit(file: ParsedFile, e: OffsetEdit): TextEdit {
  return { range: file.lines.range(e.start, e.end), newText: e.text };
}

/** The file's line break. */
export function eol(file: ParsedFile): string {
  return file.text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStart(text: string, off: number): number {
  let i = off;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The offset of the line break ending the line of `off` (or the text's end). */
export function lineEnd(text: string, off: number): number {
  let i = off;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

export function column(text: string, off: number): number {
  return off - lineStart(text, off);
}

export const spaces = (n: number) => ' '.repeat(Math.max(0, n));

// ---------------------------------------------------------------------------
// Containment: the `yaml` AST has no parent links.

export interface ParentInfo {
  /** The mapping or sequence holding the node; undefined for the document's root. */
  container?: YAMLMap | YAMLSeq;
  /** The pair, when the node is a key or a value of a mapping. */
  pair?: Pair;
  isKey?: boolean;
}

interface DocInfo {
  parents: Map<Node, ParentInfo>;
  aliases: Alias[];
}

const docInfo = new WeakMap<Document, DocInfo>();

function infoOf(doc: Document): DocInfo {
  let hit = docInfo.get(doc);
  if (hit) return hit;
  const parents = new Map<Node, ParentInfo>();
  const aliases: Alias[] = [];
  const walk = (node: unknown, info: ParentInfo, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 300) return;
    parents.set(node as Node, info);
    if (isAlias(node)) aliases.push(node);
    else if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        walk(pair.key, { container: node, pair, isKey: true }, depth + 1);
        walk(pair.value, { container: node, pair }, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, { container: node }, depth + 1);
    }
  };
  walk(doc.contents, {}, 0);
  hit = { parents, aliases };
  docInfo.set(doc, hit);
  return hit;
}

export function parentOf(doc: Document, node: Node): ParentInfo | undefined {
  return infoOf(doc).parents.get(node);
}

/** How many aliases of the document stand for `node`. */
export function aliasCount(doc: Document, node: Node): number {
  let n = 0;
  for (const a of infoOf(doc).aliases) if (resolve(doc, a) === node) n++;
  return n;
}

/**
 * An edit inside an anchored node changes every alias of it too. The title
 * says so: ` (edits &name, used N times)` for the innermost anchored node
 * around `node` that has aliases, or '' when the edit is local.
 */
export function anchorNote(doc: Document | undefined, node: Node | undefined): string {
  if (!doc) return '';
  let cur: Node | undefined = node;
  for (let depth = 0; cur && depth < 300; depth++) {
    if (cur.anchor) {
      const uses = aliasCount(doc, cur);
      if (uses > 0) return ` (edits &${cur.anchor}, used ${uses + 1} times)`;
    }
    cur = parentOf(doc, cur)?.container;
  }
  return '';
}

// ---------------------------------------------------------------------------
// Where text is.

/** The offset just after a node's last character of content (no trailing comment or blank lines). */
export function contentEnd(text: string, node: unknown): number {
  if (!node || typeof node !== 'object') return -1;
  const n = node as Node;
  if (isMap(n) && !n.flow && n.items.length) {
    const last = n.items[n.items.length - 1] as Pair;
    return Math.max(contentEnd(text, last.key), pairHeadEnd(text, last), contentEnd(text, last.value));
  }
  if (isSeq(n) && !n.flow && n.items.length) return contentEnd(text, n.items[n.items.length - 1]);
  const r = n.range;
  if (!r) return -1;
  let e = r[1];
  while (e > r[0] && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The offset after the `:` of a pair whose key is a scalar (the colon may follow spaces). */
export function pairHeadEnd(text: string, pair: Pair): number {
  const k = pair.key as Node | null;
  if (!k?.range) return -1;
  let i = k.range[1];
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === ':' ? i + 1 : k.range[1];
}

/** The column of the `-` of a block sequence item. */
export function dashColumn(text: string, item: Node): number | undefined {
  const r = item.range;
  if (!r) return undefined;
  let i = r[0] - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (text[i] === '-') return column(text, i);
  const m = /^( *)-(?= |$)/.exec(text.slice(lineStart(text, r[0]), r[0]));
  return m ? m[1].length : undefined;
}

/** The first key's column of a block mapping. */
export function keyColumn(text: string, map: YAMLMap): number | undefined {
  const k = (map.items[0] as Pair | undefined)?.key as Node | undefined;
  return k?.range ? column(text, k.range[0]) : undefined;
}

export function quoteStyleOf(node: unknown): QuoteStyle {
  if (isScalar(node)) {
    if (node.type === 'QUOTE_DOUBLE') return 'double';
    if (node.type === 'QUOTE_SINGLE') return 'single';
  }
  return 'plain';
}

// Job names are usually plain; anything a reader could take for YAML syntax is quoted.
const PLAIN_NAME = /^[A-Za-z0-9_./][A-Za-z0-9_./@+=-]*$/;
const YAML_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_.:eE+-]*|\.inf|\.nan)$/;

export function quoteName(name: string, style: QuoteStyle): string {
  if (style === 'single' && !/[\n\r]/.test(name)) return `'${name.replace(/'/g, "''")}'`;
  if (style === 'double') return JSON.stringify(name);
  return PLAIN_NAME.test(name) && !YAML_WORDS.test(name) ? name : JSON.stringify(name);
}

/** Most frequent value of a list, ties to the first seen; undefined for an empty list. */
export function majority<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

/**
 * How far this file indents a block mapping below its key (`key:\n  child:`),
 * measured on `near` first (a list whose entries have bodies), then on the
 * whole document; 2 when nothing tells.
 */
export function mappingStep(file: ParsedFile, near?: YAMLSeq): number {
  const text = file.text;
  const steps: number[] = [];
  const measure = (pair: Pair) => {
    const k = pair.key as Node | null;
    const v = resolveLocal(pair.value);
    if (!k?.range || !isMap(v) || v.flow || !v.items.length) return;
    const vc = keyColumn(text, v);
    const first = (v.items[0] as Pair).key as Node;
    if (vc === undefined || !first.range || lineStart(text, first.range[0]) === lineStart(text, k.range[0])) return;
    const d = vc - column(text, k.range[0]);
    if (d > 0) steps.push(d);
  };
  if (near) for (const item of near.items) if (isMap(item) && item.items.length === 1) measure(item.items[0] as Pair);
  if (steps.length) return majority(steps)!;
  if (file.doc) for (const [node, info] of infoOf(file.doc).parents) if (info.pair && !info.isKey && info.pair.value === node) measure(info.pair);
  return majority(steps) ?? 2;
}

// Only nodes written in place: an alias's indentation belongs to its anchor.
function resolveLocal(node: unknown): Node | undefined {
  return node && typeof node === 'object' && !isAlias(node) ? (node as Node) : undefined;
}

/** How far a block sequence's `-` sits right of its key (`key:\n  - a` is 2, `key:\n- a` is 0). */
export function sequenceIndent(file: ParsedFile, seq: YAMLSeq): number | undefined {
  if (!file.doc || seq.flow || !seq.items.length) return undefined;
  const info = parentOf(file.doc, seq);
  const k = info?.pair?.key as Node | undefined;
  const dash = dashColumn(file.text, seq.items[0] as Node);
  if (!k?.range || dash === undefined || info?.pair?.value !== seq) return undefined;
  const d = dash - column(file.text, k.range[0]);
  return d >= 0 ? d : undefined;
}

export function isNullScalar(node: unknown): node is Scalar {
  return isScalar(node) && node.value == null;
}

/**
 * The edit deleting one item of a sequence of two or more: in a flow list the
 * item and the comma before it (after it, for the first); in a block list its
 * whole lines. Undefined for a shape it does not know (an item sharing its line).
 */
export function removeItem(text: string, seq: YAMLSeq, item: Node): OffsetEdit | undefined {
  const items = seq.items as Node[];
  const i = items.indexOf(item);
  if (i < 0 || items.length < 2 || !item.range) return undefined;
  if (seq.flow) {
    if (i > 0) return { start: contentEnd(text, items[i - 1]), end: contentEnd(text, item), text: '' };
    const next = items[1].range;
    return next ? { start: item.range[0], end: next[0], text: '' } : undefined;
  }
  const start = lineStart(text, item.range[0]);
  if (!/^ *- +$/.test(text.slice(start, item.range[0]))) return undefined;
  let end = lineEnd(text, contentEnd(text, item));
  if (text.startsWith('\r\n', end)) end += 2;
  else if (end < text.length) end += 1;
  return { start, end, text: '' };
}
