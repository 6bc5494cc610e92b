// The text and JSON outputs of a run (SARIF: sarif.ts). Positions stay 0-based in JSON (the engine's and
// LSP's convention, for tools that feed them back into an editor) and become
// 1-based where people or SARIF consumers read them.
import { isAbsolute, relative, sep } from 'node:path';
import type { Finding, Range, Severity } from '../zuul/types';

export const TOOL_NAME = 'zuul-check';

const posix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** Relative to `cwd`; absolute only when no relative path exists (another drive on Windows). */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || isAbsolute(rel) ? file : rel;
}

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export function formatText(findings: Finding[], cwd: string): string {
  return findings
    .map((f) => `${displayPath(f.file, cwd)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule} ${oneLine(f.message)}\n`)
    .join('');
}

export function summaryLine(findings: Finding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const infos = count('info') + count('hint');
  if (infos) parts.push(plural(infos, 'info'));
  const files = new Set(findings.map((f) => f.file)).size;
  return `${parts.join(', ')} in ${plural(files, 'file')}`;
}

const copyRange = (r: Range): Range => ({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } });

export function formatJson(findings: Finding[], cwd: string): string {
  const out = findings.map((f) => ({
    file: posix(displayPath(f.file, cwd)),
    range: copyRange(f.range),
    severity: f.severity,
    code: f.rule,
    message: f.message,
    ...(f.setting ? { setting: { ...f.setting } } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ file: posix(displayPath(r.file, cwd)), range: copyRange(r.range), message: r.message })) } : {}),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}
