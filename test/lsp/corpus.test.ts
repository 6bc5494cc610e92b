// The real configuration trees of ../shared/corpus, all in one multi-root
// workspace: the server indexes them, publishes well-formed diagnostics for
// every tracked file, and answers an edit quickly. Skipped without a corpus.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient, fileUri, removeDir } from '../helpers/lspClient';
import { corpusSettings, listSnapshots, materialize } from '../helpers/corpus';

const snapshots = listSnapshots();
const root = mkdtempSync(join(tmpdir(), 'zuul-lsp-corpus-'));
const client = new LspClient({ env: { ZUUL_LSP_DEBOUNCE_MS: '0' } });
after(() => {
  client.kill();
  removeDir(root);
});

test('the corpus as one workspace: indexed, published, and an edit is re-checked', { skip: snapshots.length === 0 && 'no corpus' }, async () => {
  const folders = snapshots.map((s) => materialize(s, root));
  client.settings = corpusSettings(folders);
  const t0 = Date.now();
  await client.request('initialize', {
    processId: process.pid,
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } } },
    workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: f })),
  });
  client.notify('initialized', {});
  const ready = (await client.ready(120_000)) as { repos: number; files: number; jobs: number };
  const indexMs = Date.now() - t0;
  assert.equal(ready.repos, folders.length);
  assert.ok(ready.jobs > 100, `jobs: ${ready.jobs}`);

  const uris = new Set(client.published.map((p) => p.uri));
  assert.ok(uris.size >= ready.files, `published ${uris.size} files for ${ready.files} config files`);
  for (const p of client.published) {
    for (const d of p.diagnostics) {
      assert.equal(d.source, 'zuul');
      assert.equal(typeof d.code, 'string');
      assert.ok(d.range.start.line >= 0 && d.range.end.line >= d.range.start.line, JSON.stringify(d));
      for (const r of d.relatedInformation ?? []) assert.match(r.location.uri, /^file:\/\//);
    }
  }

  // Re-check latency of one keystroke in the largest file.
  const sized = [...uris].map((u) => ({ u, text: readFileSync(fileURLToPath(u), 'utf8') })).sort((x, y) => y.text.length - x.text.length);
  const { u: largest, text } = sized[0];
  client.open(largest, text, 1);
  await client.waitForDiagnostics(largest, () => true);
  const t1 = Date.now();
  client.change(largest, `- corpusprobez: {}\n${text}`, 2);
  await client.waitForDiagnostics(largest, (d) => d.some((x) => x.message.includes('corpusprobez')), 60_000);
  const editMs = Date.now() - t1;
  console.log(`corpus: ${folders.length} repos, ${ready.files} files, ${ready.jobs} jobs; ready after ${indexMs} ms; one edit of ${text.length} chars re-checked in ${editMs} ms`);
});
