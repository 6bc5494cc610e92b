// A stanza applied over a job after it became final that sets an execution
// attribute: Zuul fails freezing the job graph with "Unable to modify final
// job <job> attribute K=V with variant <variant>" (reference §3.4,
// Job.applyVariant). A project-pipeline variant may still set what only
// decides whether and how the job is reported (voting, branches, files,
// irrelevant-files, tags, dependencies, messages, ...). A job stanza always
// modifies it: it carries its repo's implicit role. A child whose parent is
// final on every variant is final-parent's (Zuul rejects it at load).
import { isScalar } from 'yaml';
import type { Check, CheckContext, Finding } from './check';
import type { JobStanza } from '../zuul/stanzas';
import { projectPipelines } from '../zuul/jobGraph';
import { rangeOf } from '../zuul/stanzas';
import { collectChain, hasBranches, jobsReaching } from '../zuul/freeze';
import { everyVariant, parentOf } from '../zuul/inherit';
import { executionAttributesOf, freezeFacts, type SetAttribute } from '../zuul/jobAttrs';
import { ZUUL_DOCS } from '../zuul/rules';

const RULE = 'final-job-modified';

interface Violation {
  final: JobStanza;
  by: JobStanza;
}

/**
 * The stanzas of the chain that modify the job after it became final. Zuul
 * stops at the first one that applies on the branch; stanzas limited to
 * some branches may not, so the list goes on to the first that is not.
 */
function chainState(chain: JobStanza[]): { final?: JobStanza; violations: Violation[] } {
  let final: JobStanza | undefined;
  const violations: Violation[] = [];
  for (let i = 0; i < chain.length; i++) {
    const s = chain[i];
    if (final && i > 0) {
      violations.push({ final, by: s });
      if (!hasBranches(s)) break;
    } else if (freezeFacts(s).final) final = s;
  }
  return { final, violations };
}

function shown(a: SetAttribute): string {
  const v = a.entry.value;
  if (!isScalar(v) || v.value === null || typeof v.value === 'object') return `${a.internal}=…`;
  // Python's repr of a boolean.
  return `${a.internal}=${typeof v.value === 'boolean' ? (v.value ? 'True' : 'False') : String(v.value)}`;
}

function finalRelated(final: JobStanza) {
  const e = freezeFacts(final).final;
  return [{ file: final.def.file.path, range: rangeOf(final.def.file, e?.keyNode ?? final.nameNode), message: `${final.jobName} is declared final here` }];
}

function chainFinding(ctx: CheckContext, { final, by }: Violation): Finding | undefined {
  const p = parentOf(by.def);
  const child = by.jobName !== final.jobName;
  // Zuul already rejects the child at load time when every variant of its parent is final.
  if (child && p.name && everyVariant(ctx.index, p.name, 'final')) return undefined;
  const attrs = executionAttributesOf(by);
  const first = attrs[0];
  const node = child && p.entry ? p.entry.value : by.nameNode;
  const certain = !hasBranches(final) && !hasBranches(by);
  const what = first ? shown(first) : 'roles=…';
  const why = child ? `"${by.jobName}" inherits from it` : `this variant of "${final.jobName}" comes after it`;
  return {
    rule: RULE,
    severity: certain ? 'error' : 'warning',
    file: by.def.file.path,
    range: rangeOf(by.def.file, node),
    message: `"${final.jobName}" is final and ${why}: a job stanza always changes a final job (at least its repo's implicit role), so Zuul cannot freeze any job graph that runs "${by.jobName}"${certain ? '' : ' on the branches both stanzas match'} ("Unable to modify final job ${final.jobName} attribute ${what} with variant ${by.jobName}"). ${child ? `Inherit from what "${final.jobName}" inherits from, or list "${final.jobName}" itself.` : `Merge this variant into the final one, or drop final: true.`}`,
    related: finalRelated(final),
    data: { job: final.jobName, variant: by.jobName, attribute: first?.entry.key ?? 'roles', internal: first?.internal ?? 'roles' },
  };
}

export const finalJobModified: Check = {
  id: RULE,
  severity: 'error',
  summary:
    'A final job changed after it became final: a project-pipeline entry setting an attribute that changes how it runs (timeout, vars, nodeset, run, required-projects, post-review, ...), a later variant, or a child when only some of its variants are final. Zuul cannot freeze the job graph ("Unable to modify final job"). voting, branches, files, tags, dependencies and messages stay allowed.',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.final`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'semaphores', 'secrets', 'nodeset', 'override-checkout', 'override-branch', 'pre-timeout', 'timeout', 'post-timeout', 'attempts', 'pre-run', 'run', 'post-run', 'cleanup-run', 'ansible-split-streams', 'ansible-version', 'roles', 'required-projects', 'vars', 'extra-vars', 'host-vars', 'group-vars', 'include-vars', 'dependencies', 'allowed-projects', 'post-review', 'branches', 'workspace-scheme', 'workspace-checkout', 'failure-output', 'image-build-name'],
  check(ctx) {
    const out: Finding[] = [];
    const states = new Map<string, ReturnType<typeof chainState> | undefined>();
    const seen = new Set<JobStanza>();
    const stateOf = (job: string) => {
      if (!states.has(job)) {
        const chain = collectChain(ctx.index, job);
        states.set(job, chain && chainState(chain));
      }
      return states.get(job);
    };
    // Only chains that hold a final stanza can fail.
    const reaching = jobsReaching(ctx.index, 'final', (s) => !!freezeFacts(s).final);
    for (const name of reaching) {
      for (const v of stateOf(name)?.violations ?? []) {
        if (seen.has(v.by)) continue;
        seen.add(v.by);
        const f = chainFinding(ctx, v);
        if (f) out.push(f);
      }
    }
    const seenAttr = new Set<unknown>();
    for (const pp of projectPipelines(ctx.index)) {
      for (const job of pp.jobs.values()) {
        if (!reaching.has(job.name) && !job.entries.some((e) => freezeFacts(e).final)) continue;
        const st = stateOf(job.name);
        // A chain that already fails never reaches the pipeline's entries.
        if (!st || st.violations.some((v) => !hasBranches(v.by))) continue;
        let final = st.final;
        for (const entry of job.entries) {
          if (final) {
            for (const a of executionAttributesOf(entry)) {
              if (seenAttr.has(a.entry.keyNode)) continue;
              seenAttr.add(a.entry.keyNode);
              const certain = !hasBranches(final) && !hasBranches(entry);
              out.push({
                rule: RULE,
                severity: certain ? 'error' : 'warning',
                file: entry.def.file.path,
                range: rangeOf(entry.def.file, a.entry.keyNode),
                message: `"${job.name}" is final: a pipeline entry may not set ${a.entry.key}. Zuul cannot freeze the ${pp.pipeline} job graph of ${pp.project}${certain ? '' : ' on the branches both stanzas match'} ("Unable to modify final job ${job.name} attribute ${shown(a)} with variant ${job.name}"). Only what decides whether and how the job is reported (voting, branches, files, irrelevant-files, tags, dependencies, messages) may be set on a final job: drop ${a.entry.key} here (it can only be set in the stanza that makes the job final, or in its parents).`,
                related: finalRelated(final),
                data: { job: job.name, pipeline: pp.pipeline, project: pp.project, attribute: a.entry.key, internal: a.internal },
              });
            }
          }
          if (!final && freezeFacts(entry).final) final = entry;
        }
      }
    }
    return out;
  },
};
