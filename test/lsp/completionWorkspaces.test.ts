// Completion on real trees: the example workspace, and the corpus snapshots
// (otc-system-config with the zuul-jobs and base-jobs it builds on) opened
// together. The corpus part is skipped with its reason when it is absent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionList } from 'vscode-languageserver';
import { FULL_CAPABILITIES, LspClient, REPO_ROOT, fileUri, removeDir } from '../helpers/lspClient';
import { corpusDir, corpusSettings, materialize } from '../helpers/corpus';

const clients: LspClient[] = [];
const root = mkdtempSync(join(tmpdir(), 'zuul-lsp-completion-corpus-'));
after(() => {
  for (const c of clients) c.kill();
  removeDir(root);
});

/** Opens `file` with `text`, the cursor at the end of its line `line` after `prefix` (which replaces that line). */
async function completeAt(client: LspClient, file: string, text: string, line: number, prefix: string): Promise<CompletionList> {
  const lines = text.split('\n');
  lines[line] = prefix;
  const uri = fileUri(file);
  client.open(uri, lines.join('\n'), 1);
  return client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: prefix.length } });
}

test('the example workspace: a parent from another repo with its location, and playbook folders', async () => {
  const examples = join(REPO_ROOT, 'examples');
  const client = new LspClient();
  clients.push(client);
  await client.initialize(examples, FULL_CAPABILITIES);
  await client.ready();
  const file = join(examples, 'system-config', 'zuul.d', 'infra-prod.yaml');
  const text = readFileSync(file, 'utf8');
  const parentLine = text.split('\n').findIndex((l) => l === '    parent: infra-prod-setup-keys');
  assert.ok(parentLine > 0, 'the example has the parent line');
  const parents = await completeAt(client, file, text, parentLine, '    parent: infra-prod-se');
  const keys = parents.items.find((i) => i.label === 'infra-prod-setup-keys');
  assert.ok(keys, JSON.stringify(parents.items.map((i) => i.label)));
  assert.match(keys.labelDetails?.description ?? '', /^base-jobs · zuul\.d\/jobs\.yaml:\d+$/);
  assert.ok(!parents.items.some((i) => i.label === 'infra-prod-playbook' || i.label === 'infra-prod-base'), 'the job itself and its descendants are not offered');

  const runLine = text.split('\n').findIndex((l) => l.startsWith('    run: '));
  const run = await completeAt(client, file, text, runLine, '    run: playbooks/');
  const labels = run.items.map((i) => i.label);
  assert.ok(labels.includes('playbooks/zuul/'), JSON.stringify(labels));
  assert.ok(labels.includes('playbooks/base.yaml'), JSON.stringify(labels));
  assert.ok(!labels.some((l) => l.includes('tasks/')), 'role files are not playbooks');
});

const corpus = corpusDir();
const SNAPSHOTS = ['otc-system-config-b454bff', 'zuul-jobs-79fe3eb', 'base-jobs-fa575ac'];
const missing = !corpus ? 'no corpus (../shared/corpus)' : SNAPSHOTS.find((s) => !existsSync(join(corpus, s)));

test('the corpus: a parent completion in an otc file offers the base-jobs base job with its location', { skip: missing ? `corpus snapshot missing: ${missing}` : false }, async () => {
  const folders = SNAPSHOTS.map((s) => materialize(s, root));
  const client = new LspClient();
  clients.push(client);
  client.settings = corpusSettings(folders);
  await client.request('initialize', { processId: process.pid, capabilities: FULL_CAPABILITIES, workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: f })) });
  client.notify('initialized', {});
  await client.ready(120_000);
  const file = join(folders[0], 'zuul.d', 'infra-prod.yaml');
  const text = readFileSync(file, 'utf8');
  const line = text.split('\n').findIndex((l) => /^ {4}parent: \S/.test(l));
  assert.ok(line > 0, 'an otc job with a parent');
  const l = await completeAt(client, file, text, line, '    parent: ba');
  const base = l.items.find((i) => i.label === 'base');
  assert.ok(base, `base among ${l.items.length} items`);
  assert.equal(base.labelDetails?.description, 'base-jobs-fa575ac · zuul.d/jobs.yaml:26');
  const zuulJobs = l.items.filter((i) => i.labelDetails?.description?.startsWith('zuul-jobs-79fe3eb · '));
  assert.ok(zuulJobs.length > 0, 'zuul-jobs jobs are offered too');
});
