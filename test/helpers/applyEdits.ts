// Applies edits the way an LSP client does, independently of the server's own
// code: ranges refer to the original text, must not overlap, and insertions at
// one position keep their order. Used on fixes (FileEdit[]) and on the
// WorkspaceEdit of a code action (`changes` or `documentChanges`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Pos {
  line: number;
  character: number;
}

export interface PlainTextEdit {
  range: { start: Pos; end: Pos };
  newText: string;
}

export interface PlainFileEdit {
  file: string;
  edits: PlainTextEdit[];
}

/** Line starts of a text, breaking at \n, \r\n and \r as LSP does. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

function offsetOf(starts: number[], text: string, p: Pos): number {
  if (p.line >= starts.length) return text.length;
  // A character past the line's end means the end of the line, before its break.
  let lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  while (lineEnd > starts[p.line] && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
  return Math.min(starts[p.line] + p.character, lineEnd);
}

export function applyTextEdits(text: string, edits: PlainTextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e, i) => ({ start: offsetOf(starts, text, e.range.start), end: offsetOf(starts, text, e.range.end), text: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.end < s.start) throw new Error(`edit ${s.i} has its end before its start`);
    if (s.start < at) throw new Error(`edit ${s.i} overlaps an earlier edit (${JSON.stringify(edits[s.i])})`);
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** New texts of the files the edits touch; `read` gives a file's current text. */
export function applyFileEdits(fileEdits: PlainFileEdit[], read: (path: string) => string = (p) => readFileSync(p, 'utf8')): Map<string, string> {
  const byFile = new Map<string, PlainTextEdit[]>();
  for (const fe of fileEdits) byFile.set(fe.file, [...(byFile.get(fe.file) ?? []), ...fe.edits]);
  const out = new Map<string, string>();
  for (const [file, edits] of byFile) out.set(file, applyTextEdits(read(file), edits));
  return out;
}

export interface PlainWorkspaceEdit {
  changes?: Record<string, PlainTextEdit[]>;
  documentChanges?: ({ textDocument: { uri: string }; edits: PlainTextEdit[] } | { kind: string })[];
}

/** A WorkspaceEdit (by URI) as file edits (by path); file operations are refused. */
export function workspaceEditToFileEdits(edit: PlainWorkspaceEdit): PlainFileEdit[] {
  const out: PlainFileEdit[] = [];
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.push({ file: fileURLToPath(uri), edits });
  for (const dc of edit.documentChanges ?? []) {
    if ('kind' in dc) throw new Error(`file operation ${dc.kind} in a quick fix`);
    out.push({ file: fileURLToPath(dc.textDocument.uri), edits: dc.edits });
  }
  return out;
}
