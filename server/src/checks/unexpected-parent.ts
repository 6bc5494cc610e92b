// Setting `parentRules: [{pattern, ancestor}]`: every job whose name matches
// `pattern` must have `ancestor` in its parent chain. The pattern is RE2 and
// searched, not anchored (`RE2JS.compile(p).matcher(name).find()`): write
// `^infra-prod-` to mean "starts with". The chain follows each job's
// reference definition (the first variant that names a parent, else the
// default parent `base`). A chain that runs into a job that is not open, or
// declared external, before meeting the ancestor cannot be judged and is
// skipped — except the default parent `base`, which by convention is a base
// job (the root). Jobs the ancestor itself descends from are not checked.
import { settingMention } from '../zuul/settingRef';
import type { RE2JS } from 're2js';
import { re2 } from '../zuul/regex';
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { ancestry, parentOf } from '../zuul/inherit';
import { ZUUL_DOCS } from '../zuul/rules';

const compile = (p: string): RE2JS | undefined => re2(p) ?? undefined;

export const unexpectedParent: Check = {
  id: 'unexpected-parent',
  severity: 'error',
  summary: `A job whose name matches a pattern of ${settingMention('parentRules')}, an RE2 search (anchor it with ^), but whose parent chain does not reach the required ancestor. Jobs whose chain leaves the open repositories first are skipped.`,
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.parent`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const { index, settings } = ctx;
    const rules = settings.parentRules.map((r) => ({ ...r, re: compile(r.pattern) })).filter((r) => r.re);
    if (rules.length === 0) return out;
    for (const job of index.names('job')) {
      for (const rule of rules) {
        if (!rule.re!.matcher(job).find()) continue;
        // The ancestor itself and the jobs above it cannot descend from it.
        if (ancestry(index, rule.ancestor).chain.includes(job)) continue;
        const anc = ancestry(index, job);
        if (anc.chain.includes(rule.ancestor) || anc.cycle) continue;
        const chain = [...anc.chain];
        let assumedRoot = false;
        if (anc.missing !== undefined) {
          if (anc.missing === rule.ancestor) continue;
          if (anc.missing !== index.defaultParent) continue;
          chain.push(anc.missing);
          assumedRoot = true;
        }
        const defs = index.get('job', job);
        const withParent = defs.find((d) => parentOf(d).name !== undefined);
        const ref = withParent ?? defs[0];
        const p = withParent ? parentOf(withParent) : undefined;
        const node = p?.entry ? (p.entry.value ?? p.entry.keyNode) : ref.item.nameNode;
        const known = index.has('job', rule.ancestor) ? '' : ` ("${rule.ancestor}" is not defined in the open repositories)`;
        const how = p?.name ? `Set parent: ${rule.ancestor} (or a job that descends from it) instead of "${p.name}".` : p ? `Replace parent: null with parent: ${rule.ancestor}.` : `It has no parent: and so inherits from "${index.defaultParent}"; add parent: ${rule.ancestor}.`;
        out.push({
          rule: 'unexpected-parent',
          severity: assumedRoot ? 'warning' : 'error',
          file: ref.file.path,
          range: rangeOf(ref.file, node),
          message: `${chain.join(' → ')}; expected to descend from ${rule.ancestor}${known} (the pattern ${rule.pattern} of ${settingMention('parentRules')}). ${how}${assumedRoot ? ` ("${index.defaultParent}" is not open; it is taken to be a base job.)` : ''}`,
          data: { job, chain, ancestor: rule.ancestor, pattern: rule.pattern, ...(p?.name ? { suggestions: [rule.ancestor] } : {}) },
        });
      }
    }
    return out;
  },
};
