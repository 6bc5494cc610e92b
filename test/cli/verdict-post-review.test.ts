// post-review-job-in-pre-review: "Pre-review pipeline P does not allow
// post-review job J" (verified with Zuul's own loader and job-graph
// freezing: a secret of an untrusted repo, on the job or on the entry,
// an inherited post-review: true and a pass-to-parent secret handed to an
// untrusted playbook are rejected in check; config-project secrets and
// post-review pipelines are not; another untrusted project listing the job
// gets "is not allowed to run job" first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { runInline } from './inlineRun';

test('post-review-job-in-pre-review: the ways a job becomes post-review, reported at its entries in pre-review pipelines', () => {
  const A = 'app/.zuul.yaml';
  const C = 'config/zuul.d/main.yaml';
  const r = runInline({
    [C]: yaml`
      - pipeline: {name: check, manager: independent, trigger: {}}
      - pipeline: {name: gate, manager: dependent, post-review: true, trigger: {}}
      - job:
          name: base
          parent: null
          run: playbooks/base.yaml
      - secret:
          name: site_key
          data: {key: value}
      - job:
          name: trusted-secret
          secrets: [site_key]
      - job:
          name: hands-down
          parent: app-run
          secrets:
            - name: key
              secret: site_key
              pass-to-parent: true
      - project:
          name: config
          check:
            jobs:
              - trusted-secret
              - |hands-down
    `,
    [A]: yaml`
      - secret:
          name: app_key
          data: {key: value}
      - job:
          name: app-secret
          secrets: [app_key]
      - job:
          name: pr-parent
          post-review: true
      - job:
          name: pr-child
          parent: pr-parent
      - job:
          name: app-run
          run: playbooks/app.yaml
      - project:
          check:
            jobs:
              - |app-secret
              - |pr-child
              - |app-run:
                  secrets: [app_key]
          gate:
            jobs:
              - app-secret
    `,
    'other/.zuul.yaml': yaml`
      - project:
          check:
            jobs: [app-secret]
    `,
  });
  const found = r.of('post-review-job-in-pre-review');
  assert.deepEqual(
    found.map((f) => [f.file, f.range, f.severity]),
    [
      [A, r.span(A, 0, 'app-secret'), 'error'],
      [A, r.span(A, 1, 'pr-child'), 'error'],
      [A, r.span(A, 2, 'app-run'), 'error'],
      [C, r.span(C, 0, 'hands-down'), 'error'],
    ],
    r.stderr,
  );
  const [secret, inherited, entry, handed] = found;
  assert.match(secret.message, /"Pre-review pipeline check does not allow post-review job app-secret"/);
  assert.match(secret.message, /app-secret uses secret app_key in the untrusted repo app/);
  assert.match(inherited.message, /pr-parent sets post-review: true/);
  assert.match(entry.message, /app-run uses secret app_key in the untrusted repo app/);
  assert.match(handed.message, /hands-down hands secret site_key \(pass-to-parent\) to a playbook of the untrusted repo app/);
  assert.deepEqual(inherited.related?.map((x) => [x.message, x.range.start.line]), [['pr-parent sets post-review: true', 8]]);
});
