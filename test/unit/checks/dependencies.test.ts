import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import type { Settings } from '../../../server/src/zuul/settings';
import { marked } from '../../helpers/marker';
import { tree, remove } from '../../helpers/tmp';

const RULES = ['missing-bootstrap-dependency', 'dependency-not-in-pipeline', 'unknown-dependency', 'dependency-cycle', 'bootstrap-not-first', 'unguarded-concurrent-pipelines'];

async function run(files: Record<string, string>, settings: Partial<Settings> = {}) {
  const marks: Record<string, ReturnType<typeof marked>['marks']> = {};
  const written: Record<string, string> = { 'r/.git/HEAD': '', 'r/playbooks/run.yaml': '', 'r/playbooks/boot.yaml': '' };
  for (const [k, v] of Object.entries(files)) {
    const m = marked(v);
    marks[k] = m.marks;
    written[`r/${k}`] = m.text;
  }
  const root = tree(written);
  const ws = new ZuulWorkspace([root], settings);
  await ws.load();
  const found = (f: string) => ws.findings(join(root, 'r', f)).filter((x) => RULES.includes(x.rule));
  return { root, ws, found, marks };
}

const JOBS = `- job:
    name: base
    parent: null
    run: playbooks/run.yaml
- job:
    name: deploy-base
    run: playbooks/run.yaml
- job:
    name: bootstrap
    run: playbooks/boot.yaml
`;

function project(entries: string[], pipeline = 'deploy'): string {
  return `- project:\n    ${pipeline}:\n      jobs:\n${entries.map((e) => `        ${e}`).join('\n')}\n`;
}

function waiting(n: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(`- svc-${i}:\n            dependencies: [bootstrap]`);
  return out;
}

const SVC_JOBS = Array.from({ length: 8 }, (_, i) => `- job:\n    name: svc-${i + 1}\n    parent: deploy-base\n`).join('');

test('missing-bootstrap-dependency, inferred: "N of M jobs depend on X; this one may start before it"', async () => {
  const { root, found, marks } = await run({
    'zuul.d/jobs.yaml': JOBS + SVC_JOBS,
    'zuul.d/project.yaml': project(['- bootstrap', ...waiting(7), '- |svc-8']),
  });
  try {
    const f = found('zuul.d/project.yaml');
    assert.deepEqual(f.map((x) => [x.rule, x.range.start]), [['missing-bootstrap-dependency', marks['zuul.d/project.yaml'][0]]]);
    assert.match(f[0].message, /^7 of 8 other jobs in deploy depend on bootstrap; svc-8 does not depend on it, so it may start before bootstrap has prepared the host/);
    assert.equal(f[0].related?.[0].message, 'bootstrap: the bootstrap job');
    assert.deepEqual({ ...f[0].data, of: undefined }, { job: 'svc-8', bootstrap: 'bootstrap', pipelines: ['deploy'], project: 'r', inferred: true, softCounts: true, softOnly: false, waiting: 7, of: undefined });
  } finally {
    remove(root);
  }
});

test('no inference in small pipelines or without a clear majority', async () => {
  // 4 of 6 wait for "prepare": a majority, but not 80%, and not a bootstrap-like name.
  const jobs = JOBS.replace('name: bootstrap', 'name: prepare') + SVC_JOBS;
  const deps = waiting(4).map((e) => e.replace('[bootstrap]', '[prepare]'));
  const { root, found } = await run({
    'zuul.d/jobs.yaml': jobs,
    'zuul.d/project.yaml': project(['- prepare', ...deps, '- svc-5', '- svc-6']) + project(['- prepare', ...deps.slice(0, 2), '- svc-5'], 'gate'),
  });
  try {
    assert.deepEqual(found('zuul.d/project.yaml'), []);
  } finally {
    remove(root);
  }
});

test('a job named like a bootstrap job that a majority waits for is inferred (a pipeline halfway through its migration)', async () => {
  const { root, found, marks } = await run({
    'zuul.d/jobs.yaml': JOBS.replace('name: bootstrap', 'name: infra-prod-bootstrap-bridge') + SVC_JOBS,
    'zuul.d/project.yaml': project(['- infra-prod-bootstrap-bridge', ...waiting(4).map((e) => e.replace('[bootstrap]', '[infra-prod-bootstrap-bridge]')), '- |svc-5', '- |svc-6']),
  });
  try {
    const f = found('zuul.d/project.yaml');
    assert.deepEqual(f.map((x) => [x.rule, x.range.start]), marks['zuul.d/project.yaml'].map((m) => ['missing-bootstrap-dependency', m]));
    assert.match(f[0].message, /^4 of 6 other jobs in deploy depend on infra-prod-bootstrap-bridge; svc-5 does not/);
  } finally {
    remove(root);
  }
});

test('configured bootstrap jobs: transitive and soft dependencies count, appliesTo filters, pipelines merge', async () => {
  const { root, found, marks } = await run(
    {
      'zuul.d/jobs.yaml': JOBS + SVC_JOBS + '- job:\n    name: other\n',
      'zuul.d/project.yaml': `- project:
    deploy:
      jobs: &jobs
        - bootstrap
        - svc-1:
            dependencies: [bootstrap]
        - svc-2:
            dependencies: [svc-1]
        - svc-3:
            dependencies:
              - name: bootstrap
                soft: true
        - |svc-4
        - other
    periodic:
      jobs: *jobs
`,
    },
    { bootstrapJobs: [{ job: 'bootstrap', pipelines: ['deploy', 'periodic'], appliesTo: '^svc-', allowSoft: true }] },
  );
  try {
    const f = found('zuul.d/project.yaml').filter((x) => x.rule === 'missing-bootstrap-dependency');
    assert.deepEqual(f.map((x) => x.range.start), [marks['zuul.d/project.yaml'][0]]);
    assert.deepEqual((f[0].data as { pipelines: string[] }).pipelines, ['deploy', 'periodic']);
    assert.match(f[0].message, /^bootstrap is the bootstrap job of deploy, periodic, set in zuul\.bootstrapJobs \(or bootstrapJobs in \.zuul-authoring\.yaml\); svc-4 does not/);
  } finally {
    remove(root);
  }
});

test('dependency-not-in-pipeline: hard only, templates count, one finding per place', async () => {
  const { root, found, marks } = await run({
    'zuul.d/jobs.yaml': JOBS + '- job:\n    name: build\n- job:\n    name: upload\n    dependencies: [|build]\n- job:\n    name: notify\n    dependencies:\n      - name: build\n        soft: true\n',
    'zuul.d/project.yaml': `- project-template:
    name: tpl
    gate:
      jobs: [build]
- project:
    templates: [tpl]
    check:
      jobs: [upload, notify]
    gate:
      jobs: [upload]
`,
  });
  try {
    const f = found('zuul.d/jobs.yaml');
    assert.deepEqual(f.map((x) => [x.rule, x.range.start]), [['dependency-not-in-pipeline', marks['zuul.d/jobs.yaml'][0]]]);
    assert.match(f[0].message, /upload has a hard dependency on build, which r does not run in check/);
    assert.deepEqual((f[0].data as { pipelines: string[] }).pipelines, ['check']);
  } finally {
    remove(root);
  }
});

test('unknown-dependency: a near miss is an error with a suggestion; a far name is assumed external', async () => {
  const { root, found, marks } = await run({
    'zuul.d/jobs.yaml': JOBS + '- job:\n    name: a\n    dependencies: [|bootstrp, some-job-from-another-repo]\n',
  });
  try {
    const f = found('zuul.d/jobs.yaml');
    assert.deepEqual(f.map((x) => [x.rule, x.severity, x.range.start]), [['unknown-dependency', 'error', marks['zuul.d/jobs.yaml'][0]]]);
    assert.deepEqual(f[0].data?.suggestions?.[0], 'bootstrap');
  } finally {
    remove(root);
  }
});

test('dependency-cycle: soft edges count and a self-dependency is a cycle', async () => {
  const { root, found, marks } = await run({
    'zuul.d/jobs.yaml': JOBS + '- job:\n    name: a\n    dependencies: [|b]\n- job:\n    name: b\n    dependencies:\n      - name: |a\n        soft: true\n- job:\n    name: c\n    dependencies: [|c]\n',
    'zuul.d/project.yaml': project(['- a', '- b', '- c'], 'check'),
  });
  try {
    const f = found('zuul.d/jobs.yaml');
    assert.deepEqual(f.map((x) => [x.rule, x.range.start]), marks['zuul.d/jobs.yaml'].map((m) => ['dependency-cycle', m]));
    assert.equal(f[0].related?.length, 1);
  } finally {
    remove(root);
  }
});

test('bootstrap-not-first: a configured forbidden parent, and the inferred chicken-and-egg', async () => {
  const jobs = `- job:
    name: base
    parent: null
- job:
    name: prod-playbook
    run: playbooks/run.yaml
- job:
    name: bootstrap
    parent: |prod-playbook
${Array.from({ length: 6 }, (_, i) => `- job:\n    name: svc-${i}\n    parent: prod-playbook\n    dependencies: [bootstrap]\n`).join('')}`;
  const proj = project(['- bootstrap', ...Array.from({ length: 6 }, (_, i) => `- svc-${i}`)]);
  const inferred = await run({ 'zuul.d/jobs.yaml': jobs, 'zuul.d/project.yaml': proj });
  try {
    const f = inferred.found('zuul.d/jobs.yaml');
    assert.deepEqual(f.map((x) => [x.rule, x.severity, x.range.start]), [['bootstrap-not-first', 'warning', inferred.marks['zuul.d/jobs.yaml'][0]]]);
    assert.match(f[0].message, /runs playbooks\/run\.yaml \(inherited from prod-playbook\), the same playbook as 6 of the 6 jobs/);
  } finally {
    remove(inferred.root);
  }
  const configured = await run({ 'zuul.d/jobs.yaml': jobs, 'zuul.d/project.yaml': proj }, { bootstrapJobs: [{ job: 'bootstrap', mustNotInheritFrom: ['prod-playbook'] }] });
  try {
    const f = configured.found('zuul.d/jobs.yaml');
    assert.deepEqual(f.map((x) => [x.rule, x.severity]), [['bootstrap-not-first', 'error']]);
    assert.match(f[0].message, /bootstrap → prod-playbook → base/);
  } finally {
    remove(configured.root);
  }
});

test('unguarded-concurrent-pipelines names the pipelines; a semaphore anywhere in the chain guards', async () => {
  const jobs = `- semaphore:
    name: prod
- job:
    name: base
    parent: null
- job:
    name: guarded-parent
    semaphores: prod
- job:
    name: bootstrap
- job:
    name: guarded
    parent: guarded-parent
- job:
    name: free
`;
  const proj = `- project:
    deploy:
      jobs: &j
        - bootstrap:
            semaphore: prod
        - guarded: {dependencies: [bootstrap]}
        - |free: {dependencies: [bootstrap]}
    hourly:
      jobs: *j
`;
  const { root, found, marks } = await run({ 'zuul.d/jobs.yaml': jobs, 'zuul.d/project.yaml': proj }, { bootstrapJobs: [{ job: 'bootstrap', pipelines: ['deploy', 'hourly'] }] });
  try {
    const f = found('zuul.d/project.yaml');
    assert.deepEqual(f.map((x) => [x.rule, x.range.start]), [['unguarded-concurrent-pipelines', marks['zuul.d/project.yaml'][0]]]);
    assert.match(f[0].message, /free runs in deploy, hourly/);
  } finally {
    remove(root);
  }
});

// One rule, inferred or configured: a soft dependency waits for the bootstrap
// job whenever it runs, so it counts; allowSoft: false asks for hard ones.
const SOFT_PROJECT = `- project:
    deploy:
      jobs:
        - bootstrap
${Array.from({ length: 6 }, (_, i) => `        - svc-${i + 1}:\n            dependencies: [bootstrap]`).join('\n')}
        - |svc-7:
            dependencies:
              - name: bootstrap
                soft: true
        - |svc-8
`;

for (const how of ['inferred', 'configured'] as const) {
  const settings: Partial<Settings> = how === 'configured' ? { bootstrapJobs: [{ job: 'bootstrap', pipelines: ['deploy'] }] } : {};
  test(`${how} bootstrap job: a soft dependency counts, and the message names both kinds`, async () => {
    const { root, found, marks } = await run({ 'zuul.d/jobs.yaml': JOBS + SVC_JOBS, 'zuul.d/project.yaml': SOFT_PROJECT }, settings);
    try {
      const f = found('zuul.d/project.yaml').filter((x) => x.rule === 'missing-bootstrap-dependency');
      assert.deepEqual(f.map((x) => x.range.start), [marks['zuul.d/project.yaml'][1]]);
      assert.match(f[0].message, /svc-8 does not depend on it, so it may start before bootstrap has prepared the host/);
      assert.match(f[0].message, /hard, and Zuul runs bootstrap whenever svc-8 runs; or soft, and svc-8 waits for bootstrap when it runs\.$/);
    } finally {
      remove(root);
    }
  });
}

test('allowSoft: false: a soft dependency does not count, and the message says why', async () => {
  const { root, found, marks } = await run({ 'zuul.d/jobs.yaml': JOBS + SVC_JOBS, 'zuul.d/project.yaml': SOFT_PROJECT }, { bootstrapJobs: [{ job: 'bootstrap', allowSoft: false }] });
  try {
    const f = found('zuul.d/project.yaml').filter((x) => x.rule === 'missing-bootstrap-dependency');
    assert.deepEqual(f.map((x) => x.range.start), marks['zuul.d/project.yaml']);
    assert.match(f[0].message, /svc-7 depends on it only softly, which does not count there: a soft dependency does not make Zuul run bootstrap, so when its file matchers leave bootstrap out of a change, svc-7 starts without it/);
    assert.match(f[1].message, /\(a hard dependency: soft ones do not count there, with allowSoft: false\)\.$/);
    assert.deepEqual({ softOnly: f[0].data?.softOnly, softCounts: f[0].data?.softCounts }, { softOnly: true, softCounts: false });
  } finally {
    remove(root);
  }
});
