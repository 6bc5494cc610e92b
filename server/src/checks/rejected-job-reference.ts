// A name that is defined, but only in job stanzas Zuul drops while it loads:
// a stanza with a schema error, or one that Layout.addJob refuses (a required
// project outside the tenant, a timeout over the tenant's maximum, a base job
// in an untrusted project). Zuul then also reports "Job X not defined" at every
// parent:, dependency and job list naming it (seen with zuul-oracle on OTC's
// system-config: one unknown required project, 15 children rejected with it).
// Errors found later (validateReferences) do not drop the job, so they do not count.
import type { Check, CheckContext, Finding } from './check';
import type { Definition } from '../zuul/index';
import { rangeOf } from '../zuul/stanzas';
import { parseDeps } from '../zuul/jobGraph';
import { entries } from '../zuul/yamlNodes';
import { ZUUL_DOCS } from '../zuul/rules';
import { checkedParents, checkedStanzas, referenceSites } from './references-policy';
import { basename } from 'node:path';

/** Rules whose error in a job stanza means Zuul never adds that job variant to the layout. */
export const DROPS_JOB = new Set([
  'unknown-attribute',
  'wrong-type',
  'invalid-value',
  'missing-required',
  'tag-not-allowed',
  'invalid-variable-name',
  'reserved-variable-name',
  'intermediate-not-abstract',
  'post-review-unset',
  'invalid-regex',
  'semaphore-conflict',
  'unknown-ansible-version',
  'pre-timeout-exceeds-timeout',
  'invalid-encrypted-value',
  'localhost-node',
  'duplicate-node-name',
  'group-unknown-node',
  'unknown-project',
  'timeout-over-tenant-max',
  'base-job-untrusted',
]);

/** Errors after which Zuul loses the whole file, and every stanza in it. */
const DROPS_FILE = new Set(['yaml-syntax', 'duplicate-key', 'unknown-tag', 'not-a-list']);

/** The first error that drops each job variant, by definition. */
function droppedVariants(ctx: CheckContext): Map<Definition, Finding> {
  const byFile = new Map<string, Finding[]>();
  for (const f of ctx.earlier ?? []) {
    if (f.severity !== 'error' || !(DROPS_JOB.has(f.rule) || DROPS_FILE.has(f.rule))) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const out = new Map<Definition, Finding>();
  if (!byFile.size) return out;
  for (const d of ctx.index.ofKind('job')) {
    const found = byFile.get(d.file.path);
    if (!found) continue;
    const first = rangeOf(d.file, d.item.keyNode).start.line;
    const last = rangeOf(d.file, d.item.body).end.line;
    const hit = found.find((f) => DROPS_FILE.has(f.rule)) ?? found.find((f) => f.range.start.line >= first && f.range.start.line <= last);
    if (hit) out.set(d, hit);
  }
  return out;
}

export const rejectedJobReference: Check = {
  id: 'rejected-job-reference',
  severity: 'error',
  summary:
    'A parent:, a dependency or a project/template job list naming a job whose every variant Zuul drops while loading (each stanza has an error that rejects it): Zuul then reports "Job X not defined" here too.',
  docs: `${ZUUL_DOCS}/config/job.html`,
  check(ctx) {
    const dropped = droppedVariants(ctx);
    if (!dropped.size) return [];
    const why = new Map<string, Finding>();
    for (const name of new Set([...dropped.keys()].map((d) => d.name))) {
      const defs = ctx.index.get('job', name);
      if (defs.every((d) => dropped.has(d))) why.set(name, dropped.get(defs[0])!);
    }
    if (!why.size) return [];
    const inDropped = (def: Definition) => dropped.has(def);
    const out: Finding[] = [];
    const report = (name: string, def: Definition, node: Parameters<typeof rangeOf>[1], where: string) => {
      const cause = why.get(name)!;
      // No line number in the text: an edit above the cause moves findings without running the rules again.
      const at = basename(cause.file);
      out.push({
        rule: 'rejected-job-reference',
        severity: 'error',
        file: def.file.path,
        range: rangeOf(def.file, node),
        message: `Job "${name}" is defined, but Zuul drops every variant of it while loading (${cause.rule} in ${at}), so it also rejects ${where} ("Job ${name} not defined"). Fix that error first (see the related location).`,
        related: [{ file: cause.file, range: cause.range, message: `why Zuul drops ${name}: ${cause.message}` }],
        data: { name, cause: cause.rule },
      });
    };
    for (const { stanza, parent, entry } of checkedParents(ctx)) {
      if (parent === null || !why.has(parent) || inDropped(stanza.def)) continue;
      report(parent, stanza.def, entry.value, stanza.kind === 'job' ? `job "${stanza.jobName}"` : `the ${stanza.pipeline} variant of "${stanza.jobName}"`);
    }
    // Job.validateReferences looks up every dependency, soft ones too.
    for (const s of checkedStanzas(ctx)) {
      if (!s.body || inDropped(s.def)) continue;
      const e = entries(s.def.file.doc, s.body).find((x) => x.key === 'dependencies');
      if (!e) continue;
      for (const d of parseDeps(s.def, e, s.kind === 'job' ? 'job' : 'variant').deps) {
        if (why.has(d.name)) report(d.name, s.def, d.node, s.kind === 'job' ? `job "${s.jobName}"` : `the ${s.pipeline} variant of "${s.jobName}"`);
      }
    }
    for (const { stanza } of referenceSites(ctx)) {
      if (stanza.kind !== 'variant' || !why.has(stanza.jobName)) continue;
      report(stanza.jobName, stanza.def, stanza.nameNode, stanza.def.kind === 'project-template' ? `every project that uses template ${stanza.def.name}` : 'this project stanza');
    }
    return out;
  },
};
