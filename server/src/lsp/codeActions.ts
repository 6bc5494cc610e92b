// Fixes -> LSP code actions: quick fixes for the findings under the cursor,
// and source.fixAll.zuul for the whole file.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { ZuulWorkspace } from '../engine/workspace';
import type { Finding, Range } from '../zuul/types';
import { fixesFor } from '../fixes/registry';
import { fixAll } from '../fixes/fixAll';
import { minimalEdit } from '../fixes/apply';
import type { Fix } from '../fixes/types';
import { toDiagnostic, toRange, type DiagnosticOptions } from './diagnostics';
import { pushAll } from '../zuul/arrays';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.zuul`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const overlaps = (a: Range, b: Range) => before(a.start, b.end) && before(b.start, a.end);
const rangeKey = (code: unknown, r: Range) => `${String(code)}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (!only?.length) return kind === CodeActionKind.QuickFix;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function workspaceEdit(fix: Fix, uri: (path: string) => string): WorkspaceEdit | undefined {
  if (!fix.edits.length) return undefined;
  const changes: Record<string, LspTextEdit[]> = {};
  for (const fe of fix.edits) pushAll((changes[uri(fe.file)] ??= []), fe.edits.map((e) => ({ range: toRange(e.range), newText: e.newText })));
  return { changes };
}

/** The finding behind a diagnostic the client sent back (same rule, same range). */
function matcher(findings: Finding[]): (d: Diagnostic) => Finding | undefined {
  // By key, not by a search per diagnostic: a client may send thousands.
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const k = rangeKey(f.rule, toRange(f.range));
    if (!byKey.has(k)) byKey.set(k, f);
  }
  return (d) => byKey.get(rangeKey(d.code, d.range));
}

/** Findings whose quick fixes one request returns at most (fix-all is not limited). */
export const MAX_QUICK_FIX_FINDINGS = 500;

export function codeActions(ws: ZuulWorkspace, path: string, params: CodeActionParams, o: DiagnosticOptions): CodeAction[] {
  const out: CodeAction[] = [];
  const findings = ws.findings(path);
  if (wants(params, CodeActionKind.QuickFix)) {
    const sent = params.context.diagnostics.filter((d) => d.source === 'zuul');
    const targets = sent.length
      ? sent.map(matcher(findings)).filter((f): f is Finding => !!f)
      : findings.filter((f) => overlaps(f.range, params.range));
    // A selection over a generated file can hold thousands of findings; no menu shows that many.
    for (const f of targets.slice(0, MAX_QUICK_FIX_FINDINGS)) {
      const diagnostic = toDiagnostic(f, o);
      for (const fix of fixesFor(ws, f)) {
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
        if (fix.preferred) action.isPreferred = true;
        const edit = workspaceEdit(fix, o.uri);
        if (edit) action.edit = edit;
        if (fix.command) action.command = fix.command;
        if (edit || fix.command) out.push(action);
      }
    }
  }
  if (wants(params, FIX_ALL_KIND)) {
    const result = fixAll(ws, [path]);
    const changes: Record<string, LspTextEdit[]> = {};
    for (const [file, text] of result.texts) {
      const before = ws.fileText(file);
      const edit = before === undefined ? undefined : minimalEdit(before, text);
      if (edit) changes[o.uri(file)] = [{ range: toRange(edit.range), newText: edit.newText }];
    }
    if (Object.keys(changes).length) {
      const n = result.applied.length;
      out.push({ title: `Fix all: ${n} Zuul problem${n === 1 ? '' : 's'} in this file`, kind: FIX_ALL_KIND, edit: { changes } });
    }
  }
  return out;
}
