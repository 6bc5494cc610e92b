// "Did you mean ...?": replace the underlined scalar (a name, a path, a files
// pattern, an attribute key) with one of the finding's suggestions, written
// in the same quoting style as the original.
import { isMap, isScalar, parseDocument, visit, type Scalar } from 'yaml';
import type { Fix, FixContext, FixProvider } from './types';
import type { ParsedFile } from '../zuul/parse';
import { editDistance } from '../zuul/suggest';
import { isLikelyTypo } from '../checks/unknown-parent';

const MAX_FIXES = 3;

export type QuoteStyle = 'plain' | 'single' | 'double';

/** The quoting style of a scalar's source text. */
export function quoteStyleOf(source: string): QuoteStyle {
  if (source.startsWith('"')) return 'double';
  if (source.startsWith("'")) return 'single';
  return 'plain';
}

/** The value of a one-line scalar's source text, or undefined when it is not a simple scalar. */
export function scalarValue(source: string): string | undefined {
  if (!source || source.includes('\n') || source.includes('\r')) return undefined;
  const style = quoteStyleOf(source);
  if (style === 'plain') return /^[|>&*!]/.test(source) ? undefined : source;
  if (source.length < 2 || source[source.length - 1] !== source[0]) return undefined;
  if (style === 'single') return source.slice(1, -1).replace(/''/g, "'");
  try {
    const v: unknown = parseDocument(source).toJS();
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** True when `value` can be written as a plain scalar anywhere (block or flow) and reads back as the same string. */
export function plainSafe(value: string): boolean {
  if (!value || value !== value.trim() || /[,[\]{}\n\r\t]/.test(value)) return false;
  if (/^[-?:](\s|$)/.test(value) || /^[!&*#|>'"%@`]/.test(value) || value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  try {
    const doc = parseDocument(`k: ${value}\n`, { version: '1.1' });
    if (doc.errors.length) return false;
    const v: unknown = doc.get('k');
    return v === value;
  } catch {
    return false;
  }
}

/** `value` written in `style`; a plain original that cannot hold the value gets double quotes. */
export function quoteAs(value: string, style: QuoteStyle): string {
  if (style === 'plain' && plainSafe(value)) return value;
  if (style === 'single' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** The other keys of the mapping whose key starts at `offset` (to avoid a rename into a duplicate key). */
function siblingKeys(file: ParsedFile, offset: number): Set<string> | undefined {
  if (!file.doc) return undefined;
  let out: Set<string> | undefined;
  visit(file.doc, {
    Map(_k, map) {
      if (!isMap(map)) return undefined;
      const own = map.items.find((p) => isScalar(p.key) && (p.key as Scalar).range?.[0] === offset);
      if (!own) return undefined;
      out = new Set(map.items.filter((p) => p !== own && isScalar(p.key)).map((p) => String((p.key as Scalar).value)));
      return visit.BREAK;
    },
  });
  return out;
}

/** Is the first suggestion clearly the intended one? */
function clearlyBest(ctx: FixContext, original: string, suggestions: string[]): boolean {
  const data = ctx.finding.data ?? {};
  // A name that may well be defined in a repo that is not open is not to be renamed without asking.
  if (data.typo === false) return false;
  if (ctx.finding.rule === 'unknown-parent' && !isLikelyTypo(original, suggestions[0])) return false;
  if (suggestions.length === 1) return true;
  return editDistance(original, suggestions[0]) < editDistance(original, suggestions[1]);
}

export const replaceSuggestion: FixProvider = {
  rules: [
    'unknown-parent',
    'unknown-job',
    'unknown-dependency',
    'unknown-nodeset',
    'unknown-semaphore',
    'unknown-secret',
    'unknown-project-template',
    'playbook-not-found',
    'playbook-extension-missing',
    'playbook-variable-not-found',
    'files-matcher-matches-nothing',
    'unknown-attribute',
  ],
  provide(ctx: FixContext): Fix[] {
    const { finding, file } = ctx;
    const all = (finding.data?.suggestions ?? []).filter((s): s is string => typeof s === 'string' && s !== '');
    if (!all.length) return [];
    const start = file.lines.offset(finding.range.start);
    const end = file.lines.offset(finding.range.end);
    const source = file.text.slice(start, end);
    const original = scalarValue(source);
    if (original === undefined) return [];
    const style = quoteStyleOf(source);
    let suggestions = all.filter((s) => s !== original);
    if (finding.rule === 'unknown-attribute') {
      const taken = siblingKeys(file, start);
      if (!taken) return [];
      suggestions = suggestions.filter((s) => !taken.has(s));
    }
    suggestions = suggestions.slice(0, MAX_FIXES);
    if (!suggestions.length) return [];
    const preferred = clearlyBest(ctx, original, suggestions);
    return suggestions.map((s, i) => ({
      title: `Change to "${s}"`,
      ...(preferred && i === 0 ? { preferred: true } : {}),
      edits: [{ file: finding.file, edits: [{ range: finding.range, newText: quoteAs(s, style) }] }],
    }));
  },
};
