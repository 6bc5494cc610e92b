// Editing an open document: exact ranges, fixes that clear diagnostics,
// debouncing that drops stale versions, and closing back to disk contents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

test('an unknown job attribute is underlined exactly at its key; fixing it clears the diagnostic', async () => {
  const path = join(dir, 'zuul.d', 'jobs.yaml');
  const uri = fileUri(path);
  const good = readFileSync(path, 'utf8');
  const bad = good.replace('    timeout: 1800\n', '    timeout: 1800\n    dependecies:\n      - base-test\n');
  assert.notEqual(bad, good);
  const line = bad.split('\n').findIndex((l) => l.includes('dependecies:'));

  client.open(uri, bad, 1);
  const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-attribute'));
  const d = diags.find((x) => x.code === 'unknown-attribute')!;
  assert.deepEqual(d.range, { start: { line, character: 4 }, end: { line, character: 4 + 'dependecies'.length } });
  assert.equal(d.source, 'zuul');
  assert.match(d.message, /dependecies/);
  assert.ok(d.codeDescription?.href, 'the rule documents itself');

  client.change(uri, good, 2);
  await client.waitForDiagnostics(uri, (ds) => !ds.some((x) => x.code === 'unknown-attribute'));
  client.close(uri);
});

test('two quick changes: only the final text is checked and published', async () => {
  const uri = fileUri(join(dir, 'zuul.d', 'stale.yaml'));
  client.open(uri, '- job:\n    name: stale-a\n', 1);
  await client.waitForDiagnostics(uri, () => true);
  const from = client.published.length;

  client.change(uri, '- intermediatez:\n    name: x\n', 2);
  client.change(uri, '- finalz:\n    name: x\n', 3);
  const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.message.includes('finalz')));
  assert.equal(diags.filter((x) => x.code === 'unknown-item-type').length, 1);
  const later = client.published.slice(from).filter((p) => p.uri === uri);
  assert.ok(!later.some((p) => p.diagnostics.some((x) => x.message.includes('intermediatez'))), 'version 2 was never published');
  assert.ok(later.every((p) => p.version === undefined || p.version === 3), `versions: ${later.map((p) => p.version)}`);
  const broken = fileUri(join(dir, 'zuul.d', 'broken.yaml'));
  assert.ok(!client.published.slice(from).some((p) => p.uri === broken), 'unchanged diagnostics of other files are not re-sent');
  client.close(uri);
  await client.waitForDiagnostics(uri, (d) => d.length === 0);
});

test('closing a document falls back to the file on disk', async () => {
  const path = join(dir, 'zuul.d', 'broken.yaml');
  const uri = fileUri(path);
  await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-item-type'));
  client.open(uri, readFileSync(path, 'utf8'), 1);
  client.change(uri, '- job:\n    name: oops\n', 2);
  await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-item-type'));
  client.close(uri);
  await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-item-type'));
});

test('an unsaved zuul.yaml, closed without saving, leaves the repo as it was', async () => {
  const uri = fileUri(join(dir, 'zuul.yaml'));
  const jobs = fileUri(join(dir, 'zuul.d', 'jobs.yaml'));
  client.open(uri, '- job:\n    name: scratch\n', 1);
  // zuul.yaml comes first in Zuul's order, so zuul.d/ is now shadowed.
  await client.waitForDiagnostics(jobs, (d) => d.some((x) => x.code === 'multiple-config-roots'));
  client.close(uri);
  await client.waitForDiagnostics(jobs, (d) => !d.some((x) => x.code === 'multiple-config-roots'));
  await client.waitForDiagnostics(uri, (d) => d.length === 0);
  const from = client.notifications.length;
  client.open(fileUri(join(dir, 'zuul.d', 'project.yaml')), readFileSync(join(dir, 'zuul.d', 'project.yaml'), 'utf8'), 1);
  await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.jobs === 2, 10_000, from);
  client.close(fileUri(join(dir, 'zuul.d', 'project.yaml')));
});

test('a document outside every repo gets an empty list, never an error', async () => {
  const uri = fileUri(join(dir, '..', 'elsewhere-zuul.yaml'));
  client.open(uri, '- nonsense: [', 1);
  assert.deepEqual(await client.waitForDiagnostics(uri, () => true), []);
  client.close(uri);
  const untitled = 'untitled:Untitled-1';
  client.open(untitled, '- job: {}', 1);
  client.close(untitled);
  const r = await client.requestRaw('zuul/noSuchRequest');
  assert.equal(r.error?.code, -32601, 'still answering');
});
