// Git checkouts made for a test: `git` in a folder with a committer set, and a
// folder turned into a repository holding one commit of what is in it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** Runs `git ARGS` in `dir`; fails the test when git fails. */
export function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** `dir` as a repository whose one commit holds every file in it. */
export function commitAll(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'first');
}
