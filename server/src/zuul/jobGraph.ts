// Per project and pipeline: the merged job list (templates first, then the
// project's own entries; reference §3.11) and each job's dependencies after
// variants and inheritance. The graph analysis uses @dagrejs/graphlib.
import { isMap, isScalar, isSeq } from 'yaml';
import { Graph, alg } from '@dagrejs/graphlib';
import type { Definition, ZuulIndex } from './index';
import { pipelineLists, type JobStanza, type PipelineJobList } from './stanzas';
import { inherited } from './inherit';
import { entries, resolve, str, type Entry, type YNode } from './yamlNodes';
import type { ParsedFile } from './parse';
import { pushAll } from './arrays';

export interface DepRef {
  name: string;
  soft: boolean;
  node: YNode;
  file: ParsedFile;
  /** Where the list is written: a job stanza or a pipeline entry. */
  def: Definition;
  from: 'job' | 'variant';
}

export interface DepList {
  entry: Entry;
  def: Definition;
  from: 'job' | 'variant';
  deps: DepRef[];
}

export interface GraphJob {
  name: string;
  /** Entries for this job in the pipeline's lists (templates included). */
  entries: JobStanza[];
  /** The dependency list that applies (last variant that sets one, else the job's, after inheritance). */
  depList?: DepList;
  deps: DepRef[];
}

export interface ProjectPipeline {
  /** Project name as written (or the repo's name for a stanza without `name`). */
  project: string;
  pipeline: string;
  lists: PipelineJobList[];
  jobs: Map<string, GraphJob>;
}

/** The dependency entries of one `dependencies:` value. */
export function parseDeps(def: Definition, entry: Entry, from: 'job' | 'variant'): DepList {
  const doc = def.file.doc;
  const v = entry.value;
  const items = isSeq(v) ? v.items.map((i) => resolve(doc, i)) : v ? [v] : [];
  const deps: DepRef[] = [];
  for (const item of items) {
    if (!item) continue;
    const name = str(item);
    if (name !== undefined) {
      deps.push({ name, soft: false, node: item, file: def.file, def, from });
    } else if (isMap(item)) {
      const es = entries(doc, item);
      const n = es.find((e) => e.key === 'name');
      const soft = es.find((e) => e.key === 'soft');
      const nm = str(n?.value);
      if (nm !== undefined && n?.value) deps.push({ name: nm, soft: isScalar(soft?.value) && soft.value.value === true, node: n.value, file: def.file, def, from });
    }
  }
  return { entry, def, from, deps };
}

function depsOf(index: ZuulIndex, job: string, variants: JobStanza[]): DepList | undefined {
  let list: DepList | undefined;
  for (const s of variants) {
    if (!s.body) continue;
    const e = entries(s.def.file.doc, s.body).find((x) => x.key === 'dependencies');
    if (!e) continue;
    const next = parseDeps(s.def, e, 'variant');
    // `!inherit` adds to what the job already depends on.
    if (e.value?.tag === '!inherit') {
      const base = list ?? jobDeps(index, job);
      if (base) next.deps = [...base.deps, ...next.deps];
    }
    list = next;
  }
  return list ?? jobDeps(index, job);
}

export function jobDeps(index: ZuulIndex, job: string): DepList | undefined {
  const found = inherited(index, job, 'dependencies');
  return found ? parseDeps(found.def, found.entry, 'job') : undefined;
}

/** The key projects merge on (the short name) and the name a project-pipeline shows. */
export function projectKey(def: Definition): { key: string; name: string } {
  const name = def.name || def.repo.name;
  return { key: name.split('/').pop() ?? name, name };
}

/** A project stanza's pipeline job lists: those of the templates it uses, in their order, then its own. */
export function projectLists(index: ZuulIndex, def: Definition): PipelineJobList[] {
  const lists: PipelineJobList[] = [];
  const templates = entries(def.file.doc, def.item.body).find((e) => e.key === 'templates')?.value;
  if (isSeq(templates)) {
    for (const t of templates.items) {
      const tn = str(resolve(def.file.doc, t));
      if (tn) for (const tdef of index.get('project-template', tn)) pushAll(lists, pipelineLists(tdef));
    }
  }
  pushAll(lists, pipelineLists(def));
  return lists;
}

const cache = new WeakMap<ZuulIndex, ProjectPipeline[]>();

/** Every project's pipelines with their merged job lists, in load order. */
export function projectPipelines(index: ZuulIndex): ProjectPipeline[] {
  let hit = cache.get(index);
  if (!hit) cache.set(index, (hit = buildPipelines(index, index.ofKind('project'))));
  return hit;
}

const oneCache = new WeakMap<ZuulIndex, Map<string, ProjectPipeline[]>>();

/**
 * The pipelines of one project (matched by its short name, as projects
 * merge): what projectPipelines() holds for it, built from that project's
 * stanzas alone, so that one question after an edit does not cost the whole
 * tenant's job lists.
 */
export function pipelinesOfProject(index: ZuulIndex, project: string, withDeps = true): ProjectPipeline[] {
  const key = project.split('/').pop() ?? project;
  let m = oneCache.get(index);
  if (!m) oneCache.set(index, (m = new Map()));
  const k = `${withDeps ? 'd' : 'l'}${key}`;
  let hit = m.get(k);
  if (!hit) {
    const all = cache.get(index) ?? (withDeps ? undefined : m.get(`d${key}`));
    hit = all ? all.filter((pp) => (pp.project.split('/').pop() ?? pp.project) === key) : buildPipelines(index, index.ofKind('project').filter((d) => projectKey(d).key === key), withDeps);
    m.set(k, hit);
  }
  return hit;
}

/** `withDeps`: each job's dependencies too (for the graph); without, only the merged lists (`deps` left empty). */
function buildPipelines(index: ZuulIndex, defs: readonly Definition[], withDeps = true): ProjectPipeline[] {
  const byProject = new Map<string, { name: string; pipelines: Map<string, ProjectPipeline> }>();
  for (const def of defs) {
    if (def.name.startsWith('^')) continue;
    const { key, name } = projectKey(def);
    let p = byProject.get(key);
    if (!p) byProject.set(key, (p = { name, pipelines: new Map() }));
    for (const pl of projectLists(index, def)) {
      let pp = p.pipelines.get(pl.pipeline);
      if (!pp) p.pipelines.set(pl.pipeline, (pp = { project: p.name, pipeline: pl.pipeline, lists: [], jobs: new Map() }));
      pp.lists.push(pl);
      for (const s of pl.entries) {
        let j = pp.jobs.get(s.jobName);
        if (!j) pp.jobs.set(s.jobName, (j = { name: s.jobName, entries: [], deps: [] }));
        j.entries.push(s);
      }
    }
  }
  const out: ProjectPipeline[] = [];
  for (const p of byProject.values()) {
    for (const pp of p.pipelines.values()) {
      if (withDeps) for (const j of pp.jobs.values()) {
        j.depList = depsOf(index, j.name, j.entries);
        j.deps = j.depList?.deps ?? [];
      }
      out.push(pp);
    }
  }
  return out;
}

/** A graphlib graph of the pipeline: an edge dependency -> dependent, labelled soft or hard. */
export function toGraph(pp: ProjectPipeline): Graph {
  const g = new Graph({ directed: true });
  for (const name of pp.jobs.keys()) g.setNode(name);
  for (const j of pp.jobs.values()) {
    for (const d of j.deps) if (pp.jobs.has(d.name)) g.setEdge(d.name, j.name, { soft: d.soft });
  }
  return g;
}

/** Jobs that `job` waits for, directly or through others, in this pipeline. */
export function upstream(pp: ProjectPipeline, job: string, allowSoft = true): Set<string> {
  const seen = new Set<string>();
  const stack = [job];
  while (stack.length) {
    const cur = stack.pop()!;
    for (const d of pp.jobs.get(cur)?.deps ?? []) {
      if (!allowSoft && d.soft) continue;
      if (!pp.jobs.has(d.name) || seen.has(d.name)) continue;
      seen.add(d.name);
      stack.push(d.name);
    }
  }
  return seen;
}

export function cycles(pp: ProjectPipeline): string[][] {
  // Most pipelines have no dependency between their own jobs: no graph needed.
  let edges = false;
  for (const j of pp.jobs.values()) if (j.deps.some((d) => pp.jobs.has(d.name))) edges = true;
  if (!edges) return [];
  // findCycles includes self-dependencies (a one-node cycle with a loop).
  return alg.findCycles(toGraph(pp));
}
