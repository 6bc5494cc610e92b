// Malformed params from a client: a request gets InvalidParams (-32602) with
// a message naming the field, a notification is dropped with one warning
// line, nothing fails inside the server, and it keeps working afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LspClient, copyFixture, fileUri, removeDir, type Notification } from '../helpers/lspClient';
import { GRAPH_TARGETS_REQUEST, JOB_GRAPH_REQUEST } from '../../protocol/src';

let dir: string;
let client: LspClient;
let logFrom = 0;

before(async () => {
  dir = copyFixture('lsp-basic');
  client = new LspClient({ env: { ZUUL_LSP_DEBOUNCE_MS: '20' } });
  await client.initialize(dir);
  await client.ready();
  logFrom = client.notifications.length;
});

after(() => {
  client.kill();
  removeDir(dir);
});

const broken = () => fileUri(join(dir, 'zuul.d', 'broken.yaml'));
const range = { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } };
const logs = (type: number) =>
  client.notifications
    .slice(logFrom)
    .filter((n: Notification) => n.method === 'window/logMessage' && (n.params as { type: number }).type === type)
    .map((n) => (n.params as { message: string }).message);

async function invalid(method: string, params: unknown, message: RegExp) {
  const r = await client.requestRaw(method, params);
  assert.equal(r.error?.code, -32602, `${method} ${JSON.stringify(params)}: ${JSON.stringify(r)}`);
  assert.match(r.error.message, message);
  assert.match(r.error.message, new RegExp(`^Invalid params for ${method}: `));
}

test('textDocument/codeAction with bad params is answered with InvalidParams naming the field', async () => {
  const uri = broken();
  await invalid('textDocument/codeAction', { textDocument: { uri }, range }, /params\.context is missing \(expected an object\)/);
  await invalid('textDocument/codeAction', { textDocument: { uri: 42 }, range, context: { diagnostics: [] } }, /params\.textDocument\.uri must be a string, not number 42/);
  await invalid('textDocument/codeAction', { textDocument: { uri }, range: 'line 3', context: { diagnostics: [] } }, /params\.range must be an object, not the string "line 3"/);
  await invalid('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: -1, character: 0 }, end: range.end }, context: { diagnostics: [] } }, /params\.range\.start\.line must be a non-negative integer, not number -1/);
  await invalid('textDocument/codeAction', { textDocument: { uri }, range: { start: range.end, end: range.start }, context: { diagnostics: [] } }, /params\.range must not end before it starts/);
  await invalid('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [{ range: 5, message: 'x' }] } }, /params\.context\.diagnostics\[0\]\.range must be an object, not number 5/);
  await invalid('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: 'quickfix' } }, /params\.context\.only must be an array/);
  await invalid('textDocument/codeAction', undefined, /params is missing/);
});

test('zuul/jobGraph and zuul/graphTargets with garbage are answered with InvalidParams', async () => {
  await invalid(JOB_GRAPH_REQUEST, 'garbage', /params must be an object, not the string "garbage"/);
  await invalid(JOB_GRAPH_REQUEST, { uri: 7, position: 'x' }, /params\.uri must be a string, not number 7/);
  await invalid(JOB_GRAPH_REQUEST, { uri: broken(), position: { line: 'x', character: 0 } }, /params\.position\.line must be a non-negative integer, not the string "x"/);
  await invalid(JOB_GRAPH_REQUEST, { project: 'p', view: 'sideways' }, /params\.view must be one of "dependencies", "inheritance", not the string "sideways"/);
  await invalid(JOB_GRAPH_REQUEST, { project: 'p', limit: 0 }, /params\.limit must be a positive integer/);
  await invalid(JOB_GRAPH_REQUEST, { project: ['p'] }, /params\.project must be a string, not an array/);
  await invalid(GRAPH_TARGETS_REQUEST, 42, /params must be an object, not number 42/);
});

/** Sends a bad notification and waits for the one warning that says it was ignored. */
async function ignored(method: string, params: unknown, message: RegExp) {
  const before = logs(2).length;
  client.notify(method, params);
  await client.waitFor(() => logs(2).length > before, 10_000, `a warning about ${method}`);
  const added = logs(2).slice(before);
  assert.equal(added.length, 1, JSON.stringify(added));
  assert.match(added[0], new RegExp(`^Zuul: ignoring ${method}: `));
  assert.match(added[0], message);
  assert.ok(!added[0].includes('\n'), 'one line');
}

test('bad notifications are ignored with one warning line each', async () => {
  await ignored('workspace/didChangeWatchedFiles', { changes: 'x' }, /params\.changes must be an array, not the string "x"/);
  await ignored('workspace/didChangeWatchedFiles', { changes: [{ uri: null, type: 1 }] }, /params\.changes\[0\]\.uri must be a string, not null/);
  await ignored('workspace/didChangeConfiguration', undefined, /params is missing/);
  await ignored('workspace/didChangeWorkspaceFolders', { event: { added: 'x', removed: [] } }, /params\.event\.added must be an array/);
  await ignored('textDocument/didOpen', { uri: broken() }, /params\.textDocument is missing/);
  await ignored('textDocument/didOpen', { textDocument: { uri: broken(), languageId: 'zuul', version: '1', text: '' } }, /params\.textDocument\.version must be an integer, not the string "1"/);
  await ignored('textDocument/didChange', { textDocument: { uri: broken(), version: 2 }, contentChanges: 'x' }, /params\.contentChanges must be an array/);
  await ignored('textDocument/didChange', { textDocument: { uri: broken() }, contentChanges: [{ text: '' }] }, /params\.textDocument\.version is missing/);
  await ignored('textDocument/didClose', {}, /params\.textDocument is missing/);
});

test('an open document survives a bad change: the next good change is checked', async () => {
  const uri = fileUri(join(dir, 'zuul.d', 'edited.yaml'));
  client.open(uri, '- job:\n    name: edited\n', 1);
  await client.waitForDiagnostics(uri, (d) => d.length === 0);
  await ignored('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] }, /params\.contentChanges\[0\]\.range\.start\.character is missing/);
  client.change(uri, '- job:\n    name: edited\n    dependecies: []\n', 3);
  await client.waitFor(() => client.published.some((p) => p.uri === uri && p.version === 3 && p.diagnostics.some((d) => d.code === 'unknown-attribute')), 10_000, 'diagnostics of version 3');
  client.close(uri);
  await client.waitForDiagnostics(uri, (d) => d.length === 0);
});

test('nothing failed inside the server, and it still answers and publishes', async () => {
  const errors = logs(1);
  assert.deepEqual(errors, [], 'no error was logged');
  const all = client.notifications.slice(logFrom).filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  for (const m of all) assert.doesNotMatch(m, /failed|uncaught|unhandled|\n\s+at /i, m);

  const actions = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri: broken() }, range, context: { diagnostics: [] } });
  assert.ok(Array.isArray(actions));
  const project = fileUri(join(dir, 'zuul.d', 'project.yaml'));
  const g = await client.request<{ error?: string; pipeline?: string }>(JOB_GRAPH_REQUEST, { uri: project, position: { line: 1, character: 4 } });
  assert.equal(g.error, undefined, g.error);
  assert.equal(g.pipeline, 'check');
  const probe = fileUri(join(dir, 'zuul.d', 'probe.yaml'));
  client.open(probe, '- semaphorez: {}\n', 1);
  await client.waitForDiagnostics(probe, (d) => d.some((x) => x.code === 'unknown-item-type'));
});
