// Zuul's own repository, read at run time from a git directory beside the
// project (the mirror `fetch` makes) or from ZUUL_UPSTREAM_GIT. Nothing of it is
// copied into the project: every file comes out of git when the suite runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/corpus';

/** The commit the oracle's Zuul was taken from (shared/zuul-oracle/README.md). */
export const ORACLE_COMMIT = 'dd14f0fbeb9cb1097054ba537bd2cb3663ec1850';

export interface Upstream {
  gitDir: string;
  commit: string;
  /** Why the commit is not the oracle's, when it is not. */
  note?: string;
  /** Every file below the prefixes asked for, path -> text. */
  files: Map<string, string>;
}

function git(gitDir: string, args: string[], input?: string): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 512 * 1024 * 1024 });
  return { ok: r.status === 0, out: r.stdout ?? Buffer.alloc(0), err: r.error ? String(r.error) : (r.stderr?.toString() ?? '') };
}

const isGitDir = (d: string) => existsSync(join(d, 'HEAD')) && existsSync(join(d, 'objects'));

/** The git directory, or the reason there is none. */
export function findUpstreamGit(): { gitDir?: string; reason: string } {
  const env = process.env.ZUUL_UPSTREAM_GIT;
  if (env) {
    for (const d of [env, join(env, '.git'), join(env, 'repo')]) if (isGitDir(d)) return { gitDir: d, reason: '' };
    return { reason: `ZUUL_UPSTREAM_GIT=${env} is not a git directory` };
  }
  const mirror = join(projectRoot(), '..', '.mirror');
  let names: string[] = [];
  try {
    names = readdirSync(mirror).filter((n) => n.startsWith('pythonerdog+zuul')).sort();
  } catch {
    // No mirror folder at all: reported below.
  }
  for (const n of names) for (const d of [join(mirror, n, 'repo'), join(mirror, n)]) if (isGitDir(d)) return { gitDir: d, reason: '' };
  return { reason: `Zuul's repository not found (no ${join(mirror, 'pythonerdog+zuul*')} git dir and no ZUUL_UPSTREAM_GIT)` };
}

/**
 * Reads every file under `prefixes` at the oracle's commit, or at HEAD when the
 * snapshot lacks it (then `note` says so). One ls-tree and one cat-file batch.
 */
export function readUpstream(gitDir: string, prefixes: string[]): Upstream {
  let commit = ORACLE_COMMIT;
  let note: string | undefined;
  if (!git(gitDir, ['cat-file', '-e', `${ORACLE_COMMIT}^{commit}`]).ok) {
    const head = git(gitDir, ['rev-parse', 'HEAD']);
    if (!head.ok) throw new Error(`cannot read HEAD of ${gitDir}: ${head.err}`);
    commit = head.out.toString().trim();
    note = `the oracle's commit ${ORACLE_COMMIT.slice(0, 8)} is not in ${gitDir}; using its HEAD ${commit.slice(0, 8)}`;
  }
  const ls = git(gitDir, ['ls-tree', '-r', '-z', commit, '--', ...prefixes]);
  if (!ls.ok) throw new Error(`git ls-tree failed in ${gitDir}: ${ls.err}`);
  const blobs: { path: string; id: string }[] = [];
  for (const rec of ls.out.toString().split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(rec);
    if (m) blobs.push({ id: m[1], path: m[2] });
  }
  const cat = git(gitDir, ['cat-file', '--batch'], blobs.map((b) => b.id).join('\n') + '\n');
  if (!cat.ok) throw new Error(`git cat-file failed in ${gitDir}: ${cat.err}`);
  const files = new Map<string, string>();
  let at = 0;
  for (const b of blobs) {
    const eol = cat.out.indexOf(0x0a, at);
    const header = cat.out.subarray(at, eol).toString();
    const size = Number(/^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1]);
    if (!Number.isFinite(size)) throw new Error(`unexpected git cat-file output for ${b.path}: ${header}`);
    files.set(b.path, cat.out.subarray(eol + 1, eol + 1 + size).toString('utf8'));
    at = eol + 1 + size + 1;
  }
  return { gitDir, commit, note, files };
}
