// The workspaces the oracle comparison runs on: the newest OpenDev and OTC
// snapshots opened together, the older snapshots, and every case state put in
// the place of its repository among the newest. Each becomes a folder of
// `org/repo` checkouts with a tenant file written for it, which both Zuul's
// loader and our engine are given.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { configFilesOf, corpusDir, listCases, listSnapshots, materializeAt } from '../helpers/corpus';

export interface RepoSpec {
  /** Tenant project name (`openstack/project-config`). */
  project: string;
  /** Corpus-relative folder (`project-config-f6a70b1`, `cases/...`). */
  folder: string;
}

export interface World {
  name: string;
  repos: RepoSpec[];
  /** Small enough to freeze every job graph (Zuul's enqueue-time errors). */
  freeze: boolean;
  /**
   * Draw the mutations only a frozen graph shows (dependencies), freezing just
   * those runs: OpenDev's project-config holds the pipelines (OTC's snapshots
   * define none, so nothing of theirs is ever frozen), and freezing it all
   * takes about 35 s a run.
   */
  freezeMutations: boolean;
}

interface CorpusIndex {
  corpora: { folder: string; repo: string }[];
  cases: { repo: string; buggy_folder: string; clean_folder: string }[];
}

function readIndex(): CorpusIndex | undefined {
  const dir = corpusDir();
  if (!dir) return undefined;
  return JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as CorpusIndex;
}

// Repositories renamed since (openstack-infra/ → opendev/, openstack/): the tenant uses today's names.
const TODAY: Record<string, string> = {
  'openstack-infra/project-config': 'openstack/project-config',
  'openstack-infra/openstack-zuul-jobs': 'openstack/openstack-zuul-jobs',
  'openstack-infra/zuul-jobs': 'zuul/zuul-jobs',
  'openstack-infra/system-config': 'opendev/system-config',
};

const NEWEST: Record<string, string[]> = {
  opendev: ['project-config-f6a70b1', 'base-jobs-fa575ac', 'zuul-jobs-79fe3eb', 'openstack-zuul-jobs-b8ff5c8'],
  otc: ['otc-system-config-b454bff', 'otc-base-jobs-0debd80', 'zuul-jobs-79fe3eb'],
};

/** Every world, or why there is none. */
export function listWorlds(): World[] | string {
  const index = readIndex();
  if (!index) return 'the corpus (../shared/corpus) is not present';
  const snapshots = new Set(listSnapshots());
  const repoOf = new Map<string, string>();
  // A repo field may carry a remark after the name.
  const today = (repo: string) => TODAY[repo.split(' ')[0]] ?? repo.split(' ')[0];
  for (const c of index.corpora) repoOf.set(c.folder, today(c.repo));
  for (const c of index.cases) {
    repoOf.set(c.buggy_folder, today(c.repo));
    repoOf.set(c.clean_folder, today(c.repo));
  }
  const spec = (folder: string): RepoSpec => ({ project: repoOf.get(folder) ?? folder, folder });
  const worlds: World[] = [];
  const used = new Set<string>();
  for (const [name, folders] of Object.entries(NEWEST)) {
    if (!folders.every((f) => snapshots.has(f))) continue;
    worlds.push({ name, repos: folders.map(spec), freeze: name === 'otc', freezeMutations: name === 'otc' || name === 'opendev' });
    folders.forEach((f) => used.add(f));
  }
  // A case state or an older snapshot replaces its repository in the group that has it.
  const place = (folder: string) => {
    const project = spec(folder).project;
    const group = Object.entries(NEWEST).find(([, fs]) => fs.some((f) => spec(f).project === project));
    // A repo no group holds joins OpenDev's, whose jobs it uses.
    if (!group) return worlds.push({ name: `opendev with ${folder}`, repos: [...NEWEST.opendev.map(spec), spec(folder)], freeze: false, freezeMutations: false });
    const repos = group[1].map((f) => (spec(f).project === project ? spec(folder) : spec(f)));
    return worlds.push({ name: `${group[0]} with ${folder}`, repos, freeze: group[0] === 'otc', freezeMutations: false });
  };
  for (const s of [...snapshots].filter((f) => !used.has(f))) place(s);
  for (const c of listCases()) place(c);
  return worlds;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** What the tenant file needs from a repo's configuration. */
interface Scan {
  definesPipeline: boolean;
  definesBase: boolean;
  /** Trigger connections of its pipelines, in order of appearance. */
  connections: string[];
  /** Projects its stanzas name (project stanzas, required-projects, roles, allowed-projects). */
  referenced: Set<string>;
}

function scanTexts(texts: string[]): Scan {
  const s: Scan = { definesPipeline: false, definesBase: false, connections: [], referenced: new Set() };
  const name = (v: unknown, key: string) => (typeof v === 'string' ? v : isObj(v) && typeof v[key] === 'string' ? v[key] : undefined);
  for (const text of texts) {
    for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
      if (!('errors' in doc) || doc.errors.length) continue;
      const items: unknown = doc.toJS({ maxAliasCount: -1 });
      for (const item of Array.isArray(items) ? items : []) {
        if (!isObj(item)) continue;
        const [kind, body] = Object.entries(item)[0] ?? [];
        if (!isObj(body)) continue;
        if (kind === 'pipeline') {
          s.definesPipeline = true;
          if (isObj(body.trigger)) s.connections.push(...Object.keys(body.trigger));
        } else if (kind === 'project' && typeof body.name === 'string' && !body.name.startsWith('^')) {
          s.referenced.add(body.name);
        } else if (kind === 'job') {
          if (body.name === 'base' || ('parent' in body && body.parent === null)) s.definesBase = true;
          for (const [key, sub] of [['required-projects', 'name'], ['roles', 'zuul'], ['allowed-projects', '']] as const) {
            const v = body[key];
            for (const r of Array.isArray(v) ? v : [v]) {
              const n = sub ? name(r, sub) : typeof r === 'string' ? r : undefined;
              if (n) s.referenced.add(n);
            }
          }
        }
      }
    }
  }
  return s;
}

export interface BuiltWorld {
  root: string;
  tenantFile: string;
  tenantName: string;
  hostname: string;
  /** Tenant project name → folder under root. */
  projects: Map<string, string>;
  /** Repos with configuration (not the empty referenced projects). */
  repos: string[];
}

export const TENANT_NAME = 'oracle';
const GERRIT_LIKE = /gerrit|review|github|gitlab|pagure|opendev|otc/i;

/**
 * Writes the world under `root`: each repo as a checkout (every path of
 * files.txt as an empty file, the configuration over them), every project the
 * configuration names as an empty folder, and a tenant file: repos that
 * define pipelines or a base job trusted, the rest untrusted, zuul-jobs with
 * its zuul-tests.d/.
 */
export function buildWorld(world: World, root: string): BuiltWorld {
  const projects = new Map<string, string>();
  const scans = new Map<string, Scan>();
  for (const r of world.repos) {
    const dest = materializeAt(r.folder, join(root, r.project));
    const texts = configFilesOf(r.folder)
      .filter((rel) => rel.endsWith('.yaml'))
      .map((rel) => readFileSync(join(dest, rel), 'utf8'));
    mkdirSync(join(dest, '.git'), { recursive: true });
    projects.set(r.project, dest);
    scans.set(r.project, scanTexts(texts));
  }
  const referenced = new Set<string>();
  for (const s of scans.values()) s.referenced.forEach((n) => referenced.add(n));
  const hosts = new Map<string, number>();
  for (const n of referenced) {
    const first = n.split('/')[0];
    if (n.includes('/') && first.includes('.')) hosts.set(first, (hosts.get(first) ?? 0) + 1);
  }
  const hostname = [...hosts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'review.example.com';
  const empty: string[] = [];
  for (const n of [...referenced].sort()) {
    const local = n.startsWith(`${hostname}/`) ? n.slice(hostname.length + 1) : n;
    // A name behind another host is no project of this source: Zuul and we both say so.
    if (local.split('/')[0].includes('.') || projects.has(local) || empty.includes(local) || local.split('/').length < 2) continue;
    empty.push(local);
    mkdirSync(join(root, local, '.git'), { recursive: true });
    projects.set(local, join(root, local));
  }
  const trusted = world.repos.filter((r) => scans.get(r.project)!.definesPipeline || scans.get(r.project)!.definesBase).map((r) => r.project);
  const source = [...scans.values()].flatMap((s) => s.connections).find((c) => GERRIT_LIKE.test(c)) ?? 'gerrit';
  const entry = (p: string) => (p === 'zuul/zuul-jobs' ? `        - ${p}:\n            extra-config-paths: [zuul-tests.d/]\n` : `        - ${p}\n`);
  const untrusted = [...world.repos.map((r) => r.project).filter((p) => !trusted.includes(p)), ...empty];
  let text = `- tenant:\n    name: ${TENANT_NAME}\n    source:\n      ${source}:\n`;
  if (trusted.length) text += `        config-projects:\n${trusted.map(entry).join('').replace(/^ {8}/gm, '          ')}`;
  if (untrusted.length) text += `        untrusted-projects:\n${untrusted.map(entry).join('').replace(/^ {8}/gm, '          ')}`;
  const tenantFile = join(root, 'main.yaml');
  writeFileSync(tenantFile, text);
  return { root, tenantFile, tenantName: TENANT_NAME, hostname, projects, repos: world.repos.map((r) => r.project) };
}
