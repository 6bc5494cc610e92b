// The outline of one config file: its items, a project's pipelines with the
// jobs they run, a job's playbooks. Built from the parsed model, so it shows
// whatever part of a broken file still parses.
import { isAlias, isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { ConfigItem, ItemKind, ParsedFile } from '../zuul/parse';
import type { Repo } from '../zuul/discover';
import type { Definition } from '../zuul/index';
import type { Range } from '../zuul/types';
import type { ZuulWorkspace } from '../engine/workspace';
import { PLAYBOOK_PHASES } from '../zuul/playbooks';
import { pipelineLists, type PipelineJobList } from '../zuul/stanzas';
import { entries, resolve, str, type YNode } from '../zuul/yamlNodes';
import { contains, dashBefore, spanOf, type Span } from './spans';

/** An item kind, or a part of one: a project's pipeline, a job it runs, a job's playbook. */
export type OutlineKind = ItemKind | 'project-pipeline' | 'job-ref' | 'playbook';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: OutlineKind;
  range: Range;
  /** The name (or key) to highlight; always inside `range`. */
  selectionRange: Range;
  children: OutlineSymbol[];
}

export interface FlatSymbol {
  name: string;
  kind: OutlineKind;
  range: Range;
  containerName?: string;
}

/** The file's outline; undefined for a file the workspace does not track. */
export function documentSymbols(ws: ZuulWorkspace, path: string, hierarchical: true): OutlineSymbol[] | undefined;
export function documentSymbols(ws: ZuulWorkspace, path: string, hierarchical: boolean): OutlineSymbol[] | FlatSymbol[] | undefined;
export function documentSymbols(ws: ZuulWorkspace, path: string, hierarchical: boolean): OutlineSymbol[] | FlatSymbol[] | undefined {
  const state = ws.fileState(path);
  if (!state) return undefined;
  const tree = outline(state.parsed, state.repo);
  return hierarchical ? tree : flatten(tree);
}

export function outline(file: ParsedFile, repo: Repo): OutlineSymbol[] {
  const b = new Builder(file);
  return file.items.map((item) => b.item(item, repo));
}

function flatten(tree: OutlineSymbol[]): FlatSymbol[] {
  const out: FlatSymbol[] = [];
  const walk = (syms: OutlineSymbol[], container: string | undefined) => {
    for (const s of syms) {
      out.push(container === undefined ? { name: s.name, kind: s.kind, range: s.range } : { name: s.name, kind: s.kind, range: s.range, containerName: container });
      walk(s.children, s.name);
    }
  };
  walk(tree, undefined);
  return out;
}

const firstLine = (s: string | undefined) => s?.split(/\r?\n/).find((l) => l.trim())?.trim();

class Builder {
  private readonly text: string;

  constructor(private readonly file: ParsedFile) {
    this.text = file.text;
  }

  item(item: ConfigItem, repo: Repo): OutlineSymbol {
    const doc = this.file.doc;
    const keySpan = this.span(item.keyNode) ?? [0, 0];
    const bodySpan = this.span(item.body) ?? keySpan;
    const whole = this.withDash([keySpan[0], Math.max(keySpan[1], bodySpan[1])]);
    const nameSpan = this.span(item.nameNode);
    const select = nameSpan && contains(whole, nameSpan) ? nameSpan : keySpan;
    const field = (key: string) => str(entries(doc, item.body).find((e) => e.key === key)?.value);
    let name = item.name ?? (isScalar(item.nameNode) && item.nameNode.value != null ? String(item.nameNode.value) : undefined);
    let detail: string = item.kind;
    if (item.kind === 'project' && item.nameNode === undefined) {
      name = repo.name;
      detail = 'this repo';
    } else if (item.kind === 'job') detail = field('parent') ?? firstLine(field('description')) ?? 'job';
    else if (item.kind === 'pipeline') detail = field('manager') ?? 'pipeline';
    // An editor refuses a symbol with an empty name.
    if (!name) name = item.kind === 'pragma' ? 'pragma' : `(unnamed ${item.kind})`;
    const sym = this.symbol(name, detail, item.kind, whole, select);
    if (item.kind === 'project' || item.kind === 'project-template') {
      const def: Definition = { kind: item.kind, name: item.name ?? '', repo, file: this.file, item };
      sym.children = pipelineLists(def).map((pl) => this.pipeline(pl, item.body, whole));
    } else if (item.kind === 'job') sym.children = this.playbooks(item.body, whole);
    return sym;
  }

  private pipeline(pl: PipelineJobList, body: YAMLMap, item: Span): OutlineSymbol {
    const pair = (body.items as Pair[]).find((p) => p.key === pl.pipelineKey);
    // A pipeline merged in with `<<` is written elsewhere: point at the merge.
    const written = pair ?? (body.items as Pair[]).find((p) => isScalar(p.key) && (p.key.source === '<<' || p.key.value === '<<'));
    const keySpan = this.span(pair ? pl.pipelineKey : (written?.key as YNode | undefined)) ?? item;
    const valueSpan = this.span(written?.value as YNode | undefined);
    const whole: Span = contains(item, keySpan) ? [keySpan[0], Math.max(keySpan[1], valueSpan?.[1] ?? 0)] : item;
    const n = pl.entries.length;
    const sym = this.symbol(pl.pipeline, `${n} job${n === 1 ? '' : 's'}`, 'project-pipeline', whole, contains(whole, keySpan) ? keySpan : whole);
    const rawList = isMap(pair?.value) ? (pair.value.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'jobs')?.value : undefined;
    for (const e of pl.entries) {
      let range = this.withDash(this.span(e.entryNode) ?? whole);
      let select = this.span(e.nameNode) ?? range;
      let detail = '';
      if (!contains(whole, range)) {
        // Listed through an alias: the alias is what is written here.
        const alias = isAlias(rawList) ? rawList : isSeq(rawList) ? rawList.items.find((i) => isAlias(i) && resolve(this.file.doc, i) === e.entryNode) : undefined;
        const aliasSpan = this.span(alias as YNode | undefined);
        range = aliasSpan && contains(whole, aliasSpan) ? aliasSpan : keySpan;
        select = range;
        detail = isAlias(alias) ? `via *${alias.source}` : 'merged';
      }
      sym.children.push(this.symbol(e.jobName || '(unnamed job)', detail, 'job-ref', range, contains(range, select) ? select : range));
    }
    return sym;
  }

  private playbooks(body: YAMLMap, item: Span): OutlineSymbol[] {
    const doc = this.file.doc;
    const out: OutlineSymbol[] = [];
    for (const e of entries(doc, body)) {
      if (!PLAYBOOK_PHASES.includes(e.key)) continue;
      const values = isSeq(e.value) ? e.value.items.map((i) => resolve(doc, i)) : [e.value];
      for (const v of values) {
        const node = isMap(v) ? entries(doc, v).find((x) => x.key === 'name')?.value : v;
        const path = str(node);
        const s = this.span(node);
        if (path && s && contains(item, s)) out.push(this.symbol(path, e.key, 'playbook', s, s));
      }
    }
    return out;
  }

  private withDash(s: Span): Span {
    return [dashBefore(this.text, s[0]) ?? s[0], s[1]];
  }

  private span(node: YNode | null | undefined): Span | undefined {
    return spanOf(this.text, node);
  }

  private symbol(name: string, detail: string, kind: OutlineKind, range: Span, select: Span): OutlineSymbol {
    const lines = this.file.lines;
    return { name, detail, kind, range: lines.range(range[0], range[1]), selectionRange: lines.range(select[0], select[1]), children: [] };
  }
}
