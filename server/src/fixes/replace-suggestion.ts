// "Did you mean ...?": replace the underlined scalar (a name, a path, a files
// pattern, an attribute key) with one of the finding's suggestions, written
// in the same quoting style as the original.
import { isMap, isScalar, parseDocument, visit, type Scalar } from 'yaml';
import type { Fix, FixContext, FixProvider } from './types';
import type { ParsedFile } from '../zuul/parse';
import { typoDistance } from '../zuul/suggest';
import { pathTypoScore } from '../zuul/paths';
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

// Rules whose underlined text is a mapping key: a rename must not make a duplicate key.
const KEY_RULES = new Set(['unknown-attribute', 'unknown-pipeline', 'secret-key-not-variable-name']);

const PATH_RULES = new Set(['playbook-not-found', 'playbook-extension-missing', 'playbook-variable-not-found']);

// Job names where a change of digits only (py38 / py39) is another version, not a typo.
const JOB_RULES = new Set(['unknown-parent', 'unknown-dependency']);

/** The literal path of a files pattern as suggestMatcher writes it (`^docs/.*`, `setup\.cfg$`). */
function matcherPath(pattern: string): string {
  return pattern.replace(/^\^/, '').replace(/(?:\.\*)?\$?$/, '').replace(/\\(.)/g, '$1');
}

/** How far a suggestion is from the original as a typo of this finding's kind; Infinity when it is no typo. */
function typoScore(rule: string, original: string, s: string): number {
  if (PATH_RULES.has(rule)) return pathTypoScore(original, s);
  if (rule === 'files-matcher-matches-nothing' || rule === 'files-matcher-matches-everything') return pathTypoScore(matcherPath(original), matcherPath(s));
  return typoDistance(original, s);
}

/**
 * Is the first suggestion clearly the intended one? Only then is it applied
 * without asking: it must be a plausible typo of the original, and strictly
 * closer than the runner-up.
 */
function clearlyBest(ctx: FixContext, original: string, suggestions: string[]): boolean {
  const { rule, data = {} } = ctx.finding;
  // A name that may well be defined in a repo that is not open is not to be renamed without asking.
  if (data.typo === false) return false;
  // The current name of an attribute Zuul renamed is no guess.
  if (data.renamed === true) return suggestions.length === 1;
  if (JOB_RULES.has(rule) && !isLikelyTypo(original, suggestions[0])) return false;
  const best = typoScore(rule, original, suggestions[0]);
  if (best === Infinity) return false;
  return suggestions.length === 1 || best < typoScore(rule, original, suggestions[1]);
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
    'files-matcher-matches-everything',
    'unknown-attribute',
    'unknown-pipeline',
    'secret-key-not-variable-name',
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
    if (KEY_RULES.has(finding.rule)) {
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
