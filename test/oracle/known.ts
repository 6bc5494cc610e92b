// known-differences.yaml: each difference between Zuul's loader and our engine
// that is understood, with its reason. A difference no entry explains fails the run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../helpers/corpus';
import type { Item } from './compare';

export interface Known {
  /** `zuul-only`: Zuul's error, not ours; `ours-only`: our error, not Zuul's. */
  side: 'zuul-only' | 'ours-only';
  /** Regular expressions, all optional: Zuul's error name or our rule id, the message, the file, the world or mutation kind. */
  cls?: string;
  text?: string;
  file?: string;
  where?: string;
  reason: string;
}

export const KNOWN_FILE = join('test', 'oracle', 'known-differences.yaml');

export function readKnown(): Known[] {
  const doc = parse(readFileSync(join(projectRoot(), KNOWN_FILE), 'utf8')) as Known[] | null;
  for (const k of doc ?? []) if (!k.reason || !['zuul-only', 'ours-only'].includes(k.side)) throw new Error(`${KNOWN_FILE}: every entry needs side (zuul-only or ours-only) and reason: ${JSON.stringify(k)}`);
  return doc ?? [];
}

/** Entries that explained a difference in this run. */
export const usedEntries = new Set<Known>();

/** The entry that explains a difference, if one does. */
export function explain(known: Known[], item: Item, where: string): Known | undefined {
  const side = item.side === 'zuul' ? 'zuul-only' : 'ours-only';
  const hit = (re: string | undefined, s: string) => re === undefined || new RegExp(re).test(s);
  const entry = known.find((k) => k.side === side && hit(k.cls, item.cls) && hit(k.text, item.text) && hit(k.file, item.file) && hit(k.where, where));
  if (entry) usedEntries.add(entry);
  return entry;
}
