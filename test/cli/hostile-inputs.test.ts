// Inputs no one writes by hand but a generator or an attacker can: the CLI
// must answer them, with the findings a user expects, in time near-linear in
// their size (measured by `npm run bench`; here a test timeout catches the
// old quadratic costs, which took minutes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, type JsonFinding } from './helpers';
import { remove, tree } from '../helpers/tmp';

function check(files: Record<string, string>, timeoutMs?: number): { status: number | null; findings: JsonFinding[]; stderr: string } {
  const root = tree({ 'repo/.git/HEAD': '', ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`repo/${k}`, v])) });
  try {
    const r = runCli(['repo', '--format', 'json'], root, timeoutMs);
    assert.doesNotMatch(r.stderr, /internal error|Maximum call stack/, r.stderr);
    return { status: r.status, findings: JSON.parse(r.stdout) as JsonFinding[], stderr: r.stderr };
  } finally {
    remove(root);
  }
}

test('150,000 findings in one file are all reported (no stack overflow)', { timeout: 180_000 }, () => {
  // Past ~125,000, spreading the findings into one push() overflowed the stack.
  const r = check({ 'zuul.d/items.yaml': '- 1\n'.repeat(150_000) });
  assert.equal(r.status, 1);
  assert.equal(r.findings.length, 150_000);
  assert.ok(r.findings.every((f) => f.code === 'item-not-a-mapping'));
});

test('a vars mapping with 80,000 keys: the one duplicate key is found, at its line', { timeout: 120_000 }, () => {
  const keys = Array.from({ length: 80_000 }, (_, i) => `      key_${i}: ${i}\n`).join('');
  // The package's own duplicate check compared every key with all before it: minutes here.
  const r = check({ 'zuul.d/jobs.yaml': `- job:\n    name: a\n    vars:\n${keys}      key_17: again\n` }, 60_000);
  assert.deepEqual(r.findings.map((f) => [f.code, f.range.start.line, f.range.start.character]), [['duplicate-key', 80_003, 6]]);
  assert.match(r.findings[0].message, /The key "key_17" appears more than once/);
});

test('duplicate keys as Zuul sees them: by their text, merge keys allowed', () => {
  const r = check({ 'zuul.d/jobs.yaml': "- job:\n    name: a\n    vars:\n      base: &b {x: 1}\n      m: {<<: *b, <<: *b}\n      t: {yes: 1, true: 2}\n      n: {1: a, '1': b}\n" });
  assert.deepEqual(r.findings.map((f) => [f.code, f.range.start.line]), [['duplicate-key', 6]]);
});

test('an apostrophe inside a plain flow scalar does not blind the nesting guard', () => {
  const r = check({ 'zuul.d/jobs.yaml': `- job:\n    name: a\n    tags: [a'b, ${'['.repeat(800)}${']'.repeat(800)}]\n` });
  assert.deepEqual(r.findings.map((f) => f.code), ['yaml-syntax']);
  assert.match(r.findings[0].message, /nests collections more than 256 levels deep/);
  assert.equal(r.findings[0].range.start.line, 2);
});

test('quotes, block scalars and comments full of brackets are text, not nesting', () => {
  const deep = '['.repeat(300);
  const yaml = `- job:\n    name: a\n    description: |\n      ${deep}\n    vars:\n      s: "${deep} it's"\n      t: '${deep} "'\n      u: plain ${deep}\n    # ${deep}\n`;
  const r = check({ 'zuul.d/jobs.yaml': yaml });
  assert.deepEqual(r.findings, []);
});

test('a 10,000-character files pattern on a 3,000-file repo is left untested instead of taking minutes', { timeout: 120_000 }, () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 3000; i++) files[`src/dir${i % 10}/file${i}.py`] = '';
  const pattern = `src/${'.?'.repeat(4998)}x`;
  files['zuul.d/jobs.yaml'] = `- job:\n    name: a\n    files:\n      - ${pattern}\n      - ^src/dir1/nope.*$\n- project:\n    check:\n      jobs: [a]\n`;
  const r = check(files, 30_000);
  // The plain dead pattern beside it is still found.
  assert.deepEqual(r.findings.map((f) => [f.code, f.range.start.line]), [['files-matcher-matches-nothing', 4]]);
});

test('a chain of mappings each merging the one before five times is checked in linear time', { timeout: 120_000 }, () => {
  const lines = ['- job:', '    name: m0', '    vars: &v0 {k0: 0, bad-0: 0}'];
  for (let i = 1; i <= 14; i++) lines.push(`- job:\n    name: m${i}\n    vars: &v${i}\n      <<: [${Array(5).fill(`*v${i - 1}`).join(', ')}]\n      k${i}: ${i}`);
  lines.push('- job:\n    name: self\n    vars: &s\n      <<: *s\n      bad-s: 1');
  // 5^14 expansions took hours before; the invalid names are still found, once each where they are written.
  const r = check({ 'zuul.d/jobs.yaml': `${lines.join('\n')}\n` }, 30_000);
  assert.deepEqual(r.findings.map((f) => [f.code, f.range.start.line, f.message.match(/"(bad-[0-9s])"/)?.[1]]), [
    ['invalid-variable-name', 2, 'bad-0'],
    ['invalid-variable-name', 77, 'bad-s'],
  ]);
});

test('a file that starts with a byte order mark reads as Zuul reads it (PyYAML skips the mark)', () => {
  const r = check({ 'zuul.d/jobs.yaml': '\ufeff- job:\n    name: a\n    timout: 1\n' });
  assert.deepEqual(r.findings.map((f) => [f.code, f.range.start.line, f.range.start.character]), [['unknown-attribute', 2, 4]]);
});

test('a flow list of 150,000 jobs in a project pipeline: every rule runs, each unknown job is reported', { timeout: 180_000 }, () => {
  const jobs = Array.from({ length: 150_000 }, (_, i) => `job-${i % 50}`).join(', ');
  const r = check({ 'zuul.d/jobs.yaml': `- job:\n    name: job-0\n- project:\n    check:\n      jobs: [${jobs}]\n` }, 120_000);
  assert.equal(r.findings.filter((f) => f.code === 'unknown-job').length, 147_000);
  assert.deepEqual(new Set(r.findings.map((f) => f.code)), new Set(['unknown-job']));
});

test('a flow mapping with 150,000 keys: its one duplicate key is found', { timeout: 120_000 }, () => {
  const keys = Array.from({ length: 150_000 }, (_, i) => `k${i}: v`).join(', ');
  const r = check({ 'zuul.d/jobs.yaml': `- job:\n    name: a\n    vars: {${keys}, k7: again}\n` }, 60_000);
  assert.deepEqual(r.findings.map((f) => [f.code, f.message.match(/"(k\d+)"/)?.[1]]), [['duplicate-key', 'k7']]);
});

test('an unknown name with a line break or a quote stays on its one folded line', () => {
  const root = tree({ 'r/.git/HEAD': '', 'r/zuul.d/jobs.yaml': '- job:\n    name: a\n    parent: "odd\\nname \\"x\\""\n- job:\n    name: b\n    parent: "odd\\nname \\"x\\""\n' });
  try {
    const r = runCli(['r'], root);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.deepEqual(lines, ['r/zuul.d/jobs.yaml:3:13: warning unknown-parent job "odd\\nname \\"x\\"" is not defined in the open repositories: 2 uses, also at r/zuul.d/jobs.yaml:6:13']);
  } finally {
    remove(root);
  }
});

test('sarif on 80,000 unknown jobs in one file takes time linear in the findings (fingerprints read each file once)', () => {
  const n = 80_000;
  const jobs = Array.from({ length: n }, (_, i) => `j${i}x`).join(', ');
  const root = tree({ 'r/.git/HEAD': '', 'r/zuul.d/p.yaml': `- project:\n    check:\n      jobs: [${jobs}]\n` });
  try {
    // A fingerprint that split the file's text per finding took minutes here.
    const r = runCli(['r', '--format', 'sarif'], root, 60_000);
    const results = (JSON.parse(r.stdout) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }).runs[0].results;
    assert.equal(results.length, n);
    assert.equal(new Set(results.map((x) => Object.values(x.partialFingerprints)[0])).size, n);
  } finally {
    remove(root);
  }
});
