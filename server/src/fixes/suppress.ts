// Suppress a finding with a comment the engine honours (zuul/suppress.ts):
// `# zuul-authoring: disable-next-line <rule>` above the finding's line, at
// its indentation, or `# zuul-authoring: disable-file <rule>` at the top of
// the file. An existing comment of the same kind gets the id appended.
import type { Fix, FixContext, FixProvider, TextEdit } from './types';
import type { ParsedFile } from '../zuul/parse';
import { ALL_RULES } from '../engine/allRules';
import { multilineScalars, suppressions, type Directive } from '../zuul/suppress';

/** Findings that mean Zuul loses the file, or that the engine itself failed: hiding them helps nobody. */
const NOT_SUPPRESSIBLE = new Set(['yaml-syntax', 'duplicate-key', 'unknown-tag', 'internal-error', 'file-too-large', 'symlinked-config-file', 'file-not-read', 'ignored-config-file', 'invalid-settings-file', 'deprecated-setting']);

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/** Appends a rule id to an existing directive comment. */
function appendTo(d: Directive, rule: string): TextEdit {
  const at = { line: d.line, character: d.idsEnd };
  return { range: { start: at, end: at }, newText: d.rules.length ? `, ${rule}` : ` ${rule}` };
}

function nextLineEdit(file: ParsedFile, line: number, rule: string): TextEdit | undefined {
  const { directives } = suppressions(file);
  const directiveLines = new Set(directives.map((d) => d.line));
  for (const d of directives) {
    if (d.kind !== 'disable-next-line') continue;
    let target = d.line + 1;
    while (directiveLines.has(target)) target++;
    if (target === line) return appendTo(d, rule);
  }
  const at = file.lines.offset({ line, character: 0 });
  // A comment line inside a multi-line scalar would be text, and change the value.
  if (multilineScalars(file).some(([a, b]) => at > a && at < b)) return undefined;
  const bom = line === 0 && file.text.startsWith('\uFEFF') ? 1 : 0;
  const indent = /^[ \t]*/.exec(file.lines.lineText(line).slice(bom))?.[0] ?? '';
  const pos = { line, character: bom };
  return { range: { start: pos, end: pos }, newText: `${indent}# zuul-authoring: disable-next-line ${rule}${eolOf(file.text)}` };
}

function fileEdit(file: ParsedFile, rule: string): TextEdit {
  const existing = suppressions(file).directives.find((d) => d.kind === 'disable-file');
  if (existing) return appendTo(existing, rule);
  const pos = { line: 0, character: file.text.startsWith('\uFEFF') ? 1 : 0 };
  return { range: { start: pos, end: pos }, newText: `# zuul-authoring: disable-file ${rule}${eolOf(file.text)}` };
}

export const suppress: FixProvider = {
  neverPreferred: true,
  rules: [...ALL_RULES.keys()].filter((id) => !NOT_SUPPRESSIBLE.has(id)),
  provide(ctx: FixContext): Fix[] {
    const { finding, file } = ctx;
    if (NOT_SUPPRESSIBLE.has(finding.rule) || file.path !== finding.file || file.text === '') return [];
    const rule = finding.rule;
    const out: Fix[] = [];
    const line = nextLineEdit(file, finding.range.start.line, rule);
    if (line) out.push({ title: `Suppress ${rule} on this line`, edits: [{ file: finding.file, edits: [line] }] });
    out.push({ title: `Suppress ${rule} in this file`, edits: [{ file: finding.file, edits: [fileEdit(file, rule)] }] });
    return out;
  },
};
