// Which projects a job stanza's files / irrelevant-files matcher is matched
// for: the projects whose project stanzas (in any repo, project-config style
// included) list a job that ends up with that matcher, and the projects that
// use a project-template. A project the workspace does not hold is recorded
// by name, so that its matchers are not judged against another repo's files.
import { isSeq } from 'yaml';
import type { Definition, ZuulIndex } from '../zuul/index';
import type { Repo } from '../zuul/discover';
import { projectKey, projectLists } from '../zuul/jobGraph';
import type { JobStanza } from '../zuul/stanzas';
import { attr } from '../zuul/inherit';
import { entries, resolve, str } from '../zuul/yamlNodes';
import type { MatcherKey } from './files-scope';

export interface Runners {
  /** Workspace repos of the projects. */
  repos: Set<Repo>;
  /** Projects the workspace does not hold (or a regex project name). */
  unknown: Set<string>;
}

export interface RunnerTables {
  /** Job stanza -> the projects its matcher is matched for, per key. */
  jobs: Map<MatcherKey, Map<Definition, Runners>>;
  /** Project-template name -> the projects that use it. */
  templates: Map<string, Runners>;
}

const newRunners = (): Runners => ({ repos: new Set(), unknown: new Set() });

/** Does the variant write `key` itself (`!inherit` adds to the job's value, so the job's stanza still counts)? */
function overrides(s: JobStanza, key: MatcherKey): boolean {
  if (!s.body) return false;
  const e = entries(s.def.file.doc, s.body).find((x) => x.key === key);
  return !!e && e.value?.tag !== '!inherit';
}

interface Group {
  name: string;
  repo?: Repo;
  defs: Definition[];
}

export function runnerTables(index: ZuulIndex, projectRepo: (def: Definition) => Repo | undefined, chainOf: (job: string) => string[]): RunnerTables {
  // Stanzas for one project merge (reference §3.11); a regex stanza stands for projects unknown here.
  const groups = new Map<string, Group>();
  for (const def of index.ofKind('project')) {
    const regex = def.name.startsWith('^');
    const { key, name } = projectKey(def);
    const id = regex ? `\u0000${def.name}` : key;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { name, defs: [] }));
    g.defs.push(def);
    if (!regex) g.repo ??= projectRepo(def);
  }
  const jobs = new Map<MatcherKey, Map<Definition, Runners>>([
    ['files', new Map()],
    ['irrelevant-files', new Map()],
  ]);
  const templates = new Map<string, Runners>();
  const add = (r: Runners, g: Group) => {
    if (g.repo) r.repos.add(g.repo);
    else r.unknown.add(g.name);
  };
  const settersCache = new Map<string, Definition[]>();
  const setters = (job: string, key: MatcherKey): Definition[] => {
    const k = `${key}\u0000${job}`;
    let s = settersCache.get(k);
    // A job belongs to the repo that defines it first; Zuul rejects same-name stanzas of other repos.
    const defs = index.get('job', job);
    if (!s) settersCache.set(k, (s = defs.filter((d) => d.repo === defs[0].repo && attr(d, key))));
    return s;
  };
  for (const g of groups.values()) {
    const byPipeline = new Map<string, Map<string, JobStanza[]>>();
    for (const def of g.defs) {
      const t = entries(def.file.doc, def.item.body).find((e) => e.key === 'templates')?.value;
      if (isSeq(t)) {
        for (const raw of t.items) {
          const n = str(resolve(def.file.doc, raw));
          if (!n) continue;
          let r = templates.get(n);
          if (!r) templates.set(n, (r = newRunners()));
          add(r, g);
        }
      }
      for (const pl of projectLists(index, def)) {
        let m = byPipeline.get(pl.pipeline);
        if (!m) byPipeline.set(pl.pipeline, (m = new Map()));
        for (const e of pl.entries) {
          const l = m.get(e.jobName);
          if (l) l.push(e);
          else m.set(e.jobName, [e]);
        }
      }
    }
    for (const m of byPipeline.values()) {
      for (const [job, variants] of m) {
        for (const key of ['files', 'irrelevant-files'] as const) {
          if (variants.some((v) => overrides(v, key))) continue;
          // The nearest job of the chain that sets the key supplies it.
          for (const a of chainOf(job)) {
            const s = setters(a, key);
            if (!s.length) continue;
            const table = jobs.get(key)!;
            for (const d of s) {
              let r = table.get(d);
              if (!r) table.set(d, (r = newRunners()));
              add(r, g);
            }
            break;
          }
        }
      }
    }
  }
  return { jobs, templates };
}

/** "a, b and c" (or "a, b or c") for the message of a finding. */
export function nameList(names: string[], conj: 'and' | 'or' = 'and'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${conj} ${names[names.length - 1]}`;
}
