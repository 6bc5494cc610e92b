// Every place a name of the Zuul world is written: the definitions (a job's
// `name:`, a nodeset's, ...) and the uses (parents, job lists, dependencies,
// templates, nodesets, secrets, semaphores, queues, pipeline keys, playbook
// paths, role repos, required projects, project stanza names). Navigation,
// rename, highlights, symbols, hover and code lenses all read this one table.
//
// What one stanza writes depends only on its own YAML, so the raw list of a
// file is kept for as long as the file is unchanged; the table that joins the
// files is rebuilt lazily once per index.
import { isMap, isSeq, type YAMLMap } from 'yaml';
import type { Definition, ZuulIndex } from '../zuul/index';
import type { Repo } from '../zuul/discover';
import type { ParsedFile } from '../zuul/parse';
import { pipelineLists, PROJECT_META_KEYS } from '../zuul/stanzas';
import { entries, resolve, str, type YNode } from '../zuul/yamlNodes';
import { PLAYBOOK_PHASES } from '../zuul/playbooks';
import { parseDeps } from '../zuul/jobGraph';
import type { Position, Range } from '../zuul/types';
import { namesRepo } from '../checks/references-policy';

export type NameKind = 'job' | 'project-template' | 'nodeset' | 'secret' | 'semaphore' | 'queue' | 'pipeline' | 'project' | 'playbook';

/** How a use names its target, for messages and for the order of completion. */
export type UseContext =
  | 'definition'
  | 'parent'
  | 'job-list'
  | 'dependency'
  | 'template'
  | 'nodeset'
  | 'alternative'
  | 'secret'
  | 'semaphore'
  | 'queue'
  | 'pipeline-key'
  | 'supercedes'
  | 'playbook'
  | 'role'
  | 'required-project'
  | 'project-name';

interface RawOccurrence {
  kind: NameKind;
  name: string;
  node: YNode;
  /** Offsets of the node's own text in the file. */
  start: number;
  end: number;
  context: UseContext;
  /** The job (or item) the name is written in, for messages: `job foo`, `project bar`. */
  owner: string;
  /** For uses inside a project-pipeline job list: the pipeline. */
  pipeline?: string;
}

export interface Occurrence extends RawOccurrence {
  file: ParsedFile;
  repo: Repo;
  range: Range;
  declaration: boolean;
  /** The definition whose stanza holds this occurrence. */
  def: Definition;
}

/** Kinds whose names are private to a repo: a job may only use its own project's secrets, and a playbook path is read from the job's repo. */
export const REPO_SCOPED: ReadonlySet<NameKind> = new Set(['secret', 'playbook']);

// Offsets: valid while the mapping's file object is the same (a re-parse moves kept mappings).
const rawCache = new WeakMap<YAMLMap, { file: ParsedFile; raw: RawOccurrence[] }>();

function rawOf(def: Definition): RawOccurrence[] {
  let hit = rawCache.get(def.item.body);
  if (!hit || hit.file !== def.file) rawCache.set(def.item.body, (hit = { file: def.file, raw: collect(def) }));
  return hit.raw;
}

function collect(def: Definition): RawOccurrence[] {
  const out: RawOccurrence[] = [];
  const doc = def.file.doc;
  const owner = def.kind === 'project' ? `project ${def.name || def.repo.name}` : `${def.kind} ${def.name}`;
  const add = (kind: NameKind, node: YNode | null | undefined, context: UseContext, who = owner, pipeline?: string) => {
    const name = str(node);
    const r = node?.range;
    if (!node || name === undefined || name === '' || !r) return;
    // Every field always present: one object shape keeps the table's build fast.
    out.push({ kind, name, node, start: r[0], end: r[1], context, owner: who, pipeline });
  };
  const many = (v: YNode | null | undefined): YNode[] => (v == null ? [] : isSeq(v) ? v.items.map((i) => resolve(doc, i)).filter((n): n is YNode => n != null) : [v]);
  const field = (node: YNode, key: string) => (isMap(node) ? entries(doc, node).find((e) => e.key === key)?.value : undefined);

  if (def.item.nameNode && def.kind !== 'pragma') {
    const kind = def.kind as NameKind;
    if (KINDS_WITH_NAMES.has(kind)) add(kind, def.item.nameNode, 'definition');
  }
  switch (def.kind) {
    case 'job':
      jobBody(def.item.body, owner);
      break;
    case 'nodeset':
      for (const a of many(field(def.item.body, 'alternatives'))) add('nodeset', a, 'alternative');
      break;
    case 'pipeline':
      for (const s of many(field(def.item.body, 'supercedes'))) add('pipeline', s, 'supercedes');
      break;
    case 'project':
    case 'project-template':
      projectBody();
      break;
  }
  return out;

  function jobBody(body: YAMLMap | undefined, who: string, pipeline?: string): void {
    if (!body) return;
    for (const e of entries(doc, body)) {
      switch (e.key) {
        case 'parent':
          add('job', e.value, 'parent', who, pipeline);
          break;
        case 'dependencies':
          for (const d of parseDeps(def, e, 'job').deps) add('job', d.node, 'dependency', who, pipeline);
          break;
        case 'nodeset':
          if (isMap(e.value)) for (const a of many(field(e.value, 'alternatives'))) add('nodeset', a, 'alternative', who, pipeline);
          else add('nodeset', e.value, 'nodeset', who, pipeline);
          break;
        case 'secrets':
          for (const s of many(e.value)) add('secret', isMap(s) ? resolve(doc, field(s, 'secret')) : s, 'secret', who, pipeline);
          break;
        case 'semaphore':
        case 'semaphores':
          for (const s of many(e.value)) add('semaphore', isMap(s) ? resolve(doc, field(s, 'name')) : s, 'semaphore', who, pipeline);
          break;
        case 'required-projects':
          for (const p of many(e.value)) add('project', isMap(p) ? resolve(doc, field(p, 'name')) : p, 'required-project', who, pipeline);
          break;
        case 'roles':
          for (const r of many(e.value)) if (isMap(r)) add('project', resolve(doc, field(r, 'zuul')), 'role', who, pipeline);
          break;
        default:
          if (!PLAYBOOK_PHASES.includes(e.key)) break;
          for (const pb of many(e.value)) {
            add('playbook', isMap(pb) ? resolve(doc, field(pb, 'name')) : pb, 'playbook', who, pipeline);
            if (isMap(pb)) for (const s of many(field(pb, 'semaphores'))) add('semaphore', s, 'semaphore', who, pipeline);
          }
      }
    }
  }

  function projectBody(): void {
    const body = def.item.body;
    if (def.kind === 'project') add('project', def.item.nameNode, 'project-name');
    for (const e of entries(doc, body)) {
      if (e.key === 'templates') for (const t of many(e.value)) add('project-template', t, 'template');
      else if (e.key === 'queue') add('queue', e.value, 'queue');
      else if (!PROJECT_META_KEYS.has(e.key) && isMap(e.value)) {
        add('pipeline', e.keyNode, 'pipeline-key');
        const q = field(e.value, 'queue');
        if (q) add('queue', q, 'queue', owner, e.key);
      }
    }
    for (const pl of pipelineLists(def)) {
      for (const entry of pl.entries) {
        add('job', entry.nameNode, 'job-list', owner, pl.pipeline);
        jobBody(entry.body, `the ${entry.jobName} entry of ${owner}`, pl.pipeline);
      }
    }
  }
}

const KINDS_WITH_NAMES: ReadonlySet<NameKind> = new Set(['job', 'project-template', 'nodeset', 'secret', 'semaphore', 'queue', 'pipeline']);

/** The identity of what an occurrence names: kind, scope and name. */
export interface SymbolKey {
  kind: NameKind;
  name: string;
  /** The repo the name is private to (secrets, playbooks), or the repo a project name designates. */
  repo?: Repo;
}

export function keyString(k: SymbolKey): string {
  return `${k.kind}\u0000${k.repo?.root ?? ''}\u0000${k.kind === 'project' && k.repo ? '' : k.name}`;
}

/** One file's occurrences: in text order, and grouped by what they name (in stanza order). */
interface FileOccurrences {
  repo: Repo;
  repos: readonly Repo[];
  sorted: Occurrence[];
  byKey: Map<string, Occurrence[]>;
  /** The definitions among them, in text order. */
  declared: Occurrence[];
}

// An edit re-parses one file; the others keep their ParsedFile, so their part of the table is kept too.
const fileCache = new WeakMap<ParsedFile, FileOccurrences>();

export class OccurrenceTable {
  private readonly files: FileOccurrences[] = [];
  private readonly byFile = new Map<string, FileOccurrences>();
  private readonly keys = new Map<Occurrence, SymbolKey>();

  constructor(
    readonly index: ZuulIndex,
    readonly repos: readonly Repo[],
  ) {
    let defs: Definition[] = [];
    const flush = () => {
      if (!defs.length) return;
      const file = defs[0].file;
      let hit = fileCache.get(file);
      if (!hit || hit.repo !== defs[0].repo || hit.repos !== repos) fileCache.set(file, (hit = this.fileOccurrences(defs)));
      this.files.push(hit);
      this.byFile.set(file.path, hit);
      defs = [];
    };
    for (const def of index.all) {
      if (defs.length && defs[0].file !== def.file) flush();
      defs.push(def);
    }
    flush();
  }

  private fileOccurrences(defs: Definition[]): FileOccurrences {
    const sorted: Occurrence[] = [];
    const byKey = new Map<string, Occurrence[]>();
    for (const def of defs) {
      for (const raw of rawOf(def)) {
        // Written out rather than spread: a spread and then more keys made each object slow to create (a new hidden class per object).
        const occ: Occurrence = {
          kind: raw.kind,
          name: raw.name,
          node: raw.node,
          start: raw.start,
          end: raw.end,
          context: raw.context,
          owner: raw.owner,
          pipeline: raw.pipeline,
          file: def.file,
          repo: def.repo,
          def,
          range: def.file.lines.range(raw.start, raw.end),
          declaration: raw.context === 'definition',
        };
        sorted.push(occ);
        const ks = keyString(this.keyOf(occ));
        const same = byKey.get(ks);
        if (same) same.push(occ);
        else byKey.set(ks, [occ]);
      }
    }
    sorted.sort((a, b) => a.start - b.start);
    return { repo: defs[0].repo, repos: this.repos, sorted, byKey, declared: sorted.filter((o) => o.declaration) };
  }

  /** Every occurrence of a key, in load order (files in index order, stanzas in file order). */
  private listOf(key: SymbolKey): Occurrence[] {
    const ks = keyString(key);
    const out: Occurrence[] = [];
    for (const f of this.files) {
      const list = f.byKey.get(ks);
      if (list) for (const o of list) out.push(o);
    }
    return out;
  }

  private keyOf(o: Occurrence): SymbolKey {
    if (REPO_SCOPED.has(o.kind)) return { kind: o.kind, name: o.name, repo: o.repo };
    if (o.kind === 'project') {
      const repo = this.repoNamed(o.name);
      return repo ? { kind: 'project', name: o.name, repo } : { kind: 'project', name: o.name };
    }
    return { kind: o.kind, name: o.name };
  }

  private readonly repoCache = new Map<string, Repo | undefined>();

  /** The workspace repo a project name designates, if any. */
  repoNamed(name: string): Repo | undefined {
    if (this.repoCache.has(name)) return this.repoCache.get(name);
    const repo = this.repos.find((r) => r.name === name) ?? this.repos.find((r) => namesRepo(name, r));
    this.repoCache.set(name, repo);
    return repo;
  }

  key(o: Occurrence): SymbolKey {
    let k = this.keys.get(o);
    if (!k) this.keys.set(o, (k = this.keyOf(o)));
    return k;
  }

  /** The occurrences of a file, in text order. */
  inFile(path: string): readonly Occurrence[] {
    return this.byFile.get(path)?.sorted ?? [];
  }

  /** The occurrence under a position (its end included, so a cursor just after a name still finds it). */
  at(path: string, pos: Position): Occurrence | undefined {
    const list = this.byFile.get(path)?.sorted;
    if (!list?.length) return undefined;
    const offset = list[0].file.lines.offset(pos);
    let lo = 0;
    let hi = list.length - 1;
    let found: Occurrence | undefined;
    // Occurrences never overlap, so the last one starting at or before the offset is the candidate.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start <= offset) {
        found = list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && offset <= found.end ? found : undefined;
  }

  /** Every occurrence naming the same thing, definitions first (in load order), then uses in load order. */
  all(key: SymbolKey): Occurrence[] {
    const list = this.listOf(key);
    return [...list.filter((o) => o.declaration), ...list.filter((o) => !o.declaration)];
  }

  declarations(key: SymbolKey): Occurrence[] {
    return this.listOf(key).filter((o) => o.declaration);
  }

  /** Every definition occurrence of the workspace (workspace symbols). */
  *allDeclarations(): Iterable<Occurrence> {
    for (const f of this.files) yield* f.declared;
  }
}

const tables = new WeakMap<ZuulIndex, OccurrenceTable>();

export function occurrences(index: ZuulIndex, repos: readonly Repo[]): OccurrenceTable {
  let t = tables.get(index);
  if (!t || t.repos !== repos) tables.set(index, (t = new OccurrenceTable(index, repos)));
  return t;
}

/** A name as a message shows it: `job foo`, `nodeset bar`. */
export function describeKey(k: SymbolKey): string {
  const label = k.kind === 'project-template' ? 'project-template' : k.kind;
  return `${label} ${k.name}`;
}
