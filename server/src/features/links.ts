// Document links: a playbook path opens the playbook, a role or required
// project opens the repo's Zuul configuration.
import type { ZuulWorkspace } from '../zuul/workspace';
import type { Range } from '../zuul/types';
import { tableOf, playbookFile } from './navigation';

export interface DocLink {
  range: Range;
  /** An absolute path, or an https URL. */
  target: string;
  tooltip: string;
}

export function documentLinks(ws: ZuulWorkspace, path: string): DocLink[] {
  const table = tableOf(ws);
  const out: DocLink[] = [];
  let last = -1;
  for (const o of table.inFile(path)) {
    // A name behind an anchor is listed once per stanza that reaches it.
    if (o.start === last) continue;
    last = o.start;
    if (o.kind === 'playbook') {
      const file = playbookFile(o);
      if (file) out.push({ range: o.range, target: file, tooltip: `Open playbook ${o.name} (${o.repo.name})` });
    } else if (o.kind === 'project' && o.context !== 'project-name') {
      const repo = table.key(o).repo;
      const first = repo?.configFiles[0];
      if (first) out.push({ range: o.range, target: first, tooltip: `Open the Zuul configuration of ${repo.name}` });
    }
  }
  return out;
}
