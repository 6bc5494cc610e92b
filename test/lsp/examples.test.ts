// The example workspace retells the parallel-deploy story; each of its
// mistakes must reach the editor as a diagnostic with its code and a related
// location to jump to.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, REPO_ROOT, fileUri, removeDir } from '../helpers/lspClient';
import { applyFileEdits, workspaceEditToFileEdits, type PlainWorkspaceEdit } from '../helpers/applyEdits';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'zuul-lsp-examples-')));
cpSync(join(REPO_ROOT, 'examples'), dir, { recursive: true });
const client = new LspClient();
after(() => {
  client.kill();
  removeDir(dir);
});

const expected = [
  { file: 'system-config/zuul.d/project.yaml', code: 'missing-bootstrap-dependency', line: 9, text: 'infra-prod-service-zuul', related: 'infra-prod-bootstrap-bridge: the bootstrap job' },
  { file: 'system-config/zuul.d/infra-prod.yaml', code: 'bootstrap-not-first', line: 18, text: 'infra-prod-playbook', related: 'infra-prod-playbook: the parent it must not inherit from' },
  { file: 'system-config/zuul.d/infra-prod.yaml', code: 'playbook-not-found', line: 53, text: 'playbooks/service-nameservers.yaml', related: 'the nearest existing playbook: playbooks/service-nameserver.yaml' },
  { file: 'system-config/zuul.d/infra-prod.yaml', code: 'files-matcher-matches-nothing', line: 25, text: 'playbooks/boostrap-bridge.yaml', related: 'the nearest existing path: playbooks/bootstrap-bridge.yaml' },
];

test('each mistake of the example workspace is a diagnostic with code, exact range and related information', async () => {
  await client.initialize(dir);
  await client.ready();
  for (const e of expected) {
    const uri = fileUri(join(dir, e.file));
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === e.code));
    const d = diags.find((x) => x.code === e.code)!;
    assert.equal(d.source, 'zuul');
    assert.equal(d.range.start.line, e.line, `${e.code} line`);
    assert.equal(d.range.end.character - d.range.start.character, e.text.length, `${e.code} underlines "${e.text}"`);
    const rel = d.relatedInformation ?? [];
    assert.ok(rel.some((r) => r.message === e.related), `${e.code} related: ${JSON.stringify(rel)}`);
  }
});

test('source.fixAll.zuul on each file of the example workspace leaves no fixable finding', async () => {
  const files = ['system-config/zuul.d/infra-prod.yaml', 'system-config/zuul.d/project.yaml'].map((f) => join(dir, f));
  for (const path of files) {
    const uri = fileUri(path);
    const text = readFileSync(path, 'utf8');
    client.open(uri, text);
    const actions = await client.request<{ kind: string; edit?: PlainWorkspaceEdit }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.zuul'] },
    });
    const all = actions.find((a) => a.kind === 'source.fixAll.zuul');
    if (!all?.edit) continue;
    for (const [p, t] of applyFileEdits(workspaceEditToFileEdits(all.edit))) {
      writeFileSync(p, t);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(p), type: 2 }] });
      if (p === path) client.change(uri, t, 2);
    }
  }
  // The fixes took: the typo, the playbook path, the dead matcher and the missing dependency are gone.
  await client.waitForDiagnostics(fileUri(files[0]), (d) => !d.some((x) => ['unknown-attribute', 'playbook-not-found', 'files-matcher-matches-nothing'].includes(String(x.code))));
  await client.waitForDiagnostics(fileUri(files[1]), (d) => !d.some((x) => x.code === 'missing-bootstrap-dependency'));
  // What is left has no preferred fix: ask for quick fixes on every remaining finding.
  for (const path of files) {
    const uri = fileUri(path);
    const diags = await client.waitForDiagnostics(uri, () => true);
    for (const d of diags) {
      const fixes = await client.request<{ isPreferred?: boolean; title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      assert.ok(!fixes.some((f) => f.isPreferred), `${d.code} at ${path}:${d.range.start.line + 1} still has a preferred fix: ${fixes.map((f) => f.title).join(' | ')}`);
    }
  }
});
