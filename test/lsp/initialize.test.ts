// Start-up over stdio: capabilities both ways, workspace-wide diagnostics for
// files that are not open, progress, the zuul/status notification, and a
// clean shutdown.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LspClient, copyFixture, fileUri, removeDir } from '../helpers/lspClient';
import { STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));

function start(): { client: LspClient; dir: string } {
  const dir = copyFixture('lsp-basic');
  const client = new LspClient();
  cleanups.push(() => {
    client.kill();
    removeDir(dir);
  });
  return { client, dir };
}

test('a capable client gets workspace-wide diagnostics with codeDescription, progress and status', async () => {
  const { client, dir } = start();
  const init = (await client.initialize(dir)) as { capabilities: { textDocumentSync: { openClose: boolean; change: number }; workspace: { workspaceFolders: { supported: boolean } } } };
  assert.equal(init.capabilities.textDocumentSync.openClose, true);
  assert.ok([1, 2].includes(init.capabilities.textDocumentSync.change), 'full or incremental sync');
  assert.equal(init.capabilities.workspace.workspaceFolders.supported, true);

  const broken = fileUri(join(dir, 'zuul.d', 'broken.yaml'));
  const diags = await client.waitForDiagnostics(broken, (d) => d.length > 0);
  const d = diags.find((x) => x.code === 'unknown-item-type');
  assert.ok(d, `unknown-item-type expected, got ${JSON.stringify(diags)}`);
  assert.equal(d.source, 'zuul');
  assert.equal(d.severity, 1);
  assert.deepEqual(d.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } }, 'the `jobs` key');
  assert.match(d.codeDescription?.href ?? '', /^https:\/\/zuul-ci\.org\//);

  const first = await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION);
  assert.equal(first.state, 'indexing', 'the first status says indexing');
  const ready = (await client.ready()) as ZuulStatus;
  assert.equal(ready.repos, 1);
  assert.equal(ready.jobs, 2);
  assert.ok(ready.files >= 3, `files: ${ready.files}`);
  assert.ok(ready.errors >= 1, `errors: ${ready.errors}`);
  for (const k of ['warnings', 'infos'] as const) assert.equal(typeof ready[k], 'number');

  // Every tracked file is published, not only those with problems.
  for (const f of ['jobs.yaml', 'project.yaml']) await client.waitForDiagnostics(fileUri(join(dir, 'zuul.d', f)), () => true);

  const methods = client.serverRequests.map((r) => r.method);
  assert.ok(methods.includes('workspace/configuration'), 'settings are pulled');
  assert.ok(methods.includes('window/workDoneProgress/create'), 'progress is created');
  const progress = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string; title?: string } }).value);
  assert.equal(progress[0]?.kind, 'begin');
  assert.equal(progress[0]?.title, 'Indexing Zuul configuration');
  await client.waitForNotification<{ value: { kind: string } }>('$/progress', (p) => p.value.kind === 'end');
  const watch = client.serverRequests.find((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('workspace/didChangeWatchedFiles'));
  assert.ok(watch, 'file watching is registered dynamically');
});

test('a bare client gets no codeDescription, no relatedInformation, no progress; settings come from initializationOptions', async () => {
  const { client, dir } = start();
  await client.initialize(dir, {}, { rules: { 'unknown-item-type': 'warning' } });
  await client.ready();
  const broken = fileUri(join(dir, 'zuul.d', 'broken.yaml'));
  const diags = await client.waitForDiagnostics(broken, (d) => d.some((x) => x.code === 'unknown-item-type'));
  for (const p of client.published) {
    for (const x of p.diagnostics) {
      assert.equal(x.codeDescription, undefined, 'codeDescription needs codeDescriptionSupport');
      assert.equal(x.relatedInformation, undefined, 'relatedInformation needs client support');
      assert.equal(x.source, 'zuul');
    }
  }
  assert.equal(diags.find((x) => x.code === 'unknown-item-type')?.severity, 2, 'severity from initializationOptions');
  const methods = client.serverRequests.map((r) => r.method);
  for (const m of ['workspace/configuration', 'window/workDoneProgress/create', 'client/registerCapability']) assert.ok(!methods.includes(m), `${m} was not declared`);
  assert.equal(client.notifications.filter((n) => n.method === '$/progress').length, 0);
});

test('shutdown then exit ends the process with code 0', async () => {
  const { client, dir } = start();
  await client.initialize(dir);
  await client.ready();
  const r = await client.requestRaw('shutdown');
  assert.equal(r.error, undefined);
  assert.equal(r.result, null);
  client.notify('exit');
  assert.equal(await client.exitCode, 0);
});
