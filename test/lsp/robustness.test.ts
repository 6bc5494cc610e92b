// Whatever a user opens, the server keeps answering and publishing: binary
// junk, a 5 MB file, nesting 10,000 deep.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LspClient, copyFixture, fileUri, removeDir } from '../helpers/lspClient';

let dir: string;
let client: LspClient;

before(async () => {
  dir = copyFixture('lsp-basic');
  client = new LspClient({ env: { ZUUL_LSP_DEBOUNCE_MS: '20' } });
  await client.initialize(dir);
  await client.ready();
});

after(() => {
  client.kill();
  removeDir(dir);
});

/** Deterministic bytes, so a failure can be replayed. */
function junk(length: number, seed: number, allowNul: boolean): string {
  let x = seed;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const b = (x >>> 16) & 0xff;
    bytes[i] = !allowNul && b === 0 ? 1 : b;
  }
  // An editor decodes as UTF-8 with replacement characters; lone surrogates cannot occur.
  return bytes.toString('utf8');
}

let version = 0;
let checks = 0;

/** Opens `text` as zuul.d/<name>, waits for its diagnostics, then proves the server still answers and still publishes. */
async function survives(name: string, text: string, timeoutMs = 60_000) {
  const uri = fileUri(join(dir, 'zuul.d', name));
  const from = client.published.length;
  client.open(uri, text, ++version);
  await client.waitFor(() => client.published.slice(from).some((p) => p.uri === uri), timeoutMs, `diagnostics for ${name}`);
  const r = await client.requestRaw('zuul/noSuchRequest', undefined, timeoutMs);
  assert.equal(r.error?.code, -32601, 'the server still answers requests');

  // And still checks other files: a fresh problem in a probe document shows up.
  const probe = fileUri(join(dir, 'zuul.d', `probe-${++checks}.yaml`));
  client.open(probe, `- probe${checks}z: {}\n`, 1);
  await client.waitForDiagnostics(probe, (d) => d.some((x) => x.message.includes(`probe${checks}z`)), timeoutMs);
  client.close(probe);
  client.close(uri);
  await client.waitForDiagnostics(uri, (d) => d.length === 0, timeoutMs);
  assert.ok(client.alive);
  const d = client.published.filter((p) => p.uri === uri).flatMap((p) => p.diagnostics);
  return d;
}

test('binary junk with NUL bytes', async () => {
  const d = await survives('junk-nul.yaml', junk(64 * 1024, 1, true));
  assert.ok(d.some((x) => x.code === 'yaml-syntax'), 'reported as not YAML');
});

test('binary junk without NUL bytes goes through the YAML parser', async () => {
  for (const seed of [2, 3, 4]) await survives(`junk-${seed}.yaml`, junk(32 * 1024, seed, false));
});

test('a 5 MB file', async () => {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const s = `- job:\n    name: generated-job-${i}\n    parent: base-test\n    description: A generated job that pads this file to five megabytes.\n    vars:\n      index: ${i}\n`;
    parts.push(s);
    size += s.length;
  }
  await survives('big.yaml', parts.join(''), 120_000);
});

test('10,000-deep flow sequences', async () => {
  await survives('deep-seq.yaml', '['.repeat(10_000) + ']'.repeat(10_000) + '\n');
});

test('10,000-deep unclosed flow sequences', async () => {
  await survives('deep-open.yaml', '- ' + '['.repeat(10_000) + '\n');
});

test('10,000-deep flow mappings', async () => {
  await survives('deep-map.yaml', '- job: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n');
});

test('10,000-deep block sequences and mappings', async () => {
  await survives('deep-block-seq.yaml', '- '.repeat(10_000) + 'x\n');
  // A block mapping needs a line per level and indentation growing with depth: 10,000 levels
  // would be 50 MB, so 2,000 (2 MB) stands in for it; the flow mapping test goes 10,000 deep.
  const lines: string[] = [];
  for (let i = 0; i < 2_000; i++) lines.push(' '.repeat(i) + 'k:');
  await survives('deep-block-map.yaml', lines.join('\n') + ' v\n');
});

test('300 random mutations of a valid file: every version is checked, nothing fails inside the server', async () => {
  const uri = fileUri(join(dir, 'zuul.d', 'fuzz.yaml'));
  const base =
    '- job:\n    name: fuzz\n    parent: base-test\n    vars: {a: 1}\n    nodeset:\n      nodes:\n        - name: n\n          label: l\n' +
    '- project:\n    check:\n      jobs:\n        - fuzz:\n            dependencies: [unit-tests]\n';
  const alphabet = '-:[]{}!&*|>\'"#\n  abcxyz01,?%@`';
  let seed = 7;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  const logsBefore = client.notifications.length;
  client.open(uri, base, 1);
  for (let v = 2; v <= 300; v++) {
    const chars = base.split('');
    for (let k = 0; k < 3; k++) chars.splice(rnd() % chars.length, rnd() % 3, alphabet[rnd() % alphabet.length]);
    client.change(uri, chars.join(''), v);
    await client.waitFor(() => client.published.some((p) => p.uri === uri && p.version === v), 10_000, `version ${v}`);
  }
  client.close(uri);
  const errors = client.notifications.slice(logsBefore).filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1);
  assert.deepEqual(errors, [], 'no handler or engine failure was logged');
  assert.ok(!client.published.some((p) => p.diagnostics.some((d) => d.code === 'internal-error')));
});

test('code actions for a file with 3,000 findings answer (a document walk per finding was quadratic)', async () => {
  const uri = fileUri(join(dir, 'zuul.d', 'many-findings.yaml'));
  const text = Array.from({ length: 3_000 }, (_, i) => `- job: {name: many-${i}, parent: nope-parent}\n`).join('');
  client.open(uri, text, 1);
  await client.waitFor(() => client.published.some((p) => p.uri === uri && p.version === 1), 60_000, 'diagnostics of the file');
  const diagnostics = client.published.filter((p) => p.uri === uri && p.version === 1).pop()?.diagnostics ?? [];
  assert.equal(diagnostics.length, 3_000);
  const range = { start: { line: 0, character: 0 }, end: { line: 3_000, character: 0 } };
  const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } }, 30_000);
  // The quick fixes of the first 500 findings: each has its two suppress fixes.
  assert.equal(actions.filter((a) => a.title.startsWith('Suppress')).length, 1_000, `${actions.length} actions`);
  client.close(uri);
});
