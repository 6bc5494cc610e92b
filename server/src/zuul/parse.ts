// YAML (1.1, as Zuul's PyYAML SafeLoader reads it) -> the list of config
// items of one file, with the structural errors of reference §1.5.
import { Document, isMap, isScalar, isSeq, Scalar, visit, YAMLMap, type YAMLSeq } from 'yaml';
import { composeDocuments, duplicateKeys, MAX_DEPTH } from './compose';
import { composeBlockList } from './fastCompose';
import type { ScalarTag, CollectionTag } from 'yaml';
import { LineIndex } from './text';
import type { Finding, Range, Severity } from './types';
import { ZUUL_DOCS, type RuleInfo } from './rules';
import { resolve, type YNode } from './yamlNodes';

export const ITEM_TYPES = [
  'job', 'project', 'project-template', 'pipeline', 'nodeset', 'secret', 'semaphore', 'queue', 'pragma',
  'image', 'flavor', 'label', 'section', 'provider',
] as const;
export type ItemKind = (typeof ITEM_TYPES)[number];
const TENANT_ONLY = new Set(['tenant', 'global-semaphore', 'authorization-rule', 'admin-rule', 'api-root']);

export const PARSE_RULES: RuleInfo[] = [
  { id: 'yaml-syntax', severity: 'error', summary: 'The file is not valid YAML; Zuul loses the whole file.' },
  { id: 'duplicate-key', severity: 'error', summary: 'A key appears twice in one mapping; Zuul rejects the whole file.' },
  { id: 'unknown-tag', severity: 'error', summary: 'A YAML tag other than !encrypted/pkcs1-oaep, !inherit or !override; the file fails to load.' },
  { id: 'invalid-encrypted-value', severity: 'error', summary: 'An !encrypted/pkcs1-oaep value that is not valid base64.', docs: `${ZUUL_DOCS}/config/secret.html` },
  { id: 'not-a-list', severity: 'error', summary: 'The file is not a YAML list of configuration items.', docs: `${ZUUL_DOCS}/project-config.html` },
  { id: 'item-not-a-mapping', severity: 'error', summary: 'A list item, or its value, is not a mapping.', docs: `${ZUUL_DOCS}/project-config.html` },
  { id: 'item-multiple-keys', severity: 'error', summary: 'A configuration item has more than one key (usually an indentation mistake).', docs: `${ZUUL_DOCS}/project-config.html` },
  { id: 'unknown-item-type', severity: 'error', summary: 'An item type Zuul does not know in a repository (e.g. `jobs:` or `tenant:`).', docs: `${ZUUL_DOCS}/project-config.html` },
];

export interface ConfigItem {
  kind: ItemKind;
  /** The `job` / `project` / ... key scalar. */
  keyNode: Scalar;
  body: YAMLMap;
  /** 0-based position among the file's top-level items. */
  index: number;
  /** Literal `name:` when it is a plain string. */
  name?: string;
  nameNode?: YNode;
}

export interface ParsedFile {
  path: string;
  text: string;
  lines: LineIndex;
  doc: Document | undefined;
  items: ConfigItem[];
  /** YAML and structural findings. */
  findings: Finding[];
  /** True when Zuul would lose the whole file (syntax error, duplicate key, unknown tag). */
  fatal: boolean;
}

function tagsFor(tag: string): (ScalarTag | CollectionTag)[] {
  return [
    { tag, resolve: (s: string) => s },
    { tag, collection: 'seq', resolve: (s: unknown) => s } as unknown as CollectionTag,
    { tag, collection: 'map', resolve: (m: unknown) => m } as unknown as CollectionTag,
  ];
}

export const ENCRYPTED_TAG = '!encrypted/pkcs1-oaep';
const ZUUL_TAGS = [...tagsFor(ENCRYPTED_TAG), ...tagsFor('!inherit'), ...tagsFor('!override')];

// The `yaml` package follows the YAML 1.1 spec, which also makes y/n booleans
// and allows unsigned exponents; PyYAML (Zuul's loader) reads those as strings.
const PY_TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const PY_FALSE = /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const PY_EXP = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)[eE][-+][0-9]+$/;

// Most plain scalars in Zuul configuration are names: the composer would try
// each of a dozen tag patterns on every one before settling on a string. A
// scalar starting with a letter can only be a bool or a null, so one pattern
// settles it first; the node it makes is the one the string tag makes.
const PLAIN_WORD = /^(?!(?:[YyNn]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL)$)[A-Za-z]/;
const WORD_TAG: ScalarTag = { tag: 'tag:yaml.org,2002:str', default: true, test: PLAIN_WORD, resolve: (s: string) => s };

type AnyTag = ScalarTag | CollectionTag;
function pyYamlTags(tags: AnyTag[]): AnyTag[] {
  const out = tags.map((t) => {
    const st = t as ScalarTag;
    if (st.tag === 'tag:yaml.org,2002:bool' && st.test) return { ...st, test: st.test.test('true') ? PY_TRUE : PY_FALSE };
    if (st.tag === 'tag:yaml.org,2002:float' && st.format === 'EXP') return { ...st, test: PY_EXP };
    return t;
  });
  return [WORD_TAG, ...out, ...ZUUL_TAGS];
}
const CUSTOM_TAGS = pyYamlTags as unknown as AnyTag[];

const ITEM_EXAMPLE = '- job:\n    name: my-job';

/** How every configuration file is composed (reparse.ts composes parts of one the same way). */
export const YAML_OPTIONS = { version: '1.1' as const, customTags: CUSTOM_TAGS, prettyErrors: false };

export function parseFile(path: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const out: ParsedFile = { path, text, lines, doc: undefined, items: [], findings, fatal: false };
  const add = (rule: string, severity: Severity, message: string, range: Range) =>
    findings.push({ rule, severity, message, file: path, range });
  const at = (a: number, b: number) => lines.range(a, Math.max(a, b));

  if (text.trim() === '') return out;
  if (text.includes('\u0000')) {
    add('yaml-syntax', 'error', 'This file contains NUL bytes and is not YAML text; Zuul cannot load it.', at(0, 0));
    out.fatal = true;
    return out;
  }

  let docs: Document[];
  try {
    const composed = composeBlockList(text, YAML_OPTIONS) ?? composeDocuments(text, YAML_OPTIONS);
    if ('tooDeep' in composed) {
      const at0 = composed.tooDeep.offset;
      add('yaml-syntax', 'error', `This file nests collections more than ${MAX_DEPTH} levels deep; it is not read. Zuul configuration never needs this much nesting: check for runaway brackets or indentation.`, at(at0, at0 + 1));
      out.fatal = true;
      return out;
    }
    docs = composed.docs;
  } catch (e) {
    add('yaml-syntax', 'error', `The YAML parser failed: ${(e as Error).message}`, at(0, 0));
    out.fatal = true;
    return out;
  }
  // A stream of only comments has no document at all.
  if (docs.length === 0) return out;
  const doc = docs[0];
  out.doc = doc;
  if (docs.length > 1) {
    const r = docs[1].range ?? [0, 0];
    add('yaml-syntax', 'error', 'Zuul expects a single YAML document per file; this second document (after `---`) makes the whole file fail to load.', at(r[0], r[0] + 3));
    out.fatal = true;
  }
  for (const d of docs) {
    for (const err of d.errors) {
      const [a, b] = err.pos;
      add('yaml-syntax', 'error', `YAML syntax error: ${err.message.split('\n')[0]}. Zuul loses the whole file.`, at(a, b));
      out.fatal = true;
    }
    for (const dup of duplicateKeys(d)) {
      add('duplicate-key', 'error', `The key "${dup.key}" appears more than once in this mapping; Zuul rejects the whole file ("duplicate keys are not permitted"). Keep one of them.`, at(dup.range[0], dup.range[1]));
      out.fatal = true;
    }
    for (const w of d.warnings) {
      const [a, b] = w.pos;
      if (w.code === 'TAG_RESOLVE_FAILED') {
        const tag = text.slice(a, b).trim();
        add('unknown-tag', 'error', `Zuul's YAML loader does not know the tag ${tag}; the whole file fails to load ("could not determine a constructor"). Only !encrypted/pkcs1-oaep, !inherit and !override are allowed.`, at(a, b));
        out.fatal = true;
      }
    }
  }
  if (text.includes(ENCRYPTED_TAG)) checkEncrypted(doc, add, at);

  const root = doc.contents;
  if (root == null || (isScalar(root) && root.value == null)) return out;
  if (!isSeq(root)) {
    const r = root.range ?? [0, 0];
    add('not-a-list', 'error', `Zuul requires a configuration file to be a list of items, like:\n${ITEM_EXAMPLE}\nThis file is a ${isMap(root) ? 'mapping' : 'scalar'}: start each item with "- ".`, at(r[0], r[1]));
    return out;
  }
  collectItems(out, root);
  return out;
}

/**
 * The top-level items of a file whose root is a sequence, with the
 * structural findings of each (reference §1.5); appends to `out`.
 */
export function collectItems(out: ParsedFile, root: YAMLSeq): void {
  const { doc, lines, findings, path } = out;
  const add = (rule: string, severity: Severity, message: string, range: Range) => findings.push({ rule, severity, message, file: path, range });
  const at = (a: number, b: number) => lines.range(a, Math.max(a, b));
  let index = 0;
  for (const raw of root.items) {
    const node = resolve(doc, raw);
    const r = (node ?? (raw as YNode))?.range ?? [0, 0];
    const after = root.items.length - index - 1;
    const lost = after > 0 ? ` Zuul stops reading the file here, so ${after === 1 ? 'the item after it is' : `the ${after} items after it are`} ignored as well.` : '';
    if (!isMap(node)) {
      add('item-not-a-mapping', 'error', `Configuration item is not a dictionary: each item must be a mapping like "- job: {...}".${lost}`, at(r[0], r[1]));
      index++;
      continue;
    }
    const pairs = node.items;
    if (pairs.length === 0) {
      add('item-not-a-mapping', 'error', `Configuration item is empty: each item needs one key such as job or project.${lost}`, at(r[0], r[1]));
      index++;
      continue;
    }
    const keyNode = pairs[0].key as Scalar;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const kr = keyNode?.range ?? r;
    if (pairs.length > 1) {
      const second = pairs[1].key as Scalar;
      const sr = second?.range ?? kr;
      const secondKey = isScalar(second) ? String(second.value) : '?';
      add('item-multiple-keys', 'error', `Configuration item has more than one key ("${key}" and "${secondKey}"). This is usually an indentation mistake: "${secondKey}" must be indented under "${key}:".${lost}`, at(sr[0], sr[1]));
      index++;
      continue;
    }
    if (!(ITEM_TYPES as readonly string[]).includes(key)) {
      const hint = TENANT_ONLY.has(key)
        ? ` "${key}" belongs in the tenant configuration (main.yaml), not in a repository.`
        : suggestType(key);
      add('unknown-item-type', 'error', `Configuration item "${key}" not recognized.${hint} Known types: ${ITEM_TYPES.slice(0, 9).join(', ')}.${lost}`, at(kr[0], kr[1]));
      index++;
      continue;
    }
    const body = resolve(doc, pairs[0].value);
    if (!isMap(body)) {
      const empty = body == null || (isScalar(body) && body.value == null);
      add('item-not-a-mapping', 'error', `The value of "${key}" must be a mapping of attributes (for example "name: ..."), not ${empty ? 'empty' : 'a ' + (isSeq(body) ? 'list' : 'scalar')}.${lost}`, at(kr[0], kr[1]));
      index++;
      continue;
    }
    const item: ConfigItem = { kind: key as ItemKind, keyNode, body, index };
    for (const p of body.items) {
      if (isScalar(p.key) && p.key.value === 'name') {
        const v = resolve(doc, p.value);
        item.nameNode = v ?? undefined;
        if (isScalar(v) && typeof v.value === 'string') item.name = v.value;
        break;
      }
    }
    out.items.push(item);
    index++;
  }
}

function suggestType(key: string): string {
  const k = key.toLowerCase().replace(/s$/, '');
  const hit = (ITEM_TYPES as readonly string[]).find((t) => t === k || t.replace('-', '') === k.replace(/[-_]/g, ''));
  return hit ? ` Did you mean "${hit}"?` : '';
}

/** Python's base64.b64decode (non-strict) drops characters outside the alphabet, then needs whole quads. */
export function base64Problem(value: string): string | undefined {
  const cleaned = value.replace(/[^A-Za-z0-9+/=]/g, '');
  const body = cleaned.replace(/=+$/, '');
  if (body.includes('=')) return 'padding "=" in the middle of the data';
  const pad = cleaned.length - body.length;
  if (pad > 2 || cleaned.length % 4 !== 0 || (pad > 0 && (body.length + pad) % 4 !== 0)) return 'incorrect padding';
  return undefined;
}

function checkEncrypted(doc: Document, add: (rule: string, s: Severity, m: string, r: Range) => void, at: (a: number, b: number) => Range): void {
  const checkScalar = (s: Scalar) => {
    if (typeof s.value !== 'string') return;
    const p = base64Problem(s.value);
    if (p && s.range) add('invalid-encrypted-value', 'error', `This encrypted value is not valid base64 (${p}); Zuul fails to load the file. Re-encrypt the secret with zuul-client encrypt and paste its output unchanged.`, at(s.range[0], s.range[1]));
  };
  visit(doc, {
    Scalar(_k, s) {
      if (s.tag === ENCRYPTED_TAG) checkScalar(s);
    },
    Seq(_k, seq) {
      if (seq.tag === ENCRYPTED_TAG) for (const i of seq.items) if (isScalar(i)) checkScalar(i);
    },
  });
}
