// The job graphs of real workspaces as the page receives them: the example
// workspace's deploy pipeline and the OTC corpus snapshot's 22-job deploy
// pipeline, in both views, computed by the engine as the server answers
// `zuul/jobGraph`. The corpus one is undefined when the corpus is absent.
import { join } from 'node:path';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { jobGraphFor } from '../../server/src/lsp/graphRequests';
import { graphTargets } from '../../server/src/zuul/graphModel';
import type { GraphView, JobGraphResult } from '../../protocol/src';
import { corpusDir, materialize, projectRoot } from './corpus';

export const OTC_SNAPSHOT = 'otc-system-config-f52c775';
const OTC_BASE = 'otc-base-jobs-0debd80';

export interface RealGraph {
  name: string;
  view: GraphView;
  graph: Exclude<JobGraphResult, { error: string }>;
}

async function deployGraphs(name: string, roots: string[], projectEnds: string): Promise<RealGraph[]> {
  const ws = new ZuulWorkspace(roots);
  await ws.load();
  const project = graphTargets(ws.index).find((t) => t.project.endsWith(projectEnds) && t.pipelines.includes('deploy'))?.project;
  if (!project) throw new Error(`${name}: no project ending in ${projectEnds} with a deploy pipeline`);
  return (['dependencies', 'inheritance'] as const).map((view) => {
    const graph = jobGraphFor(ws, { project, pipeline: 'deploy', view });
    if ('error' in graph) throw new Error(`${name} ${view}: ${graph.error}`);
    return { name, view, graph };
  });
}

export function exampleGraphs(): Promise<RealGraph[]> {
  const dir = join(projectRoot(), 'examples');
  return deployGraphs('examples', ['base-jobs', 'project-config', 'system-config'].map((r) => join(dir, r)), 'system-config');
}

export async function otcGraphs(): Promise<RealGraph[] | undefined> {
  if (!corpusDir()) return undefined;
  return deployGraphs(OTC_SNAPSHOT, [materialize(OTC_SNAPSHOT), materialize(OTC_BASE)], OTC_SNAPSHOT);
}
