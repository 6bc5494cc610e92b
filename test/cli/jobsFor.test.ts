// `zuul-check jobs-for`: which jobs a change runs, from named files, from
// `git diff REV` and from what is not committed yet; the file matchers as
// Zuul evaluates them, a hard dependency pulling in a filtered-out job, a
// config change that lifts the matchers only for the jobs it alters, and
// the warnings. Runs the built CLI on a git repository made for the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { remove, tree } from '../helpers/tmp';
import { commitAll, git } from '../helpers/git';
import { runCli } from './helpers';
import type { JobsForPipeline } from '../../protocol/src';

const JOBS = `- job:
    name: base
    parent: null
    run: playbooks/run.yaml

- job:
    name: bootstrap
    files:
      - ^bootstrap/

- job:
    name: docs
    files:
      - ^doc/
    # docs only

- job:
    name: unit
    irrelevant-files:
      - ^doc/
      - {regex: ^README, negate: false}

- job:
    name: deploy
    files: ^deploy/
    dependencies:
      - bootstrap

- job:
    name: late
    dependencies:
      - name: docs
        soft: true
`;
const PROJECT = `- project:
    name: app
    check:
      jobs:
        - docs
        - unit
        - late
    deploy:
      jobs:
        - bootstrap
        - deploy
`;

let root: string;

before(() => {
  root = tree({ 'app/zuul.d/jobs.yaml': JOBS, 'app/zuul.d/project.yaml': PROJECT, 'app/playbooks/run.yaml': '- hosts: all\n', 'app/doc/index.rst': 'x\n', 'app/src/x.py': '\n' }, 'zuul-jobs-for-');
  commitAll(join(root, 'app'));
});

after(() => remove(root));

type Result = { project: string; files: string[]; pipelines: JobsForPipeline[] }[];

function jobsFor(args: string[], status = 0): Result {
  const r = runCli(['jobs-for', ...args, '--format', 'json'], root);
  assert.equal(r.status, status, r.stderr);
  return JSON.parse(r.stdout) as Result;
}

const verdicts = (r: Result, pipeline: string) => Object.fromEntries(r[0].pipelines.find((p) => p.pipeline === pipeline)!.jobs.map((j) => [j.job, j.runs === true ? (j.pulledBy ? `pulled in by ${j.pulledBy.join(',')}` : 'runs') : j.runs === false ? 'skipped' : 'unknown']));

test('jobs-for: files and irrelevant-files as Zuul matches them, with the entry that decided', () => {
  const r = jobsFor(['app/doc/index.rst', 'app/README.md']);
  assert.equal(r[0].project, 'app');
  assert.deepEqual(r[0].files, ['doc/index.rst', 'README.md']);
  assert.deepEqual(verdicts(r, 'check'), { docs: 'runs', unit: 'skipped', late: 'runs' });
  const unit = r[0].pipelines[0].jobs.find((j) => j.job === 'unit')!;
  assert.match(unit.why, /every changed file matches its irrelevant-files/);
  assert.equal(unit.matcher?.attribute, 'irrelevant-files');
  assert.equal(unit.matcher?.entry.source.range.start.line, 19);
  const docs = r[0].pipelines[0].jobs.find((j) => j.job === 'docs')!;
  assert.match(docs.why, /doc\/index\.rst matches files "\^doc\/"/);
});

test('jobs-for: a filtered-out job that a running job needs through a hard dependency runs anyway', () => {
  const r = jobsFor(['app/deploy/site.yaml', '--pipeline', 'deploy']);
  assert.equal(r[0].pipelines.length, 1);
  assert.deepEqual(verdicts(r, 'deploy'), { bootstrap: 'pulled in by deploy', deploy: 'runs' });
});

test('jobs-for: a soft dependency that does not run is a warning, and the exit status says so', () => {
  const r = jobsFor(['app/src/x.py', '--pipeline', 'check'], 1);
  assert.deepEqual(verdicts(r, 'check'), { docs: 'skipped', unit: 'runs', late: 'runs' });
  assert.deepEqual(r[0].pipelines[0].warnings.map((w) => w.message), ['late runs without waiting for docs: a soft dependency, and docs does not run for this change']);
});

test('jobs-for --diff: a config change lifts the file matchers of the jobs it alters, not of the others in the file', () => {
  writeFileSync(join(root, 'app/zuul.d/jobs.yaml'), JOBS.replace('    # docs only\n', '    voting: false\n').replace('name: base\n', 'name: base\n    # a comment changes nothing\n'));
  git(join(root, 'app'), 'commit', '-qam', 'docs does not vote');
  const r = jobsFor(['--diff', 'HEAD~1', '--pipeline', 'check']);
  assert.deepEqual(r[0].files, ['zuul.d/jobs.yaml']);
  assert.deepEqual(verdicts(r, 'check'), { docs: 'runs', unit: 'runs', late: 'runs' });
  const docs = r[0].pipelines[0].jobs.find((j) => j.job === 'docs')!;
  assert.match(docs.why, /the change alters its stanza of docs in zuul\.d\/jobs\.yaml: Zuul ignores its file matchers/);
  const deploy = jobsFor(['--diff', 'HEAD~1', '--pipeline', 'deploy']);
  assert.deepEqual(verdicts(deploy, 'deploy'), { bootstrap: 'skipped', deploy: 'skipped' }, 'a comment in base and an edit of docs alter neither');
});

test('jobs-for without files or --diff: what is not committed yet; named config files without git are "not known"', () => {
  writeFileSync(join(root, 'app/bootstrap.txt'), 'new\n');
  writeFileSync(join(root, 'app/deploy.yaml'), 'x\n');
  mkdirSync(join(root, 'app/bootstrap'), { recursive: true });
  writeFileSync(join(root, 'app/bootstrap/setup.sh'), 'x\n');
  const r = jobsFor(['--pipeline', 'deploy']);
  assert.deepEqual(r[0].files.sort(), ['bootstrap.txt', 'bootstrap/setup.sh', 'deploy.yaml']);
  assert.deepEqual(verdicts(r, 'deploy'), { bootstrap: 'runs', deploy: 'skipped' });
  const named = jobsFor(['app/zuul.d/jobs.yaml', '--pipeline', 'deploy']);
  assert.deepEqual(verdicts(named, 'deploy'), { bootstrap: 'unknown', deploy: 'unknown' });
  assert.match(named[0].pipelines[0].jobs[0].why, /whether it alters the job is not known/);
});

test('jobs-for: text output and mistakes', () => {
  const text = runCli(['jobs-for', 'app/doc/index.rst', '--pipeline', 'check'], root);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^check: 2 of 3 jobs run$/m);
  assert.match(text.stdout, /^ {2}skipped {10}unit: every changed file matches its irrelevant-files \(doc\/index\.rst: \^doc\/\) {2}\[irrelevant-files from app\/zuul\.d\/jobs\.yaml:21\]$/m);
  const outside = runCli(['jobs-for', '/etc/hostname'], root);
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /is in no repository of the workspace/);
  const pipeline = runCli(['jobs-for', 'app/doc/index.rst', '--pipeline', 'gate'], root);
  assert.equal(pipeline.status, 2);
  assert.match(pipeline.stderr, /app has no gate pipeline; it has check, deploy/);
  const diff = runCli(['jobs-for', '--diff', 'no-such-rev'], root);
  assert.equal(diff.status, 2);
  assert.match(diff.stderr, /git diff .* failed/);
});
