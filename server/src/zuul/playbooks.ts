// Every playbook path a job stanza or project-pipeline variant names
// (pre-run, run, post-run, cleanup-run: a string, a list, or {name: ...}).
import { isMap, isSeq } from 'yaml';
import type { ZuulIndex } from './index';
import { hasFileList, jobStanzas, type JobStanza } from './stanzas';
import { entries, resolve, str, type YNode } from './yamlNodes';

export const PLAYBOOK_PHASES = ['pre-run', 'run', 'post-run', 'cleanup-run'];

export interface PlaybookRef {
  stanza: JobStanza;
  phase: string;
  path: string;
  node: YNode;
}

/** Playbook references in repos whose file list is known (so existence can be checked). */
export function playbookRefs(index: ZuulIndex): PlaybookRef[] {
  const out: PlaybookRef[] = [];
  const known = new Map<unknown, boolean>();
  for (const stanza of jobStanzas(index)) {
    if (!stanza.body) continue;
    const repo = stanza.def.repo;
    if (!known.has(repo)) known.set(repo, hasFileList(repo));
    if (!known.get(repo)) continue;
    const doc = stanza.def.file.doc;
    for (const e of entries(doc, stanza.body)) {
      if (!PLAYBOOK_PHASES.includes(e.key)) continue;
      const values = isSeq(e.value) ? e.value.items.map((i) => resolve(doc, i)) : [e.value];
      for (const v of values) {
        const node = isMap(v) ? entries(doc, v).find((x) => x.key === 'name')?.value : v;
        const path = str(node);
        if (node && path !== undefined) out.push({ stanza, phase: e.key, path, node });
      }
    }
  }
  return out;
}

/** The path Zuul before 3.0 would have found by adding an extension, if it exists. */
export function withExtension(path: string, files: Set<string>): string | undefined {
  if (/\.ya?ml$/.test(path)) return undefined;
  return [`${path}.yaml`, `${path}.yml`].find((p) => files.has(p));
}
