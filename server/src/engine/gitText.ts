// A file's text at a git revision, for telling whether a change alters a
// job's configuration (zuul/configChange.ts). Read-only: `git show`, nothing
// else. Where the repository is no git checkout, nothing is known.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BeforeText } from '../zuul/configChange';

const MAX_BYTES = 64 * 1024 * 1024;

/** The texts at `rev` of a repository's files (`./` keeps each path relative to the repository root); null where a file did not exist. */
export function textsAt(root: string, rev: string): BeforeText | undefined {
  if (!existsSync(join(root, '.git'))) return undefined;
  return (file) => {
    const r = spawnSync('git', ['-C', root, 'show', `${rev}:./${file}`], { encoding: 'utf8', maxBuffer: MAX_BYTES, timeout: 10_000 });
    if (r.error) return undefined;
    return r.status === 0 ? r.stdout : null;
  };
}
