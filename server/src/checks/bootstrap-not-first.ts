// The bootstrap job must not need what it sets up: no dependencies inside
// its pipeline, and not the production-playbook machinery as its parent
// (the chicken-and-egg problem of the parallel-deploy story).
import { settingMention } from '../zuul/settingRef';
import type { Check, Finding } from './check';
import { bootstraps } from '../zuul/bootstrap';
import { ancestry, attr, inherited, parentOf } from '../zuul/inherit';
import { rangeOf } from '../zuul/stanzas';
import { entries, resolve, str, type YNode } from '../zuul/yamlNodes';
import { isMap, isSeq } from 'yaml';
import type { Definition, ZuulIndex } from '../zuul/index';
import { ZUUL_DOCS } from '../zuul/rules';

/** The run playbooks a job ends up with, as one comparable string. */
function runOf(index: ZuulIndex, job: string): { paths: string; def: Definition } | undefined {
  const found = inherited(index, job, 'run');
  if (!found) return undefined;
  const doc = found.def.file.doc;
  const v = found.entry.value;
  const items: (YNode | null)[] = isSeq(v) ? v.items.map((i) => resolve(doc, i)) : [v];
  const paths = items.map((i) => (isMap(i) ? str(entries(doc, i).find((e) => e.key === 'name')?.value) : str(i))).filter(Boolean);
  return paths.length ? { paths: paths.join(', '), def: found.def } : undefined;
}

/** Where to point at a job's choice of parent: its explicit `parent:` value, else its name. */
function parentSite(index: ZuulIndex, job: string): { def: Definition; node: YNode } | undefined {
  const defs = index.get('job', job);
  for (const d of defs) {
    const p = parentOf(d);
    if (p.entry?.value) return { def: d, node: p.entry.value };
  }
  const d = defs[0];
  return d?.item.nameNode ? { def: d, node: d.item.nameNode } : undefined;
}

export const bootstrapNotFirst: Check = {
  id: 'bootstrap-not-first',
  severity: 'error',
  summary: 'The bootstrap job depends on a job of its pipeline, or inherits the parent that runs the production playbooks it is meant to set up (chicken-and-egg).',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.parent`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'run', 'vars', 'dependencies', 'branches'],
  check(ctx) {
    const out = new Map<string, Finding>();
    const add = (f: Finding) => {
      const key = `${f.file}:${f.range.start.line}:${f.range.start.character}`;
      if (!out.has(key)) out.set(key, f);
    };
    for (const b of bootstraps(ctx.index, ctx.settings)) {
      for (const d of b.pp.jobs.get(b.job)?.deps ?? []) {
        // A self-dependency is dependency-cycle's to report.
        if (!b.pp.jobs.has(d.name) || d.name === b.job) continue;
        add({
          rule: 'bootstrap-not-first',
          severity: 'error',
          file: d.file.path,
          range: rangeOf(d.file, d.node),
          message: `The bootstrap job ${b.job} depends on ${d.name}, so in ${b.pp.pipeline} ${d.name} runs before the host is prepared. The bootstrap job must come first: remove this dependency (make ${d.name} depend on ${b.job} instead).`,
          data: { job: b.job, dependency: d.name, pipeline: b.pp.pipeline },
        });
      }
      const site = parentSite(ctx.index, b.job);
      if (!site) continue;
      const chain = ancestry(ctx.index, b.job).chain;
      const forbidden = b.setting?.mustNotInheritFrom;
      if (forbidden?.length) {
        const hit = chain.slice(1).find((a) => forbidden.includes(a));
        if (hit) {
          add({
            rule: 'bootstrap-not-first',
            severity: 'error',
            file: site.def.file.path,
            range: rangeOf(site.def.file, site.node),
            message: `The bootstrap job ${b.job} inherits from ${hit} (${chain.join(' → ')}), which ${settingMention('bootstrapJobs')} says it must not: it would run through the machinery it is supposed to set up. Give it a stand-alone parent.`,
            related: ctx.index.get('job', hit).slice(0, 1).map((d) => ({ file: d.file.path, range: rangeOf(d.file, d.item.nameNode), message: `${hit}: the parent it must not inherit from` })),
            data: { job: b.job, ancestor: hit, chain },
            setting: { key: 'bootstrapJobs' },
          });
        }
        continue;
      }
      if (b.waiting.length === 0) continue;
      const own = runOf(ctx.index, b.job);
      if (!own) continue;
      const same = b.waiting.filter((j) => runOf(ctx.index, j)?.paths === own.paths);
      if (same.length * 2 < b.waiting.length) continue;
      const runSetHere = ctx.index.get('job', b.job).some((d) => attr(d, 'run'));
      const runEntry = runSetHere ? ctx.index.get('job', b.job).map((d) => attr(d, 'run')).find(Boolean) : undefined;
      const where = runEntry?.value ? { def: ctx.index.get('job', b.job).find((d) => attr(d, 'run'))!, node: runEntry.value } : site;
      add({
        rule: 'bootstrap-not-first',
        severity: 'warning',
        file: where.def.file.path,
        range: rangeOf(where.def.file, where.node),
        message: `The bootstrap job ${b.job} runs ${own.paths}${own.def.name !== b.job ? ` (inherited from ${own.def.name})` : ''}, the same playbook as ${same.length} of the ${b.waiting.length} jobs that wait for it: it uses the very machinery it is supposed to set up (chicken-and-egg). Make it a stand-alone job with its own run playbook and a parent that does not run production playbooks.`,
        related: [{ file: own.def.file.path, range: rangeOf(own.def.file, own.def.item.nameNode), message: `${own.def.name} defines the shared run playbook` }],
        data: { job: b.job, run: own.paths, inheritedFrom: own.def.name, chain },
      });
    }
    return [...out.values()];
  },
};
