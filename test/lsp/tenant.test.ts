// The tenant file in the editor (issue 11): the server finds a config
// project's zuul/main.yaml, says which world is in force in zuul/status, and
// when the file changes on disk (the watcher's event) or the setting points
// elsewhere, the verdicts follow at once.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { LspClient, fileUri, removeDir } from '../helpers/lspClient';
import { yaml } from '../helpers/marker';
import { STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';

const tenant = (untrusted: string) => yaml`
  - tenant:
      name: example
      source:
        gerrit:
          config-projects: [org/config]
          untrusted-projects: [${untrusted}]
`;

let dir: string;
const client = new LspClient();
const appFile = () => join(dir, 'app/zuul.d/jobs.yaml');
const unknownJob = (d: Diagnostic[]) => d.find((x) => x.code === 'unknown-job');

before(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'zuul-lsp-tenant-')));
  const files: Record<string, string> = {
    'config/zuul/main.yaml': tenant('org/app, org/lib'),
    'config/zuul.d/pipelines.yaml': '- pipeline:\n    name: check\n    manager: independent\n',
    'app/zuul.d/jobs.yaml': '- project:\n    check:\n      jobs:\n        - missing-job\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  await client.initialize(dir);
  await client.ready();
});

after(() => {
  client.kill();
  removeDir(dir);
});

test('a project of the tenant not open: open world in the status, the tenant file says which, the unknown job is a warning', async () => {
  const status = await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready');
  assert.match(status.world, /^tenant example: open world, 1 of 3 projects not open/);
  const onTenant = await client.waitForDiagnostics(fileUri(join(dir, 'config/zuul/main.yaml')), (d) => d.length > 0);
  assert.deepEqual(onTenant.map((d) => d.code), ['tenant-project-not-open']);
  assert.match(onTenant[0].message, /\(org\/lib\)/);
  const d = await client.waitForDiagnostics(fileUri(appFile()), (x) => !!unknownJob(x));
  assert.equal(unknownJob(d)!.severity, 2);
});

test('the tenant file changes on disk: closed world at once, the unknown job an error', async () => {
  const from = client.notifications.length;
  const path = join(dir, 'config/zuul/main.yaml');
  writeFileSync(path, tenant('org/app'));
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path), type: 2 }] });
  const d = await client.waitForDiagnostics(fileUri(appFile()), (x) => unknownJob(x)?.severity === 1);
  assert.match(unknownJob(d)!.message, /defined in no project of tenant example/);
  const status = await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready' && s.world.includes('closed'), 15_000, from);
  assert.match(status.world, /^tenant example: closed world, all 2 projects open/);
  await client.waitForDiagnostics(fileUri(path), (x) => x.length === 0);
});

test('the setting tenantConfig names another file; an empty one goes back to zuul/main.yaml', async () => {
  const other = join(dir, 'other-main.yaml');
  writeFileSync(other, yaml`
    - tenant:
        name: elsewhere
        source:
          gerrit:
            config-projects: [org/config]
            untrusted-projects: [org/app, org/missing]
  `);
  const from = client.notifications.length;
  client.settings = { tenantConfig: 'other-main.yaml' };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const status = await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.world.startsWith('tenant elsewhere'), 15_000, from);
  assert.match(status.world, /open world, 1 of 3 projects not open/);
  await client.waitForDiagnostics(fileUri(appFile()), (x) => unknownJob(x)?.severity === 2);
  const back = client.notifications.length;
  client.settings = { tenantConfig: '' };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.world.startsWith('tenant example: closed'), 15_000, back);
});
