import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { tree, remove } from '../helpers/tmp';

test('a workspace indexes every repo and keeps job variants', async () => {
  const root = tree({
    'a/zuul.d/jobs.yaml': '- job:\n    name: shared\n- job:\n    name: shared\n    branches: stable\n',
    'b/.zuul.yaml': '- job:\n    name: other\n    parent: shared\n',
  });
  try {
    const ws = new ZuulWorkspace([root]);
    await ws.load();
    assert.equal(ws.repos.length, 2);
    assert.equal(ws.index.get('job', 'shared').length, 2);
    assert.equal(ws.index.get('job', 'other')[0].repo.name, 'b');
    assert.equal(ws.stats().jobs, 2);
  } finally {
    remove(root);
  }
});

test('rule severities from settings apply and "off" removes findings', async () => {
  const root = tree({ 'r/zuul.d/a.yaml': '- job:\n    name: a\n', 'r/zuul.d/b.yml': '' });
  try {
    const ws = new ZuulWorkspace([root]);
    await ws.load();
    const yml = join(root, 'r/zuul.d/b.yml');
    assert.equal(ws.findings(yml)[0].severity, 'warning');
    ws.setEditorSettings({ rules: { 'ignored-config-file': 'error' } });
    assert.equal(ws.findings(yml)[0].severity, 'error');
    ws.setEditorSettings({ rules: { 'ignored-config-file': 'off' } });
    assert.deepEqual(ws.findings(yml), []);
  } finally {
    remove(root);
  }
});

test('editor buffers and file events update findings incrementally', async () => {
  const root = tree({ 'r/zuul.d/a.yaml': '- job:\n    name: a\n' });
  try {
    const ws = new ZuulWorkspace([root]);
    await ws.load();
    const a = join(root, 'r/zuul.d/a.yaml');
    const changed = ws.setOverlay(a, '- jobs:\n    name: a\n');
    assert.ok(changed.has(a));
    assert.deepEqual(ws.findings(a).map((f) => f.rule), ['unknown-item-type']);
    ws.setOverlay(a, undefined);
    assert.deepEqual(ws.findings(a), []);

    const b = join(root, 'r/zuul.d/sub/b.yaml');
    mkdirSync(join(root, 'r/zuul.d/sub'));
    writeFileSync(b, '- job:\n    name: b\n');
    assert.ok(ws.fileEvent(b, 'created').has(b));
    assert.equal(ws.index.get('job', 'b').length, 1);
    unlinkSync(b);
    ws.fileEvent(b, 'deleted');
    assert.equal(ws.index.get('job', 'b').length, 0);
  } finally {
    remove(root);
  }
});

test('a .zuul-authoring.yaml is read, and a malformed one is a finding', async () => {
  const root = tree({
    'r/zuul.d/a.yaml': '- job:\n    name: a\n',
    'r/zuul.d/b.yml': '',
    'r/.zuul-authoring.yaml': 'rules:\n  ignored-config-file: off\nbogus: 1\n',
  });
  try {
    const ws = new ZuulWorkspace([root]);
    await ws.load();
    assert.deepEqual(ws.findings(join(root, 'r/zuul.d/b.yml')), []);
    const s = ws.findings(join(root, 'r/.zuul-authoring.yaml'));
    assert.deepEqual(s.map((f) => [f.rule, f.range.start.line]), [['invalid-settings-file', 2]]);
    assert.match(s[0].message, /unknown setting "bogus"/);
    // Editor settings win over the file.
    ws.setEditorSettings({ rules: { 'ignored-config-file': 'warning' } });
    assert.equal(ws.findings(join(root, 'r/zuul.d/b.yml')).length, 1);
  } finally {
    remove(root);
  }
});

test('ansibleVersions says what the deployment runs, from the file or the editor, at once', async () => {
  const root = tree({ 'r/zuul.d/a.yaml': '- job:\n    name: a\n    ansible-version: 8\n', 'r/.zuul-authoring.yaml': 'ansibleVersions: [9, 11]\n' });
  const file = join(root, 'r/zuul.d/a.yaml');
  const seen = (ws: ZuulWorkspace) => ws.findings(file).map((f) => `${f.rule} ${f.severity}`);
  try {
    const ws = new ZuulWorkspace([root]);
    await ws.load();
    assert.deepEqual(seen(ws), ['unknown-ansible-version error']);
    assert.match(ws.findings(file)[0].message, /Requested ansible version "8" is unknown.*Supported versions are 9, 11\./);
    ws.setEditorSettings({ ansibleVersions: ['8', '9'] });
    assert.deepEqual(seen(ws), []);
    ws.setEditorSettings({});
    assert.deepEqual(seen(ws), ['unknown-ansible-version error']);
    writeFileSync(join(root, 'r/.zuul-authoring.yaml'), 'ansibleVersions: 9\n');
    await ws.load();
    // A malformed value is reported and the defaults apply: 8 is only a warning there.
    assert.deepEqual(seen(ws), ['unknown-ansible-version warning']);
    assert.match(ws.findings(join(root, 'r/.zuul-authoring.yaml'))[0].message, /ansibleVersions must be a non-empty list of versions/);
  } finally {
    remove(root);
  }
});
