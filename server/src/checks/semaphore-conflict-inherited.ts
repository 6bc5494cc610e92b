// A semaphore that ends up both a job semaphore and a playbook semaphore of
// one job through inheritance, variants or a project-pipeline entry: after
// applying each stanza Zuul compares the job's semaphores with those of the
// playbooks it holds and fails freezing the job graph with "Semaphores {...}
// specified as both job and playbook semaphores but may only be used for
// one" (Job.applyVariant). A child's run replaces its parent's, so a parent's
// run playbook semaphore stops counting. Within one stanza the same check is
// semaphore-conflict's, at load time.
import type { Check, Finding } from './check';
import type { JobStanza } from '../zuul/stanzas';
import type { RelatedLocation } from '../zuul/types';
import { projectPipelines } from '../zuul/jobGraph';
import { rangeOf } from '../zuul/stanzas';
import { collectChain, hasBranches, jobsReaching } from '../zuul/freeze';
import { jobSemaphoresOf, playbooksOf, setsRun, freezeFacts, type NamedNode, type PlaybookUse } from '../zuul/jobAttrs';
import { PLAYBOOK_PHASES } from '../zuul/playbooks';
import { ZUUL_DOCS } from '../zuul/rules';

const RULE = 'semaphore-conflict-inherited';

interface Use extends NamedNode {
  stanza: JobStanza;
  /** The playbook path for a playbook semaphore. */
  playbook?: string;
}

interface Conflict {
  name: string;
  /** The use written in the stanza whose application makes the two meet. */
  at: Use;
  others: Use[];
}

interface Own {
  job: Use[];
  pre: PlaybookUse[];
  run: PlaybookUse[] | undefined;
  post: PlaybookUse[];
  cleanup: PlaybookUse[];
  /** The stanza names a semaphore as both kinds itself. */
  selfConflict: boolean;
}

const ownCache = new WeakMap<JobStanza, Own>();

function pbUses(pbs: PlaybookUse[]): Use[] {
  return pbs.flatMap((p) => p.semaphores.map((s) => ({ ...s, stanza: p.stanza, playbook: String((p.node as { value?: unknown }).value) })));
}

function own(el: JobStanza): Own {
  let hit = ownCache.get(el);
  if (!hit) {
    const job = jobSemaphoresOf(el).map((s) => ({ ...s, stanza: el }));
    const [pre, run, post, cleanup] = PLAYBOOK_PHASES.map((ph) => playbooksOf(el, ph));
    const pb = pbUses([...pre, ...run, ...post, ...cleanup]);
    hit = { job, pre, run: setsRun(el) ? run : undefined, post, cleanup, selfConflict: job.some((j) => pb.some((p) => p.name === j.name)) };
    ownCache.set(el, hit);
  }
  return hit;
}

/** Zuul's fold over the stanzas; the first conflict, or null when there is none, or undefined when a stanza conflicts on its own. */
function firstConflict(elements: JobStanza[]): Conflict | null | undefined {
  if (!elements.some((el) => freezeFacts(el).semaphores)) return null;
  const owns = elements.map(own);
  if (owns.some((o) => o.selfConflict)) return undefined;
  let pre: PlaybookUse[] = [];
  let run: PlaybookUse[] = [];
  let post: PlaybookUse[] = [];
  let cleanup: PlaybookUse[] = [];
  let jobSems: Use[] = [];
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    const o = owns[i];
    if (o.run) run = o.run;
    pre = [...pre, ...o.pre];
    post = [...o.post, ...post];
    cleanup = [...o.cleanup, ...cleanup];
    jobSems = [...jobSems, ...o.job];
    if (i === 0 || !jobSems.length) continue;
    const pb = pbUses([...pre, ...run, ...post, ...cleanup]);
    for (const j of jobSems) {
      const meets = pb.filter((p) => p.name === j.name);
      if (!meets.length) continue;
      const at = j.stanza === el ? j : meets.find((p) => p.stanza === el);
      if (!at) continue;
      const others = at === j ? meets : jobSems.filter((x) => x.name === j.name);
      return { name: j.name, at, others };
    }
  }
  return null;
}

function describeUse(u: Use): string {
  return u.playbook === undefined ? `job semaphore of ${u.stanza.jobName}` : `semaphore of the playbook ${u.playbook} of ${u.stanza.jobName}`;
}

export const semaphoreConflictInherited: Check = {
  id: RULE,
  severity: 'error',
  summary:
    'A semaphore that becomes both a job semaphore and a playbook semaphore of one job through inheritance, a variant or a pipeline entry; Zuul cannot freeze the job graph ("specified as both job and playbook semaphores but may only be used for one").',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.semaphores`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'semaphores', 'secrets', 'nodeset', 'override-checkout', 'override-branch', 'pre-timeout', 'timeout', 'post-timeout', 'attempts', 'pre-run', 'run', 'post-run', 'cleanup-run', 'ansible-split-streams', 'ansible-version', 'roles', 'required-projects', 'vars', 'extra-vars', 'host-vars', 'group-vars', 'include-vars', 'dependencies', 'allowed-projects', 'post-review', 'branches', 'workspace-scheme', 'workspace-checkout', 'failure-output', 'image-build-name'],
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Set<unknown>();
    const chainOk = new Map<string, boolean>();
    const report = (c: Conflict, where: string) => {
      if (seen.has(c.at.node)) return;
      seen.add(c.at.node);
      const { file } = c.at.stanza.def;
      const certain = !hasBranches(c.at.stanza) && c.others.some((o) => !hasBranches(o.stanza));
      const related: RelatedLocation[] = c.others.map((o) => ({ file: o.stanza.def.file.path, range: rangeOf(o.stanza.def.file, o.node), message: `${c.name}: ${describeUse(o)}` }));
      out.push({
        rule: RULE,
        severity: certain ? 'error' : 'warning',
        file: file.path,
        range: rangeOf(file, c.at.node),
        message: `Semaphore "${c.name}" is the ${describeUse(c.at)} here and the ${describeUse(c.others[0])}: a semaphore may be a job semaphore or a playbook semaphore, not both. Zuul cannot freeze ${where}${certain ? '' : ' on the branches these stanzas match'} ("Semaphores {'${c.name}'} specified as both job and playbook semaphores but may only be used for one"). Use one kind for "${c.name}" along the whole chain, or a second semaphore.`,
        related,
        data: { semaphore: c.name, job: c.at.stanza.jobName, kind: c.at.playbook === undefined ? 'job' : 'playbook' },
      });
    };
    // Only chains that name a semaphore somewhere can conflict.
    const reaching = jobsReaching(ctx.index, 'semaphores', (s) => freezeFacts(s).semaphores);
    for (const name of reaching) {
      const chain = collectChain(ctx.index, name);
      const c = chain && firstConflict(chain);
      chainOk.set(name, c === null);
      if (c) report(c, `any job graph that runs "${name}"`);
    }
    for (const pp of projectPipelines(ctx.index)) {
      for (const job of pp.jobs.values()) {
        if (!job.entries.some((e) => freezeFacts(e).semaphores)) continue;
        if (reaching.has(job.name) ? !chainOk.get(job.name) : !collectChain(ctx.index, job.name)) continue;
        const c = firstConflict([...collectChain(ctx.index, job.name)!, ...job.entries]);
        if (c) report(c, `the ${pp.pipeline} job graph of ${pp.project}`);
      }
    }
    return out;
  },
};
