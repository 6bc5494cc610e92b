// What the workspace holds is not always a regular file: a FIFO, a link to a
// device, a directory link that loops or leaves the workspace. The CLI reads
// only regular files, with a size cap, and visits each real directory once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type JsonFinding } from './helpers';
import { remove, tree } from '../helpers/tmp';

const findings = (stdout: string) => JSON.parse(stdout) as JsonFinding[];

test('a FIFO as .zuul-authoring.yaml is reported, and the run finishes', { timeout: 60_000 }, () => {
  const root = tree({ 'repo/.git/HEAD': '', 'repo/zuul.d/jobs.yaml': '- job:\n    name: a\n' });
  try {
    execFileSync('mkfifo', [join(root, 'repo/.zuul-authoring.yaml')]);
    const r = runCli(['repo', '--format', 'json'], root, 30_000);
    assert.equal(r.status, 1, r.stderr);
    const f = findings(r.stdout).find((x) => x.file === 'repo/.zuul-authoring.yaml');
    assert.equal(f?.code, 'invalid-settings-file', r.stdout);
    assert.match(f?.message ?? '', /named pipe \(FIFO\)/);
  } finally {
    remove(root);
  }
});

test('a settings file linked to /dev/zero is reported without reading it', { timeout: 60_000 }, () => {
  const root = tree({ 'repo/.git/HEAD': '', 'repo/zuul.d/jobs.yaml': '- job:\n    name: a\n' });
  try {
    symlinkSync('/dev/zero', join(root, 'repo/.zuul-authoring.yaml'));
    const r = runCli(['repo', '--format', 'json'], root, 30_000);
    const f = findings(r.stdout).find((x) => x.file === 'repo/.zuul-authoring.yaml');
    assert.equal(f?.code, 'invalid-settings-file', r.stdout);
    assert.match(f?.message ?? '', /a device/);
  } finally {
    remove(root);
  }
});

test('--rules /dev/zero stops at the size cap with a usage error', { timeout: 60_000 }, () => {
  const root = tree({ 'repo/.git/HEAD': '', 'repo/zuul.d/jobs.yaml': '- job:\n    name: a\n' });
  try {
    const r = runCli(['repo', '--rules', '/dev/zero'], root, 30_000);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read rules file \/dev\/zero: larger than 1 MB/);
  } finally {
    remove(root);
  }
});

test('a directory link back to the workspace does not count a repository twice', () => {
  const root = tree({ 'ws/r1/.git/HEAD': '', 'ws/r1/zuul.d/jobs.yaml': '- job:\n    name: only-once\n- project:\n    check:\n      jobs: [only-once]\n' });
  try {
    symlinkSync('.', join(root, 'ws/loop'));
    const r = runCli(['ws', '--format', 'json'], root);
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual(findings(r.stdout), []);
  } finally {
    remove(root);
  }
});

test('a directory link out of the workspace is not followed', () => {
  const root = tree({
    'outside/other/.git/HEAD': '',
    'outside/other/zuul.yaml': '- job:\n    name: x\n    parent: no-such-parent-anywhere\n',
    'ws/r1/.git/HEAD': '',
    'ws/r1/zuul.yaml': '- job:\n    name: y\n',
  });
  try {
    symlinkSync('../outside', join(root, 'ws/elsewhere'));
    symlinkSync('/', join(root, 'ws/root'));
    const r = runCli(['ws', '--format', 'json'], root);
    assert.deepEqual(findings(r.stdout), []);
    assert.equal(r.status, 0);
  } finally {
    remove(root);
  }
});

test('a directory link inside the workspace is followed once', () => {
  const root = tree({ 'ws/.hidden/r2/.git/HEAD': '', 'ws/.hidden/r2/zuul.yaml': '- job:\n    name: z\n    timout: 3\n' });
  try {
    symlinkSync('.hidden/r2', join(root, 'ws/r2'));
    const r = runCli(['ws', '--format', 'json'], root);
    assert.deepEqual(findings(r.stdout).map((f) => [f.file, f.code]), [['ws/r2/zuul.yaml', 'unknown-attribute']]);
  } finally {
    remove(root);
  }
});
