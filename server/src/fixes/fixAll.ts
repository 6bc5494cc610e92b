// Fix-all: apply the preferred fix of one finding at a time, re-checking in
// between (an edit moves everything after it), until no finding of the file
// has a preferred fix that stays inside the file.
import type { ZuulWorkspace } from '../zuul/workspace';
import { fixesFor } from './registry';
import { applyTextEdits } from './apply';

export interface FixAllResult {
  /** The file's text with every fix applied. */
  text: string;
  /** Titles of the fixes applied, in order. */
  applied: string[];
}

const MAX_ROUNDS = 200;

export function fixAllInFile(ws: ZuulWorkspace, path: string): FixAllResult | undefined {
  const state = ws.fileState(path);
  if (!state) return undefined;
  const overlay = ws.overlayOf(path);
  let text = state.parsed.text;
  const applied: string[] = [];
  const tried = new Set<string>();
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let next: string | undefined;
      for (const f of ws.findings(path)) {
        const fix = fixesFor(ws, f).find((x) => x.preferred && x.edits.length > 0 && x.edits.every((e) => e.file === path));
        if (!fix) continue;
        const candidate = applyTextEdits(text, fix.edits.flatMap((e) => e.edits));
        // A fix that changes nothing, or brings back a text seen before, would loop.
        if (candidate === text || tried.has(candidate)) continue;
        tried.add(candidate);
        applied.push(fix.title);
        next = candidate;
        break;
      }
      if (next === undefined) break;
      text = next;
      ws.setOverlay(path, text);
    }
  } finally {
    if (applied.length) ws.setOverlay(path, overlay);
  }
  return { text, applied };
}
