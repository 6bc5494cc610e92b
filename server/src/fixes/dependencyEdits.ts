// Adding a dependency to a job of a project-pipeline, as a person would by
// hand: append to the list that applies (in its own style), or give the
// pipeline entry a `dependencies:` list written like its siblings'. Shared by
// the dependency fix providers; not a provider itself.
import { relative, sep } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ParsedFile } from '../zuul/parse';
import type { Definition, ZuulIndex } from '../zuul/index';
import { projectPipelines, type DepList, type DepRef, type ProjectPipeline } from '../zuul/jobGraph';
import type { JobStanza } from '../zuul/stanzas';
import { resolve } from '../zuul/yamlNodes';
import { editableEntry } from '../checks/missing-bootstrap-dependency';
import type { FileEdit } from './types';
import { hardenEdit, hardenSafe } from './hardenDependency';
import {
  anchorNote, column, contentEnd, dashColumn, eol, isNullScalar, keyColumn, lineEnd, majority, mappingStep, pairHeadEnd, parentOf,
  quoteName, quoteStyleOf, sequenceIndent, spaces, toTextEdit, type OffsetEdit, type QuoteStyle,
} from './yamlText';
import { pushAll } from '../zuul/arrays';

export interface NewDep {
  name: string;
  soft: boolean;
}

export type ItemKind = 'string' | 'blockMap' | 'flowMap';

/** How a file writes dependency lists. */
export interface ListStyle {
  flow: boolean;
  item: ItemKind;
  quote: QuoteStyle;
  /** `{ name: x }` rather than `{name: x}`. */
  braceSpace: boolean;
  /** Columns between `dependencies:` and the `-` of its items (block lists). */
  seqIndent?: number;
}

export const DEFAULT_STYLE: ListStyle = { flow: false, item: 'string', quote: 'plain', braceSpace: false };

interface Votes {
  flow: boolean[];
  item: ItemKind[];
  quote: QuoteStyle[];
  brace: boolean[];
  indent: number[];
}

const noVotes = (): Votes => ({ flow: [], item: [], quote: [], brace: [], indent: [] });

function vote(file: ParsedFile, value: Node | null | undefined, v: Votes, measureIndent: boolean): void {
  if (!value || !file.doc) return;
  const doc = file.doc;
  const items = isSeq(value) ? value.items.map((i) => resolve(doc, i)) : [value];
  if (isSeq(value)) {
    v.flow.push(!!value.flow);
    if (measureIndent) {
      const d = sequenceIndent(file, value);
      if (d !== undefined) v.indent.push(d);
    }
  }
  for (const item of items) {
    if (isScalar(item) && typeof item.value === 'string') {
      v.item.push('string');
      v.quote.push(quoteStyleOf(item));
    } else if (isMap(item)) {
      v.item.push(item.flow ? 'flowMap' : 'blockMap');
      if (item.flow && item.range) v.brace.push(file.text[item.range[0] + 1] === ' ');
      const name = (item.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'name');
      if (name) v.quote.push(quoteStyleOf(name.value));
    }
  }
}

function decide(v: Votes, base: ListStyle): ListStyle {
  return {
    flow: majority(v.flow) ?? base.flow,
    item: majority(v.item) ?? base.item,
    quote: majority(v.quote) ?? base.quote,
    braceSpace: majority(v.brace) ?? base.braceSpace,
    seqIndent: majority(v.indent) ?? base.seqIndent,
  };
}

/** The dependency lists of a pipeline's jobs, each once. */
export function pipelineDepLists(pp: ProjectPipeline): DepList[] {
  const seen = new Set<unknown>();
  const out: DepList[] = [];
  for (const j of pp.jobs.values()) {
    const dl = j.depList;
    if (!dl || seen.has(dl.entry.keyNode)) continue;
    seen.add(dl.entry.keyNode);
    out.push(dl);
  }
  return out;
}

/**
 * The style of the pipeline's other dependency lists; indentation measured on
 * those in `file`, else on the pipeline's job list (`jobs:` to its `-`).
 */
export function siblingStyle(pp: ProjectPipeline, file: ParsedFile, jobList?: Node): ListStyle {
  const v = noVotes();
  const lists = pipelineDepLists(pp);
  // The entries of the pipeline speak for it; job stanzas only when no entry has a list.
  const variants = lists.filter((l) => l.from === 'variant');
  for (const l of variants.length ? variants : lists) vote(l.def.file, l.entry.value, v, false);
  for (const l of lists) {
    if (l.def.file !== file || !isSeq(l.entry.value)) continue;
    const d = sequenceIndent(file, l.entry.value);
    if (d !== undefined) v.indent.push(d);
  }
  if (!v.indent.length && isSeq(jobList)) {
    const d = sequenceIndent(file, jobList);
    if (d !== undefined) v.indent.push(d);
  }
  return decide(v, DEFAULT_STYLE);
}

function ownStyle(file: ParsedFile, value: Node | null, base: ListStyle): ListStyle {
  const v = noVotes();
  vote(file, value, v, true);
  return decide(v, base);
}

// ---------------------------------------------------------------------------
// Text of new items and lists.

function itemText(dep: NewDep, style: ListStyle, inFlow: boolean, contCol: number, nl: string): string {
  const name = quoteName(dep.name, style.quote);
  if (style.item === 'string' && !dep.soft) return name;
  if (inFlow || style.item === 'flowMap') {
    const inner = `name: ${name}${dep.soft ? ', soft: true' : ''}`;
    return style.braceSpace ? `{ ${inner} }` : `{${inner}}`;
  }
  return `name: ${name}${dep.soft ? `${nl}${spaces(contCol)}soft: true` : ''}`;
}

function flowList(deps: NewDep[], style: ListStyle, nl: string): string {
  return `[${deps.map((d) => itemText(d, style, true, 0, nl)).join(', ')}]`;
}

function blockItems(deps: NewDep[], style: ListStyle, dashCol: number, nl: string, gap = ' '): string {
  return deps.map((d) => `${nl}${spaces(dashCol)}-${gap}${itemText(d, style, false, dashCol + 1 + gap.length, nl)}`).join('');
}

/** `dependencies: [...]` or `dependencies:` and block items, for a key at `keyCol`. */
function dependenciesText(deps: NewDep[], style: ListStyle, keyCol: number, nl: string): string {
  return style.flow ? `dependencies: ${flowList(deps, style, nl)}` : `dependencies:${blockItems(deps, style, keyCol + (style.seqIndent ?? 2), nl)}`;
}

// ---------------------------------------------------------------------------
// Edits.

export interface Planned {
  file: ParsedFile;
  edits: OffsetEdit[];
  /** The node whose content changes (for the anchor note). */
  edited: Node | undefined;
}

/** Appends to a `dependencies:` value (a list, one name, one mapping, or nothing yet). */
export function appendToDependencies(file: ParsedFile, pair: Pair, deps: NewDep[], sibling: ListStyle): Planned {
  const text = file.text;
  const nl = eol(file);
  const doc = file.doc;
  const value = resolve(doc, pair.value);
  const style = ownStyle(file, value, sibling);
  if (isSeq(value) && value.flow) {
    const items = value.items as Node[];
    if (!items.length) {
      const open = value.range![0] + 1;
      return { file, edits: [{ start: open, end: open, text: deps.map((d) => itemText(d, style, true, 0, nl)).join(', ') }], edited: value };
    }
    const last = items[items.length - 1];
    const end = contentEnd(text, last);
    let sepText = ', ';
    if (items.length >= 2) {
      const prevEnd = contentEnd(text, items[items.length - 2]);
      sepText = text.slice(prevEnd, last.range![0]);
    } else if (text.slice(value.range![0], last.range![0]).includes('\n')) {
      sepText = `,${nl}${spaces(column(text, last.range![0]))}`;
    }
    if (!sepText.includes(',')) sepText = ', ';
    return { file, edits: [{ start: end, end, text: deps.map((d) => `${sepText}${itemText(d, style, true, 0, nl)}`).join('') }], edited: value };
  }
  if (isSeq(value)) {
    const last = value.items[value.items.length - 1] as Node;
    const dash = dashColumn(text, last);
    if (dash === undefined || !last.range) throw new Error('block list item without a dash');
    const gap = spaces(Math.max(1, column(text, last.range[0]) - dash - 1));
    const at = lineEnd(text, contentEnd(text, last));
    return { file, edits: [{ start: at, end: at, text: blockItems(deps, { ...style, flow: false }, dash, nl, gap) }], edited: value };
  }
  if ((isScalar(value) && typeof value.value === 'string') || (isMap(value) && value.flow)) {
    // One dependency written alone becomes a flow list of the old and the new.
    const r = value.range!;
    const src = text.slice(r[0], contentEnd(text, value));
    const added = deps.map((d) => itemText(d, style, true, 0, nl)).join(', ');
    return { file, edits: [{ start: r[0], end: r[0] + src.length, text: `[${src}, ${added}]` }], edited: parentOf(doc!, value)?.container };
  }
  if (value == null || isNullScalar(value)) {
    const key = pair.key as Node;
    const head = pairHeadEnd(text, pair);
    if (style.flow) return { file, edits: [{ start: head, end: head, text: ` ${flowList(deps, style, nl)}` }], edited: parentOf(doc!, key)?.container };
    const at = lineEnd(text, Math.max(head, value?.range ? contentEnd(text, value) : head));
    const col = column(text, key.range![0]) + (style.seqIndent ?? 2);
    return { file, edits: [{ start: at, end: at, text: blockItems(deps, style, col, nl) }], edited: parentOf(doc!, key)?.container };
  }
  throw new Error('a dependencies value this fix does not rewrite');
}

/** Adds a `dependencies:` key to a job's body mapping. */
function addKeyToBody(file: ParsedFile, body: YAMLMap, deps: NewDep[], style: ListStyle): Planned {
  const text = file.text;
  const nl = eol(file);
  if (body.flow) {
    const items = body.items as Pair[];
    const list = `dependencies: ${flowList(deps, style, nl)}`;
    if (!items.length) {
      const open = body.range![0] + 1;
      return { file, edits: [{ start: open, end: open, text: list }], edited: body };
    }
    const end = contentEnd(text, items[items.length - 1].value ?? items[items.length - 1].key);
    return { file, edits: [{ start: end, end, text: `, ${list}` }], edited: body };
  }
  const col = keyColumn(text, body);
  if (col === undefined) throw new Error('mapping without a key');
  const at = lineEnd(text, contentEnd(text, body));
  return { file, edits: [{ start: at, end: at, text: `${nl}${spaces(col)}${dependenciesText(deps, style, col, nl)}` }], edited: body };
}

/** Gives a pipeline entry (`- job`, `- job:`, `- job: {...}`, `- job: *anchor`) a dependencies list. */
export function addToEntry(stanza: JobStanza, deps: NewDep[], style: ListStyle): Planned {
  const file = stanza.def.file;
  const text = file.text;
  const doc = file.doc;
  const nl = eol(file);
  const list = stanza.listNode;
  const node = stanza.entryNode;
  if (!doc || !node || !isSeq(list)) throw new Error('not a pipeline entry');
  const step = mappingStep(file, list);
  if (isScalar(node)) {
    // `- *name` would need the alias written out; nobody writes job lists like that.
    if (!list.items.includes(node)) throw new Error('entry is an alias');
    const r = node.range!;
    const end = contentEnd(text, node);
    if (list.flow) {
      const src = text.slice(r[0], end);
      return { file, edits: [{ start: r[0], end, text: `{${src}: {dependencies: ${flowList(deps, style, nl)}}}` }], edited: list };
    }
    const keyCol = column(text, r[0]);
    const block = `${nl}${spaces(keyCol + step)}${dependenciesText(deps, style, keyCol + step, nl)}`;
    const at = lineEnd(text, end);
    const edits: OffsetEdit[] = at === end ? [{ start: end, end, text: `:${block}` }] : [{ start: end, end, text: ':' }, { start: at, end: at, text: block }];
    return { file, edits, edited: list };
  }
  if (!isMap(node) || !node.items.length) throw new Error('not a job entry');
  const pair = node.items[0] as Pair;
  const value = resolve(doc, pair.value);
  if (isMap(value)) return addKeyToBody(file, value, deps, style);
  if (pair.value == null || isNullScalar(value)) {
    // `- job:` or `- job: &anchor` (maybe used through an alias elsewhere): the
    // body goes where the value is written, below that place's key.
    let where = pair;
    if (isAlias(pair.value) && value) {
      const owner = parentOf(doc, value)?.pair;
      if (!owner || owner.value !== value) throw new Error('alias of a value outside a mapping');
      where = owner;
    }
    const key = where.key as Node;
    const keyCol = column(text, key.range![0]);
    const head = Math.max(pairHeadEnd(text, where), value?.range ? contentEnd(text, value) : -1);
    const at = lineEnd(text, head);
    return { file, edits: [{ start: at, end: at, text: `${nl}${spaces(keyCol + step)}${dependenciesText(deps, style, keyCol + step, nl)}` }], edited: value ?? node };
  }
  throw new Error('entry value is not a mapping');
}

// ---------------------------------------------------------------------------
// Where a dependency goes.

export interface DependencyPlan {
  edit: FileEdit;
  /** Words after "Add dependency on X (soft)" saying where, when it is not the underlined entry; then the anchor note. */
  where: string;
  note: string;
  /** The file and offset of the change, to tell plans apart. */
  key: string;
  /** The job named the dependency softly already: the plan makes that entry hard rather than adding one. */
  hardened: boolean;
}

const posix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

export function repoPath(def: Definition): string {
  return posix(relative(def.repo.root, def.file.path));
}

function pairOf(file: ParsedFile, keyNode: Scalar): Pair | undefined {
  return file.doc ? parentOf(file.doc, keyNode)?.pair : undefined;
}

/** Hard dependencies added to a job stanza must name jobs that every pipeline running the job (with that list) runs too. */
function stanzaListSafe(index: ZuulIndex, job: string, dl: DepList, dep: NewDep): boolean {
  if (dep.soft) return true;
  for (const pp of projectPipelines(index)) {
    const j = pp.jobs.get(job);
    if (!j?.depList || j.depList.entry.keyNode !== dl.entry.keyNode) continue;
    if (!pp.jobs.has(dep.name)) return false;
  }
  return true;
}

function finish(p: Planned, where: string, hardened = false): DependencyPlan {
  const first = p.edits[0];
  return {
    edit: { file: p.file.path, edits: p.edits.map((e) => toTextEdit(p.file, e)) },
    where,
    note: anchorNote(p.file.doc, p.edited),
    key: `${p.file.path}:${first?.start}:${first?.text}`,
    hardened,
  };
}

/** The list's dependencies with `dep` added, each job once: a name already there keeps its place and is hard if either is. */
function withDependency(deps: DepRef[], dep: NewDep): NewDep[] {
  const out: NewDep[] = [];
  for (const d of [...deps, dep]) {
    const prev = out.find((o) => o.name === d.name);
    if (prev) prev.soft &&= d.soft;
    else out.push({ name: d.name, soft: d.soft });
  }
  return out;
}

/** Flips the soft entries naming the dependency, where they are written; undefined when that would break another pipeline. */
function hardenWritten(index: ZuulIndex, named: DepRef[], entryFile: ParsedFile): DependencyPlan | undefined {
  const { file, def, from } = named[0];
  if (named.some((d) => d.file !== file)) throw new Error('soft entries of one dependency in several files');
  if (!named.every((d) => hardenSafe(index, d))) return undefined;
  const where = from === 'job' ? ` (in job ${def.name})` : `${inTemplate(def)}${file !== entryFile ? ` (${repoPath(def)})` : ''}`;
  const edited = file.doc ? parentOf(file.doc, named[0].node)?.container : undefined;
  return finish({ file, edits: named.map(hardenEdit), edited }, where, true);
}

/**
 * Makes `job` depend on `dep` in `pp`:
 * - the job names it softly already and `dep` is hard: that entry becomes
 *   hard where it is written, unless a pipeline that does not run `dep` uses
 *   the entry too (then the pipeline entry gets its own list, below);
 * - the list that applies comes from a pipeline entry: append to it;
 * - it comes from the job's own stanza: append there, so that every variant
 *   and pipeline of the job stays consistent, unless a hard dependency would
 *   then name a job that another pipeline running it does not run;
 * - otherwise (no list, an inherited one, or the cases above): give the
 *   pipeline entry its own list. A list replaces the job's (reference §3.11),
 *   so the dependencies it had are written into the new list too, each once.
 */
export function planDependency(index: ZuulIndex, pp: ProjectPipeline, job: string, dep: NewDep): DependencyPlan {
  const gj = pp.jobs.get(job);
  if (!gj || !gj.entries.length) throw new Error(`${job} is not in ${pp.pipeline}`);
  const named = gj.deps.filter((d) => d.name === dep.name);
  if (named.length && (dep.soft || named.some((d) => !d.soft))) throw new Error(`${job} depends on ${dep.name} already`);
  const entry = editableEntry(gj.entries);
  const dl = gj.depList;
  const sibling = siblingStyle(pp, entry.def.file, entry.listNode);
  if (named.length) {
    const plan = hardenWritten(index, named, entry.def.file);
    if (plan) return plan;
    // A variant's list (an `!inherit` one) cannot be replaced by the entry's own without losing what it inherits.
    if (dl?.from === 'variant') throw new Error('the soft entry is shared with a pipeline that does not run the dependency');
  } else if (dl && (dl.from === 'variant' || (dl.def.name === job && stanzaListSafe(index, job, dl, dep)))) {
    const pair = pairOf(dl.def.file, dl.entry.keyNode);
    if (!pair) throw new Error('dependencies key without its pair');
    const p = appendToDependencies(dl.def.file, pair, [dep], sibling);
    const where = dl.from === 'job' ? ` to job ${job} (${repoPath(dl.def)})` : `${inTemplate(dl.def)}${dl.def.file !== entry.def.file ? ` (${repoPath(dl.def)})` : ''}`;
    return finish(p, where);
  }
  if (dl && dl.deps.length) {
    const p = addToEntry(entry, withDependency(dl.deps, dep), sibling);
    const others = [...new Set(dl.deps.filter((d) => d.name !== dep.name).map((d) => d.name))];
    const list = others.length ? `a ${pp.pipeline} list that keeps ${others.join(', ')} (from job ${dl.def.name})` : `a ${pp.pipeline} list of its own, not job ${dl.def.name}'s`;
    return finish(p, ` in ${list}${inTemplate(entry.def)}`, named.length > 0);
  }
  return finish(addToEntry(entry, [dep], sibling), inTemplate(entry.def));
}

// A template's list is shared by every project that uses the template: say so.
function inTemplate(def: Definition): string {
  return def.kind === 'project-template' ? ` in project-template ${def.name}` : '';
}

/**
 * Merges plans into per-file edits, dropping duplicates (two jobs sharing one
 * anchored list, or inheriting one soft entry: the first plan covers both)
 * and plans that would overlap an earlier one. `accepted` counts the plans
 * the edits carry out; of those, `hardened` make a soft entry hard and
 * `added` write a new one.
 */
export function mergePlans(plans: DependencyPlan[]): { edits: FileEdit[]; accepted: number; hardened: number; added: number } {
  const byFile = new Map<string, FileEdit>();
  const seen = new Set<string>();
  let hardened = 0;
  let added = 0;
  const accept = (p: DependencyPlan) => (p.hardened ? hardened++ : added++);
  for (const p of plans) {
    if (seen.has(p.key)) {
      accept(p);
      continue;
    }
    const fe = byFile.get(p.edit.file) ?? { file: p.edit.file, edits: [] };
    if (p.edit.edits.some((e) => fe.edits.some((o) => overlaps(o.range, e.range)))) continue;
    seen.add(p.key);
    accept(p);
    pushAll(fe.edits, p.edit.edits);
    byFile.set(p.edit.file, fe);
  }
  return { edits: [...byFile.values()], accepted: hardened + added, hardened, added };
}

type Pos = { line: number; character: number };
const le = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character <= b.character);
function overlaps(a: { start: Pos; end: Pos }, b: { start: Pos; end: Pos }): boolean {
  // Two insertions at one point would apply in an order clients disagree on.
  return le(a.start, b.end) && le(b.start, a.end);
}
