// Which tenant the workspace is checked against: the file the settings name
// (`tenantConfig`, the CLI's --tenant), else a config project's own
// `zuul/main.yaml`; in it the tenant the settings name (`tenantName`), the
// only one, or the one holding the most open repositories. What it says about
// the workspace (projects not open, folders it does not list) becomes
// findings on the tenant's name.
import { settingMention } from './settingRef';
import { join } from 'node:path';
import { readTenantFile, type Tenant, type TenantFile } from './tenant';
import { matchTenant, type RepoLike, type TenantView } from './tenantView';
import type { Finding } from './types';
import type { Settings } from './settings';
import { pushAll } from './arrays';

/** Where a config project keeps the tenant file, by OpenDev's and Zuul's own convention. */
export const TENANT_FILE_IN_REPO = 'zuul/main.yaml';

export interface TenantState {
  path: string;
  file: TenantFile;
  view?: TenantView;
  findings: Finding[];
}

interface RepoFiles extends RepoLike {
  files: ReadonlySet<string>;
}

/** The tenant file to read: the settings' one, else the first repo's `zuul/main.yaml` that defines a tenant. */
export function tenantFileCandidates(settings: Pick<Settings, 'tenantConfig'>, repos: readonly RepoFiles[]): string[] {
  if (settings.tenantConfig) return [settings.tenantConfig];
  return repos.filter((r) => r.files.has(TENANT_FILE_IN_REPO)).map((r) => join(r.root, TENANT_FILE_IN_REPO));
}

const MAX_LISTED = 8;

function listed(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

/** Reads a tenant file and matches the chosen tenant to the repos. */
export function tenantState(path: string, text: string, settings: Pick<Settings, 'tenantName' | 'tenantProjects'>, repos: readonly RepoLike[]): TenantState {
  const file = readTenantFile(path, text);
  const findings = [...file.findings];
  const views = file.tenants.map((t) => matchTenant(t, repos, settings.tenantProjects));
  let view: TenantView | undefined;
  if (settings.tenantName !== undefined) {
    view = views.find((v) => v.tenant.name === settings.tenantName);
    if (!view) {
      const at = file.tenants[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      findings.push({ rule: 'invalid-tenant-file', severity: 'error', file: path, range: at, message: `This file defines no tenant named "${settings.tenantName}", which ${settingMention('tenantName')} asks for; it defines ${file.tenants.map((t) => `"${t.name}"`).join(', ') || 'none'}. The workspace is checked without a tenant.` });
    }
  } else if (views.length === 1) view = views[0];
  else if (views.length > 1) {
    const held = (v: TenantView) => v.projectOf.size;
    view = views.reduce((a, b) => (held(b) > held(a) ? b : a));
    findings.push({
      rule: 'tenant-project-not-open',
      severity: 'info',
      file: path,
      range: view.tenant.range,
      message: `This file defines ${views.length} tenants (${file.tenants.map((t) => t.name).join(', ')}); the workspace is checked against "${view.tenant.name}", which holds the most open repositories (${held(view)}). Set tenantName to choose another.`,
    });
  }
  if (view) pushAll(findings, viewFindings(path, view));
  return { path, file, view, findings };
}

function viewFindings(path: string, view: TenantView): Finding[] {
  const out: Finding[] = [];
  const t: Tenant = view.tenant;
  if (view.missing.length) {
    const n = view.missing.length;
    out.push({
      rule: 'tenant-project-not-open',
      severity: 'info',
      file: path,
      range: t.range,
      message: `${n} of the ${t.projects.length} projects of tenant "${t.name}" ${n === 1 ? 'is' : 'are'} not open in the workspace (${listed(view.missing.map((p) => p.name))}): names they define are unknown here, so a name no open repo defines stays a warning. Open ${n === 1 ? 'it' : 'them'} to get Zuul's verdict as errors; a folder named otherwise than its project is mapped in ${settingMention('tenantProjects')}.`,
      data: { missing: view.missing.map((p) => p.name) },
    });
  }
  for (const r of view.outside) {
    out.push({
      rule: 'repo-not-in-tenant',
      severity: 'warning',
      file: path,
      range: t.range,
      message: `Tenant "${t.name}" does not list the repository in the folder "${r.name}": Zuul does not load its configuration. Add its project to the tenant, or, if it is a project of the tenant under another name, map it in ${settingMention('tenantProjects')}.`,
      data: { folder: r.name },
    });
  }
  return out;
}
