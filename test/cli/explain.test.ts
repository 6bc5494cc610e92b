// `zuul-check explain JOB`: the effective job, folded as Zuul's
// Job.applyVariant folds it, each value with the line that set it. Runs the
// built CLI on an inline workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineRepos } from '../helpers/inlineRepos';
import { runCli } from './helpers';
import type { EffectiveJob, Sourced, VarTree } from '../../protocol/src';

const FILES = {
  'base-jobs/zuul.d/jobs.yaml': `- job:
    name: base
    parent: null
    timeout: 1800
    pre-run: playbooks/pre.yaml
    post-run: playbooks/post.yaml
    run: playbooks/base-run.yaml
    vars:
      mirror: {host: mirror.example.org, port: 80}
      keep: base
    files:
      - ^base/.*
`,
  'app/zuul.d/jobs.yaml': `- secret:
    name: site-key
    data: {key: value}

- job:
    name: app-base
    timeout: 3600
    pre-run: playbooks/app-pre.yaml
    post-run: playbooks/app-post.yaml
    vars:
      mirror: {port: 8080}
    files: !inherit
      - ^app/.*

- job:
    name: app-deploy
    parent: app-base
    run: playbooks/deploy.yaml
    secrets:
      - name: deploy_key
        secret: site-key
        pass-to-parent: true
    vars: !override
      only: this

- job:
    name: app-deploy
    branches: ^stable/.*
    timeout: 600

- job:
    name: app-orphan
    parent: not-open-anywhere

- project-template:
    name: app-template
    vars:
      from_template: t
      shared: template
    deploy:
      jobs:
        - app-deploy

- project:
    name: app
    templates: [app-template]
    vars:
      shared: project
    deploy:
      jobs:
        - app-deploy:
            voting: false
`,
};

function explain(args: string[]): EffectiveJob {
  const ws = inlineRepos(FILES, 'zuul-explain-');
  try {
    const r = runCli(['explain', ...args, '--format', 'json'], ws.root);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as EffectiveJob;
  } finally {
    ws.dispose();
  }
}

const at = (s: Sourced) => `${s.source.file}:${s.source.range.start.line + 1}`;
const leaf = (t: VarTree, ...path: string[]): Sourced => {
  let cur: VarTree = t;
  for (const k of path.slice(0, -1)) {
    const e = cur[k];
    assert.ok(e && 'tree' in e, `${k} is a mapping`);
    cur = e.tree;
  }
  const e = cur[path[path.length - 1]];
  assert.ok(e && 'leaf' in e, `${path.join('.')} is a value`);
  return e.leaf;
};

test('explain: the chain root first, the last setter of a value wins, with its line', () => {
  const j = explain(['app-deploy', '--branch', 'master']);
  assert.deepEqual(
    j.applied.map((a) => `${a.kind} ${a.job}`),
    ['job base', 'job app-base', 'job app-deploy'],
  );
  assert.deepEqual(j.skipped.map((s) => `${s.job}: ${s.why}`), ['app-deploy: its branches ^stable/.* does not match master']);
  assert.equal(j.attributes.timeout.value, 3600);
  assert.equal(at(j.attributes.timeout), 'zuul.d/jobs.yaml:7');
  assert.equal(j.attributes.timeout.source.repo, 'app');
  assert.ok(j.complete);
});

test('explain: the variant for a stable branch applies there, and without a branch it is marked, not dropped', () => {
  const stable = explain(['app-deploy', '--branch', 'stable/2025']);
  assert.equal(stable.attributes.timeout.value, 600);
  assert.equal(stable.skipped.length, 0);
  const any = explain(['app-deploy']);
  assert.equal(any.attributes.timeout.value, 600);
  assert.match(any.attributes.timeout.onlyIf ?? '', /only on branches matching \^stable\/\.\*/);
});

test('explain: vars deep-merge, !override replaces, project and template vars go beneath the job vars', () => {
  const base = explain(['app-base']);
  assert.equal(leaf(base.vars.vars, 'mirror', 'port').value, 8080);
  assert.equal(leaf(base.vars.vars, 'mirror', 'host').value, 'mirror.example.org');
  assert.equal(leaf(base.vars.vars, 'mirror', 'host').source.repo, 'base-jobs');
  assert.equal(leaf(base.vars.vars, 'keep').value, 'base');
  const deploy = explain(['app-deploy', '--project', 'app', '--pipeline', 'deploy', '--branch', 'master']);
  assert.deepEqual(Object.keys(deploy.vars.vars).sort(), ['from_template', 'only', 'shared']);
  assert.equal(leaf(deploy.vars.vars, 'shared').value, 'project');
  assert.equal(deploy.attributes.voting.value, false);
  assert.deepEqual(
    deploy.applied.map((a) => `${a.kind} ${a.job}${a.pipeline ? ` ${a.pipeline}` : ''}`).slice(-2),
    ['variant app-deploy deploy', 'variant app-deploy deploy'],
  );
});

test('explain: playbooks in run order, the child run replacing, pass-to-parent secrets reaching the parents', () => {
  const j = explain(['app-deploy', '--branch', 'master']);
  assert.deepEqual(
    j.playbooks.map((p) => `${p.phase} ${p.repo}/${p.path}`),
    ['pre-run base-jobs/playbooks/pre.yaml', 'pre-run app/playbooks/app-pre.yaml', 'run app/playbooks/deploy.yaml', 'post-run app/playbooks/app-post.yaml', 'post-run base-jobs/playbooks/post.yaml'],
  );
  assert.ok(j.playbooks.every((p) => p.secrets.includes('deploy_key')), 'pass-to-parent gives the secret to every playbook');
  assert.deepEqual(j.secrets.map((s) => `${s.name}=${s.secret} ${s.passToParent} ${s.job}`), ['deploy_key=site-key true app-deploy']);
  assert.deepEqual(j.roles.map((r) => r.project), ['app', 'base-jobs']);
});

test('explain: files replace by default and add up under !inherit', () => {
  const j = explain(['app-base']);
  assert.deepEqual(
    j.lists.files.map((f) => `${f.value} ${f.source.repo}`),
    ['^base/.* base-jobs', '^app/.* app'],
  );
});

test('explain: a parent outside the open repos is said, at the parent', () => {
  const j = explain(['app-orphan']);
  assert.equal(j.complete, false);
  assert.ok(j.notes.some((n) => n.attribute === 'parent' && /not-open-anywhere is not defined in the open repositories/.test(n.message)));
});

test('explain: text output carries a "# from repo/file:line" comment on each value; mistakes are one line and exit 2', () => {
  const ws = inlineRepos(FILES, 'zuul-explain-');
  try {
    const text = runCli(['explain', 'app-deploy', '--branch', 'master'], ws.root);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^timeout: 3600 {2}# from app\/zuul\.d\/jobs\.yaml:7$/m);
    assert.match(text.stdout, /^ {2}- \{run: playbooks\/deploy\.yaml, repo: app\} {2}# from app\/zuul\.d\/jobs\.yaml:18 /m);
    const unknown = runCli(['explain', 'no-such-job'], ws.root);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no job no-such-job is defined in the open repositories/);
    const half = runCli(['explain', 'app-deploy', '--project', 'app'], ws.root);
    assert.equal(half.status, 2);
    assert.match(half.stderr, /a project and a pipeline go together/);
    const wrong = runCli(['explain', 'app-deploy', '--project', 'app', '--pipeline', 'gate'], ws.root);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /app has no gate pipeline; it has deploy/);
    const stray = runCli(['.', '--branch', 'master'], ws.root);
    assert.equal(stray.status, 2);
    assert.match(stray.stderr, /--branch belongs to zuul-check explain/);
  } finally {
    ws.dispose();
  }
});
