// Folding ranges of one config file: every collection or block scalar that
// spans lines (from the line of its key or dash), and runs of comment lines.
// While the YAML does not parse (the user is typing), indentation stands in
// for the syntax tree, so that folds do not vanish with each keystroke.
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { ParsedFile } from '../zuul/parse';
import type { LineIndex } from '../zuul/text';
import type { ZuulWorkspace } from '../engine/workspace';
import { dashBefore, spanOf } from './spans';

export interface Fold {
  startLine: number;
  endLine: number;
  /** Absent when the client folds whole lines only. */
  startCharacter?: number;
  endCharacter?: number;
  kind?: 'comment';
}

/** The file's folding ranges, sorted by start line; undefined for a file the workspace does not track. */
export function foldingRanges(ws: ZuulWorkspace, path: string, lineOnly: boolean): Fold[] | undefined {
  const state = ws.fileState(path);
  return state ? folds(state.parsed, lineOnly) : undefined;
}

export function folds(file: ParsedFile, lineOnly: boolean): Fold[] {
  // Not text: nothing in it is structure.
  if (file.text.includes('\u0000')) return [];
  const byStart = new Map<number, Fold>();
  const add = (f: Fold) => {
    if (f.endLine <= f.startLine) return;
    const had = byStart.get(f.startLine);
    if (!had || had.endLine < f.endLine) byStart.set(f.startLine, f);
  };
  const parses = file.doc !== undefined && file.doc.errors.length === 0 && !file.findings.some((f) => f.rule === 'yaml-syntax');
  const blockLines = parses ? treeFolds(file, file.doc!, add) : indentFolds(file.lines, add);
  commentFolds(file.lines, blockLines, add);
  const out = [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
  return lineOnly ? out.map((f) => (f.kind ? { startLine: f.startLine, endLine: f.endLine, kind: f.kind } : { startLine: f.startLine, endLine: f.endLine })) : out;
}

/** Adds the folds of the syntax tree; returns the lines inside block scalars (their `#` is text). */
function treeFolds(file: ParsedFile, doc: Document, add: (f: Fold) => void): Set<number> {
  const { text, lines } = file;
  const inScalar = new Set<number>();
  // Most nodes sit on one line; find that out without a line lookup.
  const loneCr = /\r(?!\n)/.test(text);
  const fold = (from: number, node: Node) => {
    const r = node.range;
    if (!r) return;
    const nl = text.indexOf('\n', from);
    if (!loneCr && (nl < 0 || nl >= r[1])) return;
    const s = spanOf(text, node);
    if (!s) return;
    const start = lines.position(from);
    const end = lines.position(s[1]);
    add({ startLine: start.line, startCharacter: lines.lineText(start.line).trimEnd().length, endLine: end.line, endCharacter: end.character });
  };
  // Our own walk: the `yaml` package's visit() copies the ancestor path at every collection.
  const walk = (node: unknown, from: number | undefined) => {
    if (isScalar(node)) {
      if (from !== undefined) fold(from, node);
      if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
        const s = spanOf(text, node);
        if (s) for (let l = lines.position(s[0]).line + 1, last = lines.position(s[1]).line; l <= last; l++) inScalar.add(l);
      }
    } else if (isMap(node)) {
      if (from !== undefined) fold(from, node);
      // A pair's value folds from the line of its key.
      for (const pair of node.items as Pair[]) walk(pair.value, spanOf(text, pair.key as Node | null)?.[0]);
    } else if (isSeq(node)) {
      if (from !== undefined) fold(from, node);
      // An item folds from its dash.
      for (const item of node.items) {
        const s = spanOf(text, item as Node);
        walk(item, s && (dashBefore(text, s[0]) ?? s[0]));
      }
    }
  };
  // The file itself does not fold.
  walk(doc.contents, undefined);
  return inScalar;
}

const contentIndent = (line: string): number | undefined => {
  const m = /^[ \t]*/.exec(line)![0].length;
  return m === line.length || line[m] === '#' ? undefined : m;
};

/**
 * Folds from indentation: a line holds the following lines indented deeper,
 * and a `key:` also holds a list written at its own indentation.
 */
function indentFolds(lines: LineIndex, add: (f: Fold) => void): Set<number> {
  const open: { line: number; indent: number; key: boolean }[] = [];
  let last = -1;
  const close = (o: { line: number }) => add({ startLine: o.line, startCharacter: lines.lineText(o.line).trimEnd().length, endLine: last, endCharacter: lines.lineText(last).trimEnd().length });
  for (let i = 0; i < lines.lineCount; i++) {
    const t = lines.lineText(i);
    const indent = contentIndent(t);
    if (indent === undefined) continue;
    const dash = t.startsWith('- ', indent) || t.length === indent + 1 && t[indent] === '-';
    while (open.length) {
      const top = open[open.length - 1];
      if (top.indent < indent || (top.indent === indent && top.key && dash)) break;
      close(open.pop()!);
    }
    open.push({ line: i, indent, key: !dash && /:\s*(#.*)?$/.test(t) });
    last = i;
  }
  while (open.length) close(open.pop()!);
  return new Set();
}

/** Two or more consecutive comment-only lines fold as one comment. */
function commentFolds(lines: LineIndex, skip: Set<number>, add: (f: Fold) => void): void {
  let start = -1;
  const end = (i: number) => {
    if (start >= 0 && i - 1 > start) add({ startLine: start, startCharacter: lines.lineText(start).length, endLine: i - 1, endCharacter: lines.lineText(i - 1).length, kind: 'comment' });
    start = -1;
  };
  for (let i = 0; i < lines.lineCount; i++) {
    const isComment = !skip.has(i) && /^[ \t]*#/.test(lines.lineText(i));
    if (isComment && start < 0) start = i;
    else if (!isComment) end(i);
  }
  end(lines.lineCount);
}
