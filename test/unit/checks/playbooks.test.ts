import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import { marked } from '../../helpers/marker';
import { tree, remove } from '../../helpers/tmp';

async function check(jobs: string, files: Record<string, string>) {
  const m = marked(jobs);
  const root = tree({ 'r/.git/HEAD': '', 'r/zuul.d/jobs.yaml': m.text, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`r/${k}`, v])) });
  const ws = new ZuulWorkspace([root]);
  await ws.load();
  const found = ws.findings(join(root, 'r/zuul.d/jobs.yaml')).filter((f) => f.rule.startsWith('playbook-'));
  return { root, found, marks: m.marks };
}

test('playbook-not-found underlines the path and suggests the renamed file', async () => {
  const { root, found, marks } = await check('- job:\n    name: a\n    run: |playbooks/service-nameservers.yaml\n', {
    'playbooks/service-nameserver.yaml': '',
  });
  try {
    assert.deepEqual(found.map((f) => f.rule), ['playbook-not-found']);
    assert.deepEqual(found[0].range, { start: marks[0], end: { line: 2, character: 43 } });
    assert.deepEqual(found[0].data?.suggestions, ['playbooks/service-nameserver.yaml']);
    assert.match(found[0].message, /ERROR \("Unable to find playbook"\)/);
  } finally {
    remove(root);
  }
});

test('every phase and form is checked: list, {name:}, project-pipeline variants', async () => {
  const src = [
    '- job:',
    '    name: a',
    '    pre-run:',
    '      - |playbook/pre.yaml',
    '    post-run:',
    '      - name: |playbooks/post.yml',
    '        cleanup: true',
    '- project:',
    '    check:',
    '      jobs:',
    '        - a:',
    '            run: |playbooks/other.yaml',
    '',
  ].join('\n');
  const { root, found, marks } = await check(src, { 'playbooks/pre.yaml': '', 'playbooks/post.yaml': '' });
  try {
    assert.deepEqual(found.map((f) => [f.rule, f.range.start]), marks.map((m) => ['playbook-not-found', m]));
    assert.equal(found[0].data?.suggestions?.[0], 'playbooks/pre.yaml');
    assert.equal(found[1].data?.suggestions?.[0], 'playbooks/post.yaml');
  } finally {
    remove(root);
  }
});

test('an existing playbook, and a repo whose file list is unknown, give nothing', async () => {
  const ok = await check('- job:\n    name: a\n    run: playbooks/run.yaml\n', { 'playbooks/run.yaml': '' });
  try {
    assert.deepEqual(ok.found, []);
  } finally {
    remove(ok.root);
  }
  const bare = await check('- job:\n    name: a\n    run: playbooks/run.yaml\n', {});
  try {
    assert.deepEqual(bare.found, [], 'only Zuul config is known of this repo, so nothing can be said');
  } finally {
    remove(bare.root);
  }
});

test('playbook-extension-missing for the pre-3.0 extension-less form', async () => {
  const { root, found, marks } = await check('- job:\n    name: a\n    run: |playbooks/legacy/a/run\n', { 'playbooks/legacy/a/run.yaml': '' });
  try {
    assert.deepEqual(found.map((f) => [f.rule, f.range.start]), [['playbook-extension-missing', marks[0]]]);
    assert.match(found[0].message, /Write "playbooks\/legacy\/a\/run.yaml"/);
  } finally {
    remove(root);
  }
});
