// semaphore-conflict-inherited: a semaphore that becomes a job semaphore and
// a playbook semaphore of one job across stanzas; Zuul fails freezing the
// job graph with "Semaphores {...} specified as both job and playbook
// semaphores but may only be used for one" (verified with Zuul's own loader
// and job-graph freezing, including the child whose run replaces the
// parent's, which passes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { runInline } from './inlineRun';

test('semaphore-conflict-inherited: through inheritance and through a pipeline entry, not when a run replaces the parent\'s', () => {
  const A = 'app/.zuul.yaml';
  const r = runInline({
    'config/zuul.d/main.yaml': yaml`
      - pipeline: {name: check, manager: independent, trigger: {}}
      - job:
          name: base
          parent: null
          run: playbooks/base.yaml
    `,
    [A]: yaml`
      - job:
          name: locked
          semaphore: deploy
      - job:
          name: locked-child
          parent: locked
          pre-run:
            - name: playbooks/pre.yaml
              semaphores: |deploy
      - job:
          name: run-locked
          run:
            - name: playbooks/run.yaml
              semaphores: [db]
      - job:
          name: run-replaced
          parent: run-locked
          semaphores: db
          run: playbooks/own.yaml
      - job:
          name: both-in-one
          semaphores: [solo]
          run:
            - name: playbooks/solo.yaml
              semaphores: solo
      - project:
          check:
            jobs:
              - locked-child
              - run-replaced
              - run-locked:
                  semaphores: [|db]
    `,
  });
  const found = r.of('semaphore-conflict-inherited');
  assert.deepEqual(
    found.map((f) => [f.range, f.severity]),
    [
      [r.span(A, 0, 'deploy'), 'error'],
      [r.span(A, 1, 'db'), 'error'],
    ],
    r.stderr,
  );
  const [child, entry] = found;
  assert.match(child.message, /Semaphore "deploy" is the semaphore of the playbook playbooks\/pre.yaml of locked-child here and the job semaphore of locked/);
  assert.match(child.message, /"Semaphores \{'deploy'\} specified as both job and playbook semaphores but may only be used for one"/);
  assert.deepEqual(child.related?.map((x) => [x.message, x.range.start.line]), [['deploy: job semaphore of locked', 2]]);
  assert.match(entry.message, /the check job graph of app/);
  // Within one stanza it is the load-time rule's.
  assert.equal(r.of('semaphore-conflict').length, 1);
});
