// From a cursor's enclosing segments to the schema: which mapping, which
// value type, and what kind of name a string value refers to.
import { ITEM_SCHEMAS, JOB_VARIANT } from '../zuul/schemaTables';
import type { ObjSpec, Ty } from '../zuul/schemaTypes';
import type { Seg } from './cursorContext';

export interface Place {
  /** The file's top-level list item (`- job: ...`). */
  root?: boolean;
  /** An entry of a project pipeline's job list. */
  jobEntry?: boolean;
  ty?: Ty;
  /** The mapping and key the value belongs to (kept through list items). */
  owner?: ObjSpec;
  key?: string;
}

const unwrap = (ty: Ty): Ty => (ty.k === 'tag' ? unwrap(ty.of) : ty);

/** The mapping spec a key of this value would belong to. */
export function objOf(ty: Ty | undefined): ObjSpec | undefined {
  if (!ty) return undefined;
  const t = unwrap(ty);
  if (t.k === 'obj') return t;
  if (t.k === 'one') return objOf(t.of);
  if (t.k === 'union') for (const m of t.of) {
    const o = objOf(m);
    if (o) return o;
  }
  return undefined;
}

function listOf(ty: Ty): Ty | 'job-list' | undefined {
  const t = unwrap(ty);
  if (t.k === 'list' || t.k === 'one') return t.of;
  if (t.k === 'custom' && t.name === 'job-list') return 'job-list';
  if (t.k === 'union') for (const m of t.of) {
    const l = listOf(m);
    if (l) return l;
  }
  return undefined;
}

function step(place: Place, seg: Seg): Place | undefined {
  if (place.root) return seg.k === 'key' && Object.prototype.hasOwnProperty.call(ITEM_SCHEMAS, seg.name) ? { ty: ITEM_SCHEMAS[seg.name], key: seg.name } : undefined;
  if (place.jobEntry) return seg.k === 'key' ? { ty: JOB_VARIANT } : undefined;
  if (!place.ty) return undefined;
  if (seg.k === 'item') {
    const of = listOf(place.ty);
    if (of === 'job-list') return { jobEntry: true };
    return of ? { ty: of, owner: place.owner, key: place.key } : undefined;
  }
  const t = unwrap(place.ty);
  if (t.k === 'mapOf') return { ty: t.of };
  if (t.k === 'varMap' || t.k === 'map' || t.k === 'any') return { ty: { k: 'any' } };
  const obj = objOf(t);
  if (!obj) return undefined;
  const field = Object.prototype.hasOwnProperty.call(obj.fields, seg.name) ? obj.fields[seg.name] : obj.extra;
  return field ? { ty: field, owner: obj, key: seg.name } : undefined;
}

export function resolvePath(path: Seg[]): Place | undefined {
  if (path.length === 0 || path[0].k !== 'item') return undefined;
  let place: Place | undefined = { root: true };
  for (let i = 1; i < path.length && place; i++) place = step(place, path[i]);
  return place;
}

/** Scalar values a value of this type may take (booleans and enum members). */
export function scalarChoices(ty: Ty | undefined): string[] {
  if (!ty) return [];
  const t = unwrap(ty);
  switch (t.k) {
    case 'bool':
      return ['true', 'false'];
    case 'enum':
      return [...t.values];
    case 'union':
      return [...new Set(t.of.flatMap(scalarChoices))];
    case 'one':
      return scalarChoices(t.of);
    default:
      return [];
  }
}

export function acceptsString(ty: Ty | undefined): boolean {
  if (!ty) return false;
  const t = unwrap(ty);
  if (t.k === 'str' || t.k === 'regex') return true;
  if (t.k === 'one') return acceptsString(t.of);
  if (t.k === 'union') return t.of.some(acceptsString);
  return false;
}

export type RefKind = 'parent' | 'nodeset' | 'secret' | 'semaphore' | 'job' | 'dependency' | 'playbook' | 'template' | 'queue' | 'repo' | 'pipeline';

const JOB_REFS: Record<string, RefKind> = {
  parent: 'parent',
  nodeset: 'nodeset',
  secrets: 'secret',
  semaphores: 'semaphore',
  semaphore: 'semaphore',
  dependencies: 'dependency',
  'pre-run': 'playbook',
  run: 'playbook',
  'post-run': 'playbook',
  'cleanup-run': 'playbook',
  'required-projects': 'repo',
  'allowed-projects': 'repo',
};

const REFS: Record<string, Record<string, RefKind>> = {
  'a job': JOB_REFS,
  'a project-pipeline job variant': JOB_REFS,
  'a semaphore entry': { name: 'semaphore' },
  'a secret entry': { secret: 'secret' },
  'a playbook entry': { name: 'playbook', semaphores: 'semaphore' },
  'a post-run playbook entry': { name: 'playbook', semaphores: 'semaphore' },
  'a role entry': { zuul: 'repo' },
  'a required-projects entry': { name: 'repo' },
  'an include-vars entry': { project: 'repo' },
  'a dependency entry': { name: 'dependency' },
  'a project': { templates: 'template', queue: 'queue' },
  'a project-template': { queue: 'queue' },
  'a nodeset': { alternatives: 'nodeset' },
  'an inline nodeset': { alternatives: 'nodeset' },
  'a pipeline': { supercedes: 'pipeline' },
};

/** What a string written at this place names, if anything. */
export function refKind(place: Place): RefKind | undefined {
  if (place.jobEntry) return 'job';
  if (!place.owner || !place.key || !acceptsString(place.ty)) return undefined;
  return REFS[place.owner.what]?.[place.key];
}
