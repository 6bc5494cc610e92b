// filtered-hard-dependency on the built CLI. What Zuul does was checked by
// running its pipeline model (../shared/zuul-oracle, with the changed files
// of a change applied at freeze): with a change to src/main.py only, a job
// `bootstrap` with `files: ^playbooks/bootstrap.yaml` stays in the graph
// when `deploy` hard-depends on it ("Forcing non-matching hard dependency"),
// and is dropped when only a soft dependency names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { at, findings, inlineRepos, starts } from '../helpers/inlineRepos';

const PIPELINES = yaml`
  - pipeline:
      name: deploy
      manager: serial
      trigger:
        gerrit:
          - event: change-merged
  - pipeline:
      name: hourly
      manager: independent
      trigger:
        timer:
          - time: '0 * * * *'
`;

const REPO_FILES = {
  'system-config/playbooks/bootstrap-bridge.yaml': '',
  'system-config/playbooks/service-zuul.yaml': '',
  'system-config/playbooks/service-dns.yaml': '',
  'system-config/inventory/hosts.yaml': '',
  'system-config/docs/index.rst': '',
};

test('the deploy pipeline\'s bootstrap job filtered by files: while the jobs that hard-depend on it are not: one finding on its matcher, with a change that shows it', () => {
  const ws = inlineRepos({
    'config/zuul.d/pipelines.yaml': PIPELINES,
    ...REPO_FILES,
    'system-config/zuul.yaml': yaml`
      - job:
          name: infra-prod-bootstrap-bridge
          |files:
            - ^playbooks/bootstrap-bridge.yaml
            - ^inventory/
      - job:
          name: infra-prod-service-zuul
          files: [^playbooks/service-zuul.yaml, ^inventory/]
      - job:
          name: infra-prod-service-dns
      - job:
          name: infra-prod-service-soft
      - project:
          deploy:
            jobs:
              - infra-prod-bootstrap-bridge
              - infra-prod-service-zuul:
                  dependencies: [infra-prod-bootstrap-bridge]
              - infra-prod-service-dns:
                  dependencies:
                    - name: infra-prod-bootstrap-bridge
              - infra-prod-service-soft:
                  dependencies:
                    - name: infra-prod-bootstrap-bridge
                      soft: true
          hourly:
            jobs:
              - infra-prod-bootstrap-bridge
              - infra-prod-service-dns:
                  dependencies: [infra-prod-bootstrap-bridge]
    `,
  });
  try {
    const fs = findings(ws, ['filtered-hard-dependency']);
    assert.deepEqual(starts(fs), at('system-config/zuul.yaml', ws.marks('system-config/zuul.yaml')));
    const f = fs[0];
    assert.equal(f.severity, 'warning');
    assert.equal(f.range.end.character, f.range.start.character + 'files'.length);
    assert.match(f.message, /^The files matcher of infra-prod-bootstrap-bridge can leave it out while infra-prod-service-zuul and infra-prod-service-dns, which have a hard dependency on it, run: in deploy of system-config, a change that touches only "playbooks\/service-zuul.yaml" runs infra-prod-service-zuul but not infra-prod-bootstrap-bridge\./);
    assert.match(f.message, /Zuul before 11\.3\.0 then fails the whole buildset \("Job infra-prod-service-zuul depends on infra-prod-bootstrap-bridge which was not run\."\); 11\.3\.0 and later force infra-prod-bootstrap-bridge to run anyway \("Forcing non-matching hard dependency"\)/);
    // The soft dependent and the timer-only pipeline (no changed files) are not among the dependents.
    assert.doesNotMatch(f.message, /infra-prod-service-soft|hourly/);
    assert.deepEqual(
      f.related?.map((r) => [r.file, r.range.start.line, r.message]),
      [
        ['system-config/zuul.yaml', 17, 'infra-prod-service-zuul depends on infra-prod-bootstrap-bridge here (hard)'],
        ['system-config/zuul.yaml', 20, 'infra-prod-service-dns depends on infra-prod-bootstrap-bridge here (hard)'],
      ],
    );
  } finally {
    ws.dispose();
  }
});

test('nothing when no change can run the dependent without the dependency: same matcher, a narrower one, or an irrelevant-files the dependent shares', () => {
  const ws = inlineRepos({
    'config/zuul.d/pipelines.yaml': PIPELINES,
    ...REPO_FILES,
    'system-config/zuul.yaml': yaml`
      - job:
          name: boot
          files: &boot-files
            - ^playbooks/
            - ^inventory/
          irrelevant-files: &docs
            - ^docs/
      - job:
          name: same
          files: *boot-files
          irrelevant-files: *docs
      - job:
          name: narrower
          files: [^playbooks/service-zuul.yaml]
          irrelevant-files: [^docs/, ^inventory/]
      - project:
          deploy:
            jobs:
              - boot
              - same: {dependencies: [boot]}
              - narrower: {dependencies: [boot]}
    `,
  });
  try {
    assert.deepEqual(findings(ws, ['filtered-hard-dependency']), []);
  } finally {
    ws.dispose();
  }
});

test('irrelevant-files on the dependency only: a docs-only change runs the dependent alone; two files are needed when neither alone does it', () => {
  const ws = inlineRepos({
    'config/zuul.d/pipelines.yaml': PIPELINES,
    ...REPO_FILES,
    'system-config/zuul.yaml': yaml`
      - job:
          name: boot
          |irrelevant-files: [^docs/]
      - job:
          name: dependent
      - job:
          name: boot2
          |files: [^inventory/]
      - job:
          name: picky
          files: [^docs/]
          irrelevant-files: [^docs/index.rst, ^inventory/]
      - project:
          deploy:
            jobs:
              - boot
              - dependent: {dependencies: [boot]}
              - boot2
              - picky: {dependencies: [boot2]}
    `,
  });
  try {
    const fs = findings(ws, ['filtered-hard-dependency']);
    assert.deepEqual(starts(fs), at('system-config/zuul.yaml', ws.marks('system-config/zuul.yaml')));
    assert.match(fs[0].message, /The irrelevant-files matcher of boot .* a change that touches only "docs\/index.rst" runs dependent but not boot/);
    // picky runs for docs/index.rst only with a file it does not find irrelevant, and boot2 skips both.
    assert.match(fs[1].message, /a change that touches only "docs\/index.rst" and "playbooks\/bootstrap-bridge.yaml" runs picky but not boot2/);
  } finally {
    ws.dispose();
  }
});

test('a project whose repo is not open: the change is made of paths the patterns name, and says so', () => {
  const ws = inlineRepos({
    'config/zuul.d/pipelines.yaml': PIPELINES,
    'config/zuul.d/projects.yaml': yaml`
      - job:
          name: boot
          |files: [^playbooks/bootstrap.yaml]
      - job:
          name: dns
          files: [^zones/]
      - project:
          name: opendev/zone-example.org
          deploy:
            jobs:
              - boot
              - dns: {dependencies: [boot]}
      - project:
          name: opendev/zone-other.org
          deploy:
            jobs: [boot]
    `,
  });
  try {
    const fs = findings(ws, ['filtered-hard-dependency']);
    assert.deepEqual(starts(fs), at('config/zuul.d/projects.yaml', ws.marks('config/zuul.d/projects.yaml')));
    assert.match(fs[0].message, /in deploy of opendev\/zone-example\.org, a change that touches only "zones\/x.yaml" \(a path its patterns allow; the repo is not open\) runs dns but not boot/);
  } finally {
    ws.dispose();
  }
});

test('a dependency whose parent is not in the workspace (its matchers unknown) or whose variants disagree is left alone', () => {
  const ws = inlineRepos({
    'config/zuul.d/pipelines.yaml': PIPELINES,
    ...REPO_FILES,
    'system-config/zuul.yaml': yaml`
      - job:
          name: boot
          files: [^playbooks/bootstrap-bridge.yaml]
      - job:
          name: boot
          branches: stable
          files: [^inventory/]
      - job:
          name: plain
      - job:
          name: child
          parent: somewhere-else
      - job:
          name: boot3
          files: [^inventory/]
      - project:
          deploy:
            jobs:
              - boot
              - plain: {dependencies: [boot]}
              - boot3
              - child: {dependencies: [boot3]}
    `,
  });
  try {
    assert.deepEqual(findings(ws, ['filtered-hard-dependency']), []);
  } finally {
    ws.dispose();
  }
});
