// Checks a YAML node against a schemaTypes type and records findings with
// exact ranges. Cross-attribute rules plug in through named hooks so that
// this file stays generic.
import { isAlias, isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { ENCRYPTED_TAG as ENCRYPTED, type ParsedFile } from './parse';
import type { Finding, FindingData, Severity } from './types';
import { entries, resolve, type Entry, typeName, type YNode } from './yamlNodes';
import { describe, isNull, isStringNode, pythonName, pyValue, shapeOk, type ObjSpec, type Ty } from './schemaTypes';
import { classifyZuulRegex, negatedEquivalent, re2Error } from './regex';
import { suggest } from './suggest';
import { RULE_SEVERITY } from './schemaRules';
import { pushAll } from './arrays';

const OVERRIDE_TAGS = new Set(['!override', '!inherit']);
const VAR_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export interface Loc {
  /** Attribute path for messages, e.g. `run[1].name`. */
  path: string;
  /** The key this value sits under; underlined when the value is empty. */
  keyNode?: Scalar;
  /** Inside a secret's `data`, where !encrypted/pkcs1-oaep belongs. */
  encrypted?: boolean;
  /** The whole expected type when one alternative of a union is checked. */
  expect?: string;
}

export type Hook = (w: Walker, node: YAMLMap, ents: readonly Entry[], loc: Loc, spec: ObjSpec) => void;
export type CustomCheck = (w: Walker, node: YNode | null, loc: Loc) => void;

export interface WalkerOptions {
  /** "job", "project template": Zuul drops the whole stanza on a schema error. */
  noun: string;
  hooks: Record<string, Hook>;
  customs: Record<string, CustomCheck>;
}

export type Span = [number, number];

// With YAML 1.1 the yaml package gives a `<<` key the value Symbol(<<), which
// yamlNodes.entries does not recognise; merges are common in the corpora.


export class Walker {
  findings: Finding[] = [];
  constructor(
    readonly file: ParsedFile,
    readonly opts: WalkerOptions,
  ) {}

  get rejects(): string {
    return `Zuul rejects this ${this.opts.noun}`;
  }

  report(rule: string, message: string, span: Span, data?: FindingData, severity?: Severity): void {
    const f: Finding = {
      rule,
      severity: severity ?? RULE_SEVERITY.get(rule) ?? 'error',
      message,
      file: this.file.path,
      range: this.file.lines.range(span[0], Math.max(span[0], span[1])),
    };
    if (data) f.data = data;
    this.findings.push(f);
  }

  /** Findings that `fn` would report, without keeping them. */
  trial(fn: () => void): Finding[] {
    const saved = this.findings;
    this.findings = [];
    try {
      fn();
      return this.findings;
    } finally {
      this.findings = saved;
    }
  }

  keySpan(key: Scalar | undefined): Span {
    const r = key?.range;
    return r ? [r[0], r[1]] : [0, 0];
  }

  /** The value's own text, or its key when the value is empty. */
  valueSpan(node: YNode | null | undefined, loc: Pick<Loc, 'keyNode'>): Span {
    const r = node?.range;
    if (!r || r[1] <= r[0]) return this.keySpan(loc.keyNode);
    return [r[0], r[1]];
  }

  /** Where a tag such as `!override` is written in front of a node. */
  tagSpan(node: YNode, loc: Loc): Span {
    const tagText = node.tag ?? '';
    const r = node.range;
    if (r && tagText) {
      const from = Math.max(0, r[0] - 300);
      const at = this.file.text.lastIndexOf(tagText, r[0]);
      if (at >= from) return [at, at + tagText.length];
    }
    return this.valueSpan(node, loc);
  }

  check(node: YNode | null, ty: Ty, loc: Loc): void {
    let t = ty;
    if (node?.tag && OVERRIDE_TAGS.has(node.tag) && t.k !== 'tag') this.tagNotAllowed(node, loc);
    else if (node?.tag === ENCRYPTED && !loc.encrypted) this.encryptedNotAllowed(node, loc);
    if (t.k === 'tag') t = t.of;
    switch (t.k) {
      case 'any':
      case 'map':
        if (t.k === 'map' && !isMap(node)) return this.wrongType(node, t, loc);
        return this.tagsInside(node, { ...loc, encrypted: loc.encrypted || t.encrypted }, true);
      case 'str':
      case 'int':
      case 'number':
      case 'bool':
      case 'null':
        if (!shapeOk(t, node)) return this.wrongType(node, t, loc);
        if (t.k === 'int' && t.min !== undefined && isScalar(node) && Number(node.value) < t.min) {
          this.report('invalid-value', `"${loc.path}" must be at least ${t.min}, not ${String(node.value)}; ${this.rejects} ("not a valid value").`, this.valueSpan(node, loc));
        }
        return;
      case 'enum':
        if (!shapeOk(t, node)) return this.wrongType(node, t, loc);
        if (!t.values.includes(String(pyValue(node)))) this.badEnum(node as Scalar, t.values, loc);
        return;
      case 'regex':
        if (!shapeOk(t, node)) return this.wrongType(node, t, loc);
        return this.checkRegex(node as Scalar, t.engine, loc);
      case 'list':
        if (!isSeq(node)) return this.wrongType(node, t, loc);
        return this.checkItems(node.items as YNode[], t.of, loc);
      case 'one':
        if (isSeq(node)) return this.checkItems(node.items as YNode[], t.of, loc);
        return this.check(node, t.of, { ...loc, expect: loc.expect ?? describe(t) });
      case 'union':
        return this.checkUnion(node, t.of, loc);
      case 'varMap':
        if (!isMap(node)) return this.wrongType(node, t, loc);
        return this.checkVarMap(node, t.reserved, loc);
      case 'mapOf':
        if (!isMap(node)) return this.wrongType(node, t, loc);
        for (const e of entries(this.file.doc, node)) this.check(e.value, t.of, { path: `${loc.path}.${e.key}`, keyNode: e.keyNode, encrypted: loc.encrypted });
        return;
      case 'obj':
        if (!isMap(node)) return this.wrongType(node, t, loc);
        return this.checkObj(node, t, loc);
      case 'custom':
        return this.opts.customs[t.name](this, node, loc);
    }
  }

  private checkItems(items: YNode[], of: Ty, loc: Loc): void {
    items.forEach((raw, i) => {
      const n = this.resolve(raw);
      this.check(n, of, { path: `${loc.path}[${i}]`, encrypted: loc.encrypted, keyNode: loc.keyNode && isNull(n) ? loc.keyNode : undefined });
    });
  }

  resolve(n: unknown): YNode | null {
    return resolve(this.file.doc, n);
  }

  private checkUnion(node: YNode | null, alts: Ty[], loc: Loc): void {
    const expect = loc.expect ?? describe({ k: 'union', of: alts });
    const fits = alts.filter((a) => shapeOk(a, node));
    if (fits.length === 0) return this.wrongType(node, { k: 'union', of: alts }, { ...loc, expect });
    if (fits.length === 1) return this.check(node, fits[0], { ...loc, expect });
    let best: Finding[] | undefined;
    for (const a of fits) {
      const got = this.trial(() => this.check(node, a, { ...loc, expect }));
      if (got.length === 0) return;
      if (!best || got.length < best.length) best = got;
    }
    pushAll(this.findings, best ?? []);
  }

  private checkObj(node: YAMLMap, spec: ObjSpec & { k: 'obj' }, loc: Loc): void {
    const ents = entries(this.file.doc, node);
    const prefix = loc.path ? `${loc.path}.` : '';
    for (const e of ents) {
      const stringKey = isStringNode(e.keyNode);
      const fieldTy = stringKey && Object.hasOwn(spec.fields, e.key) ? spec.fields[e.key] : undefined;
      const sub: Loc = { path: prefix + e.key, keyNode: e.keyNode, encrypted: loc.encrypted };
      if (fieldTy) {
        this.check(e.value, fieldTy, sub);
        continue;
      }
      if (spec.extra && stringKey) {
        // A project's unknown key is a pipeline name; only a non-mapping value makes it an error.
        if (shapeOk(spec.extra, e.value) || !(spec.notes?.[e.key] || spec.renamed?.[e.key] || this.suggestFor(e.key, spec).length)) {
          this.check(e.value, spec.extra, sub);
          continue;
        }
      }
      this.unknownKey(e, spec);
    }
    for (const r of spec.required ?? []) {
      if (!ents.some((e) => e.key === r)) this.missing(node, r, spec, loc);
    }
    if (spec.hook) this.opts.hooks[spec.hook]?.(this, node, ents, loc, spec);
  }

  private suggestFor(key: string, spec: ObjSpec): string[] {
    const hidden = new Set(spec.hidden ?? []);
    return suggest(key, Object.keys(spec.fields).filter((k) => !hidden.has(k)));
  }

  private unknownKey(e: Entry, spec: ObjSpec): void {
    const renamed = spec.renamed?.[e.key];
    const suggestions = renamed ? [renamed] : this.suggestFor(e.key, spec);
    const note = renamed ? `Zuul renamed it "${renamed}".` : spec.notes?.[e.key];
    const asPipeline = spec.extra ? ` Any other key is read as a pipeline name, whose value must be a mapping.` : '';
    let msg = `Unknown attribute "${e.key}" for ${spec.what}: ${this.rejects} ("extra keys not allowed").`;
    if (note) msg += ` ${note}`;
    else if (spec.unknownHint) msg += ` ${spec.unknownHint}`;
    else if (asPipeline) msg += asPipeline;
    if (suggestions.length && !renamed) msg += ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`;
    this.report('unknown-attribute', msg, this.keySpan(e.keyNode), suggestions.length ? { suggestions, ...(renamed ? { renamed: true } : {}) } : undefined);
  }

  missing(node: YAMLMap, key: string, spec: Pick<ObjSpec, 'what'>, loc: Loc): void {
    const first = node.items[0]?.key as Scalar | undefined;
    const span = loc.keyNode ? this.keySpan(loc.keyNode) : first?.range ? this.keySpan(first) : this.valueSpan(node, loc);
    this.report('missing-required', `${cap(spec.what)} needs "${key}": ${this.rejects} ("required key not provided"). Add ${key}: ...`, span, { missing: key });
  }

  wrongType(node: YNode | null, ty: Ty, loc: Loc): void {
    const expect = loc.expect ?? describe(ty);
    const found = typeName(node);
    let hint = '';
    if (isScalar(node) && typeof pyValue(node) === 'boolean' && /string|regular/.test(expect)) {
      const src = (node as { source?: string }).source ?? String(node.value);
      hint = ` YAML 1.1 (which Zuul uses) reads ${src} as a boolean; quote it: "${src}".`;
    } else if (isScalar(node) && (typeof node.value === 'number' || node.value instanceof Date) && /string|regular/.test(expect)) {
      const src = (node as { source?: string }).source ?? String(node.value);
      hint = ` Quote it so that YAML reads it as text: "${src}".`;
    }
    const shown = isScalar(node) && node.value !== null && !(typeof node.value === 'string' && node.value.length > 40) ? ` (${(node as { source?: string }).source ?? String(node.value)})` : '';
    this.report('wrong-type', `"${loc.path}" must be ${expect}, not ${found === 'null' ? 'empty' : `${/^[aeiou]/.test(found) ? 'an' : 'a'} ${found}`}${shown}: ${this.rejects} ("expected ${pythonName(ty)}").${hint}`, this.valueSpan(node, loc), { expected: expect, found });
  }

  private badEnum(node: Scalar, values: readonly string[], loc: Loc): void {
    const v = String(pyValue(node));
    const suggestions = suggest(v, values);
    const did = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
    this.report('invalid-value', `"${v}" is not a valid value for "${loc.path}": ${this.rejects} ("not a valid value"). Use ${loc.expect ?? describe({ k: 'enum', values })}.${did}`, this.valueSpan(node, loc), suggestions.length ? { suggestions } : undefined);
  }

  checkRegex(node: Scalar, engine: 'zuul' | 're2', loc: Loc): void {
    const p = String(pyValue(node));
    const span = this.valueSpan(node, loc);
    if (engine === 're2') {
      const err = re2Error(p);
      if (err) this.report('invalid-regex', `"${loc.path}" is not a valid RE2 regular expression (${err}): ${this.rejects}. Zuul compiles it with RE2 only, with no Python fallback.`, span);
      return;
    }
    const v = classifyZuulRegex(p);
    if (v.kind === 'python-only') {
      const negated = negatedEquivalent(p);
      const fix = negated
        ? ` Write {regex: "${negated}", negate: true} instead (Zuul >= 9.2).`
        : v.constructs.includes('look-around') ? ' To exclude matches, use {regex: ..., negate: true} instead of a negative look-ahead.' : ' Rewrite it in RE2 syntax.';
      this.report('python-only-regex', `This regular expression is not RE2 syntax (${v.constructs.join(', ')}): Zuul still accepts it through Python's re but warns "Regex Deprecation" (must conform to RE2 syntax).${fix}`, span, negated ? { constructs: v.constructs, negated } : { constructs: v.constructs });
    } else if (v.kind === 'invalid') {
      this.report('invalid-regex', `"${loc.path}" is not a valid regular expression (${v.error}): ${this.rejects}.`, span);
    }
  }

  private checkVarMap(node: YAMLMap, reserved: readonly string[], loc: Loc): void {
    for (const e of entries(this.file.doc, node)) {
      const name = e.key;
      if (!isStringNode(e.keyNode) || !VAR_NAME.test(name)) {
        const fixed = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^[^a-zA-Z]+/, '');
        this.report('invalid-variable-name', `Invalid Ansible variable name "${name}" in "${loc.path}": ${this.rejects}. Variable names must start with a letter and contain only letters, digits and underscores${fixed ? `, e.g. "${fixed}"` : ''}.`, this.keySpan(e.keyNode), fixed ? { suggestions: [fixed] } : undefined);
      } else if (reserved.includes(name)) {
        this.report('reserved-variable-name', `Defining a variable named "${name}" is not allowed in "${loc.path}": ${this.rejects}. Zuul reserves ${reserved.map((r) => `"${r}"`).join(', ')}; pick another name.`, this.keySpan(e.keyNode));
      }
      this.tagsInside(e.value, { path: `${loc.path}.${name}`, keyNode: e.keyNode, encrypted: loc.encrypted }, false);
    }
  }

  /** Tags anywhere inside a free-form value; `self` includes the node's own tag. */
  tagsInside(node: YNode | null, loc: Loc, selfChecked: boolean, depth = 0): void {
    if (node == null || depth > 100) return;
    if (!selfChecked) {
      if (node.tag && OVERRIDE_TAGS.has(node.tag)) this.tagNotAllowed(node, loc);
      else if (node.tag === ENCRYPTED && !loc.encrypted) this.encryptedNotAllowed(node, loc);
    }
    // Aliases are skipped: their anchor is checked where it is written.
    if (isMap(node)) {
      for (const p of node.items) {
        const k = p.key as YNode | null;
        const v = p.value as YNode | null;
        this.tagsInside(v && !isAlias(v) ? v : null, { ...loc, keyNode: isScalar(k) ? k : loc.keyNode }, false, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const i of node.items as YNode[]) if (!isAlias(i)) this.tagsInside(i, loc, false, depth + 1);
    }
  }

  private tagNotAllowed(node: YNode, loc: Loc): void {
    this.report('tag-not-allowed', `"${loc.path}" does not accept the ${node.tag} tag: ${this.rejects}. Only tags, provides, requires, required-projects, vars, extra-vars, host-vars, group-vars, include-vars, dependencies, files, irrelevant-files and failure-output of a job take !override / !inherit; remove the tag.`, this.tagSpan(node, loc), { tag: node.tag });
  }

  private encryptedNotAllowed(node: YNode, loc: Loc): void {
    this.report('tag-not-allowed', `An ${ENCRYPTED} value is only allowed inside the data of a secret, not in "${loc.path}": ${this.rejects}. Put it in a secret and give the job that secret.`, this.tagSpan(node, loc), { tag: node.tag });
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
