// Per-stanza validation against reference §2: the attribute tables
// (schemaTables.ts) walked by schemaWalk.ts, plus the cross-attribute rules
// Zuul applies while parsing one stanza (§4, phase S and P).
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { ConfigItem, ParsedFile } from './parse';
import type { Finding } from './types';
import { settingMention } from './settingRef';
import type { Entry, YNode } from './yamlNodes';
import { entries } from './yamlNodes';
import { isIntNode, isNull, isStringNode, pyValue, str } from './schemaTypes';
import { ITEM_SCHEMAS, JOB_VARIANT, RESERVED_JOB_VARS } from './schemaTables';
import { Walker, type CustomCheck, type Hook, type Loc } from './schemaWalk';
import { suggest } from './suggest';
import { secretDataKeys, whitespaceInName } from './schemaNames';
import { pipelineRegexes } from './schemaPipeline';
import { PLAYBOOK_PHASES } from './playbooks';

export { SCHEMA_RULES } from './schemaRules';

export interface SchemaContext {
  /** Ansible versions the deployment supports; default 8, 9 and 11 (11.3-era and newest Zuul). */
  ansibleVersions?: string[];
}

export const DEFAULT_ANSIBLE_VERSIONS = ['8', '9', '11'];
/** Versions in the default list that Zuul's newest source no longer supports. */
const REMOVED_ANSIBLE_VERSIONS = ['8'];

const VAR_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export function validateItem(file: ParsedFile, item: ConfigItem, ctx: SchemaContext = {}): Finding[] {
  const schema = ITEM_SCHEMAS[item.kind];
  if (!schema) return [];
  const w = new Walker(file, { noun: item.kind, hooks: makeHooks(ctx), customs: CUSTOMS });
  w.check(item.body, schema, { path: '', keyNode: item.keyNode });
  return dedupe(w.findings);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.rule}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A string scalar's value, PyYAML-style. */
function strValue(node: YNode | null | undefined): string | undefined {
  const v = pyValue(node);
  return typeof v === 'string' ? v : undefined;
}

function find(ents: readonly Entry[], key: string): Entry | undefined {
  return ents.find((e) => e.key === key);
}

/** The elements of a `One<T>` value: a sequence's items, or the node itself. */
function asList(w: Walker, node: YNode | null): YNode[] {
  if (isSeq(node)) return node.items.map((i) => w.resolve(i)).filter((n): n is YNode => n != null);
  return node == null ? [] : [node];
}

function isTrue(e: Entry | undefined): boolean {
  return pyValue(e?.value) === true;
}

function isFalse(e: Entry | undefined): boolean {
  return pyValue(e?.value) === false;
}

/** Python's str() of a YAML scalar, as Zuul does for ansible-version. */
function pythonStr(node: Scalar): string {
  const v = pyValue(node);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return !isIntNode(node) && Number.isInteger(v) ? `${v}.0` : String(v);
  return String(v);
}

function makeHooks(ctx: SchemaContext): Record<string, Hook> {
  const versions = ctx.ansibleVersions ?? DEFAULT_ANSIBLE_VERSIONS;
  return {
    job: (w, _node, ents, _loc, spec) => {
      jobRules(w, ents, versions, ctx.ansibleVersions !== undefined);
      // Project-pipeline variants share this hook; only a job stanza has a name.
      if (Object.hasOwn(spec.fields, 'name')) whitespaceInName(w, ents, 'job');
    },
    'project-template': (w, _node, ents) => whitespaceInName(w, ents, 'project-template'),
    nodeset: nodesetRules,
    role: (w, node, ents, loc) => {
      const zuul = find(ents, 'zuul');
      const galaxy = find(ents, 'galaxy');
      if (!zuul && !galaxy) w.missing(node, 'zuul', { what: 'a role entry' }, loc);
      else if (zuul && galaxy) w.report('invalid-value', `A role entry has either "zuul" or "galaxy", not both: ${w.rejects}. Keep "zuul: <project>" (galaxy roles are ignored by Zuul).`, w.keySpan(galaxy.keyNode));
    },
    'include-vars': (w, _node, ents) => {
      const project = find(ents, 'project');
      const zuulProject = find(ents, 'zuul-project');
      const useRef = find(ents, 'use-ref');
      if (project && zuulProject) w.report('invalid-value', `An include-vars entry cannot have both "project" and "zuul-project": ${w.rejects}. Keep one.`, w.keySpan(zuulProject.keyNode));
      if (useRef && !zuulProject) w.report('invalid-value', `"use-ref" is only accepted together with "zuul-project": ${w.rejects}. Add "zuul-project: true" or remove "use-ref".`, w.keySpan(useRef.keyNode));
    },
    'final-true': (w, _node, ents) => {
      const f = find(ents, 'final');
      if (f && isScalar(f.value) && pyValue(f.value) !== true) w.report('invalid-value', `attribute-control entries must be exactly {final: true}: ${w.rejects} ("not a valid value"). Remove the entry instead of writing final: false.`, w.valueSpan(f.value, f));
    },
    secret: (w, _node, ents, loc) => {
      const data = find(ents, 'data');
      const oidc = find(ents, 'oidc');
      if (!data && !oidc) w.report('secret-data-or-oidc', `A secret needs "data" (or, on the newest Zuul, "oidc"): ${w.rejects} ("Either 'data' or 'oidc' must be present."). Add data: with the encrypted values.`, w.keySpan(loc.keyNode));
      else if (data && oidc) w.report('secret-data-or-oidc', `A secret has either "data" or "oidc", not both: ${w.rejects} ("two or more values in the same group of exclusion"). Split it into two secrets.`, w.keySpan(oidc.keyNode));
      secretDataKeys(w, ents);
    },
    queue: (w, _node, ents) => {
      const byTopic = find(ents, 'dependencies-by-topic');
      if (isTrue(byTopic) && !isTrue(find(ents, 'allow-circular-dependencies'))) {
        w.report('dependencies-by-topic-requires-circular', `dependencies-by-topic needs "allow-circular-dependencies: true" in the same queue: ${w.rejects} ("The 'allow-circular-dependencies' setting must be enabled in order to use dependencies-by-topic").`, w.keySpan(byTopic!.keyNode));
      }
    },
    pipeline: (w, _node, ents) => {
      pipelineRegexes(w, ents);
      const ceiling = find(ents, 'window-ceiling');
      const floor = find(ents, 'window-floor');
      if (!ceiling || !isIntNode(ceiling.value)) return;
      const floorValue = floor ? (isIntNode(floor.value) ? Number((floor.value as Scalar).value) : undefined) : 3;
      const c = Number((ceiling.value as Scalar).value);
      if (floorValue !== undefined && c < floorValue) {
        w.report('window-ceiling-below-floor', `window-ceiling ${c} is less than window-floor ${floorValue}${floor ? '' : ' (the default)'}: ${w.rejects} ("Pipeline window-ceiling may not be less than window-floor"). Raise the ceiling or lower the floor.`, w.valueSpan(ceiling.value, ceiling));
      }
    },
    project: (w, _node, ents) => {
      const name = find(ents, 'name');
      const n = strValue(name?.value);
      if (name && n?.startsWith('^')) w.checkRegex(name.value as Scalar, 're2', { path: 'name', keyNode: name.keyNode });
    },
    provider: (w, _node, ents) => {
      const flavor = find(ents, 'flavor');
      if (flavor) w.report('unknown-attribute', `Flavor configuration not permitted in Provider, only Section: ${w.rejects}. Move "flavor" to the section.`, w.keySpan(flavor.keyNode));
    },
  };
}

/** `versions` given means the user said what the deployment runs; else the defaults, some of which newer Zuul dropped. */
function jobRules(w: Walker, ents: readonly Entry[], versions: string[], given: boolean): void {
  const intermediate = find(ents, 'intermediate');
  if (isTrue(intermediate) && !isTrue(find(ents, 'abstract'))) {
    w.report('intermediate-not-abstract', `An intermediate job must also be abstract: ${w.rejects}. Add "abstract: true" next to "intermediate: true".`, w.keySpan(intermediate!.keyNode), { insert: 'abstract: true' });
  }
  const postReview = find(ents, 'post-review');
  if (isFalse(postReview)) {
    w.report('post-review-unset', `post-review may only be set to true ("Once set, the post-review attribute may not be unset"): ${w.rejects}. Remove "post-review: false".`, w.valueSpan(postReview!.value, postReview!));
  }
  const prot = find(ents, 'protected');
  if (isFalse(prot)) {
    w.report('explicit-protected-false', `Writing "protected: false" makes Zuul record a protection origin, so at freeze time the job behaves as protected (jobs from other projects cannot inherit from it). Remove the line to leave the job unprotected.`, w.valueSpan(prot!.value, prot!));
  }
  const cleanup = find(ents, 'cleanup-run');
  if (cleanup) {
    w.report('deprecated-attribute', `"cleanup-run" is deprecated: Zuul warns "Cleanup Run Deprecation". Use post-run with "cleanup: true" on the playbook entry instead.`, w.keySpan(cleanup.keyNode));
  }
  for (const k of ['success-url', 'failure-url']) {
    const e = find(ents, k);
    if (e) w.report('deprecated-attribute', `"${k}" is accepted but ignored by Zuul (a legacy attribute); remove it.`, w.keySpan(e.keyNode), undefined, 'info');
  }
  const av = find(ents, 'ansible-version');
  if (av && isScalar(av.value) && av.value.value !== null && !(av.value.value instanceof Date)) {
    const v = pythonStr(av.value);
    if (!versions.includes(v)) {
      w.report('unknown-ansible-version', `Requested ansible version "${v}" is unknown: ${w.rejects}. Supported versions are ${versions.join(', ')}.`, w.valueSpan(av.value, av), { suggestions: [...versions] });
    } else if (!given && REMOVED_ANSIBLE_VERSIONS.includes(v)) {
      // Unknown which Zuul runs: 11.3 still has it (deprecated), newer Zuul rejects the job.
      const newer = versions.filter((x) => !REMOVED_ANSIBLE_VERSIONS.includes(x));
      w.report('unknown-ansible-version', `Ansible ${v} is deprecated in Zuul 11.3 and gone from newer Zuul, which rejects this job ("Requested ansible version '${v}' is unknown. Supported versions are ${newer.join(', ')}"). Move to ${newer.join(' or ')}; if your Zuul still runs ${v}, set ${settingMention('ansibleVersions')} to its list.`, w.valueSpan(av.value, av), { suggestions: newer }, 'warning');
    }
  }
  const pre = find(ents, 'pre-timeout');
  const timeout = find(ents, 'timeout');
  if (pre && timeout && isIntNode(pre.value) && isIntNode(timeout.value)) {
    const a = Number((pre.value as Scalar).value);
    const b = Number((timeout.value as Scalar).value);
    if (a > b) w.report('pre-timeout-exceeds-timeout', `This job has a pre-timeout of ${a} that exceeds its timeout of ${b}: Zuul rejects it. The timeout covers pre-run and run, so lower pre-timeout or raise timeout.`, w.valueSpan(pre.value, pre));
  }
  semaphoreConflicts(w, ents);
  secretNames(w, ents);
}

function semaphoreConflicts(w: Walker, ents: readonly Entry[]): void {
  const jobEntry = find(ents, 'semaphores') ?? find(ents, 'semaphore');
  if (!jobEntry) return;
  const jobSems = new Set<string>();
  for (const s of asList(w, jobEntry.value)) {
    const n = strValue(s) ?? (isMap(s) ? strValue(entries(w.file.doc, s).find((e) => e.key === 'name')?.value) : undefined);
    if (n) jobSems.add(n);
  }
  for (const phase of PLAYBOOK_PHASES) {
    const e = find(ents, phase);
    if (!e) continue;
    for (const pb of asList(w, e.value)) {
      if (!isMap(pb)) continue;
      const sems = entries(w.file.doc, pb).find((x) => x.key === 'semaphores');
      if (!sems) continue;
      for (const s of asList(w, sems.value)) {
        const n = strValue(s);
        if (n && jobSems.has(n)) {
          w.report('semaphore-conflict', `Semaphore "${n}" is specified as both job and playbook semaphore but may only be used for one: ${w.rejects}. Remove it from "${jobEntry.key}" or from this playbook.`, w.valueSpan(s, sems));
        }
      }
    }
  }
}

/** Characters Zuul allows in the variable a playbook gets a secret as (zuul/lib/varnames.py). */
const ALIAS_CHARS = /^[A-Za-z0-9_]+$/;

/**
 * The variable a secret is exposed as (reference §3.10, §3.13). The `name` of
 * the {name, secret} form is an Ansible name by schema, in any stanza. Every
 * alias (in the string form, the secret's own name) is checked again when
 * the stanza's own playbooks are built, with a laxer pattern plus the
 * reserved names; a stanza without playbooks binds its secrets to none, and
 * Zuul's loader accepts `secrets: [app-token]` there.
 */
function secretNames(w: Walker, ents: readonly Entry[]): void {
  const e = find(ents, 'secrets');
  if (!e) return;
  const playbooks = PLAYBOOK_PHASES.some((k) => asList(w, find(ents, k)?.value ?? null).length > 0);
  for (const s of asList(w, e.value)) {
    const mapping = isMap(s);
    const node: YNode | null | undefined = mapping ? entries(w.file.doc, s).find((x) => x.key === 'name')?.value : s;
    const name = strValue(node);
    if (!node || name === undefined) continue;
    const reserved = (RESERVED_JOB_VARS as readonly string[]).includes(name);
    const other = reserved ? `${name}_secret` : name.replace(/[^a-zA-Z0-9_]/g, '_');
    const alias = mapping ? '' : ` Use the mapping form {name: ${other}, secret: ${name}} to expose it under another name.`;
    if (mapping && !VAR_NAME.test(name)) {
      w.report('invalid-variable-name', `The secret is exposed as the Ansible variable "${name}", which is not a valid variable name (only letters, digits and underscores, starting with a letter): Zuul rejects this ("Invalid Ansible variable name '${name}'").`, w.valueSpan(node, e));
    } else if (!playbooks) {
      continue;
    } else if (!ALIAS_CHARS.test(name)) {
      w.report('invalid-variable-name', `The secret is exposed to this stanza's playbooks as the variable "${name}", which has characters other than letters, digits and underscores: Zuul rejects this ("Variable names may only contain letters, numbers, and underscores").${alias}`, w.valueSpan(node, e));
    } else if (reserved) {
      w.report('reserved-variable-name', `Defining a variable named "${name}" is not allowed (Zuul reserves it): Zuul rejects this ("Defining a variable named '${name}' is not allowed").${alias || ' Choose another name.'}`, w.valueSpan(node, e));
    }
  }
}

function nodesetRules(w: Walker, node: YAMLMap, ents: readonly Entry[], loc: Loc, spec: { fields: Record<string, unknown> }): void {
  const nodes = find(ents, 'nodes');
  const groups = find(ents, 'groups');
  const alts = find(ents, 'alternatives');
  if (alts && (nodes || groups)) {
    w.report('invalid-value', `A nodeset has either "nodes"/"groups" or "alternatives", not both: ${w.rejects}. Move these nodes into an entry of the alternatives list.`, w.keySpan(alts.keyNode));
  }
  if ('alternatives' in spec.fields && !alts && !nodes) {
    const first = node.items[0]?.key as Scalar | undefined;
    w.report('missing-required', `A nodeset needs "nodes" (or "alternatives"): ${w.rejects} ("required key not provided"). Use "nodes: []" for a nodeset without nodes.`, w.keySpan(loc.keyNode ?? first), { missing: 'nodes' });
  }
  const known = new Set<string>();
  if (nodes) {
    for (const n of asList(w, nodes.value)) {
      if (!isMap(n)) continue;
      const nameEntry = entries(w.file.doc, n).find((e) => e.key === 'name');
      if (!nameEntry) continue;
      for (const nm of asList(w, nameEntry.value)) {
        const name = strValue(nm);
        if (name === undefined) continue;
        const span = w.valueSpan(nm, nameEntry);
        if (name === 'localhost') {
          w.report('localhost-node', `Nodes named "localhost" are not allowed: ${w.rejects}. Zuul's executor is already "localhost" in the inventory; give the node another name.`, span);
        } else if (known.has(name)) {
          w.report('duplicate-node-name', `The node name "${name}" appears multiple times; node names must be unique within a nodeset: ${w.rejects}. Rename or remove one.`, span);
        }
        known.add(name);
      }
    }
  }
  if (!groups) return;
  const seenGroups = new Set<string>();
  for (const g of asList(w, groups.value)) {
    if (!isMap(g)) continue;
    const ge = entries(w.file.doc, g);
    const nameEntry = ge.find((e) => e.key === 'name');
    const gname = strValue(nameEntry?.value);
    if (nameEntry && gname !== undefined) {
      const span = w.valueSpan(nameEntry.value, nameEntry);
      if (gname.includes('localhost')) {
        w.report('localhost-node', `Groups named "localhost" are not allowed (Zuul rejects any group name containing "localhost"): ${w.rejects}. Rename the group.`, span);
      } else if (seenGroups.has(gname)) {
        w.report('duplicate-node-name', `The group name "${gname}" appears multiple times; group names must be unique within a nodeset: ${w.rejects}. Merge the two groups.`, span);
      }
      seenGroups.add(gname);
    }
    const members = ge.find((e) => e.key === 'nodes');
    if (!members || !nodes) continue;
    for (const m of asList(w, members.value)) {
      const mname = strValue(m);
      if (mname !== undefined && !known.has(mname)) {
        const suggestions = suggest(mname, known);
        w.report('group-unknown-node', `The group "${gname ?? '?'}" contains a node named "${mname}" which is not defined in the nodeset: ${w.rejects}.${suggestions.length ? ` Did you mean "${suggestions[0]}"?` : ` Defined nodes: ${[...known].join(', ') || 'none'}.`}`, w.valueSpan(m, members), suggestions.length ? { suggestions } : undefined);
      }
    }
  }
}

/** Reference §2.4: entries of a pipeline's `jobs:` list. */
const jobList: CustomCheck = (w, node, loc) => {
  if (!isSeq(node)) return w.wrongType(node, { k: 'list', of: str }, { ...loc, expect: 'a list of job names or {job-name: {attributes}} mappings' });
  node.items.forEach((raw, i) => {
    const item = w.resolve(raw);
    const path = `${loc.path}[${i}]`;
    if (isMap(item)) return jobEntry(w, item, path);
    if (isSeq(item) || isNull(item) || (isScalar(item) && !isStringNode(item))) {
      return w.wrongType(item, str, { path, keyNode: loc.keyNode, expect: 'a job name or a {job-name: {attributes}} mapping' });
    }
    w.check(item, str, { path, keyNode: loc.keyNode });
  });
};

function jobEntry(w: Walker, item: YAMLMap, path: string): void {
  const ents = entries(w.file.doc, item);
  if (ents.length === 0) {
    w.report('wrong-type', `"${path}" is an empty mapping: a job entry is a job name or {job-name: {attributes}}, and Zuul fails on an empty one. Write the job name.`, w.valueSpan(item, {}));
    return;
  }
  ents.forEach((e, idx) => {
    const { keyNode, key: name, value } = e;
    if (!isStringNode(keyNode)) {
      w.report('wrong-type', `The job name "${name}" must be a string: ${w.rejects} ("expected str"). Quote it.`, w.keySpan(keyNode));
    }
    const loc: Loc = { path: `${path}.${name}`, keyNode };
    if (idx === 1) {
      const first = ents[0].key;
      const isAttr = Object.hasOwn((JOB_VARIANT as { fields: object }).fields, name);
      const hint = isAttr ? ` "${name}" looks like an attribute of "${first}": indent it under "${first}:".` : ` Put each job in its own list entry ("- ${name}").`;
      w.report('multi-key-job-entry', `This job entry has more than one key; Zuul only uses the first one ("${first}") and silently ignores "${name}"${ents.length > 2 ? ' and the keys after it' : ''}.${hint}`, w.keySpan(keyNode), { first });
    }
    if (isMap(value)) {
      w.check(value, JOB_VARIANT, { path: '', keyNode });
      return;
    }
    if (isScalar(value) && typeof value.value === 'string') {
      // Schema-valid; only the first key is parsed, and there Zuul fails on a string.
      if (idx === 0) {
        const hint = name === 'name' ? ` "- name: ${value.value}" declares a job called "name"; write "- ${value.value}" instead.` : ` Write "- ${name}" for the job without changes, or give it a mapping of attributes.`;
        w.report('wrong-type', `The job "${name}" has the string value "${value.value}", but a job entry's value must be a mapping of attributes: ${w.rejects} (Zuul fails parsing it).${hint}`, w.valueSpan(value, loc));
      }
      return;
    }
    const hint = isNull(value) ? ` To list the job without changes write "- ${name}" (no colon); to change it, indent its attributes under "${name}:".` : '';
    w.report('wrong-type', `The job "${name}" in this list must have a mapping of attributes as its value, not ${isNull(value) ? 'nothing' : `a ${isSeq(value) ? 'list' : 'scalar'}`}: ${w.rejects} ("expected a dictionary").${hint}`, w.valueSpan(value, loc));
  });
}

const CUSTOMS: Record<string, CustomCheck> = { 'job-list': jobList };
