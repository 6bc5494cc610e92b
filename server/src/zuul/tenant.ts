// A tenant file (Zuul's main.yaml) read as Zuul's TenantParser reads it:
// which projects the tenant holds, trusted or not, in which order, which item
// classes each loads, its extra-config-paths, and the tenant-wide limits the
// in-repo configuration is checked against. Problems become findings at the
// offending key; a bad part is skipped, the rest still read.
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { composeDocuments } from './compose';
import { LineIndex } from './text';
import type { Finding, Range } from './types';
import type { RuleInfo } from './rules';
import { ZUUL_DOCS } from './rules';

export const TENANT_RULES: RuleInfo[] = [
  { id: 'invalid-tenant-file', severity: 'error', summary: 'A tenant file (main.yaml) that Zuul would reject: not YAML, an unknown key, a value of the wrong type.', docs: `${ZUUL_DOCS}/tenants.html` },
  { id: 'tenant-project-not-open', severity: 'info', summary: 'Projects of the tenant that no folder of the workspace holds: names they define are unknown here, so the checker stays in the open world.', docs: `${ZUUL_DOCS}/tenants.html` },
  { id: 'repo-not-in-tenant', severity: 'warning', summary: 'A repository of the workspace that the tenant does not list: Zuul does not load its configuration.', docs: `${ZUUL_DOCS}/tenants.html` },
];

/** The item classes Zuul loads for a project when the tenant says nothing (configloader's default include). */
export const DEFAULT_INCLUDE: readonly string[] = ['pipeline', 'job', 'semaphore', 'project', 'secret', 'project-template', 'nodeset', 'queue'];
const CLASSES = new Set([...DEFAULT_INCLUDE, 'image', 'flavor', 'label', 'section', 'provider']);

export interface TenantProject {
  /** As the tenant writes it: `opendev/system-config`. */
  name: string;
  /** The connection it comes from. */
  source: string;
  trusted: boolean;
  /** Item classes loaded from it, after include and exclude. */
  include: ReadonlySet<string>;
  /** Files and folders (ending in `/`) loaded besides the usual roots. */
  extraConfigPaths: string[];
  /** Projects whose definitions this project's may shadow. */
  shadow: string[];
  /** Projects this untrusted project may configure (regexes). */
  configureProjects: string[];
  /** The name in the tenant file. */
  range: Range;
}

export interface Tenant {
  name: string;
  file: string;
  /** The tenant's `name:` value. */
  range: Range;
  /** Zuul's load order: every config project (by source, in file order), then every untrusted one. */
  projects: TenantProject[];
  defaultParent?: string;
  maxJobTimeout?: number;
  maxNodesPerJob?: number;
  allowedLabels?: string[];
  disallowedLabels?: string[];
}

export interface TenantFile {
  path: string;
  tenants: Tenant[];
  findings: Finding[];
}

type Kind = 'str' | 'int' | 'bool' | 'list' | 'any';
// The tenant keys of TenantParser.getSchema() and the type each takes.
const TENANT_KEYS: Record<string, Kind> = {
  name: 'str',
  'max-changes-per-pipeline': 'int',
  'max-dependencies': 'int',
  'max-nodes-per-job': 'int',
  'max-job-timeout': 'int',
  'max-oidc-ttl': 'int',
  'allowed-oidc-issuers': 'list',
  source: 'any',
  'exclude-unprotected-branches': 'bool',
  'exclude-locked-branches': 'bool',
  'allowed-triggers': 'list',
  'allowed-reporters': 'list',
  'allowed-labels': 'list',
  'disallowed-labels': 'list',
  'allow-circular-dependencies': 'bool',
  'default-parent': 'str',
  'default-ansible-version': 'any',
  'access-rules': 'list',
  'admin-rules': 'list',
  semaphores: 'list',
  'authentication-realm': 'str',
  'report-build-page': 'bool',
  'use-nodepool': 'bool',
  'web-root': 'str',
};
// A project's own options (inner_config_project_dict); configure-projects only for untrusted ones.
const CONFIG_PROJECT_KEYS: Record<string, Kind> = {
  include: 'list',
  exclude: 'list',
  shadow: 'list',
  'exclude-unprotected-branches': 'bool',
  'exclude-locked-branches': 'bool',
  'extra-config-paths': 'list',
  'load-branch': 'str',
  'include-branches': 'list',
  'exclude-branches': 'list',
  'always-dynamic-branches': 'list',
  'allow-circular-dependencies': 'bool',
  'implied-branch-matchers': 'bool',
};
const UNTRUSTED_PROJECT_KEYS: Record<string, Kind> = { ...CONFIG_PROJECT_KEYS, 'configure-projects': 'list' };
/** Other top-level items a tenant file may hold besides `tenant`. */
const OTHER_ITEMS = new Set(['global-semaphore', 'authorization-rule', 'admin-rule', 'api-root']);

/** Reads every tenant of a tenant file. */
export function readTenantFile(path: string, text: string): TenantFile {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const report = (message: string, node?: { range?: [number, number, number] | null } | null) => {
    const r = node?.range;
    findings.push({ rule: 'invalid-tenant-file', severity: 'error', message, file: path, range: lines.range(r?.[0] ?? 0, r?.[1] ?? 0) });
  };
  const composed = composeDocuments(text, { version: '1.1', prettyErrors: false });
  if ('tooDeep' in composed) {
    findings.push({ rule: 'invalid-tenant-file', severity: 'error', message: 'The tenant file nests too deeply to be read; it is ignored.', file: path, range: lines.range(composed.tooDeep.offset, composed.tooDeep.offset + 1) });
    return { path, tenants: [], findings };
  }
  const tenants: Tenant[] = [];
  for (const doc of composed.docs) {
    if (doc.errors.length) {
      for (const e of doc.errors) findings.push({ rule: 'invalid-tenant-file', severity: 'error', message: `The tenant file is not valid YAML (${e.message.split('\n')[0]}); it is ignored.`, file: path, range: lines.range(e.pos[0], e.pos[1]) });
      return { path, tenants: [], findings };
    }
    readDocument(doc, path, lines, tenants, report);
  }
  return { path, tenants, findings };
}

type Report = (message: string, node?: { range?: [number, number, number] | null } | null) => void;

function readDocument(doc: Document, path: string, lines: LineIndex, out: Tenant[], report: Report): void {
  const top = doc.contents;
  if (top == null) return;
  if (!isSeq(top)) return report('A tenant file is a list of items (`- tenant: ...`).', top as Node);
  for (const item of top.items) {
    const entry = isMap(item) && item.items.length === 1 ? (item.items[0] as Pair) : undefined;
    const key = entry && isScalar(entry.key) ? String(entry.key.value) : undefined;
    if (!entry || key === undefined) {
      report('Each item of a tenant file is a mapping with one key, such as `tenant`.', item as Node);
      continue;
    }
    if (OTHER_ITEMS.has(key)) continue;
    if (key !== 'tenant') {
      report(`"${key}" is not an item of a tenant file (tenant, global-semaphore, authorization-rule, admin-rule, api-root).`, entry.key as Node);
      continue;
    }
    if (!isMap(entry.value)) {
      report('A tenant is a mapping with at least `name`.', (entry.value ?? entry.key) as Node);
      continue;
    }
    const t = readTenant(entry.value, path, lines, report);
    if (t) out.push(t);
  }
}

function scalar(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

function typeOk(kind: Kind, node: unknown): boolean {
  const v = scalar(node);
  switch (kind) {
    case 'str':
      return typeof v === 'string';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'bool':
      return typeof v === 'boolean';
    case 'list':
      return isSeq(node) ? node.items.every((i) => typeof scalar(i) === 'string') : typeof v === 'string';
    case 'any':
      return true;
  }
}

/** A string or a list of strings (Zuul's to_list(str)). */
function strings(node: unknown): string[] {
  if (isSeq(node)) return node.items.map(scalar).filter((s): s is string => typeof s === 'string');
  const v = scalar(node);
  return typeof v === 'string' ? [v] : [];
}

const KIND_TEXT: Record<Kind, string> = { str: 'a string', int: 'an integer', bool: 'a boolean', list: 'a string or a list of strings', any: 'a value' };

function checkKeys(map: YAMLMap, keys: Record<string, Kind>, what: string, report: Report): Map<string, Node | null> {
  const out = new Map<string, Node | null>();
  for (const p of map.items as Pair[]) {
    const k = scalar(p.key);
    if (typeof k !== 'string') {
      report(`A key of ${what} must be a string.`, p.key as Node);
      continue;
    }
    const kind = keys[k];
    if (!kind) {
      report(`Unknown key "${k}" in ${what}: Zuul rejects the tenant ("extra keys not allowed").`, p.key as Node);
      continue;
    }
    if (!typeOk(kind, p.value)) {
      report(`"${k}" of ${what} must be ${KIND_TEXT[kind]}.`, (p.value ?? p.key) as Node);
      continue;
    }
    out.set(k, p.value as Node | null);
  }
  return out;
}

function readTenant(map: YAMLMap, path: string, lines: LineIndex, report: Report): Tenant | undefined {
  const keys = checkKeys(map, TENANT_KEYS, 'a tenant', report);
  const nameNode = keys.get('name');
  const name = scalar(nameNode);
  if (typeof name !== 'string') {
    report('A tenant needs a `name`.', map);
    return undefined;
  }
  const rangeOf = (n: Node | null | undefined): Range => lines.range(n?.range?.[0] ?? 0, n?.range?.[1] ?? 0);
  const config: TenantProject[] = [];
  const untrusted: TenantProject[] = [];
  const sources = keys.get('source');
  if (sources != null) {
    if (!isMap(sources)) report('`source` maps connection names to their config-projects and untrusted-projects.', sources);
    else {
      for (const p of sources.items as Pair[]) {
        const source = scalar(p.key);
        if (typeof source !== 'string') continue;
        if (p.value == null) continue;
        if (!isMap(p.value)) {
          report(`The source "${source}" maps config-projects and untrusted-projects to lists of projects.`, p.value as Node);
          continue;
        }
        for (const q of p.value.items as Pair[]) {
          const which = scalar(q.key);
          if (which !== 'config-projects' && which !== 'untrusted-projects') {
            report(`Unknown key "${String(which)}" in the source "${source}": only config-projects and untrusted-projects ("extra keys not allowed").`, q.key as Node);
            continue;
          }
          const trusted = which === 'config-projects';
          const list = isSeq(q.value) ? q.value.items : q.value == null ? [] : [q.value];
          for (const entry of list) readProjects(entry as Node, { source, trusted, include: new Set(DEFAULT_INCLUDE) }, trusted ? config : untrusted, rangeOf, report);
        }
      }
    }
  }
  const num = (k: string) => {
    const v = scalar(keys.get(k));
    return typeof v === 'number' ? v : undefined;
  };
  const str = (k: string) => {
    const v = scalar(keys.get(k));
    return typeof v === 'string' ? v : undefined;
  };
  const list = (k: string) => (keys.has(k) ? strings(keys.get(k)) : undefined);
  return {
    name,
    file: path,
    range: rangeOf(nameNode),
    projects: [...config, ...untrusted],
    defaultParent: str('default-parent'),
    maxJobTimeout: num('max-job-timeout'),
    maxNodesPerJob: num('max-nodes-per-job'),
    allowedLabels: list('allowed-labels'),
    disallowedLabels: list('disallowed-labels'),
  };
}

interface Inherited {
  source: string;
  trusted: boolean;
  include: ReadonlySet<string>;
}

function classList(node: unknown, key: string, report: Report): Set<string> {
  const out = new Set<string>();
  for (const c of strings(node)) {
    if (CLASSES.has(c)) out.add(c);
    else report(`"${c}" in ${key} is not a configuration class Zuul knows (${[...CLASSES].join(', ')}).`, node as Node);
  }
  return out;
}

/** A project name, a project with options, or a group of projects (TenantParser._getProjects). */
function readProjects(node: Node | null, ctx: Inherited, out: TenantProject[], rangeOf: (n: Node | null | undefined) => Range, report: Report): void {
  if (node == null) return;
  const name = scalar(node);
  if (typeof name === 'string') {
    out.push({ name, source: ctx.source, trusted: ctx.trusted, include: ctx.include, extraConfigPaths: [], shadow: [], configureProjects: [], range: rangeOf(node) });
    return;
  }
  if (!isMap(node)) {
    report('A project of a tenant is a name, a name with options, or a group with `projects`.', node);
    return;
  }
  const pairs = node.items as Pair[];
  // As Zuul decides: one key is a project with options, more keys with `projects` a group.
  if (pairs.length > 1 && !pairs.some((p) => scalar(p.key) === 'projects')) return report('Zuul cannot parse this project entry: a project with options has one key (its name); a group has `projects`.', node);
  if (pairs.length > 1) {
    const keys = checkKeys(node, { include: 'list', exclude: 'list', projects: 'any' }, 'a project group', report);
    let include = new Set(ctx.include);
    if (keys.has('include')) include = classList(keys.get('include'), 'include', report);
    if (keys.has('exclude')) for (const c of classList(keys.get('exclude'), 'exclude', report)) include.delete(c);
    const projects = keys.get('projects');
    const items = isSeq(projects) ? projects.items : [projects];
    for (const p of items) readProjects(p as Node, { ...ctx, include }, out, rangeOf, report);
    return;
  }
  const [pair] = pairs;
  const projectName = scalar(pair.key);
  if (typeof projectName !== 'string') return report('A project name must be a string.', pair.key as Node);
  const opts = isMap(pair.value) ? checkKeys(pair.value, ctx.trusted ? CONFIG_PROJECT_KEYS : UNTRUSTED_PROJECT_KEYS, `the project "${projectName}"`, report) : new Map<string, Node | null>();
  if (pair.value != null && !isMap(pair.value)) report(`The options of the project "${projectName}" must be a mapping.`, pair.value as Node);
  // An explicit include replaces the inherited one (an empty list loads nothing); exclude then removes.
  let include = new Set(ctx.include);
  if (opts.has('include') && opts.get('include') != null) include = classList(opts.get('include'), 'include', report);
  if (opts.has('exclude')) for (const c of classList(opts.get('exclude'), 'exclude', report)) include.delete(c);
  out.push({
    name: projectName,
    source: ctx.source,
    trusted: ctx.trusted,
    include,
    extraConfigPaths: strings(opts.get('extra-config-paths')),
    shadow: strings(opts.get('shadow')),
    configureProjects: strings(opts.get('configure-projects')),
    range: rangeOf(pair.key as Node),
  });
}
