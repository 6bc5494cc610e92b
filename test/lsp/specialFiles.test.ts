// A FIFO where the settings file should be froze the server in "indexing";
// a config file that is a link is, to Zuul, not the file it points to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, copyFixture, fileUri, removeDir } from '../helpers/lspClient';

test('a FIFO as .zuul-authoring.yaml: the server indexes, reports it and keeps answering', { timeout: 120_000 }, async () => {
  const dir = copyFixture('lsp-basic');
  const client = new LspClient();
  try {
    execFileSync('mkfifo', [join(dir, '.zuul-authoring.yaml')]);
    await client.initialize(dir);
    await client.ready(60_000);
    const d = await client.waitForDiagnostics(fileUri(join(dir, '.zuul-authoring.yaml')), (x) => x.length > 0, 60_000);
    assert.equal(d[0].code, 'invalid-settings-file');
    assert.match(d[0].message, /named pipe \(FIFO\)/);
    const r = await client.requestRaw('zuul/noSuchRequest');
    assert.equal(r.error?.code, -32601, 'the server still answers');
  } finally {
    client.kill();
    removeDir(dir);
  }
});

test('a config file linked elsewhere is reported as Zuul sees it, even while open in the editor', { timeout: 120_000 }, async () => {
  const dir = copyFixture('lsp-basic');
  const outside = copyFixture('lsp-basic');
  const client = new LspClient();
  try {
    const target = join(outside, 'target.yaml');
    writeFileSync(target, '- job:\n    name: linked\n');
    const link = join(dir, 'zuul.d', 'linked.yaml');
    symlinkSync(target, link);
    await client.initialize(dir);
    await client.ready(60_000);
    const uri = fileUri(link);
    const d = await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'symlinked-config-file'), 60_000);
    assert.match(d[0].message, /symbolic link to ".*target\.yaml"/);
    client.open(uri, '- job:\n    name: linked\n    timout: 1\n', 1);
    await client.waitFor(() => client.published.some((p) => p.uri === uri && p.version === 1), 60_000, 'diagnostics of the open buffer');
    const after = client.published.filter((p) => p.uri === uri && p.version === 1).pop()?.diagnostics ?? [];
    assert.deepEqual(after.map((x) => x.code), ['symlinked-config-file'], 'the buffer behind the link is not what Zuul reads');
  } finally {
    client.kill();
    removeDir(dir);
    removeDir(outside);
  }
});
