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
  const a = before.text;
  const b = after.text;
  let start = 0;
  const min = Math.min(a.length, b.length);
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  return { start, oldEnd: ea, newEnd: eb, before, after };
}

class Overlap extends Error {}

function movePos(p: Position, c: TextChange): Position {
  const o = c.before.offset(p);
  if (o <= c.start) return p;
  if (o >= c.oldEnd) return c.after.position(o + (c.newEnd - c.oldEnd));
  throw new Overlap();
}

function moveRange(r: Range, c: TextChange): Range {
  const start = c.before.offset(r.start);
  const end = c.before.offset(r.end);
  // A range that touches the changed text may now mean something else.
  if (end > c.start && start < c.oldEnd) throw new Overlap();
  return { start: movePos(r.start, c), end: movePos(r.end, c) };
}

function isRange(v: unknown): v is Range {
  const r = v as Range;
  return !!r && typeof r === 'object' && typeof r.start?.line === 'number' && typeof r.end?.line === 'number';
}

function moveData(v: unknown, c: TextChange): unknown {
  if (isRange(v)) return moveRange(v, c);
  if (Array.isArray(v)) return v.map((x) => moveData(x, c));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, moveData(x, c)]));
  return v;
}

/**
 * The findings with every range in `file` moved through the change, or
 * undefined when one of them overlaps the changed text.
 */
export function shiftFindings(findings: Finding[], file: string, c: TextChange): Finding[] | undefined {
  try {
    return findings.map((f) => {
      const own = f.file === file;
      const related = f.related?.map((r) => (r.file === file ? { ...r, range: moveRange(r.range, c) } : r));
      if (!own && related === f.related) return f;
      return {
        ...f,
        range: own ? moveRange(f.range, c) : f.range,
        related,
        data: own && f.data ? (moveData(f.data, c) as Finding['data']) : f.data,
      };
    });
  } catch (e) {
    if (e instanceof Overlap) return undefined;
    throw e;
  }
}
