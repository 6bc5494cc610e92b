// A keystroke in a 1.7 MB projects.yaml must not cost a parse of 1.7 MB. A
// configuration file is a block list of items at one column; an edit inside
// some of them changes nothing about the others. So the items the edit
// touches are composed again on their own (at their offsets in the file), the
// ones after them are moved by the length change, and the rest are kept as
// they are. Where that could differ from composing the whole text (an anchor
// or alias in the items re-composed, a syntax error, an edit outside the
// items, a line that no longer starts an item) the caller composes the whole
// text instead.
import { isAlias, isSeq, visit, type Document, type Node, type YAMLSeq } from 'yaml';
import { composeDocuments, duplicateKeys } from './compose';
import { collectItems, ENCRYPTED_TAG, YAML_OPTIONS, type ParsedFile } from './parse';
import { diffStrings, type TextChange } from './shift';
import type { LineIndex } from './text';
import { carryNoDirectives } from './suppress';

export interface Reparsed {
  parsed: ParsedFile;
  change: TextChange;
}

/** Findings collectItems makes again for every item; any other finding means the old file was not cleanly composed. */
const STRUCTURAL = new Set(['item-not-a-mapping', 'item-multiple-keys', 'unknown-item-type']);
/** An item's line: indentation, the dash, spaces, then the item. */
const ITEM_PREFIX = /^([ \t]*)-[ \t]+$/;

function hasAnchors(node: unknown): boolean {
  let found = false;
  visit(node as Node, {
    Node(_k, n) {
      if (isAlias(n) || (n as { anchor?: string }).anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Where the line of each root item starts, and its indentation; undefined when one does not start its line with `- `. */
function itemStarts(text: string, lines: LineIndex, items: readonly unknown[]): { starts: number[]; indent: string } | undefined {
  const starts: number[] = [];
  let indent: string | undefined;
  for (const item of items) {
    const r = (item as { range?: [number, number, number] })?.range;
    if (!r) return undefined;
    const lineStart = lines.offset({ line: lines.position(r[0]).line, character: 0 });
    const m = ITEM_PREFIX.exec(text.slice(lineStart, r[0]));
    if (!m || (indent !== undefined && m[1] !== indent)) return undefined;
    indent = m[1];
    starts.push(lineStart);
  }
  return { starts, indent: indent ?? '' };
}

// Plain property tests, not the package's isPair/isCollection: this visits
// every node after the edit, tens of thousands in a large file.
function shiftNode(root: unknown, delta: number): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop() as { range?: number[]; items?: unknown[]; key?: unknown; value?: unknown } | null;
    if (!n || typeof n !== 'object') continue;
    const r = n.range;
    if (r) {
      r[0] += delta;
      r[1] += delta;
      r[2] += delta;
    }
    const items = n.items;
    if (Array.isArray(items)) for (let i = 0; i < items.length; i++) stack.push(items[i]);
    else if (!r && 'key' in n) stack.push(n.key, n.value);
  }
}

/** Where each root item's line starts, per parsed file: a keystroke takes the old ones over instead of finding thousands again. */
const startsOf = new WeakMap<ParsedFile, { starts: number[]; indent: string }>();

/** A shallow copy with the same prototype and property descriptors (the package marks node types with non-enumerable symbols). */
function copyOf<T extends object>(x: T): T {
  return Object.create(Object.getPrototypeOf(x), Object.getOwnPropertyDescriptors(x)) as T;
}

/**
 * The items of the new file, where every old root item was a clean item and
 * so are the fresh ones: only the fresh ones are collected, the others are
 * the old ConfigItem objects (renumbered after the part when the part's count
 * changed). False where the items must be collected whole (the old file or
 * the part has a structural finding: those messages count the items after).
 */
function collectKept(parsed: ParsedFile, seq: YAMLSeq, old: ParsedFile, i: number, j: number, fresh: unknown[]): boolean {
  if (old.findings.length || old.items.length !== j + (seq.items.length - fresh.length - i)) return false;
  const part: ParsedFile = { ...parsed, items: [], findings: [] };
  collectItems(part, { items: fresh } as unknown as YAMLSeq);
  if (part.findings.length || part.items.length !== fresh.length) return false;
  for (const item of part.items) item.index += i;
  const moved = fresh.length - (j - i);
  const after = old.items.slice(j);
  if (moved) for (const item of after) item.index += moved;
  parsed.items = [...old.items.slice(0, i), ...part.items, ...after];
  return true;
}

/**
 * `old` after its text became `text`, composing only the items the change
 * touches; undefined where only composing the whole text gives the right
 * result. The old file's nodes after the change are moved in place: `old`
 * must not be used afterwards except for its text and lines.
 */
export function reparseFile(old: ParsedFile, text: string): Reparsed | undefined {
  const doc = old.doc;
  const root = doc?.contents;
  if (!doc || old.fatal || !isSeq(root) || root.flow || doc.errors.length) return undefined;
  if (old.findings.some((f) => !STRUCTURAL.has(f.rule))) return undefined;
  const bounds = startsOf.get(old) ?? itemStarts(old.text, old.lines, root.items);
  if (!bounds || bounds.starts.length === 0) return undefined;
  const { starts, indent } = bounds;
  const d = diffStrings(old.text, text);
  const lines = old.lines.edited(text, d.start, d.oldEnd, d.newEnd);
  const change: TextChange = { ...d, before: old.lines, after: lines };
  const delta = change.newEnd - change.oldEnd;

  // The items from the last one starting at or before the change (and the one
  // before, when the change is at the very start of its line) to the first
  // one starting after it. An edit before the first item, or in it, composes
  // the file from its start (comments, a `---` or a directive before the list).
  let i = 0;
  for (let k = 0; k < starts.length && starts[k] <= change.start; k++) i = k;
  if (i > 0 && starts[i] === change.start) i--;
  let j = i + 1;
  while (j < starts.length && starts[j] <= change.oldEnd) j++;
  const from = i === 0 ? 0 : starts[i];
  const oldTo = j < starts.length ? starts[j] : old.text.length;
  const newTo = oldTo + delta;
  // An anchor in the old items may be used after them; an alias in the new ones needs an anchor before them.
  if (root.items.slice(i, j).some(hasAnchors)) return undefined;
  const part = text.slice(from, newTo);
  if (part.includes(ENCRYPTED_TAG)) return undefined;

  const composed = composeDocuments(part, YAML_OPTIONS, from);
  if ('tooDeep' in composed || composed.docs.length > 1) return undefined;
  const pdoc = composed.docs[0] as Document | undefined;
  let fresh: unknown[] = [];
  if (pdoc) {
    if (pdoc.errors.length || pdoc.warnings.length || duplicateKeys(pdoc).length) return undefined;
    const c = pdoc.contents;
    if (c != null) {
      if (!isSeq(c) || c.flow || hasAnchors(c)) return undefined;
      fresh = c.items;
    }
  }
  const partLines = itemStarts(text, lines, fresh);
  if (!partLines || (fresh.length && ((i > 0 && partLines.starts[0] !== from) || partLines.indent !== indent))) return undefined;
  // The list starts after the part: its start, and what comes before it, are the part's to say.
  if (i === 0 && fresh.length === 0) return undefined;

  const after = root.items.slice(j);
  if (delta !== 0) for (const n of after) shiftNode(n, delta);
  const items = [...root.items.slice(0, i), ...fresh, ...after];
  if (items.length === 0) return undefined;
  // The list and the document start where the old ones did, unless the part
  // is the start of the file, and end where they did, moved, unless it
  // reaches the end of the file: there the part's own ranges say.
  const toEnd = j >= starts.length;
  const span = (old: number[], part: number[] | undefined): [number, number, number] => [
    i === 0 && part ? part[0] : old[0],
    toEnd && part ? part[1] : old[1] + delta,
    toEnd && part ? part[2] : old[2] + delta,
  ];
  const seq = copyOf(root) as YAMLSeq;
  seq.items = items;
  if (root.range) seq.range = span(root.range, (pdoc?.contents as YAMLSeq | null | undefined)?.range ?? undefined);
  const ndoc = i === 0 && toEnd && pdoc ? pdoc : copyOf(doc);
  ndoc.contents = seq as Document['contents'];
  ndoc.errors = [];
  ndoc.warnings = [];
  if (ndoc !== pdoc && doc.range) ndoc.range = span(doc.range, pdoc?.range ?? undefined);
  const parsed: ParsedFile = { path: old.path, text, lines, doc: ndoc, items: [], findings: [], fatal: false };
  if (!collectKept(parsed, seq, old, i, j, fresh)) collectItems(parsed, seq);
  startsOf.set(parsed, { starts: [...starts.slice(0, i), ...partLines.starts, ...starts.slice(j).map((s) => s + delta)], indent });
  carryNoDirectives(old, parsed, change.start, change.newEnd);
  return { parsed, change };
}
