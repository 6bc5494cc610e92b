// Attribute keys of a mapping, top-level item types, and scalar values, with
// their documentation and (when the client takes them) snippets.
import type { ObjSpec, Ty } from '../zuul/schemaTypes';
import { ITEM_SCHEMAS } from '../zuul/schemaTables';
import { renderAttribute } from './attributeDocs';
import { scalarChoices } from './completionSchema';
import type { CursorContext } from './cursorContext';
import type { CompletionEntry, CompletionOptions } from './completionTypes';
import type { Range } from '../zuul/types';

const escapeSnippet = (s: string) => s.replace(/[$}\\]/g, '\\$&');
const unwrap = (ty: Ty): Ty => (ty.k === 'tag' ? unwrap(ty.of) : ty);

function listItemObj(ty: Ty): ObjSpec | undefined {
  const t = unwrap(ty);
  if (t.k !== 'one' && t.k !== 'list') return undefined;
  const of = unwrap(t.of);
  return of.k === 'obj' ? of : undefined;
}

// Keys that take one value far more often than a list, though a list is allowed.
const SCALAR_FIRST = new Set(['run', 'pre-run', 'post-run', 'cleanup-run', 'branches', 'semaphores', 'name', 'implied-branches', 'supercedes']);

function isList(key: string, ty: Ty): boolean {
  const t = unwrap(ty);
  return t.k === 'list' || (t.k === 'custom' && t.shape === 'list') || (t.k === 'one' && !SCALAR_FIRST.has(key));
}
const isMapping = (ty: Ty): boolean => ['map', 'mapOf', 'varMap', 'obj'].includes(unwrap(ty).k);

/** The text inserted for `key`, written at column `col`. */
function keyInsert(key: string, ty: Ty, col: number, snippets: boolean): { text: string; multiline: boolean } {
  const ind = ' '.repeat(col + 2);
  const k = snippets ? escapeSnippet(key) : key;
  const tab = (i: number) => (snippets ? `$${i}` : '');
  const obj = listItemObj(ty);
  if (obj) {
    // `nodes:` then `- name: …` / `  label: …`: the entry's required keys (or its main one).
    const keys = obj.required?.length ? obj.required : Object.keys(obj.fields).slice(0, 1);
    const lines = keys.map((r, i) => `${ind}${i === 0 ? '- ' : '  '}${r}: ${tab(i + 1)}`);
    return { text: `${k}:\n${lines.join('\n')}`, multiline: true };
  }
  const t = unwrap(ty);
  if (t.k === 'obj' && t.fields.jobs) return { text: `${k}:\n${ind}jobs:\n${ind}  - ${tab(0)}`, multiline: true };
  if (isList(key, ty)) return { text: `${k}:\n${ind}- ${tab(0)}`, multiline: true };
  if (isMapping(ty)) return { text: `${k}:\n${ind}${tab(0)}`, multiline: true };
  const choices = scalarChoices(ty);
  if (snippets && choices.length) return { text: `${k}: \${1|${choices.join(',')}|}`, multiline: false };
  return { text: `${k}: ${tab(0)}`, multiline: false };
}

/** Keys of `spec` not yet written; `extra` adds other allowed keys (a project's pipelines). */
export function keyItems(spec: ObjSpec, ctx: CursorContext, range: Range, opts: CompletionOptions, extra: { name: string; ty: Ty; doc?: string }[] = []): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const hidden = new Set(spec.hidden ?? []);
  const required = new Set(spec.required ?? []);
  const add = (key: string, ty: Ty, documentation: string | undefined, sortGroup: string) => {
    if (ctx.siblings.has(key) || hidden.has(key)) return;
    const ins = ctx.hasColon ? { text: opts.snippets ? escapeSnippet(key) : key, multiline: false } : keyInsert(key, ty, ctx.col, opts.snippets);
    out.push({ label: key, kind: 'property', insertText: (ctx.needsSpace ? ' ' : '') + ins.text, filterText: key, snippet: opts.snippets, multiline: ins.multiline || undefined, range, documentation, sortText: `${sortGroup}${key}` });
  };
  for (const [key, ty] of Object.entries(spec.fields)) add(key, ty, renderAttribute(spec, key, opts.markdown), required.has(key) ? '0' : '1');
  for (const e of extra) add(e.name, e.ty, e.doc, '2');
  return out;
}

const ITEM_SNIPPETS: Record<string, string> = {
  job: 'job:\n    name: $1\n    $0',
  nodeset: 'nodeset:\n    name: $1\n    nodes:\n      - name: $2\n        label: $3',
  project: 'project:\n    ${1:check}:\n      jobs:\n        - $0',
  'project-template': 'project-template:\n    name: $1\n    ${2:check}:\n      jobs:\n        - $0',
  semaphore: 'semaphore:\n    name: $1\n    max: ${2:1}',
  secret: 'secret:\n    name: $1\n    data:\n      $0',
  queue: 'queue:\n    name: $1',
  pipeline: 'pipeline:\n    name: $1\n    manager: ${2|independent,dependent,serial,supercedent|}\n    trigger:\n      $0',
  pragma: 'pragma:\n    $0',
};

/** `- |` at the top level: the item types, each a stanza skeleton when snippets are on. */
export function itemTypeItems(ctx: CursorContext, range: Range, opts: CompletionOptions): CompletionEntry[] {
  const pad = ' '.repeat(Math.max(0, ctx.col - 2));
  return Object.entries(ITEM_SCHEMAS).map(([kind, ty]) => {
    const spec = ty as ObjSpec;
    const snippet = opts.snippets ? ITEM_SNIPPETS[kind] : undefined;
    const text = snippet ? snippet.replace(/\n/g, `\n${pad}`) : `${kind}:\n${pad}    ${spec.fields.name ? 'name: ' : ''}`;
    const docs = spec.docs ? (opts.markdown ? `A Zuul ${kind}. [Zuul documentation](${spec.docs})` : `A Zuul ${kind}. Zuul documentation: ${spec.docs}`) : undefined;
    return { label: kind, kind: 'module' as const, insertText: (ctx.needsSpace ? ' ' : '') + text, filterText: kind, snippet: !!snippet, multiline: true, range, documentation: docs, sortText: ['job', 'project', 'nodeset', 'project-template', 'secret', 'semaphore'].includes(kind) ? `0${kind}` : `1${kind}` };
  });
}

export function valueItems(ty: Ty | undefined, range: Range, needsSpace: boolean): CompletionEntry[] {
  return scalarChoices(ty).map((v, i) => ({ label: v, kind: 'enum' as const, insertText: `${needsSpace ? ' ' : ''}${v}`, snippet: false, range, filterText: v, sortText: String(i).padStart(3, '0') }));
}
