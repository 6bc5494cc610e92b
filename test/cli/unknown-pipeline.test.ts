// unknown-pipeline on the built CLI. Zuul's own loader (../shared/zuul-oracle)
// loads a project with `periodical:` next to a defined `periodic` pipeline
// without an error or a warning, and its jobs are simply never enqueued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yaml } from '../helpers/marker';
import { at, findings, inlineRepos, starts } from '../helpers/inlineRepos';
import { runCli } from './helpers';

const pipeline = (name: string, trigger = 'gerrit:\n        - event: patchset-created') => `- pipeline:\n    name: ${name}\n    manager: independent\n    trigger:\n      ${trigger}\n`;
const CONFIG = `${pipeline('check')}${pipeline('gate')}${pipeline('periodic', "timer:\n        - time: '0 0 * * *'")}- job:\n    name: base\n    parent: null\n`;

test('a misspelt pipeline of a project and of a project-template is reported with the nearest pipeline, and --fix renames it', () => {
  const app = yaml`
    - job:
        name: app-test
    - project-template:
        name: app-jobs
        |periodical:
          jobs:
            - app-test
    - project:
        templates: [app-jobs]
        check:
          jobs: [app-test]
        |periodical:
          jobs:
            - app-test
  `;
  const ws = inlineRepos({ 'config/zuul.d/pipelines.yaml': CONFIG, 'app/zuul.yaml': app });
  try {
    const fs = findings(ws, ['unknown-pipeline']);
    assert.deepEqual(starts(fs), at('app/zuul.yaml', ws.marks('app/zuul.yaml')));
    assert.deepEqual(fs.map((f) => [f.severity, f.range.end.character - f.range.start.character]), [
      ['warning', 10],
      ['warning', 10],
    ]);
    assert.match(fs[0].message, /^"periodical" in project-template app-jobs is not a pipeline of the tenant: .* ignores it silently, so its job never runs there\. Did you mean "periodic"\?$/);
    assert.match(fs[1].message, /^"periodical" in project app is not a pipeline/);

    const fix = runCli(['.', '--fix'], ws.root);
    assert.equal((fix.stderr.match(/fixed: Change to "periodic"/g) ?? []).length, 2, fix.stderr);
    assert.equal(readFileSync(join(ws.root, 'app/zuul.yaml'), 'utf8'), app.replace(/\|periodical:/g, 'periodic:').replace(/\|/g, ''));
    assert.deepEqual(findings(ws, ['unknown-pipeline']), []);
  } finally {
    ws.dispose();
  }
});

test('no pipeline defined in the open repos: nothing is said about any key', () => {
  const ws = inlineRepos({ 'app/zuul.yaml': '- job:\n    name: a\n- project:\n    periodical:\n      jobs: [a]\n    chek:\n      jobs: [a]\n' });
  try {
    assert.deepEqual(findings(ws, ['unknown-pipeline']), []);
  } finally {
    ws.dispose();
  }
});

test('two pipelines equally near: both offered, neither written without asking', () => {
  const config = `${pipeline('check-arm64')}${pipeline('check-amd64')}`;
  const app = '- job:\n    name: a\n- project:\n    check-a64:\n      jobs: [a]\n';
  const ws = inlineRepos({ 'config/zuul.d/pipelines.yaml': config, 'app/zuul.yaml': app });
  try {
    const fs = findings(ws, ['unknown-pipeline']);
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /Did you mean "check-arm64"\?/);
    const fix = runCli(['.', '--fix'], ws.root);
    assert.doesNotMatch(fix.stderr, /fixed:/);
    assert.equal(readFileSync(join(ws.root, 'app/zuul.yaml'), 'utf8'), app);
  } finally {
    ws.dispose();
  }
});

test('a rename that would duplicate a key the project already has is not offered', () => {
  const app = '- job:\n    name: a\n- project:\n    periodic:\n      jobs: [a]\n    periodical:\n      jobs: [a]\n';
  const ws = inlineRepos({ 'config/zuul.d/pipelines.yaml': CONFIG, 'app/zuul.yaml': app });
  try {
    assert.equal(findings(ws, ['unknown-pipeline']).length, 1);
    runCli(['.', '--fix'], ws.root);
    assert.equal(readFileSync(join(ws.root, 'app/zuul.yaml'), 'utf8'), app);
  } finally {
    ws.dispose();
  }
});

test('a name far from every pipeline: reported in the repo that defines the pipelines, not in another repo (it may belong to a tenant whose config is not open)', () => {
  const ws = inlineRepos({
    'config/zuul.d/pipelines.yaml': CONFIG,
    'config/zuul.d/projects.yaml': yaml`
      - project:
          name: app
          |post-merge-nightly:
            jobs: [base]
    `,
    'app/zuul.yaml': '- job:\n    name: a\n- project:\n    periodic-hourly:\n      jobs: [a]\n',
  });
  try {
    const fs = findings(ws, ['unknown-pipeline']);
    assert.deepEqual(starts(fs), at('config/zuul.d/projects.yaml', ws.marks('config/zuul.d/projects.yaml')));
    assert.match(fs[0].message, /The open repos define "check", "gate", "periodic"\.$/);
  } finally {
    ws.dispose();
  }
});
