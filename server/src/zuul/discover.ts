// Which files of a repository Zuul reads as configuration, in Zuul's order
// (reference §1.1), and which repositories a workspace folder holds.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Finding } from './types';
import type { RuleInfo } from './rules';
import { ZUUL_DOCS } from './rules';
import { pushAll } from './arrays';

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

/** A path below a repo as the repo's file list spells it: relative, with `/`. */
export function repoRelative(repo: { root: string }, path: string): string {
  return toPosix(relative(repo.root, path));
}

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A directory itself, not a link to one: the repo's file list does not look through links (git does not either). */
export function isPlainDir(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}


function hasConfigRoot(dir: string): boolean {
  return CONFIG_ROOTS.some((r) => existsSync(join(dir, r)));
}

function realPath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Repository roots inside a workspace folder: the folder itself, or folders
 * below it (depth-limited). A directory link is followed only when it stays
 * inside the folder, and every real directory is visited once (a `loop -> .`
 * would otherwise count each repo again per level), by its real path first:
 * links are taken after all plain directories.
 */
export function findRepoRoots(folder: string, maxDepth = 3): string[] {
  const out: string[] = [];
  const top = realPath(folder) ?? folder;
  const inside = (real: string) => real === top || real.startsWith(top.endsWith(sep) ? top : top + sep);
  const visited = new Set<string>();
  const links: { path: string; depth: number }[] = [];
  const visit = (dir: string, real: string, depth: number) => {
    if (visited.has(real)) return;
    visited.add(real);
    if (existsSync(join(dir, '.git')) || hasConfigRoot(dir)) {
      out.push(dir);
      return;
    }
    if (depth >= maxDepth) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    } catch {
      return;
    }
    for (const e of entries) {
      if (SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
      if (e.isDirectory()) visit(join(dir, e.name), join(real, e.name), depth + 1);
      else if (e.isSymbolicLink()) links.push({ path: join(dir, e.name), depth: depth + 1 });
    }
  };
  visit(folder, top, 0);
  for (let i = 0; i < links.length; i++) {
    const { path, depth } = links[i];
    const real = realPath(path);
    if (real && inside(real) && isDir(real)) visit(path, real, depth);
  }
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
  // Typed entries: no lstat per file (a quarter of a 10,000-job check was spent there). A link is not a directory here.
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.length >= max) return;
    if (SKIP_DIRS.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walkFiles(root, p, out, max, rel);
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
      pushAll(repo.configFiles, content.map(abs));
      pushAll(repo.ignoredFiles, ignored.map(abs));
    } else {
      pushAll(repo.shadowedFiles, content.map(abs));
    }
  }
  const extraFiles = base.extraConfigPaths.filter((p) => !p.endsWith('/'));
  const extraDirs = base.extraConfigPaths.filter((p) => p.endsWith('/'));
  for (const f of extraFiles) if (base.files.has(f) && !repo.configFiles.includes(abs(f))) repo.configFiles.push(abs(f));
  for (const d of extraDirs) {
    const { yaml, ignored } = dirConfigFiles(list, d);
    for (const f of yaml) if (!repo.configFiles.includes(abs(f))) repo.configFiles.push(abs(f));
    pushAll(repo.ignoredFiles, ignored.map(abs));
  }
  return repo;
}

/** Content as Zuul would see it: a link holds its target's path; special files do not exist in git. */
function nonEmpty(p: string): boolean {
  try {
    const st = lstatSync(p);
    return st.isSymbolicLink() || (st.isFile() && st.size > 0);
  } catch {
    // Listed but unreadable right now (e.g. an editor buffer not yet saved): count it.
    return true;
  }
}

/** A top folder named like Zuul configuration that only extra-config-paths loads: `zuul-tests.d`, `.zuul-extra.d`. */
const EXTRA_CONFIG_DIR = /^\.?zuul[-_.][^/]*\.d$/;

/**
 * Config-looking folders of a repo that exist, hold `.yaml` files, and that
 * Zuul does not load because no extra-config-paths entry names them (the
 * tenant loads zuul-jobs' zuul-tests.d/ that way); repo-relative, ending in `/`.
 */
export function unloadedConfigDirs(repo: { files: ReadonlySet<string>; extraConfigPaths: readonly string[] }): string[] {
  const dirs = new Set<string>();
  for (const f of repo.files) {
    const slash = f.indexOf('/');
    if (slash < 0 || !f.endsWith('.yaml')) continue;
    const top = f.slice(0, slash);
    if (top !== 'zuul.d' && top !== '.zuul.d' && EXTRA_CONFIG_DIR.test(top)) dirs.add(`${top}/`);
  }
  const loaded = (d: string) => repo.extraConfigPaths.some((p) => p === d || p === d.slice(0, -1) || p.startsWith(d) || d.startsWith(p.endsWith('/') ? p : `${p}/`));
  return [...dirs].filter((d) => !loaded(d)).sort();
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
