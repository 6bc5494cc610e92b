// The errors Zuul records for a frozen job only if it runs
// (Layout.extendJobGraph), in its order: abstract, not allowed in this
// project, post-review job in a pre-review pipeline, no run playbook. Only
// the first applies, so the rules that report the last two ask here which
// one Zuul would print. Post-review comes from `post-review: true`, from a
// secret declared in an untrusted repo, or from a pass-to-parent secret
// handed to a playbook of an untrusted repo (reference §3.10).
import { isScalar } from 'yaml';
import type { CheckContext } from './check';
import type { Repo } from '../zuul/discover';
import type { ZuulIndex } from '../zuul/index';
import type { GraphJob, ProjectPipeline } from '../zuul/jobGraph';
import type { JobStanza } from '../zuul/stanzas';
import type { YNode } from '../zuul/yamlNodes';
import { abstractness, attr, trueEntry } from '../zuul/inherit';
import { collectChain } from '../zuul/freeze';
import { freezeFacts } from '../zuul/jobAttrs';
import { trustOf } from './trust';
import { namesRepo, shortName } from './references-policy';

export interface PostReviewCause {
  stanza: JobStanza;
  node: YNode;
  why: string;
}

export type Outcome =
  | { kind: 'none' }
  /** Something Zuul would report first, or that the open files cannot tell. */
  | { kind: 'other' }
  | { kind: 'post-review'; causes: PostReviewCause[] }
  | { kind: 'no-run'; chain: JobStanza[] };

/** The pipeline's `post-review` value; undefined when no open repo defines the pipeline. */
export function pipelinePostReview(index: ZuulIndex, pipeline: string): boolean | undefined {
  let m = pipelineCache.get(index);
  if (!m) pipelineCache.set(index, (m = new Map()));
  if (!m.has(pipeline)) {
    const def = index.get('pipeline', pipeline)[0];
    const v = def && attr(def, 'post-review')?.value;
    m.set(pipeline, def ? isScalar(v) && v.value === true : undefined);
  }
  return m.get(pipeline);
}

const pipelineCache = new WeakMap<ZuulIndex, Map<string, boolean | undefined>>();

/** What the fold keeps: why the job is post-review so far, and whose playbooks it holds. */
interface Fold {
  causes: PostReviewCause[];
  restrictedTo: Repo[];
  /** The repo of the stanza whose run the job holds (a later run replaces it). */
  runRepo?: Repo;
  /** Whether a pre-, post- or cleanup-run playbook of an untrusted repo has been added. */
  untrustedOther?: Repo;
  hasRun: boolean;
  /** allowed-projects lists met so far (Zuul intersects them). */
  allowed: (string | undefined)[][];
  count: number;
}

function step(ctx: CheckContext, f: Fold, el: JobStanza): Fold {
  const facts = freezeFacts(el);
  const repo = el.def.repo;
  let { causes, restrictedTo, untrustedOther } = f;
  const add = (c: PostReviewCause) => (causes = [...causes, c]);
  if (facts.postReview) add({ stanza: el, node: facts.postReview.keyNode, why: `${el.jobName} sets post-review: true` });
  const { secrets } = facts;
  if (f.count > 0) {
    const handed = secrets.find((s) => s.passToParent);
    const untrustedPb = f.runRepo && trustOf(f.runRepo, ctx) === 'untrusted' ? f.runRepo : untrustedOther;
    if (handed && untrustedPb) add({ stanza: el, node: handed.node, why: `${el.jobName} hands secret ${handed.name} (pass-to-parent) to a playbook of the untrusted repo ${untrustedPb.name}` });
  }
  if (secrets.length && trustOf(repo, ctx) === 'untrusted') {
    add({ stanza: el, node: secrets[0].node, why: `${el.jobName} uses secret ${secrets[0].name} in the untrusted repo ${repo.name}` });
    restrictedTo = [...restrictedTo, repo];
  }
  if (!untrustedOther && facts.otherPlaybooks && trustOf(repo, ctx) === 'untrusted') untrustedOther = repo;
  return {
    causes,
    restrictedTo,
    runRepo: facts.run ? repo : f.runRepo,
    untrustedOther,
    hasRun: f.hasRun || facts.run,
    allowed: facts.allowed.length ? [...f.allowed, facts.allowed] : f.allowed,
    count: f.count + 1,
  };
}

const EMPTY: Fold = { causes: [], restrictedTo: [], hasRun: false, allowed: [], count: 0 };

interface ChainFacts {
  fold: Fold;
  abstract: boolean;
}

const chainCache = new WeakMap<ZuulIndex, Map<string, ChainFacts | null>>();

function chainFacts(ctx: CheckContext, job: string): ChainFacts | undefined {
  let m = chainCache.get(ctx.index);
  if (!m) chainCache.set(ctx.index, (m = new Map()));
  let hit = m.get(job);
  if (hit === undefined) {
    const chain = collectChain(ctx.index, job);
    // abstract is decided by the job's own variants: without one saying so, it is not.
    const abstract = !!chain && ctx.index.get('job', job).some((d) => trueEntry(d, 'abstract')) && abstractness(ctx.index, job).abstract;
    hit = chain ? { fold: chain.reduce((f, el) => step(ctx, f, el), EMPTY), abstract } : null;
    m.set(job, hit);
  }
  return hit ?? undefined;
}

const outcomeCache = new WeakMap<ZuulIndex, Map<GraphJob, Outcome>>();

/** What Zuul records for `job` in the project-pipeline `pp` (both rules ask, so it is kept per index). */
export function freezeOutcome(ctx: CheckContext, pp: ProjectPipeline, job: GraphJob): Outcome {
  let m = outcomeCache.get(ctx.index);
  if (!m) outcomeCache.set(ctx.index, (m = new Map()));
  let hit = m.get(job);
  if (!hit) m.set(job, (hit = computeOutcome(ctx, pp, job)));
  return hit;
}

function computeOutcome(ctx: CheckContext, pp: ProjectPipeline, job: GraphJob): Outcome {
  const { index } = ctx;
  const facts = chainFacts(ctx, job.name);
  if (!facts) return { kind: 'other' };
  if (facts.abstract || job.entries.some((e) => freezeFacts(e).abstract)) return { kind: 'other' };
  // Entries without attributes change nothing.
  const fold = job.entries.reduce((f, el) => (el.body ? step(ctx, f, el) : f), facts.fold);
  const { causes, restrictedTo } = fold;
  // A config project that lists the job lifts allowed-projects.
  const lifted = job.entries.some((e) => trustOf(e.def.repo, ctx) === 'trusted');
  const excluded = fold.allowed.some((list) => !list.some((n) => n !== undefined && shortName(n) === shortName(pp.project)));
  if (!lifted && (excluded || restrictedTo.some((r) => !namesRepo(pp.project, r)))) return { kind: 'other' };
  const postReview = pipelinePostReview(index, pp.pipeline);
  // Pipelines are open but not this one: the project's entry for it is inert.
  if (postReview === undefined && index.count('pipeline') > 0) return { kind: 'other' };
  if (causes.length && postReview !== true) return postReview === false ? { kind: 'post-review', causes } : { kind: 'other' };
  if (!fold.hasRun) return { kind: 'no-run', chain: collectChain(index, job.name)! };
  return { kind: 'none' };
}
