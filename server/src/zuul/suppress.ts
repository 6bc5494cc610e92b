// Suppression comments, read from a file's text:
//
//   # zuul-authoring: disable-next-line unknown-job, unknown-parent
//   # zuul-authoring: disable-file files-matcher-matches-nothing -- generated list
//
// `disable-next-line` hides the named rules on the next line that is not
// itself such a comment (so several can be stacked); `disable-file` hides
// them anywhere in the file. Only whole-line comments count, never text inside
// a multi-line scalar (a `|` block that happens to contain `#`). Anything
// after ` -- ` is a free explanation.
import { isScalar, visit } from 'yaml';
import type { ParsedFile } from './parse';
import type { Finding } from './types';

export const DIRECTIVE_PREFIX = 'zuul-authoring:';
export type DirectiveKind = 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** 0-based line of the comment. */
  line: number;
  rules: string[];
  /** Column just after the last rule id (where another id can be appended). */
  idsEnd: number;
}

export interface Suppressions {
  /** Line -> rule ids hidden on that line. */
  lines: Map<number, Set<string>>;
  /** Rule ids hidden in the whole file. */
  file: Set<string>;
  directives: Directive[];
}

const LINE = /^(\s*)#\s*zuul-authoring:\s*(disable-next-line|disable-file)(?=\s|$)(.*)$/;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The directive a single line of text holds, if it is one (line number left 0). */
export function parseDirective(text: string): Directive | undefined {
  const m = LINE.exec(text);
  if (!m) return undefined;
  const kind = m[2] as DirectiveKind;
  const restStart = m[1].length + text.slice(m[1].length).indexOf(kind) + kind.length;
  let rest = m[3];
  const reason = rest.search(/\s--(\s|$)/);
  if (reason >= 0) rest = rest.slice(0, reason);
  const rules: string[] = [];
  for (const part of rest.split(/[\s,]+/)) {
    if (!part) continue;
    if (!RULE_ID.test(part)) break;
    rules.push(part);
  }
  const trimmed = rest.replace(/[\s,]+$/, '');
  return { kind, line: 0, rules, idsEnd: restStart + trimmed.length };
}

const withoutDirectives = new WeakSet<ParsedFile>();

/** False when the file's text cannot hold a directive: known from a re-parse, or found by one search of the text. */
export function mayHoldDirectives(file: ParsedFile): boolean {
  if (withoutDirectives.has(file)) return false;
  if (file.text.includes(DIRECTIVE_PREFIX)) return true;
  withoutDirectives.add(file);
  return false;
}

/**
 * For a re-parse (`next` is `old` with [start, newEnd) of its text new): when
 * `old` held no directive and the lines the change touched hold none, neither
 * does `next`, and a keystroke in a large file costs no search of all of it.
 */
export function carryNoDirectives(old: ParsedFile, next: ParsedFile, start: number, newEnd: number): void {
  if (!withoutDirectives.has(old)) return;
  const from = next.text.lastIndexOf('\n', start - 1) + 1;
  const eol = next.text.indexOf('\n', newEnd);
  if (!next.text.slice(from, eol < 0 ? next.text.length : eol).includes(DIRECTIVE_PREFIX)) withoutDirectives.add(next);
}

const EMPTY: Suppressions = Object.freeze({ lines: new Map(), file: new Set(), directives: [] }) as Suppressions;
const cache = new WeakMap<ParsedFile, Suppressions>();

const spanCache = new WeakMap<ParsedFile, [number, number][]>();

/**
 * Offset spans [start, end) of scalars written over several lines: a `#`
 * line inside one is text, not a comment. Cached: the suppress fix asks once
 * per finding, and a walk of the document per finding was quadratic.
 */
export function multilineScalars(file: ParsedFile): [number, number][] {
  const hit = spanCache.get(file);
  if (hit) return hit;
  const out: [number, number][] = [];
  spanCache.set(file, out);
  if (!file.doc) return out;
  visit(file.doc, {
    Scalar(_k, s) {
      const r = s.range;
      if (!r || !isScalar(s)) return;
      if (file.text.slice(r[0], r[1]).includes('\n')) out.push([r[0], r[1]]);
    },
  });
  return out;
}

/** The suppression comments of a file (cached per parsed text). */
export function suppressions(file: ParsedFile): Suppressions {
  const hit = cache.get(file);
  if (hit) return hit;
  if (!mayHoldDirectives(file)) {
    cache.set(file, EMPTY);
    return EMPTY;
  }
  const found: Directive[] = [];
  const { lines } = file;
  for (let i = 0; i < lines.lineCount; i++) {
    const text = lines.lineText(i);
    if (!text.includes(DIRECTIVE_PREFIX)) continue;
    const d = parseDirective(text);
    if (d) found.push({ ...d, line: i });
  }
  let directives = found;
  if (found.length) {
    const spans = multilineScalars(file);
    directives = found.filter((d) => {
      const at = lines.offset({ line: d.line, character: 0 });
      return !spans.some(([a, b]) => at > a && at < b);
    });
  }
  const out: Suppressions = { lines: new Map(), file: new Set(), directives };
  const isDirectiveLine = new Set(directives.map((d) => d.line));
  for (const d of directives) {
    if (d.kind === 'disable-file') {
      for (const r of d.rules) out.file.add(r);
      continue;
    }
    let target = d.line + 1;
    while (isDirectiveLine.has(target)) target++;
    let set = out.lines.get(target);
    if (!set) out.lines.set(target, (set = new Set()));
    for (const r of d.rules) set.add(r);
  }
  cache.set(file, out);
  return out;
}

/** True when a comment of the file hides this finding. */
export function suppressed(finding: Finding, file: ParsedFile): boolean {
  const s = suppressions(file);
  if (s === EMPTY) return false;
  return s.file.has(finding.rule) || !!s.lines.get(finding.range.start.line)?.has(finding.rule);
}
