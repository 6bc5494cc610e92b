// Access to the real Zuul trees in ../shared/corpus. They are read at run time,
// never copied into the project; each one is turned into a checkout-like
// folder so the engine needs no corpus mode.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';

const PROJECT_NAME = 'zuul-authoring';

/** The project root, found by its package.json so the answer holds from src and from out/. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === PROJECT_NAME) return dir;
      } catch {
        // A broken package.json elsewhere up the tree is not ours; keep walking.
      }
    }
    const up = dirname(dir);
    if (up === dir) return join(__dirname, '..', '..', '..');
    dir = up;
  }
}

export function corpusDir(): string | undefined {
  // ZUUL_CORPUS names it for a checkout that is not beside ../shared (a git worktree).
  const dir = process.env.ZUUL_CORPUS || join(projectRoot(), '..', 'shared', 'corpus');
  return existsSync(join(dir, 'README.md')) || existsSync(join(dir, 'index.json')) ? dir : undefined;
}

/** The text of a corpus file (corpus-relative), or undefined after skipping the test, saying why. */
export function corpusText(t: { skip(message: string): void }, rel: string): string | undefined {
  const dir = corpusDir();
  if (!dir) {
    t.skip('the corpus (../shared/corpus) is not present');
    return undefined;
  }
  try {
    return readFileSync(join(dir, rel), 'utf8');
  } catch {
    t.skip(`${rel} is not in the corpus`);
    return undefined;
  }
}

const isSnapshot = (dir: string) => existsSync(join(dir, 'files.txt'));

/** Top-level snapshots (`project-config-f6a70b1`), then every `cases/<name>`; corpus-relative. */
export function listCorpusFolders(): string[] {
  return [...listSnapshots(), ...listCases()];
}

export function listSnapshots(): string[] {
  const dir = corpusDir();
  if (!dir) return [];
  return readdirSync(dir).filter((n) => isSnapshot(join(dir, n))).sort();
}

export function listCases(): string[] {
  const dir = corpusDir();
  if (!dir || !existsSync(join(dir, 'cases'))) return [];
  return readdirSync(join(dir, 'cases'))
    .filter((n) => isSnapshot(join(dir, 'cases', n)))
    .sort()
    .map((n) => `cases/${n}`);
}

/** The tenant loads zuul-tests.d/ for zuul/zuul-jobs (corpus README). */
export function extraPathsFor(folderName: string): string[] {
  return basename(folderName).startsWith('zuul-jobs-') ? ['zuul-tests.d/'] : [];
}

/** Editor settings for a workspace of materialized corpus folders. */
export function corpusSettings(folders: string[]): { extraConfigPaths: Record<string, string[]> } {
  const extraConfigPaths: Record<string, string[]> = {};
  for (const f of folders) {
    const extra = extraPathsFor(f);
    if (extra.length) extraConfigPaths[basename(f)] = extra;
  }
  return { extraConfigPaths };
}

/** The config files of a corpus folder, corpus-folder-relative (everything except files.txt). */
export function configFilesOf(folder: string): string[] {
  const src = sourceOf(folder);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (p !== join(src, 'files.txt')) out.push(relative(src, p).split('\\').join('/'));
    }
  };
  walk(src);
  return out;
}

function sourceOf(folder: string): string {
  if (isAbsolute(folder)) return folder;
  const dir = corpusDir();
  if (!dir) throw new Error('the corpus (../shared/corpus) is not present');
  return join(dir, folder);
}

/**
 * A fresh temp folder, in RAM when the machine has /dev/shm: a checkout is
 * thousands of empty files, and creating them on a disk costs seconds.
 */
export function scratchDir(prefix: string): string {
  for (const base of ['/dev/shm', tmpdir()]) {
    try {
      return mkdtempSync(join(base, prefix));
    } catch {
      // Not there or not writable: try the next place.
    }
  }
  return mkdtempSync(join(tmpdir(), prefix));
}

let defaultRoot: string | undefined;
const made = new Map<string, string>();

function tempRoot(): string {
  if (!defaultRoot) {
    const root = scratchDir('zuul-corpus-');
    defaultRoot = root;
    process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  }
  return defaultRoot;
}

/**
 * A checkout-like copy: every path of files.txt as an empty file, then the real
 * config files over them. The folder keeps the corpus folder's name because that
 * name becomes the repo name. Cached per process and destination.
 */
export function materialize(folder: string, destRoot: string = tempRoot()): string {
  const src = sourceOf(folder);
  const key = `${src}\u0000${destRoot}`;
  const hit = made.get(key);
  if (hit) return hit;
  const dest = materializeAt(src, join(destRoot, basename(src)));
  made.set(key, dest);
  return dest;
}

/** The same checkout-like copy at a path of the caller's choosing (a tenant's `org/repo`), uncached. */
export function materializeAt(folder: string, dest: string): string {
  const src = sourceOf(folder);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const dirs = new Set<string>();
  const ensureDir = (d: string) => {
    if (dirs.has(d)) return;
    mkdirSync(d, { recursive: true });
    dirs.add(d);
  };
  for (const rel of readFileSync(join(src, 'files.txt'), 'utf8').split('\n')) {
    if (!rel) continue;
    const p = join(dest, rel);
    ensureDir(dirname(p));
    writeFileSync(p, '');
  }
  // Written rather than copied: the corpus is read-only and its modes must not follow.
  for (const rel of configFilesOf(src)) {
    const p = join(dest, rel);
    ensureDir(dirname(p));
    writeFileSync(p, readFileSync(join(src, rel)));
  }
  return dest;
}
