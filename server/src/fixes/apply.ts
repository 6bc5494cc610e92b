// Applies text edits to a string: ranges refer to the original text and are
// applied from the end so that earlier offsets stay valid.
import { LineIndex } from '../zuul/text';
import { diffTexts } from '../zuul/shift';
import type { TextEdit } from './types';

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const s of spans) {
    // Overlapping edits cannot both be applied; the later one in the list wins nothing.
    if (s.end > limit) continue;
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/** One edit that turns `before` into `after`: the changed middle between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const c = diffTexts(new LineIndex(before), new LineIndex(after));
  return { range: c.before.range(c.start, c.oldEnd), newText: after.slice(c.start, c.newEnd) };
}
