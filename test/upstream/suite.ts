// What the upstream suites read from Zuul's repository, read once per process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findUpstreamGit, readUpstream, type Upstream } from './git';
import { readLayouts, type Layout } from './layouts';
import { readCases, type Case, type Skipped } from './cases';
import { projectRoot } from '../helpers/corpus';

export const UPSTREAM_PATHS = ['tests/fixtures', 'tests/unit'];

export interface Loaded {
  up: Upstream;
  layouts: Layout[];
  cases: Case[];
  /** Asserted texts on changes with configuration that are no configuration error. */
  others: Case[];
  skipped: Skipped[];
}

let cached: Loaded | string | undefined;

/** Zuul's layouts and test_v3.py cases, or why they are not there. */
export function loadUpstream(): Loaded | string {
  if (cached !== undefined) return cached;
  const found = findUpstreamGit();
  if (!found.gitDir) return (cached = found.reason);
  const up = readUpstream(found.gitDir, UPSTREAM_PATHS);
  const layouts = readLayouts(up.files);
  const { cases, others, skipped } = readCases(up.files, new Map(layouts.map((l) => [l.name, l])));
  return (cached = { up, layouts, cases, others, skipped });
}

/** `Class.method`, with `/A` when the method has cases for several changes. */
export function caseKey(c: Case, all: Case[]): string {
  const several = all.filter((x) => x.test === c.test).length > 1;
  return several ? `${c.test}/${c.change.id}` : c.test;
}

export interface KnownMisses {
  warnings: Map<string, string>;
  missed: Map<string, string>;
}

export const KNOWN_MISSES_FILE = join('test', 'upstream', 'known-misses.yaml');

export function readKnownMisses(): KnownMisses {
  const doc = parse(readFileSync(join(projectRoot(), KNOWN_MISSES_FILE), 'utf8')) as Record<string, Record<string, string> | null>;
  const map = (key: string) => new Map(Object.entries(doc?.[key] ?? {}));
  return { warnings: map('warnings'), missed: map('missed') };
}
