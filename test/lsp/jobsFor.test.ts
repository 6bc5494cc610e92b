// `zuul/jobsForChanges` over LSP: the jobs a set of changed files runs, the
// editor's unsaved text counting as the change and git's HEAD as the text
// before it; mistakes are answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, fileUri } from '../helpers/lspClient';
import { remove, tree } from '../helpers/tmp';
import { commitAll } from '../helpers/git';
import { JOBS_FOR_CHANGES_REQUEST, type JobsForChangesResult } from '../../protocol/src';

const JOBS = `- job:
    name: base
    parent: null
    run: playbooks/run.yaml
- job:
    name: docs
    files: ^doc/
- job:
    name: unit
    irrelevant-files: ^doc/
`;
const PROJECT = `- project:
    name: app
    check:
      jobs: [docs, unit]
`;

let dir: string;
const client = new LspClient();
const uri = (p: string) => fileUri(join(dir, p));

before(async () => {
  dir = realpathSync(tree({ 'app/zuul.d/jobs.yaml': JOBS, 'app/zuul.d/project.yaml': PROJECT, 'app/playbooks/run.yaml': '- hosts: all\n' }, 'zuul-lsp-jobsfor-'));
  commitAll(join(dir, 'app'));
  await client.initialize(dir);
  await client.ready();
});

after(() => {
  client.kill();
  remove(dir);
});

const ask = (files: string[]) => client.request<JobsForChangesResult>(JOBS_FOR_CHANGES_REQUEST, { files });
const runs = (r: JobsForChangesResult) => {
  assert.ok(!('error' in r), 'error' in r ? r.error : '');
  return Object.fromEntries(r.projects[0].pipelines[0].jobs.map((j) => [j.job, j.runs]));
};

test('jobsForChanges: a documentation change runs docs and not unit, said in the text', async () => {
  const r = await ask([uri('app/doc/index.rst')]);
  assert.deepEqual(runs(r), { docs: true, unit: false });
  assert.ok(!('error' in r) && /^check: 1 of 2 jobs run$/m.test(r.text), JSON.stringify(r));
});

test('jobsForChanges: an unsaved edit of a job stanza is a config change against HEAD; one of another job is not', async () => {
  client.open(uri('app/zuul.d/jobs.yaml'), JOBS.replace('    files: ^doc/\n', '    files: ^doc/\n    voting: false\n'), 1);
  assert.deepEqual(runs(await ask([uri('app/zuul.d/jobs.yaml')])), { docs: true, unit: true });
  client.change(uri('app/zuul.d/jobs.yaml'), JOBS.replace("irrelevant-files: ^doc/\n", "irrelevant-files: ^doc/\n    voting: false\n"), 2);
  const r = await ask([uri('app/zuul.d/jobs.yaml')]);
  assert.deepEqual(runs(r), { docs: false, unit: true }, 'only unit\u2019s stanza changed; docs keeps its matcher');
  client.close(uri('app/zuul.d/jobs.yaml'));
});

test('jobsForChanges: files outside the workspace, none, or bad params', async () => {
  const outside = await ask(['file:///etc/hostname']);
  assert.ok('error' in outside && /No changed file is in a repository/.test(outside.error));
  const none = await ask([]);
  assert.ok('error' in none && /No changed files/.test(none.error));
  const bad = await client.requestRaw(JOBS_FOR_CHANGES_REQUEST, { files: 'app/x' });
  assert.ok(bad.error, 'files must be a list');
});
