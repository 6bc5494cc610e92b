// Whether a change alters a job's configuration (match-on-config-updates,
// reference §3.7): Zuul compares the frozen job before and after the change.
// Here each stanza applied to the job that lives in a changed file of the
// change's project is compared, as data (comments and layout aside), with the
// same stanza in the file's text before the change. Without that text (files
// named on the command line, no git), a changed file holding a stanza of the
// job may alter it, and the answer says so.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Definition } from './index';
import { parseFile, type ConfigItem, type ParsedFile } from './parse';
import type { JobStanza } from './stanzas';
import { plain } from './effectiveValues';
import { entries, resolve, str } from './yamlNodes';

/** A changed file's text before the change: null when it did not exist, undefined when not known. */
export type BeforeText = (repoFile: string) => string | null | undefined;

const fileCache = new Map<string, ParsedFile>();

function oldFile(path: string, text: string): ParsedFile {
  const key = `${path}\u0000${text}`;
  let f = fileCache.get(key);
  if (!f) {
    if (fileCache.size > 64) fileCache.clear();
    fileCache.set(key, (f = parseFile(path, text)));
  }
  return f;
}

const asDef = (file: ParsedFile, item: ConfigItem) => ({ file, item }) as unknown as Definition;

/** The k-th item of that kind and name, as its variants count them. */
function nth(file: ParsedFile, kind: string, name: string, k: number): ConfigItem | undefined {
  return file.items.filter((i) => i.kind === kind && (i.name ?? '') === name)[k];
}

function entryJson(file: ParsedFile, body: YAMLMap, pipeline: string, job: string, k: number): string | undefined {
  const p = entries(file.doc, body).find((e) => e.key === pipeline)?.value;
  const jobs = isMap(p) ? entries(file.doc, p).find((e) => e.key === 'jobs')?.value : undefined;
  if (!isSeq(jobs)) return undefined;
  const named = jobs.items.map((i) => resolve(file.doc, i)).filter((n) => {
    if (str(n) === job) return true;
    const key = isMap(n) ? n.items[0]?.key : undefined;
    return isScalar(key) && key.value === job;
  });
  const n = named[k];
  return n ? JSON.stringify(plain(asDef(file, { body } as ConfigItem), n)) : undefined;
}

/**
 * For a stanza of the job in a changed file: 'changed', 'same', or
 * 'unknown' when the text before the change is not known.
 */
export function stanzaChanged(stanza: JobStanza, before: BeforeText, repoFile: string): 'changed' | 'same' | 'unknown' {
  const old = before(repoFile);
  if (old === undefined) return 'unknown';
  if (old === null) return 'changed';
  const prev = oldFile(stanza.def.file.path, old);
  const now = stanza.def.file;
  const item = stanza.def.item;
  const same = now.items.filter((i) => i.kind === item.kind && (i.name ?? '') === (item.name ?? ''));
  const k = same.indexOf(item);
  const was = nth(prev, item.kind, item.name ?? '', k);
  if (!was) return 'changed';
  if (stanza.kind === 'job') return JSON.stringify(plain(asDef(prev, was), was.body)) === JSON.stringify(plain(stanza.def, item.body)) ? 'same' : 'changed';
  const pipeline = stanza.pipeline ?? '';
  const mine = entryJson(now, item.body, pipeline, stanza.jobName, 0);
  return entryJson(prev, was.body, pipeline, stanza.jobName, 0) === mine ? 'same' : 'changed';
}
