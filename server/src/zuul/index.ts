// Name -> definitions across every repo of the workspace. Job variants are
// all kept, in Zuul's load order (repo order, file order, document order).
import type { ConfigItem, ItemKind, ParsedFile } from './parse';
import type { Repo } from './discover';
import { pushAll } from './arrays';

export interface Definition {
  kind: ItemKind;
  /** Empty for a project stanza without `name` (it configures its own repo). */
  name: string;
  repo: Repo;
  file: ParsedFile;
  item: ConfigItem;
}

export interface IndexedFile {
  repo: Repo;
  file: ParsedFile;
}

/** The parent of a job that names none, unless the tenant's `default-parent` says otherwise (reference §3.2). */
export const DEFAULT_PARENT = 'base';

// Name lists survive re-indexing when unchanged, so that caches keyed on them do too.
const stableNames = new Map<ItemKind, { key: string; list: string[] }>();

export class ZuulIndex {
  private readonly byKind = new Map<ItemKind, Map<string, Definition[]>>();
  readonly all: Definition[] = [];
  /** Each file's definitions, as positions in `all`: an edit of one file patches only its own. */
  private readonly slots = new Map<ParsedFile, number[]>();

  /**
   * `loads`: the item classes the tenant loads from a repo (all when absent);
   * `defaultParent`: the tenant's default-parent.
   */
  constructor(
    files: IndexedFile[],
    loads?: (repo: Repo, kind: ItemKind) => boolean,
    readonly defaultParent = DEFAULT_PARENT,
  ) {
    for (const { repo, file } of files) {
      for (const item of file.items) {
        if (loads && item.kind !== 'pragma' && !loads(repo, item.kind)) continue;
        const name = item.kind === 'project' && item.name === undefined ? '' : (item.name ?? '');
        if (item.kind !== 'project' && item.kind !== 'pragma' && !name) continue;
        const def: Definition = { kind: item.kind, name, repo, file, item };
        const slots = this.slots.get(file);
        if (slots) slots.push(this.all.length);
        else this.slots.set(file, [this.all.length]);
        this.all.push(def);
        let m = this.byKind.get(item.kind);
        if (!m) this.byKind.set(item.kind, (m = new Map()));
        const list = m.get(name);
        if (list) list.push(def);
        else m.set(name, [def]);
      }
    }
  }

  /**
   * This index with the definitions of `before` taken from `after`, a new
   * version of the file whose items have the same kinds and names in the same
   * order (an edit of values only): the other files' definitions are kept, so
   * an edit does not cost building the index of the whole workspace again.
   */
  withFile(before: ParsedFile, after: ParsedFile): ZuulIndex {
    if (before.items.length !== after.items.length) throw new Error(`withFile: ${after.path} does not have the same items`);
    // A re-parse keeps the items it did not touch (the same objects): their definitions only move to the new file.
    const items = new Map<ConfigItem, ConfigItem>();
    for (let k = 0; k < before.items.length; k++) if (before.items[k] !== after.items[k]) items.set(before.items[k], after.items[k]);
    // The lists are taken over, not copied (that was a pass over every name): this index must not be used afterwards.
    const next = Object.create(ZuulIndex.prototype) as ZuulIndex;
    Object.assign(next, { defaultParent: this.defaultParent, nameLists: new Map(), byKind: this.byKind, all: this.all, slots: this.slots });
    const all = this.all;
    const slots = this.slots.get(before) ?? [];
    this.slots.delete(before);
    if (slots.length) this.slots.set(after, slots);
    for (const i of slots) {
      const d = all[i];
      const item = items.get(d.item);
      if (!item) {
        d.file = after;
        continue;
      }
      if (item.kind !== d.item.kind || item.name !== d.item.name) throw new Error(`withFile: ${after.path} does not have the same items`);
      const nd: Definition = { ...d, file: after, item };
      all[i] = nd;
      const list = this.byKind.get(d.kind)!.get(d.name)!;
      list[list.indexOf(d)] = nd;
    }
    return next;
  }

  get(kind: ItemKind, name: string): Definition[] {
    return this.byKind.get(kind)?.get(name) ?? [];
  }

  has(kind: ItemKind, name: string): boolean {
    return this.get(kind, name).length > 0;
  }

  private readonly nameLists = new Map<ItemKind, string[]>();

  /** The names of a kind; the same array (by identity) across re-indexes while the names do not change. */
  names(kind: ItemKind): string[] {
    let list = this.nameLists.get(kind);
    if (!list) {
      list = [...(this.byKind.get(kind)?.keys() ?? [])];
      const key = list.join('\n');
      const prev = stableNames.get(kind);
      if (prev && prev.key === key) list = prev.list;
      else stableNames.set(kind, { key, list });
      this.nameLists.set(kind, list);
    }
    return list;
  }

  /** Every definition of a kind, in load order. */
  ofKind(kind: ItemKind): Definition[] {
    const out: Definition[] = [];
    for (const list of this.byKind.get(kind)?.values() ?? []) pushAll(out, list);
    return out;
  }

  count(kind: ItemKind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }
}

/** A project name matches a repo when it equals its name or ends with `/<name>` (canonical forms). */
export function projectNameMatches(projectName: string, repo: Repo): boolean {
  const short = repo.name.split('/').pop() ?? repo.name;
  const last = projectName.split('/').pop();
  return projectName === repo.name || last === short;
}
