// Open buffers win over the disk after every rebuild of the workspace (a new
// repo discovered, a workspace folder added), also a buffer whose file was
// never saved: its diagnostics stay, and the jobs it defines still resolve,
// without another keystroke.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, copyFixture, fileUri, removeDir } from '../helpers/lspClient';
import { remove, tree } from '../helpers/tmp';
import { JOB_GRAPH_REQUEST, STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';

const PROJECT = '- project:\n    check:\n      jobs:\n        - fresh-job\n';
// Never on disk: an unknown attribute to report, and the job the project runs.
const UNSAVED = '- job:\n    name: fresh-job\n    parent: base-test\n    dependecies: []\n';

let root: string;
let repo: string;
let unsaved: string;
let other: string;
const client = new LspClient();

before(async () => {
  root = realpathSync(tree({ 'repo-a/zuul.d/jobs.yaml': '- job:\n    name: base-test\n', 'repo-a/zuul.d/project.yaml': PROJECT }, 'zuul-lsp-buffers-'));
  repo = join(root, 'repo-a');
  unsaved = fileUri(join(repo, 'zuul.d', 'new.yaml'));
  other = copyFixture('lsp-basic');
  await client.initialize(root);
  await client.ready();
});

after(() => {
  client.kill();
  remove(root);
  removeDir(other);
});

const projectUri = () => fileUri(join(repo, 'zuul.d', 'project.yaml'));
const unknownFresh = (d: { code?: unknown; message: string }[]) => d.some((x) => x.code === 'unknown-job' && x.message.includes('fresh-job'));

/** The buffer is what the engine checks: its mistake is reported, its job is known, and the graph places it in the buffer. */
async function bufferStillChecked(what: string) {
  const diags = client.diagnostics.get(unsaved) ?? [];
  assert.ok(
    diags.some((d) => d.code === 'unknown-attribute' && d.message.includes('dependecies')),
    `${what}: the unsaved buffer keeps its diagnostics; latest: ${JSON.stringify(diags)}`,
  );
  assert.equal(client.published.filter((p) => p.uri === unsaved).at(-1)?.version, 1, 'published for the open version');
  assert.ok(!unknownFresh(client.diagnostics.get(projectUri()) ?? []), `${what}: fresh-job, defined in the buffer, still resolves`);
  const g = await client.request<{ error?: string; nodes: { id: string; uri?: string }[] }>(JOB_GRAPH_REQUEST, { project: 'repo-a', pipeline: 'check', view: 'dependencies' });
  assert.equal(g.error, undefined, g.error);
  assert.equal(g.nodes.find((n) => n.id === 'fresh-job')?.uri, unsaved, `${what}: the graph finds fresh-job in the buffer`);
}

/** Waits for the `ready` status that ends the rebuild started after notification `from`. */
const rebuilt = (from: number, repos: number) => client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready' && s.repos === repos, 30_000, from);

test('an unsaved buffer is checked, and its job resolves, before any rebuild', async () => {
  await client.waitForDiagnostics(projectUri(), unknownFresh);
  client.open(unsaved, UNSAVED, 1);
  await client.waitForDiagnostics(unsaved, (d) => d.some((x) => x.code === 'unknown-attribute'));
  await client.waitForDiagnostics(projectUri(), (d) => !unknownFresh(d));
  assert.equal(existsSync(join(repo, 'zuul.d', 'new.yaml')), false);
  await bufferStillChecked('before');
});

test('a new repo discovered from a file event keeps the unsaved buffer in the engine', async () => {
  const from = client.notifications.length;
  mkdirSync(join(root, 'repo-b'));
  const created = join(root, 'repo-b', 'zuul.yaml');
  writeFileSync(created, '- job:\n    name: from-repo-b\n');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 1 }] });
  await rebuilt(from, 2);
  await bufferStillChecked('after rediscovery');
});

test('adding a workspace folder keeps the unsaved buffer in the engine', async () => {
  const from = client.notifications.length;
  client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(other), name: 'other' }], removed: [] } });
  await rebuilt(from, 3);
  await bufferStillChecked('after a folder change');
});

test('a settings file created in the repo keeps the unsaved buffer in the engine', async () => {
  const from = client.notifications.length;
  const settings = join(repo, '.zuul-authoring.yaml');
  writeFileSync(settings, 'rules:\n  playbook-not-found: off\n');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(settings), type: 1 }] });
  await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready', 15_000, from);
  await bufferStillChecked('after a settings file');
});
