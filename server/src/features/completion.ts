// Completion in a Zuul file: attribute keys, values, item types and the
// names a value refers to, read from the text around the cursor so that it
// works while the YAML is still being written.
import type { ZuulWorkspace } from '../engine/workspace';
import type { Position, Range } from '../zuul/types';
import { cursorContext, itemNamesInBlock, valueInBlock, type CursorContext, type Seg } from './cursorContext';
import { objOf, refKind, resolvePath, scalarChoices, acceptsString, type Place, type RefKind } from './completionSchema';
import { itemTypeItems, keyItems, valueItems } from './completionKeys';
import { nameItems, namedOfKind, parentCandidates, playbookItems, repoCandidates, secretCandidates, type NameQuery } from './completionNames';
import type { CompletionEntry, CompletionOptions, CompletionResult } from './completionTypes';
import { pipelineListDoc } from './completionDocs';

export type { CompletionEntry, CompletionOptions, CompletionResult } from './completionTypes';

const NONE: CompletionResult = { items: [], isIncomplete: false };
const MAX_TEXT = 4 * 1024 * 1024;

/** Completions at a position of a file of the workspace; never throws. */
export function completionsAt(ws: ZuulWorkspace, path: string, position: Position, options: CompletionOptions): CompletionResult {
  try {
    const state = ws.fileState(path);
    const text = ws.overlayOf(path) ?? state?.parsed.text;
    if (text === undefined || text.length > MAX_TEXT) return NONE;
    const ctx = cursorContext(text, position);
    if (!ctx) return NONE;
    return complete(ws, path, text, ctx, options);
  } catch {
    return NONE;
  }
}

function complete(ws: ZuulWorkspace, path: string, text: string, ctx: CursorContext, opts: CompletionOptions): CompletionResult {
  const range: Range = { start: { line: ctx.line, character: ctx.start }, end: { line: ctx.line, character: ctx.end } };
  const place = resolvePath(ctx.path);
  if (!place) return NONE;
  const items = (list: CompletionEntry[]): CompletionResult => ({ items: list, isIncomplete: false });
  if (ctx.mode === 'key') {
    // Typing indentation is not asking for keys.
    if (opts.trigger === ' ') return NONE;
    if (place.root) return items(itemTypeItems({ ...ctx, col: ctx.col + 2 }, range, opts));
    const spec = objOf(place.ty);
    if (!spec) return NONE;
    const extra = spec.extra && objOf(spec.extra)?.fields.jobs ? pipelineKeys(ws, spec.extra, opts) : [];
    return items(keyItems(spec, ctx, range, opts, extra));
  }
  // A value: after `key: `, or a fresh `- ` entry.
  if (place.root) return items(itemTypeItems(ctx, range, opts));
  const q: NameQuery = { ws, repo: ws.repoOf(path), range, partial: ctx.partial, opts, lead: ctx.needsSpace ? ' ' : '' };
  const kind = refKind(place);
  if (kind) return refItems(kind, q, ctx, text);
  const choices = scalarChoices(place.ty);
  if (choices.length) return items(valueItems(place.ty, range, ctx.needsSpace));
  // `- |` in a list of mappings (nodes, roles): the entry's keys.
  const spec = objOf(place.ty);
  if (spec && ctx.itemKeyCol !== undefined && !acceptsString(place.ty)) return items(keyItems(spec, { ...ctx, col: ctx.itemKeyCol }, range, opts));
  return NONE;
}

function pipelineKeys(ws: ZuulWorkspace, ty: NonNullable<Place['ty']>, opts: CompletionOptions) {
  return ws.index.names('pipeline').map((name) => ({ name, ty, doc: pipelineListDoc(name, opts.markdown) }));
}

function refItems(kind: RefKind, q: NameQuery, ctx: CursorContext, text: string): CompletionResult {
  switch (kind) {
    case 'job':
      return nameItems(q, namedOfKind(q, 'job'));
    case 'dependency': {
      const self = currentJob(ctx.path, text);
      const same = new Set(pipelineJobs(ctx.path, text));
      const list = namedOfKind(q, 'job', (n) => n !== self);
      for (const c of list) c.group = same.has(c.name) ? 0 : 1;
      return nameItems(q, list);
    }
    case 'parent':
      return nameItems(q, parentCandidates(q, currentJob(ctx.path, text)));
    case 'nodeset':
      return nameItems(q, namedOfKind(q, 'nodeset'));
    case 'secret':
      return nameItems(q, secretCandidates(q));
    case 'semaphore':
      return nameItems(q, namedOfKind(q, 'semaphore'));
    case 'template':
      return nameItems(q, namedOfKind(q, 'project-template'));
    case 'queue':
      return nameItems(q, namedOfKind(q, 'queue'));
    case 'pipeline':
      return nameItems(q, namedOfKind(q, 'pipeline'));
    case 'repo':
      return nameItems(q, repoCandidates(q), 'value');
    case 'playbook':
      return playbookItems(q);
  }
}

/** The job whose stanza or variant holds the cursor: its `name:`, or the variant's key. */
function currentJob(path: Seg[], text: string): string | undefined {
  const top = path[1];
  if (!top || top.k !== 'key') return undefined;
  if (top.name === 'job') {
    const body = path[2];
    const col = body ? body.col : undefined;
    return col === undefined ? undefined : valueInBlock(text, top.line, col, 'name');
  }
  for (let i = path.length - 1; i > 0; i--) {
    const s = path[i];
    if (s.k === 'key' && path[i - 1].k === 'item' && i >= 2 && path[i - 2].k === 'key' && (path[i - 2] as { name: string }).name === 'jobs') return s.name;
  }
  return undefined;
}

/** The jobs of the pipeline job list that holds the cursor, in a project or template. */
function pipelineJobs(path: Seg[], text: string): string[] {
  for (let i = path.length - 2; i >= 0; i--) {
    const s = path[i];
    const next = path[i + 1];
    if (s.k === 'key' && s.name === 'jobs' && next.k === 'item') return itemNamesInBlock(text, s.line, next.col);
  }
  return [];
}
