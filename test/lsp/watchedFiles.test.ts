// File-system events from the client's watcher keep the workspace current.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, copyFixture, fileUri, removeDir } from '../helpers/lspClient';
import { STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';

let dir: string;
let client: LspClient;

before(async () => {
  dir = copyFixture('lsp-basic');
  client = new LspClient();
  await client.initialize(dir);
  await client.ready();
});

after(() => {
  client.kill();
  removeDir(dir);
});

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;
const event = (path: string, type: number) => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path), type }] });

test('a file created in zuul.d/ gets its diagnostics; changing and deleting it updates them', async () => {
  const path = join(dir, 'zuul.d', 'new.yaml');
  const uri = fileUri(path);
  writeFileSync(path, '- pipelinez:\n    name: gate\n');
  event(path, CREATED);
  const d = await client.waitForDiagnostics(uri, (ds) => ds.some((x) => x.code === 'unknown-item-type'));
  assert.deepEqual(d.find((x) => x.code === 'unknown-item-type')?.range.start, { line: 0, character: 2 });

  writeFileSync(path, '- job:\n    name: created-later\n');
  event(path, CHANGED);
  await client.waitForDiagnostics(uri, (ds) => !ds.some((x) => x.code === 'unknown-item-type'));
  await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.jobs === 3);

  writeFileSync(path, '- pipelinez: {}\n');
  event(path, CHANGED);
  await client.waitForDiagnostics(uri, (ds) => ds.some((x) => x.code === 'unknown-item-type'));
  rmSync(path);
  event(path, DELETED);
  await client.waitForDiagnostics(uri, (ds) => ds.length === 0);
});

test('a .yml file in zuul.d/ is reported as ignored by Zuul', async () => {
  const path = join(dir, 'zuul.d', 'notes.yml');
  writeFileSync(path, '- job:\n    name: never-loaded\n');
  event(path, CREATED);
  const d = await client.waitForDiagnostics(fileUri(path), (ds) => ds.some((x) => x.code === 'ignored-config-file'));
  assert.equal(d.find((x) => x.code === 'ignored-config-file')?.severity, 2);
});

test('duplicate events from overlapping watchers in one batch keep the final state right', async () => {
  const path = join(dir, 'zuul.d', 'twice.yaml');
  const uri = fileUri(path);
  writeFileSync(path, '- semaphorez: {}\n');
  const types = [CREATED, CREATED, DELETED, DELETED, CREATED, CREATED, CHANGED, CHANGED];
  client.notify('workspace/didChangeWatchedFiles', { changes: types.map((type) => ({ uri, type })) });
  await client.waitForDiagnostics(uri, (ds) => ds.some((x) => x.code === 'unknown-item-type'));
  rmSync(path);
  client.notify('workspace/didChangeWatchedFiles', { changes: [DELETED, DELETED].map((type) => ({ uri, type })) });
  await client.waitForDiagnostics(uri, (ds) => ds.length === 0);
});

test('deleting a whole folder removes the diagnostics of the files inside it', async () => {
  const sub = join(dir, 'zuul.d', 'sub');
  mkdirSync(sub);
  const path = join(sub, 'nested.yaml');
  writeFileSync(path, '- nodesetz: {}\n');
  event(sub, CREATED);
  await client.waitForDiagnostics(fileUri(path), (ds) => ds.some((x) => x.code === 'unknown-item-type'));
  rmSync(sub, { recursive: true });
  event(sub, DELETED);
  await client.waitForDiagnostics(fileUri(path), (ds) => ds.length === 0);
});

test('the first zuul.yaml of a folder that was no repo yet is discovered', async () => {
  const root = copyFixture('lsp-basic');
  const folder = join(root, 'workspace');
  mkdirSync(folder);
  const other = new LspClient();
  try {
    await other.initialize(folder);
    await other.ready();
    const repo = join(folder, 'later-repo');
    mkdirSync(repo);
    const path = join(repo, 'zuul.yaml');
    writeFileSync(path, '- secretz: {}\n');
    other.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path), type: CREATED }] });
    await other.waitForDiagnostics(fileUri(path), (ds) => ds.some((x) => x.code === 'unknown-item-type'));
    await other.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.repos === 1 && s.state === 'ready');
  } finally {
    other.kill();
    removeDir(root);
  }
});

test('a created directory link is one path, as on a fresh load: the files behind it are not loaded', async () => {
  const outside = join(dir, 'elsewhere');
  mkdirSync(outside);
  writeFileSync(join(outside, 'behind.yaml'), '- nodesetz: {}\n');
  const link = join(dir, 'zuul.d', 'linked');
  symlinkSync(outside, link);
  event(link, CREATED);
  // The queue is serial: once a later probe is checked, the event has been handled.
  const probe = fileUri(join(dir, 'zuul.d', 'probe-after-link.yaml'));
  client.open(probe, '- probez: {}\n', 1);
  await client.waitForDiagnostics(probe, (ds) => ds.some((x) => x.message.includes('probez')));
  const behind = fileUri(join(link, 'behind.yaml'));
  assert.deepEqual(client.published.filter((p) => p.uri === behind && p.diagnostics.length > 0), []);
  client.close(probe);
});
