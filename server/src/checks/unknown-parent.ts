// An explicit `parent:` that names no job: Zuul's load error "Job PARENT not
// defined" (reference §3.2, §4). The default parent is never checked by Zuul,
// and neither is it here. Jobs very often inherit from repos that are not open
// (zuul-jobs, a base-jobs repo), so only a likely typo — a known job within
// two edits — is an error; anything else is a warning that says how to
// declare the name as external.
import { settingMention } from '../zuul/settingRef';
import type { Check, Finding } from './check';
import { rangeOf } from '../zuul/stanzas';
import { isExternalJob } from '../zuul/external';
import { editDistance, suggest } from '../zuul/suggest';
import { ZUUL_DOCS } from '../zuul/rules';
import { checkedParents, closedTenant, notInTenant } from './references-policy';

/** Edits up to which a known name is taken for the intended one. */
export const TYPO_DISTANCE = 2;

const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');

/** True when `candidate` differs from `word` by at most TYPO_DISTANCE edits, and not only in digits (py38 vs py39 is another version, not a typo). */
export function isLikelyTypo(word: string, candidate: string): boolean {
  const a = norm(word);
  const b = norm(candidate);
  if (a === b) return true;
  if (editDistance(a, b, TYPO_DISTANCE) > TYPO_DISTANCE) return false;
  return a.replace(/[0-9]/g, '') !== b.replace(/[0-9]/g, '');
}

export const unknownParent: Check = {
  id: 'unknown-parent',
  severity: 'error',
  summary: `An explicit parent: that names no job in the workspace; Zuul rejects the job ("Job PARENT not defined"). Error when a known job is within two edits (a typo); otherwise a warning, as the job may live in a repo that is not open: declare it in ${settingMention('externalNames')}.`,
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.parent`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const { index, settings } = ctx;
    let known: string[] | undefined;
    for (const { stanza, parent, entry } of checkedParents(ctx)) {
      if (parent === null || index.has('job', parent) || isExternalJob(parent, settings)) continue;
      known ??= index.names('job');
      // A job cannot be its own parent: never offer its own name.
      const suggestions = suggest(parent, known, 4).filter((n) => n !== stanza.jobName).slice(0, 3);
      const typo = suggestions.find((s) => isLikelyTypo(parent, s));
      if (typo) {
        suggestions.splice(suggestions.indexOf(typo), 1);
        suggestions.unshift(typo);
      }
      const { file } = stanza.def;
      const where = stanza.kind === 'job' ? `job "${stanza.jobName}"` : `the ${stanza.pipeline} variant of "${stanza.jobName}"`;
      const closed = closedTenant(ctx);
      const message = typo
        ? `Parent "${parent}" is not defined; did you mean "${typo}"? Zuul rejects ${where} when it loads the configuration ("Job ${parent} not defined"), so it never runs.`
        : closed
          ? `${notInTenant(`Parent "${parent}"`, closed)}: Zuul rejects ${where} when it loads the configuration ("Job ${parent} not defined"), so it never runs.${suggestions.length ? ` Similar: ${suggestions.map((s) => `"${s}"`).join(', ')}.` : ''}`
          : `Parent "${parent}" is not defined in the open repositories.${suggestions.length ? ` Similar: ${suggestions.map((s) => `"${s}"`).join(', ')}.` : ''} If it lives in a repository that is not open (zuul-jobs, a base-jobs repo...), open that repository too or add "${parent}" to ${settingMention('externalNames')}; otherwise Zuul rejects ${where} ("Job ${parent} not defined").`;
      out.push({
        rule: 'unknown-parent',
        severity: typo || closed ? 'error' : 'warning',
        file: file.path,
        range: rangeOf(file, entry.value),
        message,
        data: { suggestions, parent, job: stanza.jobName },
        ...(typo || closed ? {} : { setting: { key: 'externalNames', value: parent } }),
      });
    }
    return out;
  },
};
