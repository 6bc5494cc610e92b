// Which graphs there are (every project and its pipelines) and which one a
// place in a file belongs to: the pipeline whose job list holds the line, or
// a pipeline that runs the job whose stanza holds it.
import type { ZuulIndex } from './index';
import { projectPipelines, type ProjectPipeline } from './jobGraph';
import { rangeOf } from './stanzas';
import { entries, type YNode } from './yamlNodes';
import type { ParsedFile } from './parse';
import type { GraphTargetsResult } from '../../../protocol/src';

export interface GraphTarget {
  project: string;
  pipeline: string;
  /** Set when the line is inside a job stanza (or a job's entry in the list). */
  job?: string;
}

/** Every project with its pipelines, in load order (the answer to zuul/graphTargets). */
export function graphTargets(index: ZuulIndex): GraphTargetsResult {
  const by = new Map<string, string[]>();
  for (const pp of projectPipelines(index)) {
    let l = by.get(pp.project);
    if (!l) by.set(pp.project, (l = []));
    l.push(pp.pipeline);
  }
  return [...by].map(([project, pipelines]) => ({ project, pipelines }));
}

const short = (name: string) => name.split('/').pop() ?? name;

/** The project-pipeline named (the project by its full or short name); without a pipeline, the project's first. */
export function findPipeline(index: ZuulIndex, project: string | undefined, pipeline: string | undefined): ProjectPipeline | { error: string } {
  const pps = projectPipelines(index);
  if (project === undefined) return { error: 'No project given: name a project and a pipeline, or ask from a place inside a project pipeline or a job.' };
  let mine = pps.filter((pp) => pp.project === project);
  if (!mine.length) mine = pps.filter((pp) => short(pp.project) === short(project));
  if (!mine.length) {
    const names = [...new Set(pps.map((pp) => pp.project))];
    const list = names.length ? ` Projects with pipelines: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}.` : ' The workspace has no project with pipelines.';
    return { error: `There is no project "${project}" with pipelines in the workspace.${list}` };
  }
  if (pipeline === undefined) return mine[0];
  const pp = mine.find((p) => p.pipeline === pipeline);
  return pp ?? { error: `Project "${mine[0].project}" has no pipeline "${pipeline}"; it has: ${mine.map((p) => p.pipeline).join(', ')}.` };
}

/**
 * The lines a node covers. A YAML block node ends where the next one starts,
 * at the indentation of the next stanza's `- job:`, the next pipeline's key or
 * the next entry's dash: that line belongs to the next node, not this one
 * (a blank line after the node stays with it).
 */
function lineSpan(file: ParsedFile, from: YNode | null | undefined, to: YNode | null | undefined = from): { start: number; end: number } {
  const start = rangeOf(file, from).start.line;
  const end = rangeOf(file, to).end;
  const text = file.lines.lineText(end.line);
  const nextStartsHere = text.slice(0, end.character).trim() === '' && text.slice(end.character).trim() !== '';
  return { start, end: end.line > start && nextStartsHere ? end.line - 1 : end.line };
}

const holds = (span: { start: number; end: number }, line: number) => span.start <= line && line <= span.end;

/** The project-pipeline at a line of a file, and the job when the line is in a job stanza or a list entry. */
export function targetAt(ws: { readonly index: ZuulIndex }, path: string, line: number): GraphTarget | undefined {
  const index = ws.index;
  const pps = projectPipelines(index);
  // The tightest pipeline span holding the line: its key down to the end of its value.
  let best: { pp: ProjectPipeline; span: number; job?: string } | undefined;
  for (const pp of pps) {
    for (const pl of pp.lists) {
      if (pl.def.file.path !== path) continue;
      const file = pl.def.file;
      const value = entries(file.doc, pl.def.item.body).find((e) => e.keyNode === pl.pipelineKey)?.value;
      const span = lineSpan(file, pl.pipelineKey, value ?? pl.list ?? pl.pipelineKey);
      if (!holds(span, line) || (best && best.span <= span.end - span.start)) continue;
      const entry = pl.entries.find((s) => holds(lineSpan(file, s.entryNode ?? s.nameNode), line));
      best = { pp, span: span.end - span.start, job: entry?.jobName };
    }
  }
  if (best) return { project: best.pp.project, pipeline: best.pp.pipeline, job: best.job };
  // A job stanza: a pipeline that runs the job, preferring one where it has dependencies or dependents.
  for (const def of index.ofKind('job')) {
    if (def.file.path !== path || !holds(lineSpan(def.file, def.item.keyNode, def.item.body), line)) continue;
    const runs = pps.filter((pp) => pp.jobs.has(def.name));
    const linked = runs.find((pp) => [...pp.jobs.values()].some((j) => (j.name === def.name && j.deps.some((d) => pp.jobs.has(d.name))) || j.deps.some((d) => d.name === def.name)));
    const pp = linked ?? runs[0];
    return pp ? { project: pp.project, pipeline: pp.pipeline, job: def.name } : undefined;
  }
  // Elsewhere in a project stanza (its name, templates...): the project's first pipeline.
  for (const def of index.ofKind('project')) {
    if (def.file.path !== path || !holds(lineSpan(def.file, def.item.keyNode, def.item.body), line)) continue;
    const pp = pps.find((p) => p.lists.some((pl) => pl.def === def));
    if (pp) return { project: pp.project, pipeline: pp.pipeline };
  }
  return undefined;
}
