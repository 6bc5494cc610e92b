// Which effective job the cursor asks about: a job named under it (in a
// project's pipeline job list, that project-pipeline's), else the job stanza
// around it.
import type { ZuulWorkspace } from '../engine/workspace';
import type { ExplainQuery } from '../zuul/effectiveJob';
import { projectKey } from '../zuul/jobGraph';
import type { Position } from '../zuul/types';
import { occurrenceAt } from './navigation';
import type { Occurrence } from './occurrences';

/** The query a job's name asks: in a project's pipeline job list, that project-pipeline's job. */
export function effectiveQueryOf(occ: Occurrence): ExplainQuery {
  if (occ.context === 'job-list' && occ.pipeline !== undefined && occ.def.kind === 'project' && !occ.def.name.startsWith('^')) {
    return { job: occ.name, project: projectKey(occ.def).name, pipeline: occ.pipeline };
  }
  return { job: occ.name };
}

export function effectiveQueryAt(ws: ZuulWorkspace, path: string, pos: Position): ExplainQuery | undefined {
  const hit = occurrenceAt(ws, path, pos);
  if (hit && hit.occ.kind === 'job') return effectiveQueryOf(hit.occ);
  const offset = ws.fileState(path)?.parsed.lines.offset(pos);
  if (offset === undefined) return undefined;
  for (const def of ws.index.ofKind('job')) {
    if (def.file.path !== path) continue;
    const r = def.item.body.range;
    if (r && r[0] <= offset && offset <= r[2]) return { job: def.name };
    const k = def.item.keyNode.range;
    if (k && k[0] <= offset && offset <= k[2]) return { job: def.name };
  }
  return undefined;
}
