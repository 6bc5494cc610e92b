// Names Zuul accepts but that are almost always slips: whitespace in a job or
// project-template name, and secret data keys a playbook cannot name.
// Zuul's loader takes both silently (checked with Zuul's own loader); the
// mistake shows only later, as an unknown job or an undefined variable.
import { isMap, type Scalar } from 'yaml';
import type { Walker } from './schemaWalk';
import { entries, type Entry } from './yamlNodes';
import { pyValue } from './schemaTypes';

export interface WhitespaceNameData {
  name: string;
  kind: 'job' | 'project-template';
  /** The name spans several source lines (a plain or block scalar). */
  multiline: boolean;
  suggestions: string[];
  [key: string]: unknown;
}

/** `name:` of a job or project-template: whitespace makes it a name nobody will spell the same way. */
export function whitespaceInName(w: Walker, ents: readonly Entry[], kind: 'job' | 'project-template'): void {
  const e = ents.find((x) => x.key === 'name');
  const node = e?.value;
  const name = pyValue(node);
  if (!e || typeof name !== 'string' || !/\s/.test(name)) return;
  const r = (node as Scalar).range;
  const multiline = !!r && w.file.text.slice(r[0], r[1]).includes('\n');
  const words = name.trim().split(/\s+/);
  const first = words[0] ?? '';
  const noun = kind === 'job' ? 'job' : 'project-template';
  const refs = kind === 'job' ? 'every job list, parent and dependency' : 'every templates: list';
  let why: string;
  let suggestions: string[];
  if (multiline && words.length > 1) {
    why = `YAML joined the lines below "name:" into the name, so it is "${name.trim()}"`;
    suggestions = first ? [first] : [];
  } else if (name !== name.trim()) {
    why = 'it starts or ends with whitespace (a block scalar keeps its final line break; quotes keep spaces)';
    suggestions = [name.trim()];
  } else {
    why = `it contains ${/[\t\n\r]/.test(name) ? 'a tab or line break' : 'a space'}`;
    suggestions = [words.join('-')];
  }
  const hint =
    multiline && words.length > 1
      ? ` If the following text is a description, put it under "description: |" and keep "${first}" as the name.`
      : ` Use "${suggestions[0]}" instead.`;
  const data: WhitespaceNameData = { name, kind, multiline, suggestions };
  w.report(
    'whitespace-in-name',
    `The ${noun} name ${JSON.stringify(name)} has whitespace in it: ${why}. Zuul accepts such a name silently, but ${refs} must then repeat it exactly, whitespace included${multiline && words.length > 1 ? `, and "${first}" alone names no ${noun}` : ''}.${hint}`,
    w.valueSpan(node, e),
    data,
  );
}

/** What a playbook can write after `secret.`: a Python identifier. */
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface SecretKeyData {
  key: string;
  secret: string;
  /** `slip` for a stray colon, surrounding whitespace or a key YAML read as a number or boolean; `style` otherwise. */
  kind: 'slip' | 'style';
  /** Only for a slip: the key it was meant to be. */
  suggestions?: string[];
  [key: string]: unknown;
}

/** Top-level keys of a secret's `data`: the names its playbooks reach the values by. */
export function secretDataKeys(w: Walker, ents: readonly Entry[]): void {
  const data = ents.find((x) => x.key === 'data')?.value;
  if (!isMap(data)) return;
  const secret = String(pyValue(ents.find((x) => x.key === 'name')?.value) ?? 'secret');
  const ref = ATTRIBUTE.test(secret) ? secret : 'the secret';
  for (const e of entries(w.file.doc, data)) {
    if (e.merged) continue;
    const raw = pyValue(e.keyNode);
    if (typeof raw === 'string' && ATTRIBUTE.test(raw)) continue;
    const span = w.keySpan(e.keyNode);
    const source = w.file.text.slice(span[0], span[1]);
    if (typeof raw !== 'string') {
      const what = typeof raw === 'boolean' ? 'the boolean' : raw === null ? 'null' : `the ${typeof raw}`;
      const quoted = JSON.stringify(source);
      report(w, span, { key: source, secret, kind: 'slip' }, `The secret data key ${source} is ${what} ${String(raw)} for YAML 1.1 (which Zuul uses), not the text ${quoted}: a playbook cannot reach it as ${ref}.${source}. Zuul accepts the secret silently. Quote the key (${quoted}) or rename it.`);
      continue;
    }
    const trimmed = raw.replace(/:+$/, '').trim();
    if (trimmed !== raw && ATTRIBUTE.test(trimmed)) {
      const colon = raw.trimEnd().endsWith(':');
      const why = colon ? `ends with a colon ("${trimmed}::" in the file: YAML keeps the first colon in the key)` : 'has whitespace around it (quotes keep it)';
      report(w, span, { key: raw, secret, kind: 'slip', suggestions: [trimmed] }, `The secret data key ${JSON.stringify(raw)} ${why}, so a playbook reading ${ref}.${trimmed} finds no such key. Zuul accepts the secret silently. Write "${trimmed}".`);
      continue;
    }
    const slip = /[\s:]/.test(raw);
    const plain = raw.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    const rename = plain && /^[A-Za-z_]/.test(plain) ? ` Rename it to "${plain}" (and its uses) for plain ${ref}.${plain} access.` : '';
    report(
      w,
      span,
      { key: raw, secret, kind: slip ? 'slip' : 'style' },
      `The secret data key ${JSON.stringify(raw)} is not a valid variable name: a playbook can read it only as ${ref}['${raw}'] (in Jinja, ${ref}.${raw} does not name it). Zuul accepts the secret silently.${rename}`,
      slip ? 'warning' : 'info',
    );
  }
}

function report(w: Walker, span: [number, number], data: SecretKeyData, message: string, severity: 'warning' | 'info' = 'warning'): void {
  w.report('secret-key-not-variable-name', message, span, data, severity);
}
