// project-forbidden: Zuul's "Project Forbidden" for project stanzas of
// untrusted repos that configure another project (verified with Zuul's own
// loader: one error per stanza, and for a regex one per other project it
// matches).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { runInline, where } from './inlineRun';

const ZUUL = 'Within an untrusted project, the only project definition permitted is that of the project itself';

const FILES: Record<string, string> = {
  'config/zuul.d/main.yaml': yaml`
    - pipeline:
        name: check
        manager: independent
        trigger: {}
    - job:
        name: base
        parent: null
        run: playbooks/base.yaml
    - project:
        name: lib
        check: {jobs: [noop]}
    - project:
        name: ^.*$
        check: {jobs: [noop]}
  `,
  'app/.zuul.yaml': yaml`
    - project:
        check: {jobs: [noop]}
    - project:
        name: |lib
        check: {jobs: [noop]}
    - project:
        name: |^li.*$
        check: {jobs: [noop]}
    - project:
        name: |^nothing-.*$
        check: {jobs: [noop]}
    - project:
        name: ^app$
        check: {jobs: [noop]}
  `,
  'lib/.zuul.yaml': yaml`
    - project:
        name: lib
        check: {jobs: [noop]}
    - project:
        name: |org/other
        check: {jobs: [noop]}
  `,
  'solo/.zuul.yaml': yaml`
    - project:
        name: org/solo-under-its-tenant-name
        check: {jobs: [noop]}
  `,
  'multi/.zuul.yaml': yaml`
    - project:
        name: |org/one
        check: {jobs: [noop]}
    - project:
        name: |org/two
        check: {jobs: [noop]}
  `,
  'basejobs/zuul.d/jobs.yaml': yaml`
    - job:
        name: site-base
        parent: null
    - project:
        name: |lib
        check: {jobs: [noop]}
  `,
};

// Zuul's loader on FILES (tenant of the folders, config and basejobs trusted)
// reports the same stanzas as errors, except: ^nothing-.*$ matches no project
// of its tenant (a real tenant has more), and solo's one name is another
// project there (a checkout folder need not carry the tenant name).
test('project-forbidden: stanzas of untrusted repos for other projects, with Zuul\'s words and exact ranges', () => {
  const r = runInline(FILES);
  const found = r.of('project-forbidden');
  assert.deepEqual(
    found.map((f) => [where(f), f.severity]),
    [
      ['project-forbidden@app/.zuul.yaml:4:11', 'error'],
      ['project-forbidden@app/.zuul.yaml:7:11', 'error'],
      ['project-forbidden@app/.zuul.yaml:10:11', 'warning'],
      ['project-forbidden@lib/.zuul.yaml:5:11', 'error'],
      ['project-forbidden@multi/.zuul.yaml:2:11', 'warning'],
      ['project-forbidden@multi/.zuul.yaml:5:11', 'warning'],
    ],
    r.stderr,
  );
  assert.deepEqual(found[0].range, r.span('app/.zuul.yaml', 0, 'lib'));
  assert.deepEqual(found[1].range, r.span('app/.zuul.yaml', 1, '^li.*$'));
  assert.deepEqual(found[3].range, r.span('lib/.zuul.yaml', 0, 'org/other'));
  for (const f of found) assert.ok(f.message.includes(ZUUL), f.message);
  assert.match(found[0].message, /"lib" is the open repo lib/);
  assert.match(found[1].message, /the regex matches the project lib/);
  assert.match(found[3].message, /this repo's own stanza is "lib"/);
  assert.match(found[4].message, /at most one of them can be the repo itself/);
});

test('project-forbidden: a repo the settings call a config project may configure others; a base-job repo is untrusted only once configProjects is set', () => {
  const r = runInline(FILES, 'configProjects: [config, app]\n');
  assert.deepEqual(
    r.of('project-forbidden').map(where),
    ['project-forbidden@basejobs/zuul.d/jobs.yaml:5:11', 'project-forbidden@lib/.zuul.yaml:5:11', 'project-forbidden@multi/.zuul.yaml:2:11', 'project-forbidden@multi/.zuul.yaml:5:11'].sort(),
    r.stderr,
  );
});
