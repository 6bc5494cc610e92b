// The example workspace retells the parallel-deploy story; each of its
// mistakes must reach the editor as a diagnostic with its code and a related
// location to jump to.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, REPO_ROOT, fileUri, removeDir } from '../helpers/lspClient';

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
