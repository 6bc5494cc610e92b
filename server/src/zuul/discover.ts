// Which files of a repository Zuul reads as configuration, in Zuul's order
// (reference §1.1), and which repositories a workspace folder holds.
import { existsSync, readdirSync, statSync, lstatSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Finding } from './types';
import type { RuleInfo } from './rules';
import { ZUUL_DOCS } from './rules';

export const CONFIG_ROOTS = ['zuul.yaml', 'zuul.d', '.zuul.yaml', '.zuul.d'] as const;
export type RootName = (typeof CONFIG_ROOTS)[number];

export const DISCOVERY_RULES: RuleInfo[] = [
  { id: 'multiple-config-roots', severity: 'warning', summary: 'A second configuration root (e.g. .zuul.yaml beside zuul.d/) that Zuul ignores.', docs: `${ZUUL_DOCS}/project-config.html#configuration-loading` },
  { id: 'ignored-config-file', severity: 'warning', summary: 'A file in a config directory that Zuul does not read (only *.yaml is loaded).', docs: `${ZUUL_DOCS}/project-config.html#configuration-loading` },
];

const SKIP_DIRS = new Set(['.git', 'node_modules']);
const MAX_FILES = 300_000;

export interface Repo {
  /** Folder name, or its path relative to the workspace folder when nested deeper. */
  name: string;
  root: string;
  rootKind?: RootName;
  /** Absolute paths, in the order Zuul loads them. */
  configFiles: string[];
  /** Files of later roots that Zuul ignores. */
  shadowedFiles: string[];
  /** Files inside a config directory that Zuul does not load (`.yml`, ...). */
  ignoredFiles: string[];
  /** Every file of the repo, repo-relative with `/` separators. */
  files: Set<string>;
  extraConfigPaths: string[];
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}


function hasConfigRoot(dir: string): boolean {
  return CONFIG_ROOTS.some((r) => existsSync(join(dir, r)));
}

/** Repository roots inside a workspace folder: the folder itself, or folders below it (depth-limited). */
export function findRepoRoots(folder: string, maxDepth = 3): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (existsSync(join(dir, '.git')) || hasConfigRoot(dir)) {
      out.push(dir);
      return;
    }
    if (depth >= maxDepth) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (SKIP_DIRS.has(n) || n.startsWith('.')) continue;
      const p = join(dir, n);
      if (isDir(p)) visit(p, depth + 1);
    }
  };
  visit(folder, 0);
  return out;
}

/** Every file under `dir` (absolute paths), skipping .git and node_modules, at most `max`. */
export function filesUnder(dir: string, max = MAX_FILES): string[] {
  const out: string[] = [];
  walkFiles(dir, dir, out, max, false);
  return out;
}

/** Every file under `dir`, relative to `root` (or absolute), up to `max`. */
function walkFiles(root: string, dir: string, out: string[], max = MAX_FILES, rel = true): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (out.length >= max) return;
    if (SKIP_DIRS.has(n)) continue;
    const p = join(dir, n);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walkFiles(root, p, out, max, rel);
    else out.push(rel ? toPosix(relative(root, p)) : p);
  }
}

export function listRepoFiles(root: string): Set<string> {
  const out: string[] = [];
  walkFiles(root, root, out);
  return new Set(out);
}

/** The `.yaml` files of a config directory after `.zuul.ignore` pruning, plus the files Zuul skips. */
function dirConfigFiles(files: string[], dirRel: string): { yaml: string[]; ignored: string[] } {
  const prefix = dirRel.replace(/\/$/, '') + '/';
  const inside = files.filter((f) => f.startsWith(prefix));
  // Zuul prunes with a plain prefix test on the directory path (no trailing slash).
  const pruned = inside.filter((f) => basename(f) === '.zuul.ignore').map((f) => f.slice(0, f.lastIndexOf('/')));
  const kept = inside.filter((f) => !pruned.some((d) => f.startsWith(d)));
  const yaml = kept.filter((f) => f.endsWith('.yaml')).sort();
  const ignored = kept.filter((f) => /\.(yml|YAML|YML)$/.test(f)).sort();
  return { yaml, ignored };
}

/** Reads a repo's file list and picks its configuration files. */
export function discoverRepo(root: string, name: string, extraConfigPaths: string[] = [], files?: Set<string>): Repo {
  const all = files ?? listRepoFiles(root);
  return selectConfig({ name, root, files: all, extraConfigPaths });
}

export function selectConfig(base: { name: string; root: string; files: Set<string>; extraConfigPaths: string[] }): Repo {
  const repo: Repo = { ...base, configFiles: [], shadowedFiles: [], ignoredFiles: [] };
  const list = [...base.files];
  const abs = (rel: string) => join(base.root, rel);
  for (const r of CONFIG_ROOTS) {
    let content: string[] = [];
    let ignored: string[] = [];
    if (r.endsWith('.yaml')) {
      if (base.files.has(r) && nonEmpty(abs(r))) content = [r];
    } else {
      ({ yaml: content, ignored } = dirConfigFiles(list, r));
      content = content.filter((f) => nonEmpty(abs(f)));
    }
    if (content.length === 0) continue;
    if (!repo.rootKind) {
      repo.rootKind = r;
      repo.configFiles.push(...content.map(abs));
      repo.ignoredFiles.push(...ignored.map(abs));
    } else {
      repo.shadowedFiles.push(...content.map(abs));
    }
  }
  const extraFiles = base.extraConfigPaths.filter((p) => !p.endsWith('/'));
  const extraDirs = base.extraConfigPaths.filter((p) => p.endsWith('/'));
  for (const f of extraFiles) if (base.files.has(f) && !repo.configFiles.includes(abs(f))) repo.configFiles.push(abs(f));
  for (const d of extraDirs) {
    const { yaml, ignored } = dirConfigFiles(list, d);
    for (const f of yaml) if (!repo.configFiles.includes(abs(f))) repo.configFiles.push(abs(f));
    repo.ignoredFiles.push(...ignored.map(abs));
  }
  return repo;
}

function nonEmpty(p: string): boolean {
  try {
    return statSync(p).size > 0;
  } catch {
    // Listed but unreadable right now (e.g. an editor buffer not yet saved): count it.
    return true;
  }
}

/** Would this repo-relative path be a Zuul config file in *some* root or extra path? */
export function isConfigCandidate(rel: string, extraConfigPaths: string[] = []): boolean {
  if (rel === 'zuul.yaml' || rel === '.zuul.yaml') return true;
  if (/^\.?zuul\.d\//.test(rel)) return true;
  return extraConfigPaths.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p));
}

export function discoveryFindings(repo: Repo): Finding[] {
  const out: Finding[] = [];
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const f of repo.shadowedFiles) {
    out.push({
      rule: 'multiple-config-roots',
      severity: 'warning',
      file: f,
      range: zero,
      message: `Zuul ignores this file: ${repo.name} already has its configuration in ${repo.rootKind}${repo.rootKind?.endsWith('.d') ? '/' : ''}, and Zuul reads only the first root it finds (zuul.yaml, zuul.d/, .zuul.yaml, .zuul.d/ in that order). Move its contents there or delete it ("Multiple Project Configurations").`,
    });
  }
  for (const f of repo.ignoredFiles) {
    out.push({
      rule: 'ignored-config-file',
      severity: 'warning',
      file: f,
      range: zero,
      message: `Zuul loads only files ending in ".yaml" from a configuration directory, so this file is ignored. Rename it to ${basename(f).replace(/\.[^.]+$/, '.yaml')}.`,
      data: { suggestions: [basename(f).replace(/\.[^.]+$/, '.yaml')] },
    });
  }
  return out;
}
