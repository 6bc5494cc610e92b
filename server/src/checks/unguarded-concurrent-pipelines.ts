// A job in two pipelines that can run at the same time (deploy and a
// periodic one) can run twice at once unless a semaphore serialises it
// (reference §3.12; the open question at the end of the story).
import { settingMention } from '../zuul/settingRef';
import type { Check, Finding } from './check';
import { bootstraps } from '../zuul/bootstrap';
import { projectPipelines, type ProjectPipeline } from '../zuul/jobGraph';
import { inheritedAll } from '../zuul/inherit';
import { rangeOf } from '../zuul/stanzas';
import { entries } from '../zuul/yamlNodes';
import { editableEntry } from './missing-bootstrap-dependency';
import { ZUUL_DOCS } from '../zuul/rules';

export const unguardedConcurrentPipelines: Check = {
  id: 'unguarded-concurrent-pipelines',
  severity: 'warning',
  summary: `A job that runs in two or more of the pipelines named in ${settingMention('bootstrapJobs')}, which can run at once, and holds no semaphore.`,
  docs: `${ZUUL_DOCS}/config/semaphore.html`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'semaphores', 'nodeset', 'vars', 'dependencies', 'branches'],
  check(ctx) {
    // Only configured pipelines: whether two pipelines can overlap is a
    // property of their triggers, which often live in another repo.
    const configured = ctx.settings.bootstrapJobs.flatMap((b) => b.pipelines ?? []);
    if (configured.length < 2) return [];
    const concurrent = new Map<string, Set<string>>();
    for (const b of bootstraps(ctx.index, ctx.settings)) {
      if (!configured.includes(b.pp.pipeline)) continue;
      let s = concurrent.get(b.pp.project);
      if (!s) concurrent.set(b.pp.project, (s = new Set()));
      s.add(b.pp.pipeline);
    }
    const out: Finding[] = [];
    const byProject = new Map<string, ProjectPipeline[]>();
    for (const pp of projectPipelines(ctx.index)) {
      if (!concurrent.get(pp.project)?.has(pp.pipeline)) continue;
      const list = byProject.get(pp.project) ?? [];
      list.push(pp);
      byProject.set(pp.project, list);
    }
    for (const [, pps] of byProject) {
      if (pps.length < 2) continue;
      const jobs = new Map<string, ProjectPipeline[]>();
      for (const pp of pps) for (const name of pp.jobs.keys()) jobs.set(name, [...(jobs.get(name) ?? []), pp]);
      for (const [name, where] of jobs) {
        if (where.length < 2) continue;
        const held = [...inheritedAll(ctx.index, name, 'semaphores'), ...inheritedAll(ctx.index, name, 'semaphore')].length > 0;
        const inVariants = where.some((pp) => pp.jobs.get(name)!.entries.some((s) => s.body && entries(s.def.file.doc, s.body).some((e) => e.key === 'semaphores' || e.key === 'semaphore')));
        if (held || inVariants) continue;
        const entry = editableEntry(where[0].jobs.get(name)!.entries);
        const pipelines = where.map((pp) => pp.pipeline);
        out.push({
          rule: 'unguarded-concurrent-pipelines',
          severity: 'warning',
          file: entry.def.file.path,
          range: rangeOf(entry.def.file, entry.nameNode),
          message: `${name} runs in ${pipelines.join(', ')}, which can run at the same time, and holds no semaphore: a ${pipelines[1]} run can overlap a ${pipelines[0]} run of the same playbook. Give it (or its parent) a semaphore shared by these pipelines.`,
          data: { job: name, pipelines, project: where[0].project },
        });
      }
    }
    return out;
  },
};
