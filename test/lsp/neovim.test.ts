// A client that is not VS Code: Debian's neovim speaks LSP to the built server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tree, remove } from '../helpers/tmp';

const root = join(__dirname, '..', '..', '..');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });

test('neovim receives the diagnostics of a Zuul file over stdio', { skip: nvim.status === 0 ? false : 'nvim not installed (apt-get install neovim)' }, () => {
  const ws = tree({ 'repo/.git/HEAD': '', 'repo/zuul.d/jobs.yaml': '- job:\n    name: deploy\n    timout: 60\n' });
  try {
    const file = join(ws, 'repo/zuul.d/jobs.yaml');
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(root, 'test/fixtures/neovim/check.lua')}`, file], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ZUUL_SERVER: join(root, 'dist/server.js'), ZUUL_ROOT: join(ws, 'repo') },
    });
    const output = `${r.stdout}${r.stderr}`;
    assert.equal(r.status, 0, output);
    assert.match(output, /DIAG 2:4-2:10 zuul unknown-attribute Unknown attribute "timout"/);
  } finally {
    remove(ws);
  }
});
