// Fix-all: apply the preferred fix of one finding at a time, re-checking in
// between (an edit moves everything after it), until no finding of the given
// files has a preferred fix left. A fix may edit other files (a job's own
// `dependencies` in another file); those are carried along.
import type { ZuulWorkspace } from '../engine/workspace';
import { preferredFix } from './registry';
import { applyTextEdits } from './apply';
import { LineIndex } from '../zuul/text';
import type { Fix } from './types';

export interface FixAllResult {
  /** New text of every file that changed. */
  texts: Map<string, string>;
  /** Titles of the fixes applied, in order. */
  applied: string[];
  /** Where each applied fix edited, as lines of the final texts (0-based), in order. */
  places: { file: string; line: number; title: string }[];
}

interface Mark {
  file: string;
  offset: number;
  title: string;
}

/** Moves marks of `file` past an edit of [start, end) that wrote `length` characters. */
function shiftMarks(marks: Mark[], file: string, start: number, end: number, length: number): void {
  for (const m of marks) {
    if (m.file !== file || m.offset < start) continue;
    m.offset = m.offset >= end ? m.offset + length - (end - start) : start;
  }
}

const MAX_ROUNDS = 300;

function textOf(ws: ZuulWorkspace, texts: Map<string, string>, file: string): string | undefined {
  return texts.get(file) ?? ws.fileText(file);
}

export function fixAll(ws: ZuulWorkspace, files: string[]): FixAllResult {
  const texts = new Map<string, string>();
  const overlays = new Map<string, string | undefined>();
  const applied: string[] = [];
  const marks: Mark[] = [];
  const seen = new Set<string>();
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let step: { fix: Fix; next: Map<string, string> } | undefined;
      for (const file of files) {
        for (const f of ws.findings(file)) {
          const fix = preferredFix(ws, f);
          if (!fix) continue;
          const next = new Map<string, string>();
          for (const fe of fix.edits) {
            const before = next.get(fe.file) ?? textOf(ws, texts, fe.file);
            if (before !== undefined) next.set(fe.file, applyTextEdits(before, fe.edits));
          }
          // A fix that changes nothing, or brings back a state seen before, would loop.
          const key = [...next].map(([p, t]) => `${p}\u0000${t}`).join('\u0001');
          if ([...next].every(([p, t]) => t === textOf(ws, texts, p)) || seen.has(key)) continue;
          seen.add(key);
          step = { fix, next };
          break;
        }
        if (step) break;
      }
      if (!step) break;
      applied.push(step.fix.title);
      for (const fe of step.fix.edits) {
        const before = textOf(ws, texts, fe.file);
        if (before === undefined) continue;
        const lines = new LineIndex(before);
        const spans = fe.edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), length: e.newText.length }));
        // From the end, as applyTextEdits applies them, so that each offset is still valid.
        for (const sp of [...spans].sort((a, b) => b.start - a.start)) shiftMarks(marks, fe.file, sp.start, sp.end, sp.length);
        // Nothing of this fix lies before its first edit, so that offset holds in the new text too.
        const at = spans.reduce((m, sp) => Math.min(m, sp.start), Infinity);
        if (at !== Infinity) marks.push({ file: fe.file, offset: at, title: step.fix.title });
      }
      for (const [p, t] of step.next) {
        if (!overlays.has(p)) overlays.set(p, ws.overlayOf(p));
        texts.set(p, t);
        ws.setOverlay(p, t);
      }
    }
  } finally {
    for (const [p, o] of overlays) ws.setOverlay(p, o);
  }
  const places = marks.map((m) => ({ file: m.file, line: new LineIndex(texts.get(m.file) ?? textOf(ws, texts, m.file) ?? '').position(m.offset).line, title: m.title }));
  return { texts, applied, places };
}
