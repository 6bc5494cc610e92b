// Moves ranges of one file through a single contiguous text change, so that
// findings whose meaning did not change keep pointing at the same text.
import type { LineIndex } from './text';
import type { Finding, Position, Range } from './types';

export interface TextChange {
  /** Offsets in the old text: [start, oldEnd) became [start, newEnd) in the new one. */
  start: number;
  oldEnd: number;
  newEnd: number;
  before: LineIndex;
  after: LineIndex;
}

/** The smallest single change between two texts (common prefix and suffix). */
export function diffTexts(before: LineIndex, after: LineIndex): TextChange {
  return { ...diffStrings(before.text, after.text), before, after };
}

/** The smallest single change between two strings: [start, oldEnd) of `a` became [start, newEnd) of `b`. */
export function diffStrings(a: string, b: string): { start: number; oldEnd: number; newEnd: number } {
  let start = 0;
  const min = Math.min(a.length, b.length);
  // Whole blocks first, compared natively: a keystroke in a 1.7 MB file is one
  // change in megabytes of equal text.
  while (start + BLOCK <= min && a.slice(start, start + BLOCK) === b.slice(start, start + BLOCK)) start += BLOCK;
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea - BLOCK >= start && eb - BLOCK >= start && a.slice(ea - BLOCK, ea) === b.slice(eb - BLOCK, eb)) {
    ea -= BLOCK;
    eb -= BLOCK;
  }
  while (ea > start && eb > start && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  return { start, oldEnd: ea, newEnd: eb };
}

const BLOCK = 4096;

class Overlap extends Error {}

function movePos(p: Position, c: TextChange): Position {
  const o = c.before.offset(p);
  if (o <= c.start) return p;
  if (o >= c.oldEnd) return c.after.position(o + (c.newEnd - c.oldEnd));
  throw new Overlap();
}

const isSpace = (ch: string | undefined) => ch === undefined || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';

function moveRange(r: Range, c: TextChange): Range {
  const start = c.before.offset(r.start);
  const end = c.before.offset(r.end);
  // A change that ends where the range starts (text typed right before it), or
  // starts where it ends: a fresh check gives the same range only if the new
  // text does not run into the range's (a token typed onto a name).
  if (end > start && end === c.start && !isSpace(c.after.text[c.start])) throw new Overlap();
  // Before the change: the same object, so that callers see nothing moved.
  if (end <= c.start) return r;
  // A range that touches the changed text may now mean something else.
  if (end > c.start && start < c.oldEnd) throw new Overlap();
  if (start === c.oldEnd) {
    if (end > start && !isSpace(c.after.text[c.newEnd - 1])) throw new Overlap();
    // Text typed where the range starts (a comment line above an item) goes before it, as in a fresh check.
    const moved = c.after.position(start + (c.newEnd - c.oldEnd));
    return { start: moved, end: movePos(r.end, c) };
  }
  return { start: movePos(r.start, c), end: movePos(r.end, c) };
}

function isRange(v: unknown): v is Range {
  const r = v as Range;
  return !!r && typeof r === 'object' && typeof r.start?.line === 'number' && typeof r.end?.line === 'number';
}

/**
 * `v` with its ranges moved; `v` itself when none moved. Copies only from the
 * first value that moved: thousands of findings pass here on every keystroke,
 * and most of their data holds no range at all.
 */
function moveData(v: unknown, c: TextChange): unknown {
  if (!v || typeof v !== 'object') return v;
  if (isRange(v)) return moveRange(v, c);
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = moveData(v[i], c);
      if (x !== v[i] && !out) out = v.slice(0, i);
      if (out) out.push(x);
    }
    return out ?? v;
  }
  let out: Record<string, unknown> | undefined;
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec);
  for (let i = 0; i < keys.length; i++) {
    const x = moveData(rec[keys[i]], c);
    if (x !== rec[keys[i]] && !out) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]] = rec[keys[j]];
    }
    if (out) out[keys[i]] = x;
  }
  return out ?? v;
}

/**
 * The findings with every range in `file` moved through the change, or
 * undefined when one of them overlaps the changed text.
 */
export function shiftFindings(findings: Finding[], file: string, c: TextChange): Finding[] | undefined {
  try {
    return findings.map((f) => {
      const own = f.file === file;
      let related = f.related;
      if (related?.some((r) => r.file === file)) {
        const moved = related.map((r) => {
          if (r.file !== file) return r;
          const range = moveRange(r.range, c);
          return range === r.range ? r : { ...r, range };
        });
        if (moved.some((r, i) => r !== related![i])) related = moved;
      }
      if (!own && related === f.related) return f;
      const range = own ? moveRange(f.range, c) : f.range;
      const data = own && f.data ? (moveData(f.data, c) as Finding['data']) : f.data;
      if (range === f.range && related === f.related && data === f.data) return f;
      const out: Finding = { ...f, range };
      if (related !== f.related) out.related = related;
      if (data !== f.data) out.data = data;
      return out;
    });
  } catch (e) {
    if (e instanceof Overlap) return undefined;
    throw e;
  }
}
