// Names a value may refer to (jobs, parents, nodesets, secrets, ...), each
// with where it is defined, and playbook paths from the repo's file list.
import type { Definition, ZuulIndex } from '../zuul/index';
import { projectNameMatches } from '../zuul/index';
import type { ItemKind } from '../zuul/parse';
import type { Repo } from '../zuul/discover';
import { ancestry, DEFAULT_PARENT, everyVariant } from '../zuul/inherit';
import { descriptionOf, directChildren, where } from './hoverJob';
import type { ZuulWorkspace } from '../zuul/workspace';
import type { Range } from '../zuul/types';
import type { CompletionEntry, CompletionOptions, CompletionResult } from './completionTypes';

export interface NameQuery {
  ws: ZuulWorkspace;
  repo: Repo | undefined;
  range: Range;
  partial: string;
  opts: CompletionOptions;
  /** Prefix of every insert (a space after `key:`). */
  lead: string;
}

const DEFAULT_LIMIT = 500;

/** Where a completed name is defined: at its `name:` line. */
export function locationOf(def: Definition): string {
  return where(def, def.item.nameNode ?? def.item.keyNode);
}

interface Candidate {
  name: string;
  defs: Definition[];
  /** Lower sorts first. */
  group?: number;
}

/** Builds items for candidates; past the limit only names containing the typed word are kept. */
export function nameItems(q: NameQuery, candidates: Candidate[], kind: 'reference' | 'value' = 'reference'): CompletionResult {
  const limit = q.opts.limit ?? DEFAULT_LIMIT;
  let list = candidates;
  let isIncomplete = false;
  if (list.length > limit) {
    const p = q.partial.toLowerCase();
    list = list.filter((c) => c.name.toLowerCase().includes(p));
    list.sort((a, b) => (a.group ?? 1) - (b.group ?? 1) || Number(!a.name.toLowerCase().startsWith(p)) - Number(!b.name.toLowerCase().startsWith(p)) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (list.length > limit) {
      list = list.slice(0, limit);
      isIncomplete = true;
    }
  }
  const items = list.map((c): CompletionEntry => {
    const def = c.defs[0];
    const where = def ? locationOf(def) : undefined;
    const doc = c.defs.length ? descriptionOf(c.defs) : undefined;
    return {
      label: c.name,
      kind,
      insertText: q.lead + c.name,
      snippet: false,
      range: q.range,
      filterText: c.name,
      sortText: `${c.group ?? 1}${c.name}`,
      ...(where ? (q.opts.labelDetails ? { description: where } : { detail: where }) : {}),
      ...(doc ? { documentation: doc } : {}),
    };
  });
  return { items, isIncomplete };
}

export function namedOfKind(q: NameQuery, kind: ItemKind, keep: (name: string, defs: Definition[]) => boolean = () => true): Candidate[] {
  const out: Candidate[] = [];
  for (const name of q.ws.index.names(kind)) {
    const defs = q.ws.index.get(kind, name);
    if (keep(name, defs)) out.push({ name, defs });
  }
  return out;
}

// Which jobs are final or protected in every variant, once per index: a parent
// completion on a 10,000-job tenant must not test every job on every keystroke.
const flagCache = new WeakMap<ZuulIndex, { final: Set<string>; protectedJobs: Set<string> }>();

function flagged(index: ZuulIndex): { final: Set<string>; protectedJobs: Set<string> } {
  let hit = flagCache.get(index);
  if (!hit) {
    hit = { final: new Set(), protectedJobs: new Set() };
    for (const name of index.names('job')) {
      if (everyVariant(index, name, 'final')) hit.final.add(name);
      if (everyVariant(index, name, 'protected')) hit.protectedJobs.add(name);
    }
    flagCache.set(index, hit);
  }
  return hit;
}

/** `job` and every job that inherits from it. A child names its parent in `parent:` (except children of the default parent), so the parent's uses lead to it. */
function descendants(q: NameQuery, job: string): Set<string> {
  const index = q.ws.index;
  const out = new Set<string>();
  if (job === DEFAULT_PARENT) {
    for (const name of index.names('job')) if (ancestry(index, name).chain.includes(job)) out.add(name);
    out.add(job);
    return out;
  }
  const todo = [job];
  while (todo.length) {
    const n = todo.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    for (const c of directChildren(q.ws, n)) if (!out.has(c)) todo.push(c);
  }
  return out;
}

/** Jobs that may be the parent of `job`: not itself, not one of its descendants, not final, not protected elsewhere. */
export function parentCandidates(q: NameQuery, job: string | undefined): Candidate[] {
  const banned = job ? descendants(q, job) : new Set<string>();
  const { final, protectedJobs } = flagged(q.ws.index);
  return namedOfKind(q, 'job', (name, defs) => {
    if (banned.has(name) || final.has(name)) return false;
    if (protectedJobs.has(name) && q.repo && defs.every((d) => d.repo.root !== q.repo!.root)) return false;
    return true;
  });
}

/** A job may only use the secrets of its own project. */
export function secretCandidates(q: NameQuery): Candidate[] {
  return namedOfKind(q, 'secret', (_n, defs) => !!q.repo && defs.some((d) => d.repo.root === q.repo!.root)).map((c) => ({ ...c, defs: c.defs.filter((d) => d.repo.root === q.repo!.root) }));
}

/** Repos of the workspace by the project name their own project stanza gives, else their folder name. */
export function repoCandidates(q: NameQuery): Candidate[] {
  const own = new Map<string, string>();
  for (const def of q.ws.index.ofKind('project')) {
    if (def.name && !def.name.startsWith('^') && !own.has(def.repo.root) && projectNameMatches(def.name, def.repo)) own.set(def.repo.root, def.name);
  }
  const names = new Set(q.ws.repos.map((r) => own.get(r.root) ?? r.name));
  return [...names].map((name) => ({ name, defs: [] }));
}

const CONFIG_PATH = /^(\.?zuul\.ya?ml$|\.?zuul\.d\/|zuul-tests\.d\/)/;
// The YAML files inside a role (its tasks, handlers, defaults...) are not playbooks.
const ROLE_PART = /(^|\/)(tasks|handlers|defaults|vars|meta|templates|files)\//;

/** The entries of the folder typed so far (`playbooks/` → its files and subfolders); YAML files only. */
export function playbookItems(q: NameQuery): CompletionResult {
  const repo = q.repo;
  if (!repo) return { items: [], isIncomplete: false };
  const cut = q.partial.lastIndexOf('/');
  const folder = cut >= 0 ? q.partial.slice(0, cut + 1) : '';
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const f of repo.files) {
    if (!f.startsWith(folder) || CONFIG_PATH.test(f) || ROLE_PART.test(f) || !/\.ya?ml$/.test(f)) continue;
    const rest = f.slice(folder.length);
    const slash = rest.indexOf('/');
    if (slash < 0) files.add(f);
    else folders.add(folder + rest.slice(0, slash + 1));
  }
  const limit = q.opts.limit ?? DEFAULT_LIMIT;
  const all = [...[...folders].sort().map((p) => ({ p, dir: true })), ...[...files].sort().map((p) => ({ p, dir: false }))];
  const items = all.slice(0, limit).map(({ p, dir }): CompletionEntry => ({
    label: p,
    kind: dir ? 'folder' : 'file',
    insertText: q.lead + p,
    snippet: false,
    range: q.range,
    filterText: p,
    sortText: `${dir ? 1 : 0}${p}`,
  }));
  return { items, isIncomplete: all.length > limit };
}
