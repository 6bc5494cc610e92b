// The dependency a dependency-not-in-pipeline finding underlines, found again
// in the job graph from the finding's data and range.
import type { Finding } from '../zuul/types';
import type { ZuulIndex } from '../zuul/index';
import { projectPipelines, type DepRef, type ProjectPipeline } from '../zuul/jobGraph';
import { rangeOf } from '../zuul/stanzas';

export interface NotInPipelineData {
  job: string;
  dependency: string;
  pipelines: string[];
  project: string;
}

export interface NotInPipeline {
  data: NotInPipelineData;
  pps: ProjectPipeline[];
  dep: DepRef;
}

const same = (a: Finding['range'], b: Finding['range']) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

export function notInPipeline(index: ZuulIndex, finding: Finding): NotInPipeline | undefined {
  const data = finding.data as NotInPipelineData | undefined;
  if (!data?.job || !data.dependency || !data.pipelines?.length) return undefined;
  const pps = projectPipelines(index).filter((pp) => pp.project === data.project && data.pipelines.includes(pp.pipeline));
  for (const pp of pps) {
    const dep = pp.jobs.get(data.job)?.deps.find((d) => d.name === data.dependency && d.file.path === finding.file && same(rangeOf(d.file, d.node), finding.range));
    if (dep) return { data, pps, dep };
  }
  return undefined;
}
