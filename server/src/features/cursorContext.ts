// Where the cursor is in a Zuul file, read from the text (indentation and the
// keys of the enclosing lines) so that it works while the YAML is incomplete
// and the document does not parse.
import type { Position } from '../zuul/types';

/** One step from the file's top-level list down to the cursor. */
export type Seg = { k: 'key'; name: string; line: number; col: number } | { k: 'item'; line: number; col: number };

export interface CursorContext {
  /** Enclosing segments, outermost first. */
  path: Seg[];
  /**
   * `key`: a key is typed in the mapping that is the value of the last segment.
   * `value`: the value of the last segment is typed (after `key: `, or after `- `).
   */
  mode: 'key' | 'value';
  /** For `value` after `- `: the column a key of an item mapping would start at. */
  itemKeyCol?: number;
  /** Column the key is written at (key mode). */
  col: number;
  /** Keys already written in the mapping (key mode). */
  siblings: Set<string>;
  /** The word being typed and where it starts on the cursor's line. */
  partial: string;
  start: number;
  /** End of the word (it may continue after the cursor). */
  end: number;
  /** Key mode: the line already has `:` after the word, so only the key is inserted. */
  hasColon: boolean;
  /** Value mode: the cursor is right after `key:`, so a value needs a leading space. */
  needsSpace: boolean;
  line: number;
}

interface LineShape {
  dashes: number[];
  key?: { name: string; col: number; value: string };
  /** Column of the first token. */
  first: number;
}

const KEY_RE = /^((?:"[^"]*"|'[^']*'|[^\s:#'"[{][^:#]*?))[ \t]*:(?:[ \t]+|$)(.*)$/;
const unquote = (s: string) => (/^(["']).*\1$/.test(s) ? s.slice(1, -1) : s);

function stripComment(s: string): string {
  const m = /(^|\s)#/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

function shape(text: string): LineShape | undefined {
  const t = stripComment(text).replace(/\s+$/, '');
  if (t.trim() === '') return undefined;
  const dashes: number[] = [];
  let i = t.length - t.trimStart().length;
  const first = i;
  while (t[i] === '-' && (i + 1 === t.length || t[i + 1] === ' ' || t[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (t[i] === ' ' || t[i] === '\t') i++;
  }
  const rest = t.slice(i);
  const m = KEY_RE.exec(rest);
  return { dashes, first, key: m ? { name: unquote(m[1].trim()), col: i, value: m[2].trim() } : undefined };
}

const BLOCK_SCALAR = /:\s*[|>][-+0-9]*\s*(#.*)?$/;

/** Lines that are the content of a block scalar (`description: |`) carry no structure. */
function textLines(lines: string[], upTo: number): Set<number> {
  const out = new Set<number>();
  let blockIndent = -1;
  for (let i = 0; i < upTo && i < lines.length; i++) {
    const l = lines[i];
    const indent = l.length - l.trimStart().length;
    if (blockIndent >= 0) {
      if (l.trim() === '' || indent > blockIndent) {
        out.add(i);
        continue;
      }
      blockIndent = -1;
    }
    if (BLOCK_SCALAR.test(l)) {
      const s = shape(l);
      blockIndent = s?.key ? s.key.col : indent;
    }
  }
  return out;
}

const WORD = /[^\s:#,[\]{}'"]*$/;

export function cursorContext(text: string, pos: Position): CursorContext | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  if (pos.line >= lines.length) return undefined;
  const lineText = lines[pos.line];
  const before = lineText.slice(0, pos.character);
  if (/(^|\s)#/.test(before)) return undefined;
  const text0 = textLines(lines, pos.line + 1);
  if (text0.has(pos.line)) return undefined;
  const after = lineText.slice(pos.character);
  const restWord = /^[^\s:#,[\]{}'"]*/.exec(after)![0];

  // The cursor's own line: dashes, then a key with its value, or a bare word.
  const dashes: number[] = [];
  let i = before.length - before.trimStart().length;
  while (before[i] === '-' && (i + 1 === before.length || before[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (before[i] === ' ') i++;
  }
  // `-|` (the dash just typed): an entry would start after a space still to be written.
  const bareDash = dashes.length > 0 && i === before.length && !before.endsWith(' ');
  if (bareDash) i = dashes[dashes.length - 1] + 2;
  const rest = bareDash ? '' : before.slice(i);
  const base = { line: pos.line, hasColon: false, needsSpace: false, siblings: new Set<string>() };
  const keyM = /^((?:"[^"]*"|'[^']*'|[^\s:#'"[{][^:#]*?))[ \t]*:([ \t]*)(.*)$/.exec(rest);
  const outer = dashes.length ? dashes[0] : i;
  const path = ancestors(lines, text0, pos.line, outer, dashes.length ? undefined : base.siblings);
  if (!path) return undefined;
  for (const d of dashes) path.push({ k: 'item', line: pos.line, col: d });

  if (keyM) {
    let value = keyM[3];
    path.push({ k: 'key', name: unquote(keyM[1].trim()), line: pos.line, col: i });
    // A flow list `[a, b|`: the word after the last `[` or `,` is an item.
    if (value.startsWith('[')) {
      if (value.includes(']')) return undefined;
      const cut = Math.max(value.lastIndexOf('['), value.lastIndexOf(','));
      path.push({ k: 'item', line: pos.line, col: pos.character - value.length });
      value = value.slice(cut + 1).trimStart();
    }
    if (value.startsWith('{') || value.startsWith('&') || value.startsWith('*') || value.startsWith('!') || /^[|>]/.test(value)) return undefined;
    const word = value.match(/[^\s'"]*$/)![0];
    if (value.slice(0, value.length - word.length).trim() !== '') return undefined;
    return {
      ...base,
      path,
      mode: 'value',
      col: i,
      partial: word,
      start: pos.character - word.length,
      end: pos.character + restWord.length,
      needsSpace: keyM[2] === '' && value === '',
    };
  }
  const word = WORD.exec(rest)![0];
  if (word !== rest) return undefined;
  const common = { ...base, partial: word, start: pos.character - word.length, end: pos.character + restWord.length };
  const hasColon = after.slice(restWord.length).trimStart().startsWith(':');
  if (dashes.length) {
    const siblings = new Set<string>();
    collectBelow(lines, pos.line, i, siblings);
    return { ...common, path, mode: 'value', itemKeyCol: i, col: i, siblings, hasColon, needsSpace: bareDash };
  }
  collectBelow(lines, pos.line, i, base.siblings);
  return { ...common, path, mode: 'key', col: i, hasColon };
}

/**
 * The segments enclosing column `limit` of line `line`, outermost first;
 * keys at exactly `limit` before the first ancestor go to `siblings`.
 */
function ancestors(lines: string[], text0: Set<number>, line: number, limit: number, siblings?: Set<string>): Seg[] | undefined {
  const out: Seg[] = [];
  let collecting = siblings;
  // A list may sit at its key's own column (`jobs:` with `- a` right below it).
  let fromDash = !siblings;
  for (let j = line - 1; j >= 0 && limit > 0; j--) {
    if (text0.has(j)) continue;
    const s = shape(lines[j]);
    if (!s) continue;
    if (fromDash && s.dashes.length === 0 && s.key && s.key.col === limit && s.key.value === '') {
      out.push({ k: 'key', name: s.key.name, line: j, col: s.key.col });
      fromDash = false;
      continue;
    }
    if (s.first >= limit) {
      if (collecting && s.key && s.key.col === limit && s.dashes.length === 0) collecting.add(s.key.name);
      continue;
    }
    fromDash = false;
    if (s.key && s.key.col < limit) {
      out.push({ k: 'key', name: s.key.name, line: j, col: s.key.col });
      limit = s.key.col;
      collecting = undefined;
    } else if (s.key && s.key.col === limit && collecting) {
      collecting.add(s.key.name);
    }
    for (let d = s.dashes.length - 1; d >= 0; d--) {
      if (s.dashes[d] < limit) {
        out.push({ k: 'item', line: j, col: s.dashes[d] });
        limit = s.dashes[d];
        collecting = undefined;
        fromDash = true;
      }
    }
  }
  // The file's top level is a list: a path that does not start at a `-` in column 0 is outside any item.
  out.reverse();
  if (out.length === 0 && limit > 0) return undefined;
  return out;
}

function collectBelow(lines: string[], line: number, col: number, into: Set<string>): void {
  let block = -1;
  for (let j = line + 1; j < lines.length; j++) {
    const l = lines[j];
    const s = shape(l);
    if (!s) continue;
    if (block >= 0) {
      if (s.first > block) continue;
      block = -1;
    }
    if (s.first < col) return;
    if (s.key && s.key.col === col && s.dashes.length === 0) {
      into.add(s.key.name);
      if (BLOCK_SCALAR.test(l)) block = col;
    }
  }
}

/** The scalar values written at column `col` in the block that starts below line `from` (e.g. a job's `name:`). */
export function valueInBlock(text: string, from: number, col: number, key: string): string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  for (let j = from; j < lines.length; j++) {
    const s = shape(lines[j]);
    if (!s) continue;
    if (j > from && s.first < col) return undefined;
    if (s.key && s.key.col === col && s.key.name === key) return s.key.value ? unquote(s.key.value) : undefined;
  }
  return undefined;
}

/** The names listed as `- name` or `- name:` at column `dashCol` below line `from` (a pipeline's job list). */
export function itemNamesInBlock(text: string, from: number, dashCol: number): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  for (let j = from + 1; j < lines.length; j++) {
    const s = shape(lines[j]);
    if (!s) continue;
    if (s.first < dashCol) break;
    if (s.dashes[0] !== dashCol) continue;
    const t = stripComment(lines[j]).slice(dashCol + 1).trim().replace(/:.*$/, '').trim();
    if (t) out.push(unquote(t));
  }
  return out;
}
