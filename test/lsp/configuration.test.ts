// Settings changes take effect without a restart; bad settings are reported
// and ignored key by key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, copyFixture, fileUri, removeDir } from '../helpers/lspClient';

let dir: string;
let client: LspClient;
let broken: string;

before(async () => {
  dir = copyFixture('lsp-basic');
  client = new LspClient();
  await client.initialize(dir);
  await client.ready();
  broken = fileUri(join(dir, 'zuul.d', 'broken.yaml'));
  await client.waitForDiagnostics(broken, (d) => d.some((x) => x.code === 'unknown-item-type' && x.severity === 1));
});

after(() => {
  client.kill();
  removeDir(dir);
});

function configure(settings: unknown): void {
  client.settings = settings;
  // VS Code sends no settings in the notification when the server pulls them.
  client.notify('workspace/didChangeConfiguration', { settings: null });
}

test('zuul.rules.<id>: "off" removes the rule\'s diagnostics; "warning" changes the severity', async () => {
  configure({ rules: { 'unknown-item-type': 'off' } });
  await client.waitForDiagnostics(broken, (d) => !d.some((x) => x.code === 'unknown-item-type'));

  configure({ rules: { 'unknown-item-type': 'warning' } });
  const d = await client.waitForDiagnostics(broken, (ds) => ds.some((x) => x.code === 'unknown-item-type'));
  assert.equal(d.find((x) => x.code === 'unknown-item-type')?.severity, 2);

  configure({});
  await client.waitForDiagnostics(broken, (ds) => ds.some((x) => x.code === 'unknown-item-type' && x.severity === 1));
});

test('an invalid setting is reported and ignored; the valid ones still apply', async () => {
  const from = client.serverRequests.length;
  // connection.window.showWarningMessage is a window/showMessageRequest.
  const shown = () => client.serverRequests.slice(from).filter((r) => r.method === 'window/showMessageRequest');
  configure({ rules: { 'unknown-item-type': 'info', 'duplicate-key': 'loud' }, externalJobs: 42, trace: { server: 'verbose' } });
  const msg = await client.waitForServerRequest<{ type: number; message: string }>('window/showMessageRequest', () => true, 10_000, from);
  assert.equal(msg.type, 2, 'a warning');
  assert.match(msg.message, /externalJobs/);
  assert.match(msg.message, /duplicate-key/);
  const d = await client.waitForDiagnostics(broken, (ds) => ds.some((x) => x.code === 'unknown-item-type' && x.severity === 3));
  assert.ok(d.length > 0);

  // The same bad settings again: no second pop-up, and the server is fine.
  configure({ rules: { 'unknown-item-type': 'hint', 'duplicate-key': 'loud' }, externalJobs: 42 });
  await client.waitForDiagnostics(broken, (ds) => ds.some((x) => x.code === 'unknown-item-type' && x.severity === 4));
  assert.equal(shown().length, 1);

  configure('not an object');
  await client.waitForServerRequest('window/showMessageRequest', (p: { message: string }) => /must be an object/.test(p.message), 10_000, from);
  await client.waitForDiagnostics(broken, (ds) => ds.some((x) => x.code === 'unknown-item-type' && x.severity === 1));
});

test('extraConfigPaths: adding a path checks its files, removing it clears their diagnostics', async () => {
  mkdirSync(join(dir, 'extra.d'));
  const path = join(dir, 'extra.d', 'more.yaml');
  writeFileSync(path, '- queuez: {}\n');
  const uri = fileUri(path);
  // Not configuration yet, but the repo's file list must know it (as the editor's watcher would tell).
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
  configure({ extraConfigPaths: ['extra.d/'] });
  await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-item-type'));
  configure({});
  await client.waitForDiagnostics(uri, (d) => d.length === 0);
});

test('editor defaults ([] and {}) do not hide the settings of a repo\'s .zuul-authoring.yaml', async () => {
  // base-job-untrusted needs configProjects; the file names another repo as the config project.
  // First the editor's defaults, with one real change to see when they have been applied.
  configure({ rules: { 'unknown-item-type': 'warning' }, externalJobs: [], bootstrapJobs: [], configProjects: [], extraConfigPaths: {} });
  await client.waitForDiagnostics(broken, (d) => d.some((x) => x.code === 'unknown-item-type' && x.severity === 2));
  const baseFile = join(dir, 'zuul.d', 'base.yaml');
  writeFileSync(baseFile, '- job:\n    name: my-base\n    parent: null\n');
  const settingsFile = join(dir, '.zuul-authoring.yaml');
  writeFileSync(settingsFile, 'configProjects: [project-config]\n');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(baseFile), type: 1 }, { uri: fileUri(settingsFile), type: 1 }] });
  await client.waitForDiagnostics(fileUri(baseFile), (d) => d.some((x) => x.code === 'base-job-untrusted'));
});
