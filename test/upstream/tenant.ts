// A Zuul tenant of the upstream tests as our engine sees it: repositories side
// by side in a scratch folder (project name = folder path, each with a .git so
// an empty project still counts as a repository) and the tenant's trust and
// extra-config-paths as settings.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import type { Finding } from '../../server/src/zuul/types';
import type { Settings } from '../../server/src/zuul/settings';
import { scratchDir } from '../helpers/corpus';

/** The classes a tenant loads from a project when main.yaml does not say (configloader's default_include). */
export const DEFAULT_INCLUDE = ['pipeline', 'job', 'semaphore', 'project', 'secret', 'project-template', 'nodeset', 'queue'];

export interface TenantProject {
  name: string;
  trusted: boolean;
  /** Config classes loaded from it; [] means none (its files are not read). */
  include: string[];
  extraConfigPaths: string[];
}

export interface Tenant {
  name: string;
  projects: TenantProject[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const strList = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** One config-projects / untrusted-projects entry: a name, {name: options}, or a {projects: [...]} group. */
function projectsOf(entry: unknown, trusted: boolean, inherited: Obj): TenantProject[] {
  const make = (name: string, opts: Obj): TenantProject => {
    const o = { ...inherited, ...opts };
    const include = o.include === undefined || o.include === null ? DEFAULT_INCLUDE : strList(o.include);
    const exclude = new Set(strList(o.exclude));
    return { name, trusted, include: include.filter((c) => !exclude.has(c)), extraConfigPaths: strList(o['extra-config-paths']) };
  };
  if (typeof entry === 'string') return [make(entry, {})];
  if (!isObj(entry)) return [];
  if (Array.isArray(entry.projects)) {
    const { projects, ...opts } = entry;
    return (projects as unknown[]).flatMap((p) => projectsOf(p, trusted, { ...inherited, ...opts }));
  }
  const [name, opts] = Object.entries(entry)[0] ?? [];
  return name ? [make(name, isObj(opts) ? opts : {})] : [];
}

/** The tenants of a main.yaml text. */
export function parseTenants(text: string): Tenant[] {
  const doc: unknown = parse(text);
  const out: Tenant[] = [];
  for (const item of Array.isArray(doc) ? doc : []) {
    const t = isObj(item) ? item.tenant : undefined;
    if (!isObj(t) || typeof t.name !== 'string') continue;
    const projects: TenantProject[] = [];
    for (const conf of Object.values(isObj(t.source) ? t.source : {})) {
      if (!isObj(conf)) continue;
      for (const e of Array.isArray(conf['config-projects']) ? conf['config-projects'] : []) projects.push(...projectsOf(e, true, {}));
      for (const e of Array.isArray(conf['untrusted-projects']) ? conf['untrusted-projects'] : []) projects.push(...projectsOf(e, false, {}));
    }
    out.push({ name: t.name, projects });
  }
  return out;
}

/** A finding with its file as `project/path` (the scratch folder is gone by then). */
export interface Found {
  rule: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  /** 1-based. */
  line: number;
}

/**
 * Writes the tenant's repositories (project name -> {path: text}) under a
 * fresh scratch folder and runs the engine on it as the CLI does. With the
 * test's own tenant file (`tenantConfig`) the engine reads it as `--tenant`
 * gives it; without one (a layout file, whose tests may load it into a
 * tenant of other projects) only the tenant's trust and extra-config-paths
 * are given, as settings, and the engine stays in the open world. Projects
 * the tenant loads nothing from keep only their .git.
 */
export async function checkTenant(tenant: Tenant, repos: Map<string, Map<string, string>>, tenantConfig?: string): Promise<Found[]> {
  const root = scratchDir('zuul-upstream-');
  try {
    const extraConfigPaths: Record<string, string[]> = {};
    for (const p of tenant.projects) {
      mkdirSync(join(root, p.name, '.git'), { recursive: true });
      if (p.extraConfigPaths.length) extraConfigPaths[p.name] = p.extraConfigPaths;
      if (p.include.length === 0) continue;
      for (const [rel, text] of repos.get(p.name) ?? []) {
        const file = join(root, p.name, rel);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    }
    let settings: Partial<Settings> = { configProjects: tenant.projects.filter((p) => p.trusted).map((p) => p.name), extraConfigPaths };
    if (tenantConfig) {
      const mainYaml = join(root, 'main.yaml');
      writeFileSync(mainYaml, tenantConfig);
      settings = { tenantConfig: mainYaml, tenantName: tenant.name };
    }
    const ws = new ZuulWorkspace([root], settings);
    await ws.load();
    const out: Found[] = [];
    for (const [file, list] of ws.allFindings()) {
      const rel = file.slice(root.length + 1).split('\\').join('/');
      for (const f of list) out.push({ rule: f.rule, severity: f.severity, message: f.message, file: rel, line: f.range.start.line + 1 });
    }
    return out;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
