import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import type { Finding, Position } from '../../../server/src/zuul/types';
import type { Settings } from '../../../server/src/zuul/settings';
import { REFERENCES_CHECKS } from '../../../server/src/checks/group-references';
import { marked } from '../../helpers/marker';
import { tree, remove } from '../../helpers/tmp';

const RULES = new Set(REFERENCES_CHECKS.map((c) => c.id));

interface Loaded {
  /** Findings of the references rules, in file then position order. */
  found: Finding[];
  /** Marker positions per `repo/path`. */
  marks: Record<string, Position[]>;
  file: (rel: string) => string;
}

/** Repos side by side in one workspace: `{repo: {path: yaml with | markers}}`. */
async function load(repos: Record<string, Record<string, string>>, settings: Partial<Settings> = {}, rule?: string): Promise<Loaded> {
  const files: Record<string, string> = {};
  const marks: Record<string, Position[]> = {};
  for (const [repo, content] of Object.entries(repos)) {
    files[`${repo}/.git/HEAD`] = '';
    for (const [path, text] of Object.entries(content)) {
      const m = marked(text);
      files[`${repo}/${path}`] = m.text;
      marks[`${repo}/${path}`] = m.marks;
    }
  }
  const root = tree(files);
  try {
    const ws = new ZuulWorkspace([root], settings);
    await ws.load();
    const found: Finding[] = [];
    for (const list of ws.allFindings().values()) for (const f of list) if (RULES.has(f.rule) && (!rule || f.rule === rule)) found.push(f);
    return { found, marks, file: (rel) => join(root, rel) };
  } finally {
    remove(root);
  }
}

const at = (f: Finding) => [f.rule, f.severity, f.range.start] as const;

// ---------------------------------------------------------------------------
// unknown-job

test('unknown-job: a near miss of a known job is an error on the exact name, with the job as suggestion', async () => {
  const { found, marks, file } = await load({
    sc: {
      'zuul.d/jobs.yaml': '- job:\n    name: infra-prod-service-nameserver\n- job:\n    name: infra-prod-bootstrap-bridge\n',
      'zuul.d/project.yaml': '- project:\n    deploy:\n      jobs:\n        - infra-prod-bootstrap-bridge\n        - |infra-prod-service-nameservr:\n            dependencies: [infra-prod-bootstrap-bridge]\n        - |infra-prod-bootstrap_bridge\n',
    },
  }, {}, 'unknown-job');
  const m = marks['sc/zuul.d/project.yaml'];
  assert.deepEqual(found.map(at), [
    ['unknown-job', 'error', m[0]],
    ['unknown-job', 'error', m[1]],
  ]);
  assert.equal(found[0].file, file('sc/zuul.d/project.yaml'));
  assert.deepEqual(found[0].range.end, { line: m[0].line, character: m[0].character + 'infra-prod-service-nameservr'.length });
  assert.deepEqual(found[0].data?.suggestions?.[0], 'infra-prod-service-nameserver');
  assert.equal(found[0].data?.typo, true);
  assert.match(found[0].message, /Job infra-prod-service-nameservr not defined/);
  assert.match(found[0].message, /Did you mean "infra-prod-service-nameserver"\?/);
  assert.deepEqual(found[1].data?.suggestions?.[0], 'infra-prod-bootstrap-bridge', 'only a separator differs: certainly a typo');
});

test('unknown-job: a name that may live in another repo is a warning pointing to zuul.externalNames', async () => {
  const { found, marks } = await load({
    sc: {
      'zuul.d/jobs.yaml': '- job:\n    name: system-config-run-base\n',
      'zuul.d/project.yaml': '- project:\n    check:\n      jobs:\n        - |otc-tox-linters\n        - system-config-run-base\n        - noop\n',
    },
  }, {}, 'unknown-job');
  assert.deepEqual(found.map(at), [['unknown-job', 'warning', marks['sc/zuul.d/project.yaml'][0]]]);
  assert.match(found[0].message, /not defined in the open repositories/);
  assert.match(found[0].message, /zuul\.externalNames \(or externalNames in \.zuul-authoring\.yaml\)/);
  assert.deepEqual(found[0].setting, { key: 'externalNames', value: 'otc-tox-linters' });
  assert.equal(found[0].data?.typo, false);
});

test('unknown-job: version and word variants of known jobs are not typos', async () => {
  const { found } = await load({
    lib: {
      'zuul.d/jobs.yaml': ['openstack-tox-py311', 'openstack-tox-py3', 'build-wheel-amd64', 'tox-arm64', 'tempest-api'].map((n) => `- job:\n    name: ${n}\n`).join(''),
      'zuul.d/project.yaml': '- project:\n    check:\n      jobs:\n        - openstack-tox-py312\n        - openstack-tox-py\n        - build-wheel-arm64\n        - tempest-cfapi\n',
    },
  }, {}, 'unknown-job');
  assert.deepEqual(found.map((f) => [f.data?.name, f.severity]), [
    ['openstack-tox-py312', 'warning'],
    ['openstack-tox-py', 'warning'],
    ['build-wheel-arm64', 'warning'],
    ['tempest-cfapi', 'warning'],
  ]);
  assert.equal(found[0].data?.suggestions?.[0], 'openstack-tox-py311', 'still offered as a suggestion');
});

test('unknown-job: a stanza that configures another project says nothing unless it is a typo', async () => {
  const projects = [
    '- project:',
    '    name: openstack/nova',
    '    check:',
    '      jobs:',
    '        - nova-tox-functional',
    '        - |opnestack-tox-pep8x',
    '- project:',
    '    name: openstack/neutron',
    '    check:',
    '      jobs:',
    '        - neutron-tempest-plugin',
    '',
  ].join('\n');
  const { found, marks } = await load({
    'project-config': {
      'zuul.d/jobs.yaml': '- job:\n    name: openstack-tox-pep8x\n',
      'zuul.d/projects.yaml': projects,
    },
  }, {}, 'unknown-job');
  assert.deepEqual(found.map(at), [['unknown-job', 'error', marks['project-config/zuul.d/projects.yaml'][0]]]);
});

test('unknown-job: a single named stanza in an untrusted repo is the repo itself; in a config project it is another project', async () => {
  const repo = { 'zuul.d/project.yaml': '- project:\n    name: opendev/system-config\n    check:\n      jobs:\n        - |opendev-tox-docs\n' };
  const untrusted = await load({ 'system-config-main': repo }, {}, 'unknown-job');
  assert.deepEqual(untrusted.found.map((f) => f.severity), ['warning'], 'the checkout folder is named after the project');
  const other = await load({ sc: repo }, {}, 'unknown-job');
  assert.deepEqual(other.found.map((f) => f.severity), ['warning'], 'one project name in an untrusted repo: its own stanza');
  const config = await load({ sc: repo }, { configProjects: ['sc'] }, 'unknown-job');
  assert.deepEqual(config.found, [], 'a config project configuring another project');
});

test('unknown-job: zuul.externalNames names and ^regexes silence unknown jobs', async () => {
  const repo = { sc: { 'zuul.d/project.yaml': '- project:\n    check:\n      jobs:\n        - otc-tox-linters\n        - opendev-buildset-registry\n        - tox-docs\n' } };
  const { found } = await load(repo, { externalNames: ['otc-tox-linters', '^opendev-.*'] }, 'unknown-job');
  assert.deepEqual(found.map((f) => f.data?.name), ['tox-docs']);
  const partial = await load(repo, { externalNames: ['^opendev'] }, 'unknown-job');
  assert.equal(partial.found.length, 3, 'a ^regex must match the whole name');
});

test('unknown-job: template job lists count only when a project uses the template; related info points to the user', async () => {
  const templates = [
    '- project-template:',
    '    name: used',
    '    check:',
    '      jobs:',
    '        - |lnters-job',
    '        - |unheard-of',
    '- project-template:',
    '    name: unused',
    '    check:',
    '      jobs:',
    '        - lnters-job',
    '',
  ].join('\n');
  const { found, marks, file } = await load({
    lib: {
      'zuul.d/jobs.yaml': '- job:\n    name: linters-job\n',
      'zuul.d/templates.yaml': templates,
      'zuul.d/project.yaml': '- project:\n    templates:\n      - |used\n',
    },
  }, {}, 'unknown-job');
  const m = marks['lib/zuul.d/templates.yaml'];
  assert.deepEqual(found.map(at), [
    ['unknown-job', 'error', m[0]],
    ['unknown-job', 'warning', m[1]],
  ]);
  assert.match(found[0].message, /every project that uses template used/);
  assert.deepEqual(found[0].related?.map((r) => [r.file, r.range.start]), [[file('lib/zuul.d/project.yaml'), marks['lib/zuul.d/project.yaml'][0]]]);
});

test('unknown-job: a template only other projects use is quiet for names that may live in them', async () => {
  const { found } = await load({
    'project-config': {
      'zuul.d/templates.yaml': '- project-template:\n    name: nova-jobs\n    check:\n      jobs:\n        - nova-tox-functional\n',
      'zuul.d/projects.yaml': '- project:\n    name: openstack/nova\n    templates: [nova-jobs]\n- project:\n    name: openstack/cinder\n    templates: [nova-jobs]\n',
    },
  }, {}, 'unknown-job');
  assert.deepEqual(found, []);
});

// ---------------------------------------------------------------------------
// unknown-nodeset

test('unknown-nodeset: job nodesets, inline and top-level alternatives; typo error, unknown warning', async () => {
  const src = [
    '- nodeset:',
    '    name: ubuntu-jammy',
    '    nodes: [{name: node, label: ubuntu-jammy}]',
    '- nodeset:',
    '    name: fallback',
    '    alternatives:',
    '      - ubuntu-jammy',
    '      - |ubuntu-jamy',
    '- job:',
    '    name: a',
    '    nodeset: |ubuntu-noble',
    '- job:',
    '    name: b',
    '    nodeset:',
    '      alternatives:',
    '        - |ubunt-jammy',
    '        - nodes: [{name: n, label: l}]',
    '- job:',
    '    name: c',
    '    nodeset: fallback',
    '- job:',
    '    name: d',
    '    nodeset:',
    '      nodes: []',
    '',
  ].join('\n');
  const { found, marks } = await load({ lib: { 'zuul.yaml': src } }, {}, 'unknown-nodeset');
  const m = marks['lib/zuul.yaml'];
  assert.deepEqual(found.map(at), [
    ['unknown-nodeset', 'error', m[0]],
    ['unknown-nodeset', 'warning', m[1]],
    ['unknown-nodeset', 'error', m[2]],
  ]);
  assert.deepEqual(found[0].data?.suggestions, ['ubuntu-jammy']);
  assert.match(found[0].message, /Zuul rejects nodeset fallback \('The nodeset "ubuntu-jamy" was not found\.'\)/);
  assert.match(found[1].message, /zuul\.externalNames/);
});

test('unknown-nodeset: a project-pipeline variant in a stanza for another project is quiet unless a typo; externalNames applies', async () => {
  const { found } = await load({
    pc: {
      'zuul.d/projects.yaml': '- project:\n    name: openstack/nova\n    check:\n      jobs:\n        - nova-tox:\n            nodeset: nova-special\n- project:\n    name: openstack/glance\n    check:\n      jobs:\n        - glance-tox\n',
    },
  }, {}, 'unknown-nodeset');
  assert.deepEqual(found, []);
  const ext = await load({ lib: { 'zuul.yaml': '- job:\n    name: a\n    nodeset: ubuntu-noble\n' } }, { externalNames: ['^ubuntu-.*'] }, 'unknown-nodeset');
  assert.deepEqual(ext.found, []);
});

// ---------------------------------------------------------------------------
// unknown-secret / secret-from-other-project

test('unknown-secret: every form, an error at the secret name where the stanza has playbooks, suggestions from the same repo', async () => {
  const src = [
    '- secret:',
    '    name: site_logs',
    '    data: {user: x}',
    '- job:',
    '    name: a',
    '    run: r.yaml',
    '    secrets: |site_log',
    '- job:',
    '    name: b',
    '    run: r.yaml',
    '    secrets:',
    '      - site_logs',
    '      - |nowhere',
    '      - name: creds',
    '        secret: |site-logz',
    '- job:',
    '    name: c',
    '    run: r.yaml',
    '    secrets:',
    '      name: creds',
    '      secret: site_logs',
    '- project:',
    '    check:',
    '      jobs:',
    '        - a:',
    '            run: r.yaml',
    '            secrets: [|missing]',
    '',
  ].join('\n');
  const { found, marks } = await load({ sc: { 'zuul.yaml': src } }, {}, 'unknown-secret');
  const m = marks['sc/zuul.yaml'];
  assert.deepEqual(found.map(at), m.map((p) => ['unknown-secret', 'error', p]));
  assert.deepEqual(found[0].data?.suggestions, ['site_logs']);
  assert.match(found[0].message, /'The secret "site_log" was not found\.'/);
  assert.match(found[0].message, /Did you mean "site_logs"\?/);
  assert.deepEqual(found[0].range.end, { line: m[0].line, character: m[0].character + 'site_log'.length });
});

test('secret-from-other-project: an error at the use, related info at the definition', async () => {
  const { found, marks, file } = await load({
    'base-jobs': { 'zuul.yaml': '- secret:\n    name: |site_logs\n    data: {user: x}\n' },
    sc: { 'zuul.yaml': '- job:\n    name: a\n    secrets:\n      - name: logs\n        secret: |site_logs\n- secret:\n    name: own\n    data: {}\n- job:\n    name: b\n    secrets: own\n' },
  });
  assert.deepEqual(found.map(at), [['secret-from-other-project', 'error', marks['sc/zuul.yaml'][0]]]);
  assert.match(found[0].message, /Secrets must be defined in the same project in which they are used/);
  assert.match(found[0].message, /defined in base-jobs, but job a is in sc/);
  assert.deepEqual(found[0].related?.map((r) => [r.file, r.range.start]), [[file('base-jobs/zuul.yaml'), marks['base-jobs/zuul.yaml'][0]]]);
});

test('secret-from-other-project: a copy in the job\'s own repo is fine (the duplicate is reported apart)', async () => {
  const { found } = await load({
    a: { 'zuul.yaml': '- secret:\n    name: s\n    data: {}\n' },
    b: { 'zuul.yaml': '- secret:\n    name: s\n    data: {}\n- job:\n    name: j\n    secrets: s\n' },
  });
  assert.deepEqual(found.map((f) => f.rule), ['duplicate-definition']);
});

// ---------------------------------------------------------------------------
// unknown-project-template

test('unknown-project-template: typo error, unknown warning, quiet for another project, externalNames', async () => {
  const { found, marks } = await load({
    lib: {
      'zuul.d/templates.yaml': '- project-template:\n    name: publish-otc-docs\n',
      'zuul.d/project.yaml': '- project:\n    templates:\n      - publish-otc-docs\n      - |publish-otc-dosc\n      - |otc-python3-jobs\n      - ext-template\n',
    },
  }, { externalNames: ['ext-template'] }, 'unknown-project-template');
  const m = marks['lib/zuul.d/project.yaml'];
  assert.deepEqual(found.map(at), [
    ['unknown-project-template', 'error', m[0]],
    ['unknown-project-template', 'warning', m[1]],
  ]);
  assert.deepEqual(found[0].data?.suggestions, ['publish-otc-docs']);
  assert.match(found[0].message, /'The project template "publish-otc-dosc" was not found\.'/);
  const other = await load({
    pc: { 'zuul.yaml': '- project:\n    name: openstack/nova\n    templates: [nova-jobs]\n- project:\n    name: openstack/glance\n    templates: [glance-jobs]\n' },
  }, {}, 'unknown-project-template');
  assert.deepEqual(other.found, []);
});

// ---------------------------------------------------------------------------
// unknown-semaphore

test('unknown-semaphore: job and playbook semaphores, every form, as warnings', async () => {
  const src = [
    '- semaphore:',
    '    name: infra-prod-playbook',
    '- job:',
    '    name: a',
    '    semaphore: |infra-prod-playbok',
    '- job:',
    '    name: b',
    '    semaphores:',
    '      - infra-prod-playbook',
    '      - name: |other-lock',
    '        resources-first: true',
    '    run:',
    '      - name: playbooks/run.yaml',
    '        semaphores: [infra-prod-playbook, |infra_prod_playbook]',
    '- job:',
    '    name: c',
    '    semaphores: infra-prod-playbook',
    '    semaphore: ignored-when-semaphores-is-set',
    '- project:',
    '    check:',
    '      jobs:',
    '        - c:',
    '            semaphores: |lock-x',
    '',
  ].join('\n');
  const { found, marks } = await load({ sc: { 'zuul.yaml': src } }, {}, 'unknown-semaphore');
  const m = marks['sc/zuul.yaml'];
  assert.deepEqual(found.map(at), m.map((p) => ['unknown-semaphore', 'warning', p]));
  assert.deepEqual(found[0].data?.suggestions, ['infra-prod-playbook']);
  assert.match(found[0].message, /independent lock of its own with max 1/);
  assert.match(found[2].message, /playbook playbooks\/run\.yaml of job b/);
});

// ---------------------------------------------------------------------------
// duplicate-definition

test('duplicate-definition: nodeset, secret, semaphore, queue and pipeline twice in one repo; related info at the first', async () => {
  const src = [
    '- pipeline:',
    '    name: check',
    '    manager: independent',
    '    trigger: {}',
    '- nodeset:',
    '    name: n',
    '    nodes: []',
    '- secret:',
    '    name: s',
    '    data: {}',
    '- semaphore:',
    '    name: l',
    '- queue:',
    '    name: q',
    '',
  ].join('\n');
  const again = [
    '- pipeline:',
    '    name: |check',
    '    manager: independent',
    '    trigger: {}',
    '- nodeset:',
    '    name: |n',
    '    nodes: []',
    '- secret:',
    '    name: |s',
    '    data: {}',
    '- semaphore:',
    '    name: |l',
    '- queue:',
    '    name: |q',
    '',
  ].join('\n');
  const { found, marks, file } = await load({ pc: { 'zuul.d/a.yaml': src, 'zuul.d/b.yaml': again } }, {}, 'duplicate-definition');
  const m = marks['pc/zuul.d/b.yaml'];
  assert.deepEqual(found.map(at), m.map((p) => ['duplicate-definition', 'error', p]));
  assert.match(found[0].message, /Pipeline check is already defined/);
  assert.match(found[1].message, /Nodeset "n" is already defined in this repo \(zuul\.d\/a\.yaml\)/);
  assert.match(found[1].message, /"Nodeset n already defined"/);
  assert.deepEqual(found[1].related?.map((r) => [r.file, r.range.start.line]), [[file('pc/zuul.d/a.yaml'), 5]]);
});

test('duplicate-definition: in another repo names the project; config projects come first', async () => {
  const repos = {
    'base-jobs': { 'zuul.yaml': '- nodeset:\n    name: |ubuntu-focal\n    nodes: []\n' },
    zconfig: { 'zuul.yaml': '- nodeset:\n    name: |ubuntu-focal\n    nodes: []\n' },
  };
  const plain = await load(repos, {}, 'duplicate-definition');
  assert.deepEqual(plain.found.map(at), [['duplicate-definition', 'error', plain.marks['zconfig/zuul.yaml'][0]]]);
  assert.match(plain.found[0].message, /Nodeset ubuntu-focal already defined in project base-jobs/);
  const trusted = await load(repos, { configProjects: ['zconfig'] }, 'duplicate-definition');
  assert.deepEqual(trusted.found.map((f) => f.file), [trusted.file('base-jobs/zuul.yaml')]);
  assert.match(trusted.found[0].message, /already defined in project zconfig/);
});

test('duplicate-definition: templates repeat freely within a repo, not across repos', async () => {
  const tpl = '- project-template:\n    name: |t\n    check: {jobs: []}\n';
  const { found, marks } = await load({ a: { 'zuul.d/1.yaml': tpl, 'zuul.d/2.yaml': tpl }, b: { 'zuul.yaml': tpl } }, {}, 'duplicate-definition');
  assert.deepEqual(found.map(at), [['duplicate-definition', 'error', marks['b/zuul.yaml'][0]]]);
  assert.match(found[0].message, /Project template t is already defined/);
});

test('duplicate-definition: job variants in one repo are fine; a job in a second repo is the shadow error', async () => {
  const { found, marks, file } = await load({
    'base-jobs': { 'zuul.d/jobs.yaml': '- job:\n    name: |base\n    parent: null\n- job:\n    name: base\n    branches: stable\n' },
    'otc-base-jobs': { 'zuul.d/jobs.yaml': '- job:\n    name: |base\n    parent: null\n- job:\n    name: other\n' },
  }, {}, 'duplicate-definition');
  assert.deepEqual(found.map(at), [['duplicate-definition', 'error', marks['otc-base-jobs/zuul.d/jobs.yaml'][0]]]);
  assert.match(found[0].message, /Job base in otc-base-jobs is not permitted to shadow job base in base-jobs/);
  assert.deepEqual(found[0].related?.map((r) => [r.file, r.range.start]), [[file('base-jobs/zuul.d/jobs.yaml'), marks['base-jobs/zuul.d/jobs.yaml'][0]]]);
  assert.deepEqual(found[0].data, { name: 'base', kind: 'job', definedIn: 'base-jobs' });
});

test('every references rule has a summary and a documentation link', () => {
  assert.deepEqual(REFERENCES_CHECKS.map((c) => c.id), [
    'unknown-job', 'unknown-nodeset', 'unknown-secret', 'secret-from-other-project', 'unknown-project-template', 'unknown-semaphore', 'duplicate-definition', 'unknown-pipeline', 'nodeset-cycle', 'project-forbidden',
  ]);
  for (const c of REFERENCES_CHECKS) {
    assert.ok(c.summary.length > 40, c.id);
    assert.match(c.docs ?? '', /^https:\/\/zuul-ci\.org\//, c.id);
  }
  assert.equal(REFERENCES_CHECKS.find((c) => c.id === 'unknown-semaphore')?.severity, 'warning');
});
