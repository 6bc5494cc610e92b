// Adding and removing workspace folders rebuilds the Zuul world: the new
// folder's files get diagnostics, the removed folder's lose theirs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LspClient, copyFixture, fileUri, removeDir } from '../helpers/lspClient';
import { STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';

const a = copyFixture('lsp-basic');
const b = copyFixture('lsp-basic');
const client = new LspClient();
after(() => {
  client.kill();
  removeDir(a);
  removeDir(b);
});

const brokenOf = (dir: string) => fileUri(join(dir, 'zuul.d', 'broken.yaml'));
const folder = (dir: string) => ({ uri: fileUri(dir), name: dir });

test('didChangeWorkspaceFolders adds and removes repos', async () => {
  await client.initialize(a);
  await client.ready();
  await client.waitForDiagnostics(brokenOf(a), (d) => d.length > 0);
  assert.equal(client.diagnostics.has(brokenOf(b)), false);

  let from = client.notifications.length;
  client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder(b)], removed: [] } });
  await client.waitForDiagnostics(brokenOf(b), (d) => d.some((x) => x.code === 'unknown-item-type'));
  const two = await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready', 15_000, from);
  assert.equal(two.repos, 2);

  from = client.notifications.length;
  client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder(a)] } });
  await client.waitForDiagnostics(brokenOf(a), (d) => d.length === 0);
  const one = await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready', 15_000, from);
  assert.equal(one.repos, 1);
  assert.ok(client.diagnostics.get(brokenOf(b))!.length > 0, 'the remaining folder keeps its diagnostics');
});
