// A tiny declarative type language mirroring the voluptuous schemas of Zuul's
// configloader, so that the attribute tables read like reference §2.
import { isMap, isScalar, isSeq } from 'yaml';
import type { YNode } from './yamlNodes';

export type RegexEngine = 'zuul' | 're2';

export interface ObjSpec {
  /** How messages name this mapping: "a job", "a playbook entry". */
  what: string;
  fields: Record<string, Ty>;
  required?: readonly string[];
  /** Type of the value under any other key (a project's pipeline names); absent = closed schema. */
  extra?: Ty;
  /** Keys accepted but not offered as suggestions (legacy spellings). */
  hidden?: readonly string[];
  /** Extra explanation for well-known wrong keys, appended to the unknown-attribute message. */
  notes?: Record<string, string>;
  /** Appended to every unknown-attribute message of this mapping. */
  unknownHint?: string;
  /** Keys Zuul renamed: old name -> current name (offered first as the fix). */
  renamed?: Record<string, string>;
  /** Documentation page for this kind of mapping. */
  docs?: string;
  /** Name of a cross-attribute rule set run after the attributes (see schema.ts). */
  hook?: string;
}

export type Ty =
  | { k: 'str' }
  | { k: 'int'; min?: number }
  | { k: 'number' }
  | { k: 'bool' }
  | { k: 'null' }
  /** Any YAML value; only the tags are checked. `encrypted` allows !encrypted/pkcs1-oaep inside. */
  | { k: 'any'; encrypted?: boolean }
  | { k: 'map'; encrypted?: boolean }
  | { k: 'enum'; values: readonly string[] }
  | { k: 'list'; of: Ty }
  | { k: 'one'; of: Ty }
  | { k: 'union'; of: Ty[] }
  | { k: 'tag'; of: Ty }
  | { k: 'regex'; engine: RegexEngine }
  | { k: 'varMap'; reserved: readonly string[] }
  | { k: 'mapOf'; of: Ty }
  /** Checked by a named function of the walker (job lists); `desc` is used in messages. */
  | { k: 'custom'; name: string; desc: string; shape: 'list' | 'map' | 'any' }
  | ({ k: 'obj' } & ObjSpec);

export const str: Ty = { k: 'str' };
export const bool: Ty = { k: 'bool' };
export const nul: Ty = { k: 'null' };
export const any: Ty = { k: 'any' };
export const map: Ty = { k: 'map' };
export const number: Ty = { k: 'number' };
export const int = (min?: number): Ty => ({ k: 'int', min });
export const enumOf = (...values: string[]): Ty => ({ k: 'enum', values });
export const list = (of: Ty): Ty => ({ k: 'list', of });
/** Zuul's `to_list`: a single item stands in for a one-element list. */
export const one = (of: Ty): Ty => ({ k: 'one', of });
export const union = (...of: Ty[]): Ty => ({ k: 'union', of });
/** An attribute that accepts the !override / !inherit tags (reference §3.3). */
export const tag = (of: Ty): Ty => ({ k: 'tag', of });
export const regex = (engine: RegexEngine = 'zuul'): Ty => ({ k: 'regex', engine });
export const varMap = (reserved: readonly string[]): Ty => ({ k: 'varMap', reserved });
export const mapOf = (of: Ty): Ty => ({ k: 'mapOf', of });
export const obj = (spec: ObjSpec): Ty => ({ k: 'obj', ...spec });
export const custom = (name: string, desc: string, shape: 'list' | 'map' | 'any'): Ty => ({ k: 'custom', name, desc, shape });

/** A scalar's value as PyYAML (Zuul) constructs it; parse.ts already resolves scalars the PyYAML way. */
export function pyValue(node: YNode | null | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

export function isStringNode(node: YNode | null | undefined): boolean {
  return typeof pyValue(node) === 'string';
}

export function isNull(node: YNode | null | undefined): boolean {
  return node == null || (isScalar(node) && node.value === null);
}

/** Python's isinstance(x, int): YAML integers and booleans, not floats. */
export function isIntNode(node: YNode | null | undefined): boolean {
  if (!isScalar(node)) return false;
  const v = pyValue(node);
  if (typeof v === 'boolean') return true;
  if (typeof v !== 'number' || !Number.isInteger(v)) return false;
  if (node.format === 'HEX' || node.format === 'OCT' || node.format === 'TIME' || node.format === 'BIN') return true;
  const src = (node as { source?: string }).source;
  return src === undefined || !/[.eE]/.test(src);
}

/** Whether a node has the outer shape of a type (content is checked later). */
export function shapeOk(ty: Ty, node: YNode | null): boolean {
  switch (ty.k) {
    case 'str':
    case 'regex':
    case 'enum':
      return isStringNode(node);
    case 'int':
      return isIntNode(node);
    case 'number':
      return isScalar(node) && (typeof node.value === 'number' || typeof pyValue(node) === 'boolean');
    case 'bool':
      return typeof pyValue(node) === 'boolean';
    case 'null':
      return isNull(node);
    case 'any':
      return true;
    case 'map':
    case 'varMap':
    case 'mapOf':
    case 'obj':
      return isMap(node);
    case 'list':
      return isSeq(node);
    case 'one':
      return isSeq(node) || shapeOk(ty.of, node);
    case 'union':
      return ty.of.some((t) => shapeOk(t, node));
    case 'tag':
      return shapeOk(ty.of, node);
    case 'custom':
      return ty.shape === 'any' || (ty.shape === 'list' ? isSeq(node) : isMap(node));
  }
}

/** "a string or a list of strings" */
export function describe(ty: Ty): string {
  switch (ty.k) {
    case 'str':
      return 'a string';
    case 'regex':
      return 'a regular expression string';
    case 'int':
      return ty.min === undefined ? 'an integer' : `an integer of at least ${ty.min}`;
    case 'number':
      return 'a number';
    case 'bool':
      return 'true or false';
    case 'null':
      return 'empty';
    case 'any':
      return 'any value';
    case 'map':
    case 'mapOf':
      return 'a mapping';
    case 'varMap':
      return 'a mapping of variable names to values';
    case 'obj':
      return `a mapping (${ty.what.replace(/^an? /, '')})`;
    case 'enum':
      return ty.values.length === 1 ? `"${ty.values[0]}"` : `one of ${ty.values.map((v) => `"${v}"`).join(', ')}`;
    case 'list':
      return `a list of ${plural(ty.of)}`;
    case 'one':
      return `${describe(ty.of)}, or a list of ${plural(ty.of)}`;
    case 'union':
      return joinOr(ty.of.map(describe));
    case 'tag':
      return describe(ty.of);
    case 'custom':
      return ty.desc;
  }
}

function plural(ty: Ty): string {
  switch (ty.k) {
    case 'str':
      return 'strings';
    case 'regex':
      return 'regular expressions';
    case 'int':
      return 'integers';
    case 'bool':
      return 'booleans';
    case 'obj':
      return `mappings (${ty.what.replace(/^an? /, '')})`;
    case 'union':
      return joinOr(ty.of.map(plural));
    case 'tag':
      return plural(ty.of);
    default:
      return 'values';
  }
}

function joinOr(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** The Python type name voluptuous would print ("expected str"). */
export function pythonName(ty: Ty): string {
  switch (ty.k) {
    case 'str':
    case 'regex':
    case 'enum':
      return 'str';
    case 'int':
      return 'int';
    case 'bool':
      return 'bool';
    case 'list':
      return 'list';
    case 'custom':
      return ty.shape === 'list' ? 'list' : ty.shape === 'map' ? 'a dictionary' : 'a valid value';
    case 'map':
    case 'mapOf':
    case 'varMap':
    case 'obj':
      return 'a dictionary';
    case 'tag':
      return pythonName(ty.of);
    default:
      return 'a valid value';
  }
}
