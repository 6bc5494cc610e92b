// What the references rules share: where names are referenced (job stanzas,
// project-pipeline variants, the job lists of templates some project uses),
// whether a project stanza configures another project, and how sure an
// unknown name is to be a mistake.
//
// The severity policy for a name that no open repo defines: a tenant has
// hundreds of repos and the workspace holds a few, so "not found here" is not
// "not found". Only a near miss of a known name (a likely typo) is an error;
// in a project stanza that configures another project (project-config style)
// the name may live in that project, so nothing is said; elsewhere it is a
// warning that points to the externalNames setting.
import { settingMention } from '../zuul/settingRef';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { CheckContext } from './check';
import type { Definition, ZuulIndex } from '../zuul/index';
import { projectNameMatches } from '../zuul/index';
import type { Repo } from '../zuul/discover';
import type { Settings } from '../zuul/settings';
import type { Severity } from '../zuul/types';
import { jobStanzas, rangeOf, type JobStanza } from '../zuul/stanzas';
import { entries, resolve, str, type YNode } from '../zuul/yamlNodes';
import { editDistance, fingerprint, suggest } from '../zuul/suggest';
import { isExternalJob } from '../zuul/external';
import { pyValue } from '../zuul/schemaTypes';
import { PLAYBOOK_PHASES } from '../zuul/playbooks';
import { explicitParents, type ParentRefInStanza } from '../zuul/inherit';
import type { RelatedLocation } from '../zuul/types';

/** Jobs Zuul defines itself (reference §2.1). */
export const BUILTIN_JOBS = new Set(['noop']);

/** The advice every "not in the open repositories" message ends with. */
export const EXTERNAL_HINT = `if it lives in a repo of the tenant that is not open, add its name (or a ^regex) to ${settingMention('externalNames')}`;

// ---------------------------------------------------------------------------
// Projects

/** The last path segment of a project or repo name. */
export function shortName(name: string): string {
  return name.split('/').pop() ?? name;
}

/**
 * A project name designates a repo: same name, same short name, or a checkout
 * folder named after the project with a suffix (`system-config-b454bff`).
 */
export function namesRepo(projectName: string, repo: Repo): boolean {
  if (projectNameMatches(projectName, repo)) return true;
  const short = shortName(projectName);
  const folder = shortName(repo.name);
  return short.length > 0 && (folder.startsWith(`${short}-`) || folder.startsWith(`${short}.`) || folder.startsWith(`${short}_`));
}

/** A config project: listed in `zuul.configProjects`, or holding pipelines (only config projects may, §1.6). */
export function isConfigProject(repo: Repo, index: ZuulIndex, settings: Pick<Settings, 'configProjects'>): boolean {
  if (settings.configProjects.some((p) => p === repo.name || namesRepo(p, repo))) return true;
  return index.ofKind('pipeline').some((d) => d.repo === repo);
}

// Derived data is computed once per index: the workspace builds a new index
// whenever a file or a setting changes, and five rules share it.
function memo<T>(cache: WeakMap<ZuulIndex, T>, index: ZuulIndex, make: () => T): T {
  let v = cache.get(index);
  if (v === undefined) cache.set(index, (v = make()));
  return v;
}

const projectNamesCache = new WeakMap<ZuulIndex, Map<Repo, Set<string>>>();

/** The distinct literal project names each repo's project stanzas use. */
function projectNamesByRepo(index: ZuulIndex): Map<Repo, Set<string>> {
  return memo(projectNamesCache, index, () => {
    const out = new Map<Repo, Set<string>>();
    for (const d of index.ofKind('project')) {
      if (d.name === '') continue;
      let set = out.get(d.repo);
      if (!set) out.set(d.repo, (set = new Set()));
      set.add(d.name);
    }
    return out;
  });
}

const otherCache = new WeakMap<ZuulIndex, Map<Definition, boolean>>();

/**
 * True when a project stanza configures a project other than the repo that
 * holds it. An untrusted repo may only configure itself (§1.6), so a single
 * project name in a repo that is not a config project is the repo itself
 * under its tenant name; several names, a regex, or a config project naming
 * something else mean another project.
 */
export function configuresOtherProject(def: Definition, ctx: CheckContext): boolean {
  if (def.kind !== 'project' || def.name === '') return false;
  let cache = otherCache.get(ctx.index);
  if (!cache) otherCache.set(ctx.index, (cache = new Map()));
  const hit = cache.get(def);
  if (hit !== undefined) return hit;
  let other: boolean;
  if (def.name.startsWith('^')) other = true;
  else if (namesRepo(def.name, def.repo)) other = false;
  else {
    const names = projectNamesByRepo(ctx.index).get(def.repo)?.size ?? 0;
    other = names > 1 || isConfigProject(def.repo, ctx.index, ctx.settings);
  }
  cache.set(def, other);
  return other;
}

/** The template names a project stanza lists, with their nodes. */
export function templateRefs(def: Definition): { name: string; node: YNode }[] {
  const e = entries(def.file.doc, def.item.body).find((x) => x.key === 'templates');
  if (!e || !isSeq(e.value)) return [];
  const out: { name: string; node: YNode }[] = [];
  for (const raw of e.value.items) {
    const node = resolve(def.file.doc, raw);
    const name = str(node);
    if (node && name !== undefined) out.push({ name, node });
  }
  return out;
}

/** Template name -> the project stanzas that use it (with the node that names it). */
export function templateUsers(index: ZuulIndex): Map<string, { def: Definition; node: YNode }[]> {
  const out = new Map<string, { def: Definition; node: YNode }[]>();
  for (const def of index.ofKind('project')) {
    for (const { name, node } of templateRefs(def)) {
      const list = out.get(name);
      if (list) list.push({ def, node });
      else out.set(name, [{ def, node }]);
    }
  }
  return out;
}

/**
 * The template uses Zuul validates. In a closed tenant, a project stanza's
 * first template that is defined nowhere stops it ("project template X was
 * not found"): the templates listed after it are not checked for that project.
 */
function checkedTemplateUsers(ctx: CheckContext): Map<string, { def: Definition; node: YNode }[]> {
  if (!closedTenant(ctx)) return templateUsers(ctx.index);
  const out = new Map<string, { def: Definition; node: YNode }[]>();
  for (const def of ctx.index.ofKind('project')) {
    for (const { name, node } of templateRefs(def)) {
      if (!ctx.index.has('project-template', name)) break;
      const list = out.get(name);
      if (list) list.push({ def, node });
      else out.set(name, [{ def, node }]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Where references are checked

export interface ReferenceSite {
  stanza: JobStanza;
  /** The stanza configures another project (or is a template only such stanzas use). */
  otherProject: boolean;
  /** For template job lists: a project stanza that uses the template. */
  usedBy?: RelatedLocation;
}

/**
 * Job stanzas and project-pipeline variants whose references Zuul checks:
 * every job and project stanza, and the job lists of the templates that some
 * project stanza uses (an unused template is never checked, §2.3).
 */
export function referenceSites(ctx: CheckContext): ReferenceSite[] {
  return memo(sitesCache, ctx.index, () => computeSites(ctx));
}

const sitesCache = new WeakMap<ZuulIndex, ReferenceSite[]>();

function computeSites(ctx: CheckContext): ReferenceSite[] {
  const out: ReferenceSite[] = [];
  const users = checkedTemplateUsers(ctx);
  for (const stanza of jobStanzas(ctx.index)) {
    const def = stanza.def;
    if (def.kind === 'job') out.push({ stanza, otherProject: false });
    else if (def.kind === 'project') out.push({ stanza, otherProject: configuresOtherProject(def, ctx) });
    else if (def.kind === 'project-template') {
      const used = users.get(def.name);
      if (!used?.length) continue;
      const own = used.find((u) => !configuresOtherProject(u.def, ctx));
      const by = own ?? used[0];
      out.push({
        stanza,
        otherProject: !own,
        usedBy: { file: by.def.file.path, range: rangeOf(by.def.file, by.node), message: `template ${def.name} is used by ${by.def.name || by.def.repo.name} here` },
      });
    }
  }
  return out;
}

/** The job stanzas and project-pipeline variants Zuul validates (unused templates' variants are not among them). */
export function checkedStanzas(ctx: CheckContext): JobStanza[] {
  return memo(checkedCache, ctx.index, () => referenceSites(ctx).map((s) => s.stanza));
}

const checkedCache = new WeakMap<ZuulIndex, JobStanza[]>();

/** The explicit parents Zuul's validateReferences looks at: those of the stanzas it validates. */
export function checkedParents(ctx: CheckContext): ParentRefInStanza[] {
  return memo(checkedParentsCache, ctx.index, () => {
    const checked = new Set(checkedStanzas(ctx));
    return explicitParents(ctx.index).filter((p) => checked.has(p.stanza));
  });
}

const checkedParentsCache = new WeakMap<ZuulIndex, ParentRefInStanza[]>();

/** Zuul's Tenant.getProject: a project name matches one the tenant writes as itself, or behind a `hostname/`. Never by its last segment. */
export function tenantSpellings(name: string): string[] {
  const slash = name.indexOf('/');
  return slash > 0 ? [name, name.slice(slash + 1)] : [name];
}

/** The alias a stanza writes as an attribute's value (`secrets: *shared`), if it does: findings belong there, not at the anchor in another stanza. */
export function rawAlias(stanza: JobStanza, key: string): YNode | undefined {
  const v = stanza.body?.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
  return isAlias(v) ? v : undefined;
}

/** A stanza's attribute value. */
export function attrValue(stanza: JobStanza, key: string): YNode | null | undefined {
  if (!stanza.body) return undefined;
  return entries(stanza.def.file.doc, stanza.body).find((e) => e.key === key)?.value;
}

/** Each item of a `One<T>` value (a single item or a list), aliases resolved. */
export function oneOrMany(def: Definition, value: YNode | null | undefined): YNode[] {
  if (value == null) return [];
  if (isSeq(value)) return value.items.map((i) => resolve(def.file.doc, i)).filter((n): n is YNode => n != null);
  return [value];
}

/** The value of `key` in a mapping node, or undefined. */
export function field(def: Definition, node: YNode, key: string): YNode | null | undefined {
  if (!isMap(node)) return undefined;
  return entries(def.file.doc, node).find((e) => e.key === key)?.value;
}

// ---------------------------------------------------------------------------
// How sure an unknown name is to be a mistake

const vocabCache = new WeakMap<ZuulIndex, Set<string>>();

function tokens(name: string): string[] {
  return name.toLowerCase().split(/[-_.:/\s]+/).filter(Boolean);
}

/** Every word used in a name of any kind in the workspace (and in external names). */
function vocabulary(ctx: CheckContext): Set<string> {
  return memo(vocabCache, ctx.index, () => {
    const v = new Set<string>();
    for (const d of ctx.index.all) for (const t of tokens(d.name)) v.add(t);
    for (const p of ctx.settings.externalNames) if (!p.startsWith('^')) for (const t of tokens(p)) v.add(t);
    return v;
  });
}

const withoutDigits = (s: string) => s.toLowerCase().replace(/[0-9]+/g, '');

/**
 * Known names that `name` is very likely a misspelling of: at most two edits
 * away; not a mere version or number change (`py311` / `py312`, `func` /
 * `func3`); with a word that no name in the workspace uses (`nameservr`);
 * and that word close to the word it replaces (one edit for a word of up to
 * four letters, so `ord` / `iad` and `api` / `cfapi` stay distinct). Real
 * names that combine known words differently (`-amd64` / `-arm64`) are not
 * typos. A name that differs only in case or separators always is.
 */
// Re-checks ask about the same unknown names again and again; the answer
// depends only on the name, the candidates and the vocabulary.
const typoMemo = new Map<string, string[]>();
const vocabKeys = new WeakMap<Set<string>, string>();

function vocabKey(vocab: Set<string>): string {
  let k = vocabKeys.get(vocab);
  if (k === undefined) vocabKeys.set(vocab, (k = fingerprint([...vocab].sort())));
  return k;
}

export function likelyTypos(name: string, candidates: Iterable<string>, ctx: CheckContext): string[] {
  if (name.length < 4) return [];
  const list = Array.isArray(candidates) ? (candidates as string[]) : [...candidates];
  const vocab = vocabulary(ctx);
  const key = `${name}\u0000${fingerprint(list)}\u0000${vocabKey(vocab)}`;
  const hit = typoMemo.get(key);
  if (hit) return [...hit];
  const found = computeTypos(name, list, vocab);
  if (typoMemo.size > 20_000) typoMemo.clear();
  typoMemo.set(key, found);
  return [...found];
}

function computeTypos(name: string, candidates: readonly string[], vocab: Set<string>): string[] {
  const own = tokens(name);
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (c === name || c.length < 4) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase(), 2);
    if (d > 2) continue;
    const theirs = tokens(c);
    // Only case or separators differ (`infra-prod_deploy`): nothing else can be meant.
    if (theirs.join('-') === own.join('-')) {
      scored.push({ c, d });
      continue;
    }
    if (withoutDigits(c) === withoutDigits(name)) continue;
    const novel = own.filter((t) => !theirs.includes(t));
    if (!novel.some((t) => !vocab.has(t))) continue;
    const replaced = theirs.filter((t) => !own.includes(t)).join('-');
    const limit = replaced.length <= 4 ? 1 : 2;
    if (editDistance(novel.join('-'), replaced, limit) > limit) continue;
    scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d).map((s) => s.c);
}

export interface Verdict {
  /** undefined: say nothing. */
  severity: Severity | undefined;
  /** The tenant's name when every project of it is open (the closed world): the name is defined nowhere. */
  closed?: string;
  /** Replacement candidates, best first. */
  suggestions: string[];
  /** True when the name is a near miss of a known name. */
  typo: boolean;
}

/**
 * The tenant's name when no project that is not open can define a `cls`
 * (every project is open, or those missing load no such class): a name no
 * open repo defines is then defined nowhere.
 */
export function closedTenant(ctx: CheckContext, cls = 'job'): string | undefined {
  const t = ctx.tenant;
  return t && t.missing.every((p) => !p.include.has(cls)) ? t.tenant.name : undefined;
}

/** The opening of a closed-world message: `Job "x" is defined in no project of tenant t`. */
export function notInTenant(what: string, tenant: string): string {
  return `${what} is defined in no project of tenant ${tenant}`;
}

/**
 * The policy for a name of a kind that may be defined outside the workspace
 * (job, nodeset, project template): in the closed world an error; otherwise
 * error for a likely typo, nothing for a stanza that configures another
 * project, warning otherwise.
 */
export function judgeUnknown(name: string, known: string[], ctx: CheckContext, otherProject: boolean, cls = 'job'): Verdict {
  const extra = ctx.settings.externalNames.filter((p) => !p.startsWith('^'));
  const pool = extra.length ? [...known, ...extra] : known;
  const typos = likelyTypos(name, pool, ctx);
  const close = suggest(name, pool);
  const suggestions = [...typos, ...close.filter((c) => !typos.includes(c))].slice(0, 3);
  if (typos.length) return { severity: 'error', suggestions, typo: true };
  const closed = closedTenant(ctx, cls);
  if (closed) return { severity: 'error', suggestions, typo: false, closed };
  if (otherProject) return { severity: undefined, suggestions, typo: false };
  return { severity: 'warning', suggestions, typo: false };
}

/** True when the name is declared as defined outside the workspace. */
export function isExternal(name: string, ctx: CheckContext): boolean {
  return isExternalJob(name, ctx.settings);
}

export function didYouMean(suggestions: string[]): string {
  return suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
}

// ---------------------------------------------------------------------------
// Secrets (§3.10)

export interface SecretRef {
  site: ReferenceSite;
  /** The scalar that names the secret (`secrets: x`, or the `secret:` value). */
  node: YNode;
  /** Where to report it: the node, or the alias that borrows another stanza's list. */
  at: YNode;
  name: string;
  /** `pass-to-parent: true`: Zuul looks the secret up only when it freezes a job graph with this job. */
  passToParent: boolean;
  /** The stanza has playbooks of its own (the other secrets go to them, and are checked as Zuul loads). */
  ownPlaybooks: boolean;
}

/** Every secret a job stanza or project-pipeline variant uses: `secrets: x`, a list, or `{name, secret}`. */
export function secretRefs(ctx: CheckContext): SecretRef[] {
  return memo(secretsCache, ctx.index, () => computeSecretRefs(ctx));
}

const secretsCache = new WeakMap<ZuulIndex, SecretRef[]>();

function computeSecretRefs(ctx: CheckContext): SecretRef[] {
  const out: SecretRef[] = [];
  for (const site of referenceSites(ctx)) {
    const def = site.stanza.def;
    const alias = rawAlias(site.stanza, 'secrets');
    const ownPlaybooks = PLAYBOOK_PHASES.some((k) => oneOrMany(def, attrValue(site.stanza, k)).length > 0);
    for (const item of oneOrMany(def, attrValue(site.stanza, 'secrets'))) {
      const node = isMap(item) ? resolve(def.file.doc, field(def, item, 'secret')) : item;
      const name = str(node);
      const passToParent = isMap(item) && pyValue(field(def, item, 'pass-to-parent')) === true;
      if (node && name !== undefined) out.push({ site, node, at: alias ?? node, name, passToParent, ownPlaybooks });
    }
  }
  return out;
}
