// The fold of Job.applyVariant over the applied stanzas (reference §3.3),
// attribute by attribute, each value with its source. Secrets and roles are
// bound to playbooks as Zuul binds them: a playbook sees the roles gathered up
// to its stanza and the secrets of its stanza, plus the pass-to-parent secrets
// of the stanzas applied after it.
import { isMap, isScalar, isSeq } from 'yaml';
import type { JobStanza } from './stanzas';
import { stanzaEntries } from './inherit';
import { playbooksOf } from './jobAttrs';
import { entries, resolve, str, type Entry, type YNode } from './yamlNodes';
import { pushAll } from './arrays';
import { deepUpdate, plain, sourced, sourceOf, treeOf } from './effectiveValues';
import { VAR_KINDS, type EffectiveJob, type EffectivePlaybook, type EffectiveRole, type EffectiveSecret, type Note, type Sourced, type VarKind, type VarTree } from '../../../protocol/src';

/** The last stanza that sets one of these wins. */
const REPLACED = ['parent', 'pre-timeout', 'timeout', 'post-timeout', 'attempts', 'nodeset', 'ansible-version', 'ansible-split-streams', 'override-branch', 'override-checkout', 'workspace-scheme', 'workspace-checkout', 'voting', 'hold-following-changes', 'success-message', 'failure-message', 'match-on-config-updates', 'deduplicate', 'image-build-name'];
/** Once true, true. */
const STICKY = ['final', 'post-review', 'protected'];
/** Kept across variants, reset by inheritance (a stanza of another job name). */
const RESET_BY_INHERITANCE = ['abstract', 'intermediate'];
/** Union by default, replaced with `!override`. */
const UNION = ['tags', 'provides', 'requires', 'failure-output', 'include-vars'];
/** Replaced by default, union with `!inherit`. */
const OVERRIDE = ['dependencies', 'files', 'irrelevant-files'];

type Applied = { stanza: JobStanza; onlyIf?: string };
type Fold = Omit<EffectiveJob, 'job' | 'applied' | 'skipped' | 'complete'>;

function elements(a: Applied, e: Entry): Sourced[] {
  const doc = a.stanza.def.file.doc;
  const v = resolve(doc, e.value);
  const nodes = isSeq(v) ? v.items.map((i) => resolve(doc, i)).filter((n): n is YNode => n != null) : v == null ? [] : [v];
  return nodes.map((n) => sourced(plain(a.stanza.def, n), sourceOf(a.stanza.def, n), a.onlyIf));
}

const same = (x: Sourced, y: Sourced) => JSON.stringify(x.value) === JSON.stringify(y.value);
const union = (a: Sourced[], b: Sourced[]) => [...a, ...b.filter((x) => !a.some((y) => same(x, y)))];

/** Zuul's implicit role name: the repo's last path part without a leading `ansible` and `role` (each followed by - _ . or +). */
export function implicitRoleName(repo: string): string {
  const last = repo.split('/').pop() ?? repo;
  const stripped = last.replace(/^ansible[-_.+]/, '').replace(/^role[-_.+]/, '');
  return stripped || last;
}

function rolesOf(a: Applied): EffectiveRole[] {
  const { def } = a.stanza;
  const out: EffectiveRole[] = [];
  // A job stanza (not a project-pipeline variant) always brings its own repo, first.
  if (a.stanza.kind === 'job') out.push({ project: def.repo.name, name: implicitRoleName(def.repo.name), implicit: true, source: sourceOf(def, a.stanza.nameNode) });
  const e = stanzaEntries(a.stanza).find((x) => x.key === 'roles');
  const v = resolve(def.file.doc, e?.value);
  for (const n of isSeq(v) ? v.items : []) {
    const m = resolve(def.file.doc, n);
    if (!isMap(m)) continue;
    const es = entries(def.file.doc, m);
    const project = str(es.find((x) => x.key === 'zuul')?.value);
    if (project === undefined) continue;
    const name = str(es.find((x) => x.key === 'name')?.value) ?? project.split('/').pop() ?? project;
    out.push({ project, name, implicit: false, source: sourceOf(def, m) });
  }
  return out;
}

const roleKey = (r: EffectiveRole) => r.project.split('/').pop() ?? r.project;

/** Job.addRoles: known roles stay (an explicit one replaces an implicit one of the same repo); new ones go in front, in their order. */
function addRoles(have: EffectiveRole[], next: EffectiveRole[]): EffectiveRole[] {
  const kept = have.map((r) => {
    const n = next.find((x) => roleKey(x) === roleKey(r));
    return n && r.implicit && !n.implicit ? n : r;
  });
  const fresh = next.filter((n) => !kept.some((r) => roleKey(r) === roleKey(n)));
  return [...fresh, ...kept];
}

function secretsOf(a: Applied): EffectiveSecret[] {
  const { def } = a.stanza;
  const e = stanzaEntries(a.stanza).find((x) => x.key === 'secrets');
  const v = resolve(def.file.doc, e?.value);
  const out: EffectiveSecret[] = [];
  for (const n of isSeq(v) ? v.items.map((i) => resolve(def.file.doc, i)) : v ? [v] : []) {
    const s = str(n);
    if (s !== undefined) out.push({ name: s, secret: s, passToParent: false, job: a.stanza.jobName, source: sourceOf(def, n) });
    else if (isMap(n)) {
      const es = entries(def.file.doc, n);
      const secret = str(es.find((x) => x.key === 'secret')?.value);
      if (secret === undefined) continue;
      const ptp = es.find((x) => x.key === 'pass-to-parent')?.value;
      out.push({ name: str(es.find((x) => x.key === 'name')?.value) ?? secret, secret, passToParent: isScalar(ptp) && ptp.value === true, job: a.stanza.jobName, source: sourceOf(def, n) });
    }
  }
  return out;
}

function playbooks(a: Applied, phase: EffectivePlaybook['phase'], roles: EffectiveRole[], secrets: EffectiveSecret[]): EffectivePlaybook[] {
  return playbooksOf(a.stanza, phase).map((p) => {
    const pb: EffectivePlaybook = {
      phase,
      path: str(p.node) ?? '',
      repo: a.stanza.def.repo.name,
      source: sourceOf(a.stanza.def, p.node),
      job: a.stanza.jobName,
      secrets: secrets.map((s) => s.name),
      semaphores: p.semaphores.map((s) => s.name),
      roles: roles.map((r) => r.project),
    };
    if (a.onlyIf) pb.onlyIf = a.onlyIf;
    return pb;
  });
}

interface MatcherFacts {
  file: unknown;
  config?: Sourced;
  lists: Record<string, { inherit: boolean; elements: Sourced[] } | undefined>;
  playbooks: Record<EffectivePlaybook['phase'], EffectivePlaybook[]>;
}

// The parents of a project's jobs are folded again for every job: what one
// stanza contributes to the matchers is kept while its file object is the same
// (a re-parse moves kept mappings into a new file object, and offsets with them).
const matcherCache = new WeakMap<object, MatcherFacts>();

function matcherFacts(a: Applied): MatcherFacts {
  const key = a.stanza.body ?? a.stanza.nameNode;
  const hit = matcherCache.get(key);
  if (hit && hit.file === a.stanza.def.file && !a.onlyIf) return hit;
  const ents = stanzaEntries(a.stanza);
  const m = ents.find((e) => e.key === 'match-on-config-updates');
  const out: MatcherFacts = {
    file: a.stanza.def.file,
    config: m ? sourced(plain(a.stanza.def, m.value), sourceOf(a.stanza.def, m.value ?? m.keyNode), a.onlyIf) : undefined,
    lists: {},
    playbooks: { 'pre-run': [], run: [], 'post-run': [], 'cleanup-run': [] },
  };
  for (const k of OVERRIDE) {
    const e = ents.find((x) => x.key === k);
    if (e) out.lists[k] = { inherit: e.value?.tag === '!inherit', elements: elements(a, e) };
  }
  for (const ph of PLAYBOOK_ORDER) out.playbooks[ph] = playbooks(a, ph, [], []);
  if (!a.onlyIf) matcherCache.set(key, out);
  return out;
}

const PLAYBOOK_ORDER = ['pre-run', 'run', 'post-run', 'cleanup-run'] as const;

/** `dependencies`, `files`, `irrelevant-files`: a stanza's list replaces what came before, or adds to it under `!inherit`. */
function applyOverridden(lists: Record<string, Sourced[]>, own: MatcherFacts): void {
  for (const k of OVERRIDE) {
    const l = own.lists[k];
    if (l) lists[k] = l.inherit ? union(lists[k] ?? [], l.elements) : l.elements;
  }
}

/**
 * Folds the stanzas, root ancestor first. As Layout.extendJobGraph does, the
 * project's (and its templates') vars go beneath the job's vars once the
 * first `chain` stanzas (the job's own chain) are applied, before the
 * project-pipeline variants.
 */
export function fold(applied: Applied[], chain: number, projectVars: VarTree | undefined, matchersOnly = false): Fold {
  const attributes: Record<string, Sourced> = {};
  const lists: Record<string, Sourced[]> = {};
  const vars = Object.fromEntries(VAR_KINDS.map((k) => [k, {} as VarTree])) as Record<VarKind, VarTree>;
  const required = new Map<string, Sourced<{ project: string; overrideCheckout?: string }>>();
  const notes: Note[] = [];
  let roles: EffectiveRole[] = [];
  const secrets: EffectiveSecret[] = [];
  const phases: Record<EffectivePlaybook['phase'], EffectivePlaybook[]> = { 'pre-run': [], run: [], 'post-run': [], 'cleanup-run': [] };
  let prevName: string | undefined;
  applied.forEach((a, i) => {
    if (i === chain && projectVars) vars.vars = deepUpdate(projectVars, vars.vars);
    const { def } = a.stanza;
    const ents = stanzaEntries(a.stanza);
    const get = (k: string) => ents.find((e) => e.key === k);
    const set = (k: string, e: Entry) => (attributes[k] = sourced(plain(def, e.value), sourceOf(def, e.value ?? e.keyNode), a.onlyIf));
    // What jobs-for reads: the file matchers, match-on-config-updates, the playbooks' paths.
    if (matchersOnly) {
      const own = matcherFacts(a);
      if (own.config) attributes['match-on-config-updates'] = own.config;
      applyOverridden(lists, own);
      if (own.playbooks.run.length) phases.run = own.playbooks.run;
      for (const ph of ['pre-run', 'post-run', 'cleanup-run'] as const) pushAll(phases[ph], own.playbooks[ph]);
      prevName = a.stanza.jobName;
      return;
    }
    for (const k of REPLACED) {
      const e = get(k);
      if (e) set(k, e);
    }
    for (const k of STICKY) {
      const e = get(k);
      if (e && isScalar(e.value) && e.value.value === true && !attributes[k]) set(k, e);
      else if (e && k === 'protected' && isScalar(e.value) && e.value.value === false && attributes[k]) notes.push({ attribute: k, message: `${a.stanza.jobName} sets protected: false on a protected job: Zuul rejects it ("Unable to reset protected attribute")` });
    }
    for (const k of RESET_BY_INHERITANCE) {
      const e = get(k);
      const on = !!e && isScalar(e.value) && e.value.value === true;
      if (prevName !== a.stanza.jobName) {
        if (on) set(k, e!);
        else delete attributes[k];
      } else if (on && !attributes[k]) set(k, e!);
    }
    for (const k of UNION) {
      const e = get(k);
      if (e) lists[k] = e.value?.tag === '!override' ? elements(a, e) : union(lists[k] ?? [], elements(a, e));
    }
    applyOverridden(lists, matcherFacts(a));
    const sem = get('semaphores') ?? get('semaphore');
    if (sem) lists.semaphores = union(lists.semaphores ?? [], elements(a, sem)).sort((x, y) => String(x.value).localeCompare(String(y.value)));
    const allowed = get('allowed-projects');
    if (allowed) {
      const mine = elements(a, allowed);
      lists['allowed-projects'] = lists['allowed-projects'] ? lists['allowed-projects'].filter((x) => mine.some((y) => same(x, y))) : mine;
    }
    for (const k of VAR_KINDS) {
      const e = get(k);
      if (e) vars[k] = e.value?.tag === '!override' ? treeOf(def, e.value, a.onlyIf) : deepUpdate(vars[k], treeOf(def, e.value, a.onlyIf));
    }
    const rp = get('required-projects');
    if (rp) {
      if (rp.value?.tag === '!override') required.clear();
      for (const el of elements(a, rp)) {
        const v = el.value;
        const project = typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as Record<string, unknown>).name === 'string' ? String((v as Record<string, unknown>).name) : undefined;
        if (project === undefined) continue;
        const oc = v && typeof v === 'object' ? (v as Record<string, unknown>)['override-checkout'] ?? (v as Record<string, unknown>)['override-branch'] : undefined;
        required.set(project, { ...el, value: typeof oc === 'string' ? { project, overrideCheckout: oc } : { project } });
      }
    }
    // As applyVariant: roles first, then pass-to-parent secrets reach the playbooks gathered so far, then this stanza's playbooks.
    roles = addRoles(roles, rolesOf(a));
    const own = secretsOf(a);
    pushAll(secrets, own);
    const passed = own.filter((s) => s.passToParent).map((s) => s.name);
    if (passed.length) for (const list of Object.values(phases)) for (const pb of list) for (const n of passed) if (!pb.secrets.includes(n)) pb.secrets.push(n);
    const pbs = (phase: EffectivePlaybook['phase']) => playbooks(a, phase, roles, own);
    if (playbooksOf(a.stanza, 'run').length) phases.run = pbs('run');
    phases['pre-run'] = [...phases['pre-run'], ...pbs('pre-run')];
    phases['post-run'] = [...pbs('post-run'), ...phases['post-run']];
    phases['cleanup-run'] = [...pbs('cleanup-run'), ...phases['cleanup-run']];
    prevName = a.stanza.jobName;
  });
  if (applied.length <= chain && projectVars) vars.vars = deepUpdate(projectVars, vars.vars);
  return {
    attributes,
    lists,
    vars,
    playbooks: [...phases['pre-run'], ...phases.run, ...phases['post-run'], ...phases['cleanup-run']],
    roles,
    requiredProjects: [...required.values()],
    secrets,
    notes,
  };
}
