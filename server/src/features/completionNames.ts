// Names a value may refer to (jobs, parents, nodesets, secrets, ...), each
// with where it is defined, and playbook paths from the repo's file list.
import type { Definition, ZuulIndex } from '../zuul/index';
import { projectNameMatches } from '../zuul/index';
import type { ItemKind } from '../zuul/parse';
import type { Repo } from '../zuul/discover';
import { descriptionOf, where } from './hoverJob';
import { descendantsOf, jobFacts } from './jobFacts';
import type { ZuulWorkspace } from '../engine/workspace';
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
  /** The name in lower case, when known, for matching what is typed. */
  lower?: string;
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
    ({ list, isIncomplete } = bestFirst(candidates, q.partial.toLowerCase(), limit));
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

/**
 * The first `limit` candidates containing `typed`, best first: by group, then
 * names starting with it, then by name. Candidates arrive in name order (see
 * namedOfKind), so ranking them into buckets keeps each bucket sorted: a
 * 10,000-job tenant is asked on every keystroke.
 */
function bestFirst(candidates: Candidate[], typed: string, limit: number): { list: Candidate[]; isIncomplete: boolean } {
  const buckets: Candidate[][] = [];
  for (const c of candidates) {
    const at = (c.lower ?? c.name.toLowerCase()).indexOf(typed);
    if (at < 0) continue;
    const rank = (c.group ?? 1) * 2 + (at === 0 ? 0 : 1);
    (buckets[rank] ??= []).push(c);
  }
  const out: Candidate[] = [];
  for (const bucket of buckets) {
    if (!bucket) continue;
    for (const c of bucket) {
      if (out.length === limit) return { list: out, isIncomplete: true };
      out.push(c);
    }
  }
  return { list: out, isIncomplete: false };
}

// The index keeps one names list while the names stay the same, so an edit
// that adds or removes no name reuses the sorted, lower-cased copy.
const sortedCache = new WeakMap<readonly string[], { name: string; lower: string }[]>();

function sortedNames(index: ZuulIndex, kind: ItemKind): { name: string; lower: string }[] {
  const names = index.names(kind);
  let hit = sortedCache.get(names);
  if (!hit) {
    hit = names.map((name) => ({ name, lower: name.toLowerCase() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    sortedCache.set(names, hit);
  }
  return hit;
}

/** The names of a kind that `keep` accepts, in name order. */
export function namedOfKind(q: NameQuery, kind: ItemKind, keep: (name: string, defs: Definition[]) => boolean = () => true): Candidate[] {
  const out: Candidate[] = [];
  for (const { name, lower } of sortedNames(q.ws.index, kind)) {
    const defs = q.ws.index.get(kind, name);
    if (keep(name, defs)) out.push({ name, lower, defs });
  }
  return out;
}

/** Jobs that may be the parent of `job`: not itself, not one of its descendants, not final, not protected elsewhere. */
export function parentCandidates(q: NameQuery, job: string | undefined): Candidate[] {
  const facts = jobFacts(q.ws.index);
  const banned = job ? descendantsOf(facts, job) : new Set<string>();
  const { final, protectedJobs } = facts;
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
  return [...names].sort().map((name) => ({ name, defs: [] }));
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
