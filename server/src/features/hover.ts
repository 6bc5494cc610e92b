// Hover on any name: a job (see hoverJob.ts), a nodeset, secret, semaphore,
// template, pipeline, queue, playbook path or project, summarised from its
// definition.
import { effectiveQueryOf } from './effectiveJobAt';
import type { ExplainQuery } from '../zuul/effectiveJob';
import { isMap, isScalar, isSeq } from 'yaml';
import type { ZuulWorkspace } from '../engine/workspace';
import type { Definition } from '../zuul/index';
import type { Position, Range } from '../zuul/types';
import { attr } from '../zuul/inherit';
import { pipelineLists } from '../zuul/stanzas';
import { entries, resolve, str } from '../zuul/yamlNodes';
import { repoRelative } from '../zuul/discover';
import { describeKey, type Occurrence, type OccurrenceTable } from './occurrences';
import { occurrenceAt, playbookFile } from './navigation';
import { descriptionOf, jobHover, where } from './hoverJob';
import { render, type Block, type Inline } from './doc';
import { attributeHoverAt } from './hoverAttribute';

export interface HoverResult {
  contents: string;
  markdown: boolean;
  range: Range;
}

/** Hover on a name, else on an attribute key. */
/** `effectiveLink`: the client runs "Show Effective Job" from a link in the job hover. */
export function hoverAt(ws: ZuulWorkspace, path: string, pos: Position, markdown: boolean, effectiveLink = false): HoverResult | undefined {
  const hit = occurrenceAt(ws, path, pos);
  if (!hit) {
    const attr = attributeHoverAt(ws, path, pos, markdown);
    return attr ? { ...attr, markdown } : undefined;
  }
  const blocks = nameHover(ws, hit.table, hit.occ, effectiveLink && hit.occ.kind === 'job' ? effectiveQueryOf(hit.occ) : undefined);
  return { contents: render(blocks, markdown), markdown, range: hit.occ.range };
}

function nameHover(ws: ZuulWorkspace, table: OccurrenceTable, occ: Occurrence, effective?: ExplainQuery): Block[] {
  if (occ.kind === 'job') return jobHover(ws, occ.name, effective);
  if (occ.kind === 'playbook') return playbookHover(table, occ);
  if (occ.kind === 'project') return projectHover(table, occ);
  const key = table.key(occ);
  const defs = ws.index.get(occ.kind, occ.name).filter((d) => !key.repo || d.repo === key.repo);
  const head: Block = { p: [{ strong: describeKey(key) }] };
  const uses = table.all(key).filter((o) => !o.declaration).length;
  if (defs.length === 0) {
    const why = occ.kind === 'secret' ? ` A job may only use secrets of its own project (${occ.repo.name}).` : '';
    return [head, { p: [`Not defined in the open repositories.${why}`] }];
  }
  const blocks: Block[] = [head];
  const description = descriptionOf(defs);
  if (description) blocks.push({ p: [description] });
  blocks.push({ list: defs.map((d, i) => [i === 0 ? 'defined in ' : 'also in ', { code: where(d) }]) });
  const facts = summary(defs[0]);
  if (facts.length) blocks.push({ list: facts });
  blocks.push({ p: [`${uses} use${uses === 1 ? '' : 's'} in the open repositories`] });
  return blocks;
}

function value(def: Definition, key: string): string | undefined {
  const v = attr(def, key)?.value;
  return isScalar(v) && v.value !== null && v.value !== undefined ? String(v.value) : undefined;
}

function summary(def: Definition): Inline[][] {
  const doc = def.file.doc;
  const out: Inline[][] = [];
  switch (def.kind) {
    case 'nodeset': {
      const nodes = attr(def, 'nodes')?.value;
      const list = isSeq(nodes) ? nodes.items.map((i) => resolve(doc, i)) : nodes ? [nodes] : [];
      for (const n of list) {
        if (!isMap(n)) continue;
        const es = entries(doc, n);
        const name = es.find((e) => e.key === 'name')?.value;
        const label = str(es.find((e) => e.key === 'label')?.value);
        const names = isSeq(name) ? name.items.map((i) => str(resolve(doc, i))).filter(Boolean).join(', ') : str(name);
        out.push(['node ', { code: names ?? '?' }, ' on label ', { code: label ?? '?' }]);
      }
      const alts = attr(def, 'alternatives')?.value;
      if (isSeq(alts)) out.push([`${alts.items.length} alternatives, tried in order`]);
      if (list.length === 0 && !isSeq(alts)) out.push(['no nodes: jobs run on the executor only']);
      break;
    }
    case 'secret': {
      out.push([`private to project ${def.repo.name}: only its jobs may use it`]);
      const data = attr(def, 'data')?.value;
      if (isMap(data)) out.push(['keys: ', { code: entries(doc, data).map((e) => e.key).join(', ') }]);
      break;
    }
    case 'semaphore':
      out.push(['max: ', { code: value(def, 'max') ?? '1' }, value(def, 'max') ? '' : ' (the default)']);
      break;
    case 'project-template': {
      for (const pl of pipelineLists(def)) out.push([{ code: pl.pipeline }, `: ${pl.entries.length} job${pl.entries.length === 1 ? '' : 's'}`]);
      break;
    }
    case 'pipeline': {
      const manager = value(def, 'manager');
      if (manager) out.push(['manager: ', { code: manager }]);
      const precedence = value(def, 'precedence');
      if (precedence) out.push(['precedence: ', { code: precedence }]);
      break;
    }
    case 'queue':
      for (const k of ['per-branch', 'allow-circular-dependencies', 'dependencies-by-topic']) {
        const v = value(def, k);
        if (v !== undefined) out.push([`${k}: `, { code: v }]);
      }
      break;
  }
  return out;
}

function playbookHover(table: OccurrenceTable, occ: Occurrence): Block[] {
  const file = playbookFile(occ);
  const users = new Set(table.all(table.key(occ)).map((o) => o.owner));
  const blocks: Block[] = [{ p: [{ strong: `playbook ${occ.name}` }] }];
  const rel = file && repoRelative(occ.repo, file);
  if (rel) blocks.push({ p: ['read from ', { code: `${occ.repo.name} · ${rel}` }, rel !== occ.name ? ' (Zuul adds the extension)' : ''] });
  else blocks.push({ p: [`Not found in ${occ.repo.name}: Zuul reads playbooks from the repo of the job that names them, and the build fails.`] });
  blocks.push({ p: [`named by ${users.size} stanza${users.size === 1 ? '' : 's'}`] });
  return blocks;
}

function projectHover(table: OccurrenceTable, occ: Occurrence): Block[] {
  const repo = table.key(occ).repo;
  const blocks: Block[] = [{ p: [{ strong: `project ${occ.name}` }] }];
  if (!repo) blocks.push({ p: ['Not in this workspace.'] });
  else blocks.push({ p: ['the workspace repo ', { code: repo.name }, ` (${repo.configFiles.length} config file${repo.configFiles.length === 1 ? '' : 's'})`] });
  return blocks;
}
