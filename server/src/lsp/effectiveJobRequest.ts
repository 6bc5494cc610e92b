// `zuul/effectiveJob`: the effective job of a named job or of the job at a
// document position (features/effectiveJobAt.ts), as data and as the text
// "Zuul: Show Effective Job" shows, with a link for each `repo/file:line`.
// Errors are answers, not exceptions.
import type { Connection } from 'vscode-languageserver';
import type { ZuulWorkspace } from '../engine/workspace';
import { explainInWorkspace } from '../engine/explain';
import { effectiveQueryAt } from '../features/effectiveJobAt';
import { renderEffectiveJob } from '../features/effectiveJobText';
import type { ExplainQuery } from '../zuul/effectiveJob';
import { onCheckedRequest } from './checkedHandlers';
import { effectiveJobParams } from './params';
import { pathToUri, uriToPath } from './uri';
import { EFFECTIVE_JOB_REQUEST, type EffectiveJobParams, type EffectiveJobResult } from '../../../protocol/src';

export function effectiveJobFor(ws: ZuulWorkspace, p: EffectiveJobParams): EffectiveJobResult {
  let q: ExplainQuery | undefined;
  if (p.job !== undefined) q = { job: p.job, project: p.project, pipeline: p.pipeline, branch: p.branch };
  else if (p.uri !== undefined && p.position !== undefined) {
    const path = uriToPath(p.uri);
    if (path === undefined) return { error: `Not a file URI: ${p.uri}` };
    const at = effectiveQueryAt(ws, path, p.position);
    if (!at) return { error: `No job at line ${p.position.line + 1}: place the cursor on a job name or in a job stanza.` };
    q = { ...at, ...(p.branch !== undefined ? { branch: p.branch } : {}) };
  } else return { error: 'Give a job name, or a document URI and a position.' };
  const r = explainInWorkspace(ws, q);
  if ('error' in r) return { error: r.error };
  const { text, links } = renderEffectiveJob(r);
  return {
    effective: r,
    text,
    links: links.map((l) => ({ range: { start: { line: l.line, character: l.start }, end: { line: l.line, character: l.end } }, uri: pathToUri(l.source.path), target: l.source.range })),
  };
}

export function registerEffectiveJobRequest(connection: Connection, getWorkspace: () => ZuulWorkspace, run: <T>(fn: () => T) => Promise<T | undefined>): void {
  onCheckedRequest(connection, EFFECTIVE_JOB_REQUEST, effectiveJobParams, async (params): Promise<EffectiveJobResult> => {
    const out = await run(() => effectiveJobFor(getWorkspace(), params));
    return out ?? { error: 'Folding the effective job failed; see the Zuul output channel.' };
  });
}
