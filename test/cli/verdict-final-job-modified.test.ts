// final-job-modified: a final job changed afterwards; Zuul fails freezing
// the job graph with "Unable to modify final job ... attribute K=V with
// variant ..." (verified with Zuul's own loader and job-graph freezing:
// timeout, required-projects: [] and post-review on an entry, a later
// variant (attribute roles) and a child (attribute parent) are rejected;
// voting, tags, files, dependencies, branches and vars: {} are not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { runInline } from './inlineRun';

const CONFIG = yaml`
  - pipeline: {name: check, manager: independent, trigger: {}}
  - pipeline: {name: gate, manager: dependent, trigger: {}}
  - job:
      name: base
      parent: null
      run: playbooks/base.yaml
`;

test('final-job-modified: pipeline entries that set execution attributes, later variants and children', () => {
  const A = 'app/.zuul.yaml';
  const r = runInline({
    'config/zuul.d/main.yaml': CONFIG,
    [A]: yaml`
      - job:
          name: fin
          final: true
      - job:
          name: fin-variant
          final: true
      - job:
          name: |fin-variant
          description: a later variant
      - job:
          name: partly-final
          final: true
      - job:
          name: |partly-final
          branches: stable
      - job:
          name: child
          parent: |partly-final
      - job:
          name: all-final
          final: true
      - job:
          name: child-of-all-final
          parent: all-final
      - project:
          check:
            jobs:
              - fin:
                  voting: false
                  tags: [x]
                  files: [src/]
                  dependencies: []
                  branches: master
                  abstract: false
                  vars: {}
              - fin-variant
              - child
          gate:
            jobs:
              - fin:
                  |timeout: 60
                  |required-projects: []
    `,
  });
  const found = r.of('final-job-modified');
  assert.deepEqual(
    found.map((f) => [f.range, f.severity]),
    [
      [r.span(A, 0, 'fin-variant'), 'error'],
      [r.span(A, 1, 'partly-final'), 'warning'],
      [r.span(A, 2, 'partly-final'), 'error'],
      [r.span(A, 3, 'timeout'), 'error'],
      [r.span(A, 4, 'required-projects'), 'error'],
    ],
    r.stderr,
  );
  const [variant, branched, child, timeout, required] = found;
  assert.match(variant.message, /"Unable to modify final job fin-variant attribute roles=… with variant fin-variant"/);
  assert.match(branched.message, /on the branches both stanzas match/);
  assert.match(child.message, /"Unable to modify final job partly-final attribute parent=partly-final with variant child"/);
  assert.match(timeout.message, /"Unable to modify final job fin attribute timeout=60 with variant fin"/);
  assert.match(timeout.message, /the gate job graph of app/);
  assert.match(required.message, /attribute required_projects=…/);
  assert.deepEqual(timeout.related?.map((x) => [x.message, x.range.start.line]), [['fin is declared final here', 2]]);
  // A parent final on every variant is rejected at load time: final-parent's.
  assert.equal(r.of('final-parent').length, 1);
});
