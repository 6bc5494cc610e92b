// What git says of a repository, read-only: the files a change touches
// (`git diff`, `git ls-files`), and a file's text at a revision, for telling
// whether a change alters a job's configuration (zuul/configChange.ts). Where
// the repository is no git checkout, nothing is known.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BeforeText } from '../zuul/configChange';

const MAX_BYTES = 64 * 1024 * 1024;

/** The output lines of `git ARGS` in `root`, or why git failed (its first line of complaint). */
export function gitLines(root: string, args: string[]): { lines: string[] } | { error: string } {
  const r = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: MAX_BYTES });
  if (r.error) return { error: `cannot run git in ${root}: ${r.error.message}` };
  if (r.status !== 0) return { error: `git ${args.join(' ')} failed in ${root}: ${r.stderr.trim().split('\n')[0]}` };
  return { lines: r.stdout.split('\n').filter(Boolean) };
}

/** The texts at `rev` of a repository's files (`./` keeps each path relative to the repository root); null where a file did not exist. */
export function textsAt(root: string, rev: string): BeforeText | undefined {
  if (!existsSync(join(root, '.git'))) return undefined;
  return (file) => {
    const r = spawnSync('git', ['-C', root, 'show', `${rev}:./${file}`], { encoding: 'utf8', maxBuffer: MAX_BYTES, timeout: 10_000 });
    if (r.error) return undefined;
    return r.status === 0 ? r.stdout : null;
  };
}
