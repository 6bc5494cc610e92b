// The rules that replay Zuul's own verdict reach the editor with their
// typed data, over stdio from the built server: what a quick fix or another
// tool reads without parsing the message.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { LspClient, fileUri, removeDir } from '../helpers/lspClient';
import { yaml } from '../helpers/marker';
import { tree } from '../helpers/tmp';

const dir = realpathSync(
  tree(
    {
      'config/.git/HEAD': '',
      'config/zuul.d/main.yaml': yaml`
        - pipeline: {name: check, manager: independent, trigger: {}}
        - job:
            name: base
            parent: null
            pre-run: playbooks/pre.yaml
        - nodeset:
            name: ns-a
            alternatives: [ns-b]
        - nodeset:
            name: ns-b
            alternatives: [ns-a]
      `,
      'app/.git/HEAD': '',
      'app/.zuul.yaml': yaml`
        - secret:
            name: app_key
            data: {key: value}
        - job:
            name: app-secret
            secrets: [app_key]
            run: playbooks/run.yaml
        - job:
            name: no-run
        - job:
            name: fin
            final: true
            run: playbooks/run.yaml
        - job:
            name: locked
            semaphore: deploy
            run: playbooks/run.yaml
        - job:
            name: locked-child
            parent: locked
            pre-run:
              - name: playbooks/pre.yaml
                semaphores: deploy
        - project:
            name: lib
            check: {jobs: [noop]}
        - project:
            check:
              jobs:
                - app-secret
                - no-run
                - fin:
                    timeout: 60
                - locked-child
      `,
      'lib/.git/HEAD': '',
      'lib/.zuul.yaml': '- project:\n    check: {jobs: [noop]}\n',
    },
    'zuul-lsp-verdict-',
  ),
);
const client = new LspClient();
after(() => {
  client.kill();
  removeDir(dir);
});

const byCode = (diags: Diagnostic[], code: string) => diags.filter((d) => d.code === code).map((d) => d.data);

test('each rule of Zuul\'s own verdict carries typed data in the diagnostic', async () => {
  await client.initialize(dir);
  await client.ready();
  const codes = ['project-forbidden', 'no-run-playbook', 'post-review-job-in-pre-review', 'final-job-modified', 'semaphore-conflict-inherited'];
  const app = await client.waitForDiagnostics(fileUri(join(dir, 'app/.zuul.yaml')), (d) => codes.every((c) => d.some((x) => x.code === c)));
  assert.deepEqual(byCode(app, 'project-forbidden'), [{ project: 'lib', repo: 'app', regex: false }]);
  assert.deepEqual(byCode(app, 'no-run-playbook'), [{ job: 'no-run', pipeline: 'check', project: 'app', chain: ['no-run', 'base'] }]);
  assert.deepEqual(byCode(app, 'post-review-job-in-pre-review'), [{ job: 'app-secret', pipeline: 'check', project: 'app', causes: ['app-secret uses secret app_key in the untrusted repo app'] }]);
  assert.deepEqual(byCode(app, 'final-job-modified'), [{ job: 'fin', pipeline: 'check', project: 'app', attribute: 'timeout', internal: 'timeout' }]);
  assert.deepEqual(byCode(app, 'semaphore-conflict-inherited'), [{ semaphore: 'deploy', job: 'locked-child', kind: 'playbook' }]);
  const config = await client.waitForDiagnostics(fileUri(join(dir, 'config/zuul.d/main.yaml')), (d) => d.some((x) => x.code === 'nodeset-cycle'));
  assert.deepEqual(byCode(config, 'nodeset-cycle'), [
    { nodeset: 'ns-a', cycle: ['ns-a', 'ns-b', 'ns-a'], loop: true },
    { nodeset: 'ns-b', cycle: ['ns-b', 'ns-a', 'ns-b'], loop: true },
  ]);
});
