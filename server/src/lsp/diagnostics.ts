// Finding -> Diagnostic. Optional fields are sent only to clients that said
// they understand them, so that older clients never see unexpected shapes.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { Finding, Range as ZRange, Severity } from '../zuul/types';
import type { RuleInfo } from '../zuul/rules';

export interface DiagnosticOptions {
  relatedInformation: boolean;
  codeDescription: boolean;
  /** Path -> URI in the client's spelling. */
  uri: (path: string) => string;
  rules: Map<string, RuleInfo>;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

// Clients reject negative or fractional positions outright; a bad range from
// one rule must not cost the whole file its diagnostics.
const nat = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

export function toRange(r: ZRange | undefined): Range {
  const start = { line: nat(r?.start?.line), character: nat(r?.start?.character) };
  let end = { line: nat(r?.end?.line), character: nat(r?.end?.character) };
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = start;
  return { start, end };
}

export function toDiagnostic(f: Finding, o: DiagnosticOptions): Diagnostic {
  const d: Diagnostic = {
    range: toRange(f.range),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Error,
    source: 'zuul',
    code: f.rule,
    message: f.message || f.rule,
  };
  const docs = o.rules.get(f.rule)?.docs;
  if (docs && o.codeDescription) d.codeDescription = { href: docs };
  if (f.related?.length && o.relatedInformation) {
    d.relatedInformation = f.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: o.uri(r.file), range: toRange(r.range) }, message: r.message }),
    );
  }
  if (f.data !== undefined) d.data = f.data;
  return d;
}

export function toDiagnostics(findings: Finding[], o: DiagnosticOptions): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, o));
}
