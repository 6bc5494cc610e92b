// Which repo's files a job's files / irrelevant-files are judged against when
// a project stanza (project-config style) runs the job for another project:
// that project's repo when the workspace holds it, and nothing at all when it
// does not (Zuul matches them against the changed files of the project the
// item is for, reference §3.7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { at, findings, inlineRepos, starts } from '../helpers/inlineRepos';

const RULES = ['files-matcher-matches-nothing', 'files-matcher-matches-everything'];

// project-config runs most of its own jobs (so its job stanzas used to be
// judged against its own files), and one job for openstack/releases.
const PROJECT_CONFIG = (pattern: string) => yaml`
  - job:
      name: project-config-lint
      files: [^zuul.d/, ^tools/]
  - job:
      name: check-release-approval
      files:
        - |${pattern}
      irrelevant-files:
        - regex: ^deliverables/
          negate: true
  - project:
      name: openstack/project-config
      check:
        jobs: [project-config-lint]
  - project:
      name: openstack/releases
      check:
        jobs: [check-release-approval]
`;

const CONFIG_FILES = { 'project-config/tools/check.sh': '' };
const RELEASES_FILES = { 'releases/deliverables/x.yaml': '', 'releases/README.rst': '', 'releases/.zuul.yaml': '- project:\n    check:\n      jobs: [noop]\n' };

test('a job project-config runs for another open repo is judged against that repo\'s files: a live pattern is fine (fails before the fix: judged against project-config\'s own files)', () => {
  const ws = inlineRepos({ ...CONFIG_FILES, ...RELEASES_FILES, 'project-config/zuul.d/jobs.yaml': PROJECT_CONFIG('^deliverables/.*$') });
  try {
    assert.deepEqual(findings(ws, RULES), []);
  } finally {
    ws.dispose();
  }
});

test('a dead pattern of such a job is reported with the repo it runs for', () => {
  const ws = inlineRepos({ ...CONFIG_FILES, ...RELEASES_FILES, 'project-config/zuul.d/jobs.yaml': PROJECT_CONFIG('^deliverable/.*$') });
  try {
    const fs = findings(ws, RULES);
    assert.deepEqual(starts(fs), at('project-config/zuul.d/jobs.yaml', ws.marks('project-config/zuul.d/jobs.yaml')));
    assert.match(fs[0].message, /^The files pattern "\^deliverable\/\.\*\$" matches no file of releases, so no pattern of this files: list matches a file, and check-release-approval never runs .* Did you mean "\^deliverables\/\.\*\$"\?$/);
  } finally {
    ws.dispose();
  }
});

test('the repo the job runs for is not open: nothing is said about its matchers (fails before the fix)', () => {
  const ws = inlineRepos({ ...CONFIG_FILES, 'project-config/zuul.d/jobs.yaml': PROJECT_CONFIG('^deliverables/.*$') });
  try {
    assert.deepEqual(findings(ws, RULES), []);
  } finally {
    ws.dispose();
  }
});

test('a job run for two open repos: a pattern is dead only when it matches in neither', () => {
  const ws = inlineRepos({
    'lib/playbooks/run.yaml': '',
    'lib/zuul.yaml': yaml`
      - job:
          name: shared
          files:
            - ^playbooks/
            - ^src/
            - |^nowhere/
      - project:
          check:
            jobs: [shared]
    `,
    'app/src/main.py': '',
    'app/zuul.yaml': '- project:\n    check:\n      jobs: [shared]\n',
  });
  try {
    const fs = findings(ws, RULES);
    assert.deepEqual(starts(fs), at('lib/zuul.yaml', ws.marks('lib/zuul.yaml')));
    assert.match(fs[0].message, /matches no file of app or lib, so shared/);
  } finally {
    ws.dispose();
  }
});

test('a project-template\'s matchers are judged against the open projects that use it', () => {
  const ws = inlineRepos({
    'templates/README.rst': '',
    'templates/zuul.yaml': yaml`
      - job:
          name: docs-build
      - project-template:
          name: docs-jobs
          check:
            jobs:
              - docs-build:
                  files: [^doc/, |^docs/]
    `,
    'app/doc/index.rst': '',
    'app/zuul.yaml': '- project:\n    templates: [docs-jobs]\n',
  });
  try {
    const fs = findings(ws, RULES);
    assert.deepEqual(starts(fs), at('templates/zuul.yaml', ws.marks('templates/zuul.yaml')));
    assert.match(fs[0].message, /"\^docs\/" matches no file of app, so docs-build/);
  } finally {
    ws.dispose();
  }
});
