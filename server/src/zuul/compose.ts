// YAML text -> documents, driving the `yaml` package's lexer, CST parser and
// composer one token at a time, so that two costs are bounded exactly where
// they arise: nesting depth (the composer recurses once per level, and deep
// enough input makes V8 abort the process, not throw) is read off the CST
// parser's own stack; duplicate keys are found in one pass afterwards (the
// package's own check compares each key with every earlier one: quadratic).
import { Composer, Lexer, Parser, isAlias, isMap, isScalar, isSeq, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/** Deepest nesting the composer is given; real Zuul configuration stays below 20. */
export const MAX_DEPTH = 256;

/** Aliases a settings file may expand when read as plain data (the package's default, 100, is for untrusted input; so is ours). */
const MAX_ALIAS_COUNT = 1000;

export type ComposeOptions = ParseOptions & DocumentOptions & SchemaOptions;

export type Composed = { docs: Document[] } | { tooDeep: { offset: number } };

/** `base`: where `text` starts in its file (a re-parsed part of it), so that node ranges are the file's offsets. */
export function composeDocuments(text: string, options: ComposeOptions, base = 0): Composed {
  const parser = new Parser();
  const composer = new Composer({ ...options, uniqueKeys: false });
  const docs: Document[] = [];
  let offset = base;
  // After a leading byte order mark the package's parser no longer sees the
  // start of a line, so a block list at column 0 fails; PyYAML skips the
  // mark. So does this, keeping the offsets those of the text.
  const bom = base === 0 && text.charCodeAt(0) === 0xfeff;
  if (bom) offset = 1;
  parser.offset = offset;
  for (const lexeme of new Lexer().lex(bom ? text.slice(1) : text)) {
    for (const token of parser.next(lexeme)) for (const d of composer.next(token)) docs.push(d as Document);
    if (parser.stack.length > MAX_DEPTH) return { tooDeep: { offset } };
    offset += lexeme.length;
  }
  for (const token of parser.end()) for (const d of composer.next(token)) docs.push(d as Document);
  for (const d of composer.end()) docs.push(d as Document);
  return { docs };
}

export type DataFile = { doc: Document | undefined } | { problem: string; range: [number, number] };

/**
 * A file of our own (settings, `--rules`: YAML 1.2, so JSON too) as one
 * document: nesting bounded as for config files, a second document refused.
 * YAML errors stay on `doc.errors` for the caller to report its way.
 */
export function composeDataFile(text: string, prettyErrors: boolean): DataFile {
  const composed = composeDocuments(text, { version: '1.2', prettyErrors });
  if ('tooDeep' in composed) return { problem: `nests collections more than ${MAX_DEPTH} levels deep`, range: [composed.tooDeep.offset, composed.tooDeep.offset + 1] };
  if (composed.docs.length > 1) {
    const at = composed.docs[1].range?.[0] ?? 0;
    return { problem: 'holds more than one YAML document', range: [at, at + 3] };
  }
  return { doc: composed.docs[0] };
}

/** The plain data of such a document; throws past MAX_ALIAS_COUNT aliases (an alias bomb). */
export function dataOf(doc: Document | undefined): unknown {
  return doc?.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

export interface DuplicateKey {
  key: string;
  range: [number, number];
}

/**
 * Keys that repeat within one mapping, as Zuul's loader sees them: it
 * compares the scalar text of the keys (`1` and `'1'` are the same key,
 * `yes` and `true` are not), skips the merge key `<<`, and ignores keys
 * that are not scalars.
 */
export function duplicateKeys(doc: Document): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    // An alias is checked where its anchor is; following it could multiply the work.
    if (!node || isAlias(node)) continue;
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const at = (pair.key as { range?: [number, number] } | null)?.range;
        const k = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
        if (isScalar(k) && at) {
          const text = typeof k.source === 'string' ? k.source : String(k.value);
          if (text !== '<<') {
            if (keys.has(text)) out.push({ key: text, range: [at[0], at[1]] });
            else keys.add(text);
          }
        } else if (pair.key) stack.push(pair.key);
        stack.push(pair.value);
      }
    }
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}
