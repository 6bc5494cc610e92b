// The rules for real mistakes, over the protocol: each reaches the editor with
// its code, severity, exact range, the link to Zuul's documentation and its
// typed data; the quick fixes that are no guess are preferred (and taken by
// fix-all), the others are only offered.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { LspClient, fileUri } from '../helpers/lspClient';
import { inlineRepos } from '../helpers/inlineRepos';
import { yaml } from '../helpers/marker';
import { applyFileEdits, workspaceEditToFileEdits, type PlainWorkspaceEdit } from '../helpers/applyEdits';
import { ALL_RULES } from '../../server/src/engine/allRules';

const ws = inlineRepos({
  'config/zuul.d/pipelines.yaml': yaml`
    - pipeline:
        name: check
        manager: independent
        trigger:
          gerrit:
            - event: patchset-created
    - pipeline:
        name: periodic
        manager: independent
        trigger:
          timer:
            - time: '0 0 * * *'
  `,
  'app/src/main.py': '',
  'app/docs/index.rst': '',
  'app/zuul.yaml': yaml`
    - secret:
        name: creds
        data:
          |token:: abc
    - job:
        name: |app-test
          Runs the unit tests.
    - job:
        name: boot
        |files: [^docs/]
    - job:
        name: unit
        irrelevant-files: [|^.*$]
    - project:
        |periodical:
          jobs: [unit]
        check:
          jobs:
            - boot
            - unit
            - deploy:
                dependencies: [boot]
    - job:
        name: deploy
  `,
});
const root = realpathSync(ws.root);
const client = new LspClient();
after(() => {
  client.kill();
  ws.dispose();
});

const app = fileUri(join(root, 'app/zuul.yaml'));
const marks = ws.marks('app/zuul.yaml');
const expected: { code: string; severity: number; at: number; length: number; data: Record<string, unknown> }[] = [
  { code: 'secret-key-not-variable-name', severity: 2, at: 0, length: 'token:'.length, data: { key: 'token:', secret: 'creds', kind: 'slip', suggestions: ['token'] } },
  { code: 'whitespace-in-name', severity: 2, at: 1, length: -1, data: { name: 'app-test Runs the unit tests.', kind: 'job', multiline: true, suggestions: ['app-test'] } },
  { code: 'filtered-hard-dependency', severity: 2, at: 2, length: 'files'.length, data: { job: 'boot', key: 'files', dependents: ['deploy'], pipelines: ['check'], projects: ['app'], witness: ['src/main.py'], hypothetical: false } },
  { code: 'files-matcher-matches-everything', severity: 2, at: 3, length: '^.*$'.length, data: { key: 'irrelevant-files', kind: 'every', pattern: '^.*$', negate: false, jobs: ['unit'], repos: ['app'], matched: 3, total: 3, unmatched: [], suggestions: [] } },
  { code: 'unknown-pipeline', severity: 2, at: 4, length: 'periodical'.length, data: { pipeline: 'periodical', suggestions: ['periodic'], stanza: 'project', known: 2, typo: true } },
];

let diags: Diagnostic[] = [];

test('each new rule reaches the editor with code, severity, range, documentation link and typed data', async () => {
  await client.initialize(root);
  await client.ready();
  diags = await client.waitForDiagnostics(app, (d) => expected.every((e) => d.some((x) => x.code === e.code)));
  for (const e of expected) {
    const d = diags.find((x) => x.code === e.code)!;
    assert.equal(d.source, 'zuul');
    assert.equal(d.severity, e.severity, e.code);
    assert.deepEqual(d.range.start, marks[e.at], `${e.code} starts at its marker`);
    if (e.length >= 0) assert.equal(d.range.end.character - d.range.start.character, e.length, `${e.code} underlines its text`);
    assert.equal(d.codeDescription?.href, ALL_RULES.get(e.code)?.docs, `${e.code} links to Zuul's documentation`);
    const data = d.data as Record<string, unknown>;
    for (const [k, v] of Object.entries(e.data)) assert.deepEqual(data[k], v, `${e.code} data.${k}`);
  }
});

async function quickFixes(code: string): Promise<string[]> {
  const d = diags.find((x) => x.code === code)!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: app }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  return actions.map((a) => `${a.isPreferred ? '* ' : ''}${a.title}`);
}

test('the pipeline rename and the stray colon are preferred fixes; the other rules offer no rewrite', async () => {
  assert.ok((await quickFixes('unknown-pipeline')).includes('* Change to "periodic"'));
  assert.ok((await quickFixes('secret-key-not-variable-name')).includes('* Change to "token"'));
  for (const code of ['whitespace-in-name', 'filtered-hard-dependency', 'files-matcher-matches-everything']) {
    assert.deepEqual((await quickFixes(code)).filter((t) => t.startsWith('* ')), [], `${code}: nothing preferred`);
  }
});

test('fix-all on the file writes exactly the two preferred fixes', async () => {
  const path = join(root, 'app/zuul.yaml');
  const text = readFileSync(path, 'utf8');
  client.open(app, text);
  const actions = await client.request<{ kind: string; edit?: PlainWorkspaceEdit }[]>('textDocument/codeAction', {
    textDocument: { uri: app },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.zuul'] },
  });
  const all = actions.find((a) => a.kind === 'source.fixAll.zuul');
  assert.ok(all?.edit);
  const next = applyFileEdits(workspaceEditToFileEdits(all.edit));
  assert.equal(next.get(path), text.replace('token:: abc', 'token: abc').replace('periodical:', 'periodic:'));
});
