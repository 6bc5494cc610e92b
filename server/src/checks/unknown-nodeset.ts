// A job's `nodeset:` name, or a nodeset `alternatives` entry, naming no
// nodeset (reference §2.5, §4: 'The nodeset "X" was not found.').
import { settingMention } from '../zuul/settingRef';
import { isMap, isSeq } from 'yaml';
import type { Check, CheckContext, Finding } from './check';
import type { Definition } from '../zuul/index';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { resolve, str, type YNode } from '../zuul/yamlNodes';
import type { RelatedLocation } from '../zuul/types';
import { attrValue, didYouMean, EXTERNAL_HINT, field, isExternal, judgeUnknown, notInTenant, referenceSites } from './references-policy';

interface NodesetRef {
  def: Definition;
  node: YNode;
  name: string;
  otherProject: boolean;
  /** Who refers: `job J` or `nodeset N`. */
  owner: string;
  related?: RelatedLocation;
}

/** String entries of an `alternatives:` list. */
function alternatives(def: Definition, nodeset: YNode): { node: YNode; name: string }[] {
  const alts = field(def, nodeset, 'alternatives');
  if (!isSeq(alts)) return [];
  const out: { node: YNode; name: string }[] = [];
  for (const raw of alts.items) {
    const node = resolve(def.file.doc, raw);
    const name = str(node);
    if (node && name !== undefined) out.push({ node, name });
  }
  return out;
}

function nodesetRefs(ctx: CheckContext): NodesetRef[] {
  const out: NodesetRef[] = [];
  for (const site of referenceSites(ctx)) {
    const { stanza } = site;
    const value = attrValue(stanza, 'nodeset');
    if (value == null) continue;
    const base = { def: stanza.def, otherProject: site.otherProject, owner: `job ${stanza.jobName}`, related: site.usedBy };
    const name = str(value);
    if (name !== undefined) out.push({ ...base, node: value, name });
    else if (isMap(value)) for (const a of alternatives(stanza.def, value)) out.push({ ...base, ...a });
  }
  for (const def of ctx.index.ofKind('nodeset')) {
    for (const a of alternatives(def, def.item.body)) out.push({ def, otherProject: false, owner: `nodeset ${def.name}`, ...a });
  }
  return out;
}

export const unknownNodeset: Check = {
  id: 'unknown-nodeset',
  severity: 'error',
  summary:
    `A job nodeset (or a nodeset alternatives entry) names no nodeset the open repos define. Error when it is a near miss of a known nodeset (a typo: Zuul rejects the job with 'The nodeset "X" was not found.'); warning when it may live in a repo that is not open, to declare in ${settingMention('externalNames')}; nothing in a stanza that configures another project.`,
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.nodeset`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const known = ctx.index.names('nodeset');
    for (const ref of nodesetRefs(ctx)) {
      if (ctx.index.has('nodeset', ref.name) || isExternal(ref.name, ctx)) continue;
      const v = judgeUnknown(ref.name, known, ctx, ref.otherProject, 'nodeset');
      if (!v.severity) continue;
      const message = v.typo
        ? `Nodeset "${ref.name}" is not defined, and "${v.suggestions[0]}" is: Zuul rejects ${ref.owner} ('The nodeset "${ref.name}" was not found.').${didYouMean(v.suggestions)}`
        : v.closed
          ? `${notInTenant(`Nodeset "${ref.name}"`, v.closed)}: Zuul rejects ${ref.owner} ('The nodeset "${ref.name}" was not found.').${didYouMean(v.suggestions)}`
          : `Nodeset "${ref.name}" is not defined in the open repositories. Zuul rejects ${ref.owner} ('The nodeset "${ref.name}" was not found.') unless a repo of the tenant defines it; ${EXTERNAL_HINT}.${didYouMean(v.suggestions)}`;
      out.push({
        rule: 'unknown-nodeset',
        severity: v.severity,
        file: ref.def.file.path,
        range: rangeOf(ref.def.file, ref.node),
        message,
        ...(ref.related ? { related: [ref.related] } : {}),
        data: { suggestions: v.suggestions, name: ref.name, typo: v.typo },
        ...(v.typo || v.closed ? {} : { setting: { key: 'externalNames', value: ref.name } }),
      });
    }
    return out;
  },
};
