// no-run-playbook: a listed job whose whole chain sets no run playbook;
// Zuul fails freezing the job graph with "Job NAME does not specify a run
// playbook" (verified with Zuul's own loader and job-graph freezing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { runInline } from './inlineRun';

const CONFIG = yaml`
  - pipeline:
      name: check
      manager: independent
      trigger: {}
  - job:
      name: base
      parent: null
      pre-run: playbooks/pre.yaml
  - job:
      name: base-with-run
      parent: null
      run: playbooks/base.yaml
`;

test('no-run-playbook: at each entry of a job whose chain, variants and entries set no run', () => {
  const A = 'app/.zuul.yaml';
  const T = 'lib/zuul.d/templates.yaml';
  const r = runInline({
    'config/zuul.d/main.yaml': CONFIG,
    [T]: yaml`
      - job:
          name: lib-lint
      - project-template:
          name: lib-checks
          check:
            jobs:
              - |lib-lint
      - project-template:
          name: unused-template
          check:
            jobs:
              - lib-lint
    `,
    [A]: yaml`
      - job:
          name: no-run
          description: inherits base, which only has pre-run
      - job:
          name: runs-by-parent
          parent: base-with-run
          run: []
      - job:
          name: runs-in-variant
      - job:
          name: runs-in-variant
          run: playbooks/variant.yaml
      - job:
          name: runs-in-entry
      - job:
          name: abstract-no-run
          abstract: true
      - job:
          name: outside-parent
          parent: not-in-the-workspace
      - project:
          templates: [lib-checks]
          check:
            jobs:
              - |no-run
              - runs-by-parent
              - runs-in-variant
              - runs-in-entry:
                  run: playbooks/entry.yaml
              - |abstract-no-run
              - outside-parent
    `,
  });
  const found = r.of('no-run-playbook');
  assert.deepEqual(
    found.map((f) => [f.file, f.range, f.severity]),
    [
      [A, r.span(A, 0, 'no-run'), 'error'],
      [T, r.span(T, 0, 'lib-lint'), 'error'],
    ],
    r.stderr,
  );
  assert.match(found[0].message, /"Job no-run does not specify a run playbook"/);
  assert.match(found[0].message, /\(no-run → base\)/);
  assert.match(found[0].message, /the check job graph of app/);
  assert.deepEqual(found[0].related?.map((x) => x.message), ['base (no run playbook)', 'no-run (no run playbook)']);
  assert.match(found[1].message, /"Job lib-lint does not specify a run playbook"/);
  // The abstract job is reported as abstract, as Zuul does: it checks that first.
  assert.deepEqual(r.of('abstract-job-in-pipeline').map((f) => f.range), [r.span(A, 1, 'abstract-no-run')]);
});

test('no-run-playbook: nothing when the default parent is not open, so that the chain is not known', () => {
  const r = runInline({
    'app/.zuul.yaml': yaml`
      - job:
          name: no-run
      - project:
          check:
            jobs: [no-run]
    `,
  });
  assert.deepEqual(r.of('no-run-playbook'), []);
});
