// `--format sarif`: SARIF 2.1.0 for code-scanning services. What makes them
// useful beyond a list: partialFingerprints that survive lines moving (so an
// alert keeps its history when a line is inserted above it), a help link per
// rule, and the preferred quick fix as a SARIF fix the service can offer.
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleInfo } from '../zuul/rules';
import type { Finding, Range, Severity } from '../zuul/types';
import type { FileEdit } from '../fixes/types';
import { TOOL_NAME } from './format';

/** The project's home (package.json `repository`, without `.git`); its README has the rule table. */
export const PROJECT_URL = 'https://example.invalid/zuul-authoring';
export const RULES_HELP_URL = `${PROJECT_URL}#rules`;

/** The fingerprint's name and version: a change of how it is computed needs a new version, or every alert would look new. */
export const FINGERPRINT_KEY = 'zuulCheck/v1';

export interface SarifSources {
  /** The text of a file, to fingerprint what a finding underlines. */
  textOf?(file: string): string | undefined;
  /** The quick fix `--fix` would apply for a finding, if any. */
  fixOf?(f: Finding): { title: string; edits: FileEdit[] } | undefined;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

const posix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

// Code-scanning services resolve relative URIs against the checkout, so a file
// outside the current directory gets an absolute file: URI instead of `../`.
function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = posix(relative(cwd, file));
  if (rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

// Zuul's anchors hold `<pipeline>`: a browser finds them percent-encoded too, and SARIF wants a valid URI.
function uri(link: string): string {
  try {
    return encodeURI(decodeURI(link));
  } catch {
    return link;
  }
}

const region = (r: Range) => ({
  startLine: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLine: r.end.line + 1,
  endColumn: r.end.character + 1,
});

/** The text a range covers, or '' when the file's text is not known. */
function underlined(lines: string[] | undefined, r: Range): string {
  if (lines === undefined) return '';
  if (r.start.line === r.end.line) return (lines[r.start.line] ?? '').slice(r.start.character, r.end.character);
  return [(lines[r.start.line] ?? '').slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), (lines[r.end.line] ?? '').slice(0, r.end.character)].join('\n');
}

/**
 * Rule, file and the flagged text (the name, else the setting value it
 * names), plus which occurrence of that triple it is in the file: never a
 * line number, so that a line inserted above moves nothing.
 */
function fingerprints(findings: Finding[], cwd: string, textOf: SarifSources['textOf']): string[] {
  // Split once per file: a generated file can hold thousands of findings.
  const texts = new Map<string, string[] | undefined>();
  const seen = new Map<string, number>();
  const order = findings.map((_, i) => i).sort((a, b) => {
    const x = findings[a];
    const y = findings[b];
    return x.file < y.file ? -1 : x.file > y.file ? 1 : x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character || a - b;
  });
  const out: string[] = new Array<string>(findings.length);
  for (const i of order) {
    const f = findings[i];
    if (!texts.has(f.file)) texts.set(f.file, textOf?.(f.file)?.split(/\r\n|\r|\n/));
    const flagged = underlined(texts.get(f.file), f.range) || (f.setting?.value ?? '');
    const base = [f.rule, posix(relative(cwd, f.file)), flagged].join('\u0000');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out[i] = `${createHash('sha256').update(base).digest('hex').slice(0, 32)}:${n}`;
  }
  return out;
}

function sarifFix(fix: { title: string; edits: FileEdit[] }, cwd: string) {
  return {
    description: { text: fix.title },
    artifactChanges: fix.edits.map((fe) => ({
      artifactLocation: artifactUri(fe.file, cwd),
      replacements: fe.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
    })),
  };
}

export function formatSarif(findings: Finding[], rules: Map<string, RuleInfo>, version: string, cwd: string, sources: SarifSources = {}): string {
  const ruleIds = [...rules.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const driverRules = ruleIds.map((id) => {
    const r = rules.get(id)!;
    return { id, shortDescription: { text: r.summary }, helpUri: r.docs ? uri(r.docs) : RULES_HELP_URL, defaultConfiguration: { level: LEVEL[r.severity] } };
  });
  const prints = fingerprints(findings, cwd, sources.textOf);
  const results = findings.map((f, i) => {
    const fix = sources.fixOf?.(f);
    return {
      ruleId: f.rule,
      ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifactUri(f.file, cwd), region: region(f.range) } }],
      ...(f.related?.length
        ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation: artifactUri(r.file, cwd), region: region(r.range) } })) }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
      ...(fix?.edits.length ? { fixes: [sarifFix(fix, cwd)] } : {}),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version, informationUri: PROJECT_URL, rules: driverRules } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
