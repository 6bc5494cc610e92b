// A tenant seen from the workspace: which folder holds each of its projects
// (by canonical name: `opendev/system-config` is the folder `system-config`,
// or one named after it with a suffix such as `system-config-6747cf2`),
// which projects no folder holds, and which folders the tenant does not list.
// When every project is open the workspace is the whole tenant: the closed
// world, where a name no open repo defines is defined nowhere.
import type { Tenant, TenantProject } from './tenant';

/** What matching needs of a repo. */
export interface RepoLike {
  name: string;
  root: string;
}

export interface TenantView {
  tenant: Tenant;
  /** Repo root -> the tenant project it holds. */
  projectOf: ReadonlyMap<string, TenantProject>;
  /** Tenant projects no folder of the workspace holds, in tenant order. */
  missing: readonly TenantProject[];
  /** Repos of the workspace the tenant does not list. */
  outside: readonly RepoLike[];
  /** Every project of the tenant is open. */
  closed: boolean;
}

const last = (name: string) => name.split('/').pop() ?? name;

/**
 * Matches in three passes, each taking only what is still free: the repo's
 * own name (`org/repo` for a nested folder) equal to the project's full name,
 * then equal to its last segment, then a folder named after the last segment
 * with a suffix (longest segment first, so `openstack-zuul-jobs-a0b2595` is
 * `openstack-zuul-jobs`, not `openstack`). `folders` maps project names to
 * folder names where those differ.
 */
export function matchTenant(tenant: Tenant, repos: readonly RepoLike[], folders: Readonly<Record<string, string>> = {}): TenantView {
  const byRoot = new Map<string, TenantProject>();
  const taken = new Set<TenantProject>();
  const take = (p: TenantProject, r: RepoLike) => {
    byRoot.set(r.root, p);
    taken.add(p);
  };
  const free = (r: RepoLike) => !byRoot.has(r.root);
  for (const p of tenant.projects) {
    const want = folders[p.name];
    if (want === undefined) continue;
    const r = repos.find((x) => free(x) && (x.name === want || last(x.name) === want));
    if (r) take(p, r);
  }
  const passes: ((p: TenantProject, r: RepoLike) => boolean)[] = [
    (p, r) => r.name === p.name,
    (p, r) => last(r.name) === last(p.name),
  ];
  for (const pass of passes) {
    for (const p of tenant.projects) {
      if (taken.has(p)) continue;
      const r = repos.find((x) => free(x) && pass(p, x));
      if (r) take(p, r);
    }
  }
  const bySegment = tenant.projects.filter((p) => !taken.has(p)).sort((a, b) => last(b.name).length - last(a.name).length);
  for (const p of bySegment) {
    const s = last(p.name);
    const r = repos.find((x) => free(x) && s.length > 0 && /^[-._]/.test(last(x.name).slice(s.length)) && last(x.name).startsWith(s));
    if (r) take(p, r);
  }
  const missing = tenant.projects.filter((p) => !taken.has(p));
  const outside = repos.filter(free);
  return { tenant, projectOf: byRoot, missing, outside, closed: missing.length === 0 };
}

/** The position of a repo in Zuul's load order; repos outside the tenant come after, in workspace order. */
export function loadRank(view: TenantView, root: string): number {
  const p = view.projectOf.get(root);
  return p ? view.tenant.projects.indexOf(p) : view.tenant.projects.length;
}

/** Which world the checker is in, for the status bar and the CLI summary. */
export interface World {
  mode: 'closed' | 'open';
  tenant?: string;
  projects: number;
  missing: number;
}

export function worldOf(view: TenantView | undefined): World {
  if (!view) return { mode: 'open', projects: 0, missing: 0 };
  return { mode: view.closed ? 'closed' : 'open', tenant: view.tenant.name, projects: view.tenant.projects.length, missing: view.missing.length };
}

/** One line: which tenant, and what an unknown name is taken to be. */
export function describeWorld(w: World): string {
  if (w.tenant === undefined) return 'no tenant file: open world, a name no open repo defines is a warning';
  if (w.mode === 'closed') return `tenant ${w.tenant}: closed world, all ${w.projects} projects open, a name no open repo defines is an error`;
  return `tenant ${w.tenant}: open world, ${w.missing} of ${w.projects} projects not open, a name no open repo defines is a warning`;
}
