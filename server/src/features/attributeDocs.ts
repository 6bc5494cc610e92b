// One lookup for the documentation of every attribute of every object kind
// in the schema tables, and how an attribute's type and doc are rendered.
import type { ObjSpec, Ty } from '../zuul/schemaTypes';
import type { AttrDoc, DocTable } from './attributeDocTypes';
import { ATTRIBUTE_CONTROL_DOCS, DEPENDENCY_DOCS, FINAL_ONLY_DOCS, INCLUDE_VARS_DOCS, JOB_DOCS, PLAYBOOK_DOCS, REQUIRED_PROJECT_DOCS, ROLE_DOCS, SECRET_USE_DOCS, SEMAPHORE_USE_DOCS } from './attributeDocsJob';
import * as P from './attributeDocsProject';
import { PIPELINE_DOCS } from './attributeDocsPipeline';

export type { AttrDoc } from './attributeDocTypes';

// Keyed by the spec's `what`, which names each mapping kind once in schemaTables.ts.
const BY_WHAT: Record<string, DocTable> = {
  'a job': JOB_DOCS,
  'a project-pipeline job variant': JOB_DOCS,
  'attribute-control': ATTRIBUTE_CONTROL_DOCS,
  'an attribute-control entry': FINAL_ONLY_DOCS,
  'a semaphore entry': SEMAPHORE_USE_DOCS,
  'a secret entry': SECRET_USE_DOCS,
  'a playbook entry': PLAYBOOK_DOCS,
  'a post-run playbook entry': PLAYBOOK_DOCS,
  'a role entry': ROLE_DOCS,
  'a required-projects entry': REQUIRED_PROJECT_DOCS,
  'an include-vars entry': INCLUDE_VARS_DOCS,
  'a dependency entry': DEPENDENCY_DOCS,
  'a regex mapping': P.REGEX_DOCS,
  'a project': P.PROJECT_DOCS,
  'a project-template': P.TEMPLATE_DOCS,
  "a project's pipeline entry": P.PROJECT_PIPELINE_DOCS,
  'a nodeset': P.NODESET_DOCS,
  'an inline nodeset': P.NODESET_DOCS,
  'a nodeset alternative': P.ALTERNATIVE_DOCS,
  'a node': P.NODE_DOCS,
  'a group': P.GROUP_DOCS,
  'a secret': P.SECRET_DOCS,
  'an oidc setting': P.OIDC_DOCS,
  'a semaphore': P.SEMAPHORE_DOCS,
  'a queue': P.QUEUE_DOCS,
  'a pragma': P.PRAGMA_DOCS,
  'a pipeline': PIPELINE_DOCS,
  'an image': P.IMAGE_DOCS,
  'a flavor': P.FLAVOR_DOCS,
  'a label': P.LABEL_DOCS,
  'a section': P.SECTION_DOCS,
  'a provider': P.PROVIDER_DOCS,
};

export function attributeDoc(spec: ObjSpec, key: string): AttrDoc | undefined {
  const table = BY_WHAT[spec.what];
  return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** "integer", "string, or list of strings", "`true`/`false`". */
export function typeText(ty: Ty, markdown: boolean): string {
  const code = (s: string) => (markdown ? `\`${s}\`` : s);
  switch (ty.k) {
    case 'str':
      return 'string';
    case 'regex':
      return ty.engine === 're2' ? 'RE2 regular expression' : 'regular expression';
    case 'int':
      return ty.min === undefined ? 'integer' : `integer ≥ ${ty.min}`;
    case 'number':
      return 'number';
    case 'bool':
      return `${code('true')}/${code('false')}`;
    case 'null':
      return code('null');
    case 'any':
      return 'any value';
    case 'map':
    case 'mapOf':
    case 'obj':
      return 'mapping';
    case 'varMap':
      return 'mapping of variables';
    case 'enum':
      return ty.values.map(code).join(' | ');
    case 'list':
      return `list of ${plural(ty.of, markdown)}`;
    case 'one':
      return `${typeText(ty.of, markdown)}, or list of ${plural(ty.of, markdown)}`;
    case 'union':
      return ty.of.map((t) => typeText(t, markdown)).join(' or ');
    case 'tag':
      return typeText(ty.of, markdown);
    case 'custom':
      return ty.desc;
  }
}

function plural(ty: Ty, markdown: boolean): string {
  switch (ty.k) {
    case 'str':
      return 'strings';
    case 'regex':
      return 'regular expressions';
    case 'int':
      return 'integers';
    case 'obj':
    case 'map':
    case 'mapOf':
      return 'mappings';
    case 'union':
      return ty.of.map((t) => plural(t, markdown)).join(' or ');
    case 'tag':
      return plural(ty.of, markdown);
    default:
      return `values (${typeText(ty, markdown)})`;
  }
}

const stripCode = (s: string) => s.replace(/`([^`]*)`/g, '$1');

/** The full text shown for an attribute: name and type, what it does, default, link. */
export function renderAttribute(spec: ObjSpec, key: string, markdown: boolean): string | undefined {
  const doc = attributeDoc(spec, key);
  const ty = spec.fields[key];
  if (!doc || !ty) return undefined;
  const type = typeText(ty, markdown);
  const dflt = doc.default === undefined ? undefined : doc.default === 'required' ? 'Required.' : `Default: ${doc.default}.`;
  if (markdown) {
    return [`**${key}**: ${type}`, doc.text, ...(dflt ? [dflt] : []), `[Zuul documentation](${doc.url})`].join('\n\n');
  }
  return [`${key}: ${type}`, stripCode(doc.text), ...(dflt ? [stripCode(dflt)] : []), `Zuul documentation: ${doc.url}`].join('\n\n');
}
