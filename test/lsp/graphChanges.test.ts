// `zuul/jobGraph` with changedFiles (the graph's changed-files mode): each
// job of the project-pipeline says whether the change runs it and why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, fileUri } from '../helpers/lspClient';
import { remove, tree } from '../helpers/tmp';
import { JOB_GRAPH_REQUEST, type JobGraphResult } from '../../protocol/src';

const JOBS = `- job:
    name: base
    parent: null
    run: playbooks/run.yaml
- job:
    name: bootstrap
    files: ^bootstrap/
- job:
    name: web
    files: ^web/
    dependencies: [bootstrap]
- job:
    name: docs
    files: ^doc/
`;
const PROJECT = `- project:
    name: app
    deploy:
      jobs: [bootstrap, web, docs]
`;

let dir: string;
const client = new LspClient();

before(async () => {
  dir = realpathSync(tree({ 'app/zuul.d/jobs.yaml': JOBS, 'app/zuul.d/project.yaml': PROJECT, 'other/zuul.yaml': '- job:\n    name: other\n' }, 'zuul-lsp-graphchanges-'));
  await client.initialize(dir);
  await client.ready();
});

after(() => {
  client.kill();
  remove(dir);
});

test('jobGraph with changedFiles: runs, skipped and pulled-in jobs, only the project\u2019s files counted', async () => {
  const g = await client.request<JobGraphResult>(JOB_GRAPH_REQUEST, { project: 'app', pipeline: 'deploy', changedFiles: [fileUri(join(dir, 'app/web/index.html')), fileUri(join(dir, 'other/zuul.yaml'))] });
  assert.ok(!('error' in g), JSON.stringify(g));
  const change = Object.fromEntries(g.nodes.map((n) => [n.id, n.change]));
  assert.equal(change.web?.runs, true);
  assert.equal(change.docs?.runs, false);
  assert.match(change.docs?.why ?? '', /no changed file matches its files \(\^doc\/\)/);
  assert.deepEqual(change.bootstrap?.pulledBy, ['web']);
  assert.deepEqual(g.changes, { files: 1, runs: 2, warnings: [] });
  const plain = await client.request<JobGraphResult>(JOB_GRAPH_REQUEST, { project: 'app', pipeline: 'deploy' });
  assert.ok(!('error' in plain) && plain.nodes.every((n) => n.change === undefined) && plain.changes === undefined, 'no change data without changedFiles');
});
