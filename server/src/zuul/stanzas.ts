// Every place a job is configured: job stanzas and the project-pipeline
// variants in project / project-template job lists (reference §2.4).
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { Definition, ZuulIndex } from './index';
import type { Repo } from './discover';
import type { ParsedFile } from './parse';
import { entries, resolve, str, type YNode } from './yamlNodes';
import type { Range } from './types';
import { pushAll } from './arrays';

export const PROJECT_META_KEYS = new Set(['name', 'description', 'templates', 'branches', 'vars', 'merge-mode', 'default-branch', 'queue']);

export interface JobStanza {
  /** `job` for a job definition, `variant` for an entry of a pipeline's job list. */
  kind: 'job' | 'variant';
  jobName: string;
  /** The node that names the job: `name:` value, or the list entry's key / string. */
  nameNode: YNode;
  /** Attributes; undefined for a plain `- job-name` entry. */
  body?: YAMLMap;
  def: Definition;
  /** For variants: the pipeline and the project/template that lists the job. */
  pipeline?: string;
  /** For variants: the list's own node and the entry's node, for edits. */
  listNode?: YNode;
  entryNode?: YNode;
}

export interface PipelineJobList {
  def: Definition;
  pipeline: string;
  pipelineKey: Scalar;
  /** The `jobs:` value (a sequence), when present. */
  list?: YNode;
  entries: JobStanza[];
}

export function rangeOf(file: ParsedFile, node: YNode | null | undefined): Range {
  const r = node?.range;
  return r ? file.lines.range(r[0], r[1]) : file.lines.range(0, 0);
}

// A stanza's lists depend only on its own YAML, so they are kept across
// re-indexes for as long as its file object is the same: a re-parse
// (reparse.ts) keeps the mapping but moves it, in a new file object.
const listCache = new WeakMap<YAMLMap, { file: ParsedFile; lists: PipelineJobList[] }>();

/** The pipelines' job lists of one project or project-template stanza. */
export function pipelineLists(def: Definition): PipelineJobList[] {
  let hit = listCache.get(def.item.body);
  if (!hit || hit.file !== def.file) listCache.set(def.item.body, (hit = { file: def.file, lists: computeLists(def) }));
  return hit.lists;
}

function computeLists(def: Definition): PipelineJobList[] {
  const out: PipelineJobList[] = [];
  const doc = def.file.doc;
  for (const e of entries(doc, def.item.body)) {
    if (PROJECT_META_KEYS.has(e.key) || !isMap(e.value)) continue;
    const jobs = entries(doc, e.value).find((x) => x.key === 'jobs');
    const pl: PipelineJobList = { def, pipeline: e.key, pipelineKey: e.keyNode, list: jobs?.value ?? undefined, entries: [] };
    const list = jobs?.value;
    if (isSeq(list)) {
      for (const raw of list.items) {
        const node = resolve(doc, raw);
        if (!node) continue;
        const name = str(node);
        if (name !== undefined) {
          pl.entries.push({ kind: 'variant', jobName: name, nameNode: node, def, pipeline: e.key, listNode: list, entryNode: node });
        } else if (isMap(node) && node.items.length > 0) {
          const key = node.items[0].key;
          if (!isScalar(key) || typeof key.value !== 'string') continue;
          const v = resolve(doc, node.items[0].value);
          pl.entries.push({ kind: 'variant', jobName: key.value, nameNode: key as YNode, body: isMap(v) ? v : undefined, def, pipeline: e.key, listNode: list, entryNode: node });
        }
      }
    }
    out.push(pl);
  }
  return out;
}

const stanzaCache = new WeakMap<ZuulIndex, JobStanza[]>();

/** Job stanzas and project-pipeline variants across the workspace, in load order. */
export function jobStanzas(index: ZuulIndex): JobStanza[] {
  let hit = stanzaCache.get(index);
  if (!hit) stanzaCache.set(index, (hit = computeStanzas(index)));
  return hit;
}

function computeStanzas(index: ZuulIndex): JobStanza[] {
  const out: JobStanza[] = [];
  for (const def of index.ofKind('job')) {
    if (def.item.nameNode) out.push({ kind: 'job', jobName: def.name, nameNode: def.item.nameNode, body: def.item.body, def });
  }
  for (const kind of ['project-template', 'project'] as const) {
    for (const def of index.ofKind(kind)) for (const pl of pipelineLists(def)) pushAll(out, pl.entries);
  }
  return out;
}

/** Repo-relative paths are known only when the repo holds more than its Zuul config. */
export function hasFileList(repo: Repo): boolean {
  for (const f of repo.files) if (!/^(\.?zuul\.(yaml|d\/)|zuul-tests\.d\/|\.zuul-authoring\.yaml$)/.test(f)) return true;
  return false;
}
