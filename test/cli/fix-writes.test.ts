// `zuul-check --fix` writes only regular files inside the repositories it
// checks, all of them or none, and says where each fix went.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli } from './helpers';
import { remove, tree } from '../helpers/tmp';

const TYPO = '- job:\n    name: a\n    timout: 30\n';

test('a config file that is a symbolic link is reported, never read through nor written', () => {
  const root = tree({ 'outside/target.yaml': TYPO, 'repo/.git/HEAD': '', 'repo/zuul.d/jobs.yaml': '- job:\n    name: b\n' });
  try {
    symlinkSync('../../outside/target.yaml', join(root, 'repo/zuul.d/link.yaml'));
    const r = runCli(['--fix', 'repo'], root);
    assert.equal(readFileSync(join(root, 'outside/target.yaml'), 'utf8'), TYPO, 'the file behind the link is untouched');
    assert.match(r.stdout, /^repo\/zuul\.d\/link\.yaml:1:1: error symlinked-config-file .*"\.\.\/\.\.\/outside\/target\.yaml"/m);
    assert.doesNotMatch(r.stdout + r.stderr, /timout|fixed:/);
    assert.equal(r.status, 1);
  } finally {
    remove(root);
  }
});

test('every fix is printed as file:line: title, at its line in the file as written', () => {
  const root = tree({ 'repo/.git/HEAD': '', 'repo/zuul.d/jobs.yaml': `${TYPO}- job:\n    name: c\n    timout: 40\n` });
  try {
    const r = runCli(['--fix', 'repo'], root);
    const fixed = r.stderr.split('\n').filter((l) => l.includes('fixed:'));
    assert.deepEqual(fixed, ['repo/zuul.d/jobs.yaml:3: fixed: Change to "timeout"', 'repo/zuul.d/jobs.yaml:6: fixed: Change to "timeout"'], r.stderr);
    const after = readFileSync(join(root, 'repo/zuul.d/jobs.yaml'), 'utf8').split('\n');
    assert.equal(after[2], '    timeout: 30');
    assert.equal(after[5], '    timeout: 40');
    assert.match(r.stderr, /2 fixes written to repo\/zuul\.d\/jobs\.yaml/);
  } finally {
    remove(root);
  }
});

test('a write cut short leaves the file whole, its mode kept and no temporary file behind', () => {
  // About 180 KB: above a 100 KB `ulimit -f`, so the write of the fixed text fails part way.
  const jobs = Array.from({ length: 2_500 }, (_, i) => `- job:\n    name: job-${i}\n    description: the job number ${i} of many\n`).join('');
  const text = `${jobs}${TYPO}`;
  const root = tree({ 'repo/.git/HEAD': '', 'repo/zuul.d/jobs.yaml': text });
  const file = join(root, 'repo/zuul.d/jobs.yaml');
  try {
    chmodSync(file, 0o640);
    const r = spawnSync('bash', ['-c', 'ulimit -f 100 && exec "$0" "$1" --fix repo', process.execPath, CLI], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(readFileSync(file, 'utf8'), text, 'the original text is intact');
    assert.match(r.stderr, /not written: repo\/zuul\.d\/jobs\.yaml: writing failed \(the file size limit was reached\); no file was changed/);
    assert.doesNotMatch(r.stderr, /fixed:/);
    assert.equal(r.status, 1);
    assert.deepEqual(readdirSync(join(root, 'repo/zuul.d')), ['jobs.yaml']);

    const ok = runCli(['--fix', 'repo'], root);
    assert.match(ok.stderr, /jobs\.yaml:7503: fixed: Change to "timeout"/);
    assert.equal(statSync(file).mode & 0o777, 0o640, 'the mode is kept');
    assert.ok(readFileSync(file, 'utf8').endsWith('    timeout: 30\n'));
    assert.deepEqual(readdirSync(join(root, 'repo/zuul.d')), ['jobs.yaml']);
  } finally {
    remove(root);
  }
});

test('a file that is not valid UTF-8 is not rewritten (its other bytes would change)', () => {
  const root = tree({ 'repo/.git/HEAD': '' });
  const file = join(root, 'repo/zuul.d/jobs.yaml');
  try {
    const bytes = Buffer.concat([Buffer.from('- job:\n    name: a\n    description: caf'), Buffer.from([0xe9]), Buffer.from('\n    timout: 30\n')]);
    mkdirSync(join(root, 'repo/zuul.d'));
    writeFileSync(file, bytes);
    const r = runCli(['--fix', 'repo'], root);
    assert.ok(readFileSync(file).equals(bytes), 'the bytes are unchanged');
    assert.match(r.stderr, /not written: repo\/zuul\.d\/jobs\.yaml: it is not valid UTF-8/);
    assert.ok(existsSync(file));
  } finally {
    remove(root);
  }
});

test('--fix renames a deprecated key of .zuul-authoring.yaml, keeping its names and comments', () => {
  const settings = '# names from zuul-jobs\nexternalJobs: [base]  # the base job\n';
  const root = tree({ 'repo/.git/HEAD': '', 'repo/.zuul-authoring.yaml': settings, 'repo/zuul.d/jobs.yaml': '- job:\n    name: a\n    parent: base\n' });
  try {
    const before = runCli(['repo'], root);
    assert.match(before.stdout, /^repo\/\.zuul-authoring\.yaml:2:1: warning deprecated-setting externalJobs is the old name of externalNames/m);
    assert.doesNotMatch(before.stdout, /unknown-parent/, 'the old key is still read');
    const r = runCli(['--fix', 'repo'], root);
    assert.match(r.stderr, /^repo\/\.zuul-authoring\.yaml:2: fixed: Rename externalJobs to externalNames$/m);
    assert.equal(readFileSync(join(root, 'repo/.zuul-authoring.yaml'), 'utf8'), '# names from zuul-jobs\nexternalNames: [base]  # the base job\n');
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0);
  } finally {
    remove(root);
  }
});
