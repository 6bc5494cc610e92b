import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { discoverRepo, discoveryFindings, findRepoRoots, unloadedConfigDirs } from '../../server/src/zuul/discover';
import { tree, remove } from '../helpers/tmp';

const job = (n: string) => `- job:\n    name: ${n}\n`;
const rel = (root: string, list: string[]) => list.map((f) => relative(root, f));

test('the first root with content wins; later roots are reported', () => {
  const root = tree({ 'zuul.d/a.yaml': job('a'), '.zuul.yaml': job('b'), '.git/HEAD': '' });
  try {
    const repo = discoverRepo(root, 'r');
    assert.equal(repo.rootKind, 'zuul.d');
    assert.deepEqual(rel(root, repo.configFiles), ['zuul.d/a.yaml']);
    assert.deepEqual(rel(root, repo.shadowedFiles), ['.zuul.yaml']);
    const f = discoveryFindings(repo);
    assert.deepEqual(f.map((x) => [x.rule, relative(root, x.file)]), [['multiple-config-roots', '.zuul.yaml']]);
    assert.match(f[0].message, /only the first root/);
  } finally {
    remove(root);
  }
});

test('an empty zuul.yaml does not count as content', () => {
  const root = tree({ 'zuul.yaml': '', '.zuul.d/x.yaml': job('x') });
  try {
    const repo = discoverRepo(root, 'r');
    assert.equal(repo.rootKind, '.zuul.d');
    assert.deepEqual(repo.shadowedFiles, []);
  } finally {
    remove(root);
  }
});

test('directories are read recursively in full-path order, .yaml only, .zuul.ignore prunes', () => {
  const root = tree({
    'zuul.d/b.yaml': job('b'),
    'zuul.d/a/b.yaml': job('ab'),
    'zuul.d/a.yaml': job('a'),
    'zuul.d/c.yml': job('c'),
    'zuul.d/README': 'x',
    'zuul.d/playbooks/.zuul.ignore': '',
    'zuul.d/playbooks/p.yaml': '- hosts: all\n',
    'zuul.d/playbooks-extra/q.yaml': job('q'),
  });
  try {
    const repo = discoverRepo(root, 'r');
    // Zuul's prune is a plain prefix test, so playbooks-extra/ goes too.
    assert.deepEqual(rel(root, repo.configFiles), ['zuul.d/a.yaml', 'zuul.d/a/b.yaml', 'zuul.d/b.yaml']);
    assert.deepEqual(rel(root, repo.ignoredFiles), ['zuul.d/c.yml']);
    const f = discoveryFindings(repo).find((x) => x.rule === 'ignored-config-file');
    assert.ok(f);
    assert.match(f.message, /Rename it to c\.yaml/);
  } finally {
    remove(root);
  }
});

test('extra config paths load after the root: files, then directories', () => {
  const root = tree({ 'zuul.d/a.yaml': job('a'), 'zuul-tests.d/t.yaml': job('t'), 'extra.yaml': job('e') });
  try {
    const repo = discoverRepo(root, 'r', ['zuul-tests.d/', 'extra.yaml']);
    assert.deepEqual(rel(root, repo.configFiles), ['zuul.d/a.yaml', 'extra.yaml', 'zuul-tests.d/t.yaml']);
  } finally {
    remove(root);
  }
});

test('repos are found in a folder of checkouts, skipping node_modules', () => {
  const root = tree({
    'system-config/.git/HEAD': '',
    'base-jobs/zuul.d/j.yaml': job('base'),
    'group/nested/.zuul.yaml': job('n'),
    'node_modules/x/zuul.yaml': job('no'),
    'docs/readme.txt': '',
  });
  try {
    assert.deepEqual(findRepoRoots(root).map((r) => relative(root, r)), ['base-jobs', join('group', 'nested'), 'system-config']);
    const repo = discoverRepo(join(root, 'system-config'), 'system-config');
    assert.equal(repo.rootKind, undefined);
  } finally {
    remove(root);
  }
});

test('unloadedConfigDirs: config-looking folders with YAML that no extra-config-paths entry loads', () => {
  const files = new Set(['zuul.d/jobs.yaml', 'zuul-tests.d/project.yaml', 'zuul-tests.d/sub/more.yaml', '.zuul-extra.d/a.yaml', 'zuul-notes.d/readme.txt', 'playbooks/zuul-x.d.yaml', 'docs/zuul-tests.d/x.yaml']);
  assert.deepEqual(unloadedConfigDirs({ files, extraConfigPaths: [] }), ['.zuul-extra.d/', 'zuul-tests.d/']);
  assert.deepEqual(unloadedConfigDirs({ files, extraConfigPaths: ['zuul-tests.d/'] }), ['.zuul-extra.d/']);
  assert.deepEqual(unloadedConfigDirs({ files, extraConfigPaths: ['zuul-tests.d/sub/', '.zuul-extra.d'] }), []);
  assert.deepEqual(unloadedConfigDirs({ files: new Set(), extraConfigPaths: [] }), []);
});
