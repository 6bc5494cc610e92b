// The three outputs of a run. Positions stay 0-based in JSON (the engine's and
// LSP's convention, for tools that feed them back into an editor) and become
// 1-based where people or SARIF consumers read them.
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleInfo } from '../zuul/rules';
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
    ...(f.related?.length ? { related: f.related.map((r) => ({ file: posix(displayPath(r.file, cwd)), range: copyRange(r.range), message: r.message })) } : {}),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

// Code-scanning services resolve relative URIs against the checkout, so a file
// outside the current directory gets an absolute file: URI instead of `../`.
function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = posix(relative(cwd, file));
  if (rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

const region = (r: Range) => ({
  startLine: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLine: r.end.line + 1,
  endColumn: r.end.character + 1,
});

export function formatSarif(findings: Finding[], rules: Map<string, RuleInfo>, version: string, cwd: string): string {
  const ruleIds = [...rules.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const driverRules = ruleIds.map((id) => {
    const r = rules.get(id)!;
    return {
      id,
      shortDescription: { text: r.summary },
      ...(r.docs ? { helpUri: r.docs } : {}),
      defaultConfiguration: { level: LEVEL[r.severity] },
    };
  });
  const results = findings.map((f) => ({
    ruleId: f.rule,
    ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifactUri(f.file, cwd), region: region(f.range) } }],
    ...(f.related?.length
      ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation: artifactUri(r.file, cwd), region: region(r.range) } })) }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version, rules: driverRules } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
