// Most of a large configuration file is the plainest YAML there is: a list of
// items at column 0, each a block of `key:` / `key: word` / `- word` lines
// (project-config's projects.yaml is 1.7 MB of little else). The `yaml`
// package reads such a line through its lexer, its CST parser and its
// composer; this builds the same nodes from the lines directly. Anything else
// in an item (quotes, flow collections, block scalars, tags, a comment inside
// it, a value running on to the next line) leaves that item to the package,
// composed on its own at its offset as the re-parse does; so do the items from
// the first anchor, alias or merge key to the last, together. The first and
// last items always go to the package, so that what comes before and after
// the list is its to read. Where the package reports an error in a part, or
// the text has tabs, carriage returns or document markers, the whole text
// goes to it. test/unit/fastCompose.test.ts holds the result to the package's
// own, node for node and offset for offset (comments aside, which nothing
// reads), over the corpus, random edits of it and generated tricky lines.
import { isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node, type ScalarTag, type Schema } from 'yaml';
import { composeDocuments, type ComposeOptions } from './compose';
import { pushAll } from './arrays';

/** What makes the whole text the package's: a tab, CR or BOM, a document marker or directive. */
const WHOLE_TEXT = /[\t\r\ufeff]|^(?:---|\.\.\.|%)/m;
/** What may be an anchor, an alias or a merge key. */
const ANCHORS = /(?:^|[\s,[{])[&*]\S|<</gm;
/** A key read here: a word starting with a letter, then a colon before a space or the end of the line. */
const KEY = /[A-Za-z][A-Za-z0-9_./+-]*(?=:(?: |$))/my;
/** What a one-line plain scalar read here may not start with, or hold. */
const FIRST_BAD = /[-?:,[\]{}#&*!|>'"%@`\s]/;
const UNSAFE = /: | #|:$|[\u007f-\u009f\u2028\u2029\ufeff]/;
/** Below a space: a control character, the package's to judge. */
const hasControl = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 32) return true;
  return false;
};
const MAX_KEY = 512;
/** Deeper items are left to the package, whose composer bounds the depth. */
const MAX_FAST_DEPTH = 64;

interface Ctx {
  text: string;
  schema: Schema;
  /** The schema's default scalar tags that test a plain scalar, in the composer's order. */
  tags: ScalarTag[];
  options: ComposeOptions;
  /** The item's lines that hold something: where each starts, where its newline is, its indentation. */
  starts: number[];
  ends: number[];
  indents: number[];
}

// One thrown value for every item handed back: no stack is captured (a file of
// flow-mapping items hands back each of its hundred thousand items).
const NOT_FAST = { notFast: true };
const notFast = (): never => {
  throw NOT_FAST;
};

/** An untagged plain scalar, resolved as the package's composer does: the first default tag whose pattern matches. */
function scalar(ctx: Ctx, value: string, start: number, nodeEnd: number): Scalar {
  const tag = ctx.tags.find((t) => t.test!.test(value));
  let node: Scalar;
  if (!tag) node = new Scalar(value);
  else {
    let failed = false;
    const res = tag.resolve(value, () => (failed = true), ctx.options as never);
    if (failed) notFast();
    node = isScalar(res) ? (res as Scalar) : new Scalar(res);
    if (tag.format) node.format = tag.format;
  }
  node.range = [start, start + value.length, nodeEnd];
  node.source = value;
  node.type = 'PLAIN';
  return node;
}

/** The rest of line `li` from `at` as a plain scalar value. */
function lineValue(ctx: Ctx, li: number, at: number): Scalar {
  const { text } = ctx;
  let end = ctx.ends[li];
  while (end > at && text.charCodeAt(end - 1) === 32) end--;
  const value = text.slice(at, end);
  if (value.length === 0 || FIRST_BAD.test(value[0]) || UNSAFE.test(value) || hasControl(value)) notFast();
  return scalar(ctx, value, at, ctx.ends[li] + 1);
}

const isKeyAt = (text: string, at: number): boolean => {
  KEY.lastIndex = at;
  return KEY.test(text);
};

const skipSpaces = (text: string, at: number): number => {
  while (text.charCodeAt(at) === 32) at++;
  return at;
};

/** The block list or mapping whose text starts at offset `at` on line `li`, and the first line after it; undefined where none starts there. */
function block(ctx: Ctx, li: number, at: number, depth: number): [Node, number] | undefined {
  if (depth > MAX_FAST_DEPTH) notFast();
  if (ctx.text.startsWith('- ', at)) return seq(ctx, li, at, depth);
  if (isKeyAt(ctx.text, at)) return map(ctx, li, at, depth);
  return undefined;
}

/** What follows `- ` on its line: a nested block, or a plain scalar. */
function itemAt(ctx: Ctx, li: number, dash: number, depth: number): [Node, number] {
  const p = skipSpaces(ctx.text, dash + 2);
  if (p >= ctx.ends[li]) notFast();
  return block(ctx, li, p, depth + 1) ?? [lineValue(ctx, li, p), li + 1];
}

/** After a complete entry or item at `col`: true to go on at line `next`, false where the block ends there. */
function continues(ctx: Ctx, next: number, col: number, dash: boolean): boolean {
  if (next >= ctx.starts.length || ctx.indents[next] < col) return false;
  // A deeper line after a complete value continues a scalar or is an error: the package's to read.
  if (ctx.indents[next] > col) notFast();
  const at = ctx.starts[next] + col;
  if (dash ? !ctx.text.startsWith('- ', at) : !isKeyAt(ctx.text, at)) notFast();
  return true;
}

function seq(ctx: Ctx, li: number, at: number, depth: number): [Node, number] {
  const col = at - ctx.starts[li];
  const out = new YAMLSeq(ctx.schema);
  let end: number;
  let next = li;
  for (let dash = at; ; dash = ctx.starts[next] + col) {
    const [item, after] = itemAt(ctx, next, dash, depth);
    out.items.push(item);
    end = item.range![2];
    next = after;
    if (!continues(ctx, next, col, true)) break;
  }
  out.range = [at, end, end];
  return [out, next];
}

function map(ctx: Ctx, li: number, at: number, depth: number): [Node, number] {
  const { text } = ctx;
  const col = at - ctx.starts[li];
  const out = new YAMLMap(ctx.schema);
  let end: number;
  let next = li;
  for (let k = at; ; k = ctx.starts[next] + col) {
    KEY.lastIndex = k;
    const name = KEY.exec(text)?.[0] ?? notFast();
    if (name.length > MAX_KEY) notFast();
    const key = scalar(ctx, name, k, k + name.length);
    const colon = k + name.length;
    let value: Node;
    if (colon + 1 === ctx.ends[next]) {
      next++;
      if (next < ctx.starts.length && ctx.indents[next] > col) [value, next] = block(ctx, next, ctx.starts[next] + ctx.indents[next], depth + 1) ?? notFast();
      else value = scalar(ctx, '', colon + 1, colon + 1);
    } else {
      const p = skipSpaces(text, colon + 1);
      // `key:` and trailing spaces: the package places the empty value, not this.
      if (p >= ctx.ends[next]) notFast();
      value = lineValue(ctx, next, p);
      next++;
    }
    out.items.push(new Pair(key, value));
    end = value.range![2];
    if (!continues(ctx, next, col, false)) break;
  }
  out.range = [at, end, end];
  return [out, next];
}

/** The item on the lines [from, to), which starts `- ` at column 0 and ends with a newline; undefined where the package must read it. */
function fastItem(ctx: Ctx, from: number, to: number): Node | undefined {
  const { text } = ctx;
  const starts: number[] = [];
  const ends: number[] = [];
  const indents: number[] = [];
  let trailing = false;
  for (let s = from; s < to; ) {
    const e = text.indexOf('\n', s);
    if (e < 0 || e >= to) return undefined;
    const p = skipSpaces(text, s);
    if (p < e) {
      // A comment in the item is the package's to place; one at column 0 after it belongs to no node.
      if (text.charCodeAt(p) === 35) {
        if (p > s) return undefined;
        trailing = true;
      } else {
        if (trailing) return undefined;
        starts.push(s);
        ends.push(e);
        indents.push(p - s);
      }
    }
    s = e + 1;
  }
  // An empty value last in the item reaches over the comments after it, as the package places it.
  if (trailing && (starts.length === 0 || text.charCodeAt(ends[ends.length - 1] - 1) === 58)) return undefined;
  ctx.starts = starts;
  ctx.ends = ends;
  ctx.indents = indents;
  try {
    const [item, next] = itemAt(ctx, 0, from, 0);
    return next === starts.length ? item : undefined;
  } catch (e) {
    if (e === NOT_FAST) return undefined;
    throw e;
  }
}

interface Part {
  doc: Document;
  seq: YAMLSeq;
}

/** The package's composition of the items in [from, to), at their offsets; undefined unless it is a clean block list of `count` items. */
function packagePart(text: string, from: number, to: number, count: number, options: ComposeOptions): Part | undefined {
  const composed = composeDocuments(text.slice(from, to), options, from);
  if ('tooDeep' in composed || composed.docs.length !== 1) return undefined;
  const doc = composed.docs[0];
  const seq = doc.contents;
  if (doc.errors.length || !isSeq(seq) || seq.flow || seq.items.length !== count) return undefined;
  return { doc, seq };
}

/** Where each line starting with `- ` at column 0 starts; undefined where the text is not only such a list (and comments). */
function itemStarts(text: string): number[] | undefined {
  const starts: number[] = [];
  for (let s = 0; s < text.length; ) {
    const c = text.charCodeAt(s);
    if (c === 45) {
      if (text.charCodeAt(s + 1) !== 32) return undefined;
      starts.push(s);
    } else if (c !== 32 && c !== 10 && c !== 35) return undefined;
    else if (c === 32 && starts.length === 0) {
      // Before the list, only blank and comment lines.
      const p = skipSpaces(text, s);
      const d = text.charCodeAt(p);
      if (d !== 10 && d !== 35 && p < text.length) return undefined;
    }
    const e = text.indexOf('\n', s);
    if (e < 0) break;
    s = e + 1;
  }
  return starts;
}

/** The first and last items holding what may be an anchor, an alias or a merge key; they and those between go to the package together. */
function anchoredItems(text: string, starts: number[]): [number, number] {
  ANCHORS.lastIndex = 0;
  let first = -1;
  let lastAt = -1;
  for (let m = ANCHORS.exec(text); m; m = ANCHORS.exec(text)) {
    if (first < 0) first = m.index;
    lastAt = m.index;
  }
  if (first < 0) return [-1, -1];
  const itemOf = (at: number) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1] <= at) k++;
    return k;
  };
  return [itemOf(first), itemOf(lastAt)];
}

/**
 * The text composed as `composeDocuments(text, options)` would, reading the
 * plain items itself; undefined where the package must read the whole text.
 */
export function composeBlockList(text: string, options: ComposeOptions): { docs: Document[] } | undefined {
  if (WHOLE_TEXT.test(text)) return undefined;
  const starts = itemStarts(text);
  if (!starts || starts.length < 3) return undefined;
  const last = starts.length - 1;
  const [anchoredFrom, anchoredTo] = anchoredItems(text, starts);
  const items: Node[] = [];
  const warnings: Document['warnings'] = [];
  let head: Part | undefined;
  let tail: Part | undefined;
  let ctx: Ctx | undefined;
  // Items [pending, k) are the package's, composed together; the first such run holds what precedes the list, the last what follows it.
  let pending = 0;
  let parts = 0;
  let fast = 0;
  const flush = (k: number): boolean => {
    if (pending < 0) return true;
    // Each part costs the package a start of its own: where parts outnumber the items read here, one whole parse is cheaper.
    if (++parts > 32 && parts > fast * 2) return false;
    const part = packagePart(text, pending === 0 ? 0 : starts[pending], k > last ? text.length : starts[k], k - pending, options);
    pending = -1;
    if (!part) return false;
    head ??= part;
    tail = part;
    for (const n of part.seq.items) items.push(n as Node);
    pushAll(warnings, part.doc.warnings);
    return true;
  };
  for (let k = 1; k < last; k++) {
    if (k >= anchoredFrom && k <= anchoredTo) {
      if (pending < 0) pending = k;
      continue;
    }
    if (!ctx) {
      // The nodes are built with the schema of the package's first part.
      if (!flush(k)) return undefined;
      const schema = head!.doc.schema;
      const tags = schema.tags.filter((t): t is ScalarTag => t.default === true && !('collection' in t && t.collection) && !!(t as ScalarTag).test);
      ctx = { text, schema, tags, options: head!.doc.options as ComposeOptions, starts: [], ends: [], indents: [] };
    }
    const item = fastItem(ctx, starts[k], starts[k + 1]);
    if (!item) {
      if (pending < 0) pending = k;
      continue;
    }
    if (!flush(k)) return undefined;
    items.push(item);
    fast++;
  }
  if (pending < 0) pending = last;
  if (!flush(last + 1) || !head || !tail) return undefined;
  const { doc, seq } = head;
  seq.items = items;
  seq.range = [seq.range![0], tail.seq.range![1], tail.seq.range![2]];
  doc.range = [doc.range![0], tail.doc.range![1], tail.doc.range![2]];
  doc.warnings = warnings;
  doc.comment = tail.doc.comment;
  return { docs: [doc] };
}
