// "Did you mean" and `zuul-check --fix` on the built CLI: a suggestion must be
// a plausible typo of the part that differs (never any file because the path
// is long), a fix applied without asking must be unambiguous, and a huge name
// must not make the edit distance cost seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli, type JsonFinding } from './helpers';
import { remove, tree } from '../helpers/tmp';

const JOBS = 'zuul.d/jobs.yaml';

interface Outcome {
  findings: JsonFinding[];
  /** The text output (one line per finding). */
  text: string;
  /** What `--fix` printed on stderr. */
  fixLog: string;
  /** zuul.d/jobs.yaml after `--fix`. */
  fixed: string;
}

/** Runs zuul-check (json and text) on a repo made of `files`, then `--fix` on it. */
function run(files: Record<string, string>): Outcome {
  const root = tree(files, 'zuul-suggest-');
  try {
    const json = runCli(['.', '--format', 'json'], root);
    const text = runCli(['.'], root);
    const fix = runCli(['.', '--fix'], root);
    return { findings: JSON.parse(json.stdout) as JsonFinding[], text: text.stdout, fixLog: fix.stderr, fixed: readFileSync(join(root, JOBS), 'utf8') };
  } finally {
    remove(root);
  }
}

const job = (run: string) => `- job:\n    name: demo\n    run: ${run}\n`;

test('a playbook path close to no file gets no suggestion, and --fix leaves it (a long path made every file near)', () => {
  const src = job('playbooks/zuul/totally-unrelated-name-here.yaml');
  const one = run({ [JOBS]: src, 'inventory/base/group_vars/all.yaml': 'x: 1\n' });
  assert.deepEqual(one.findings.map((f) => f.code), ['playbook-not-found']);
  assert.doesNotMatch(one.text, /Did you mean/, one.text);
  assert.doesNotMatch(one.fixLog, /fixed:/, one.fixLog);
  assert.equal(one.fixed, src);

  const two = run({ [JOBS]: src, 'inventory/base/group_vars/all.yaml': '', 'inventory/service/host_vars/bridge.yaml': '' });
  assert.doesNotMatch(two.text, /Did you mean/, two.text);
  assert.equal(two.fixed, src);
});

test('real playbook typos keep their suggestion and --fix writes it', async (t) => {
  const cases: [string, string, string][] = [
    ['a file name a few edits off in the same folder', 'playbooks/service-nameservers.yaml', 'playbooks/service-nameserver.yaml'],
    ['the same long file name in a moved folder', 'playbooks/zuul/infra/deploy-the-service-everywhere.yaml', 'playbooks/infra/deploy-the-service-everywhere.yaml'],
    ['playbook/ for playbooks/', 'playbook/run.yaml', 'playbooks/run.yaml'],
    ['.yml for .yaml', 'playbooks/run.yml', 'playbooks/run.yaml'],
    ['a missing extension', 'playbooks/run', 'playbooks/run.yaml'],
  ];
  for (const [what, wrong, right] of cases) {
    await t.test(what, () => {
      const r = run({ [JOBS]: job(wrong), [right]: '', 'inventory/base/group_vars/all.yaml': '' });
      assert.equal(r.findings.length, 1, r.text);
      assert.ok(r.findings[0].message.includes(`"${right}"`), r.findings[0].message);
      assert.match(r.fixLog, /fixed: Change to /, r.fixLog);
      assert.equal(r.fixed, job(right));
    });
  }
});

test('a file name that two moved folders hold is suggested, never written without asking', () => {
  const src = job('playbooks/deploy.yaml');
  const r = run({ [JOBS]: src, 'playbooks/old/deploy.yaml': '', 'roles/x/deploy.yaml': '' });
  assert.match(r.text, /Did you mean "playbooks\/old\/deploy.yaml"\?/, r.text);
  assert.doesNotMatch(r.fixLog, /fixed:/, r.fixLog);
  assert.equal(r.fixed, src);
});

test('the current name of an attribute Zuul renamed is written by --fix', () => {
  const src = '- pipeline:\n    name: check\n    manager: independent\n    merge-failure:\n      gerrit:\n        Verified: -1\n';
  const r = run({ [JOBS]: src });
  assert.ok(r.findings.some((f) => f.code === 'unknown-attribute' && f.message.includes('Zuul renamed it "merge-conflict"')), r.text);
  assert.equal(r.fixed, src.replace('merge-failure:', 'merge-conflict:'));
});

test('a name that merely starts like a known one is no typo: no suggestion, no fix (secret "site" for "site_logs_upload_key")', () => {
  const src = '- secret:\n    name: site\n    data:\n      key: value\n- job:\n    name: demo\n    secrets:\n      - site_logs_upload_key\n';
  const r = run({ [JOBS]: src });
  assert.deepEqual(r.findings.map((f) => f.code), ['unknown-secret']);
  assert.doesNotMatch(r.text, /Did you mean/, r.text);
  assert.equal(r.fixed, src);
});

test('a missing last word is still suggested (post for post-run) but not applied without asking', () => {
  const src = '- job:\n    name: demo\n    post: playbooks/post.yaml\n';
  const r = run({ [JOBS]: src, 'playbooks/post.yaml': '' });
  const f = r.findings.find((x) => x.code === 'unknown-attribute');
  assert.ok(f, r.text);
  assert.match(f.message, /"post-run"/);
  assert.equal(r.fixed, src);
});

test('a dependency that differs from a known job only in digits (py38 / py39) is reported with the suggestion, not rewritten', () => {
  const src = '- job:\n    name: tox-py39\n- job:\n    name: demo\n    dependencies:\n      - tox-py38\n';
  const r = run({ [JOBS]: src });
  assert.deepEqual(r.findings.map((f) => f.code), ['unknown-dependency']);
  assert.match(r.findings[0].message, /Did you mean "tox-py39"\?/);
  assert.doesNotMatch(r.fixLog, /fixed:/, r.fixLog);
  assert.equal(r.fixed, src);
});

test('a 40,000-character parent one letter off a job name is found, suggested and fixed, in bounded time', () => {
  const name = 'x'.repeat(40_000);
  const typo = `${'x'.repeat(19_999)}y${'x'.repeat(20_000)}`;
  const src = `- job:\n    name: ${name}\n- job:\n    name: other\n    parent: ${typo}\n`;
  const root = tree({ [JOBS]: src }, 'zuul-suggest-long-');
  try {
    // The old quadratic distance took minutes here; a limit turns a hang into a failure.
    const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    const r = cli(['.', '--format', 'json']);
    assert.equal(r.error, undefined, 'zuul-check did not finish within 60 s');
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['unknown-parent', 'error']]);
    assert.ok(findings[0].message.includes(`did you mean "${name}"?`), 'the job one letter away is suggested');
    const fix = cli(['.', '--fix']);
    assert.equal(fix.error, undefined, 'zuul-check --fix did not finish within 60 s');
    assert.equal(readFileSync(join(root, JOBS), 'utf8'), `- job:\n    name: ${name}\n- job:\n    name: other\n    parent: ${name}\n`);
  } finally {
    remove(root);
  }
});
