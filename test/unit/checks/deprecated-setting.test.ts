// deprecated-setting: the old key of .zuul-authoring.yaml keeps working, is
// reported on the key itself, and its quick fix renames it unless the file
// sets the new key too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import { fixesFor } from '../../../server/src/fixes/registry';
import { marked } from '../../helpers/marker';
import { remove, tree } from '../../helpers/tmp';

const JOBS = '- job:\n    name: unit\n    parent: base\n    nodeset: ubuntu-noble\n    run: playbooks/unit.yaml\n';

async function load(settingsText: string) {
  const m = marked(settingsText);
  const root = tree({ 'r/.git/HEAD': '', 'r/zuul.d/jobs.yaml': JOBS, 'r/playbooks/unit.yaml': '- hosts: all\n', 'r/.zuul-authoring.yaml': m.text });
  const ws = new ZuulWorkspace([root]);
  await ws.load();
  const path = join(root, 'r/.zuul-authoring.yaml');
  return { ws, path, marks: m.marks, all: [...ws.allFindings().values()].flat(), dispose: () => remove(root) };
}

test('the old key is read, and reported on the key with a rename fix', async () => {
  const w = await load('rules: {}\n|externalJobs: [base, ubuntu-noble]\n');
  try {
    assert.deepEqual(w.all.map((f) => f.rule), ['deprecated-setting'], 'the names of the old key still count: nothing else is reported');
    const [f] = w.all;
    assert.equal(f.file, w.path);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, { start: w.marks[0], end: { line: w.marks[0].line, character: w.marks[0].character + 'externalJobs'.length } });
    assert.match(f.message, /externalJobs is the old name of externalNames/);
    assert.deepEqual(f.setting, { key: 'externalNames' });
    const fixes = fixesFor(w.ws, f);
    assert.deepEqual(fixes.map((x) => [x.title, x.preferred]), [['Rename externalJobs to externalNames', true]]);
    assert.deepEqual(fixes[0].edits, [{ file: w.path, edits: [{ range: f.range, newText: 'externalNames' }] }]);
  } finally {
    w.dispose();
  }
});

test('with both keys in the file, both lists count and no rename is offered (it would duplicate a key)', async () => {
  const w = await load('externalNames: [base]\n|externalJobs: [ubuntu-noble]\n');
  try {
    assert.deepEqual(w.all.map((f) => f.rule), ['deprecated-setting']);
    assert.match(w.all[0].message, /which this file sets too; both lists are read/);
    assert.deepEqual(fixesFor(w.ws, w.all[0]), []);
  } finally {
    w.dispose();
  }
});

test('the new key, a broken file or a key inside a value say nothing', async () => {
  for (const text of ['externalNames: [base, ubuntu-noble]\n', 'externalNames: [base, ubuntu-noble]\nrules:\n  externalJobs: off\n', 'externalJobs: [base\n']) {
    const w = await load(text);
    try {
      assert.deepEqual(w.all.filter((f) => f.rule === 'deprecated-setting'), [], text);
    } finally {
      w.dispose();
    }
  }
});

test('editing the file in the editor renames the key and the finding goes', async () => {
  const w = await load('externalJobs: [base, ubuntu-noble]\n');
  try {
    const [f] = w.all;
    w.ws.setOverlay(w.path, 'externalNames: [base, ubuntu-noble]\n');
    assert.deepEqual([...w.ws.allFindings().values()].flat(), [], `gone: ${f.message}`);
  } finally {
    w.dispose();
  }
});
