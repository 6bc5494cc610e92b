import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import type { Settings } from '../../../server/src/zuul/settings';
import type { Finding } from '../../../server/src/zuul/types';
import { literalPrefix, matchesSomeFile, RepoPaths, suggestMatcher } from '../../../server/src/checks/files-matcher-matches-nothing';
import { repoHoldsProject } from '../../../server/src/checks/files-scope';
import { marked } from '../../helpers/marker';
import { tree, remove } from '../../helpers/tmp';

const RULES = new Set(['files-matcher-matches-nothing', 'playbook-variable-not-found', 'role-not-found']);

/**
 * A workspace of repos: `{repo: {path: content}}`; a `zuul.d/*.yaml` content may
 * carry `|` markers. Returns the files rules' findings per repo-relative config file.
 */
async function workspace(repos: Record<string, Record<string, string>>, settings: Partial<Settings> = {}) {
  const files: Record<string, string> = {};
  const marks = new Map<string, ReturnType<typeof marked>['marks']>();
  for (const [repo, content] of Object.entries(repos)) {
    files[`${repo}/.git/HEAD`] = '';
    for (const [path, text] of Object.entries(content)) {
      const m = /\.ya?ml$/.test(path) ? marked(text) : { text, marks: [] };
      files[`${repo}/${path}`] = m.text;
      marks.set(`${repo}/${path}`, m.marks);
    }
  }
  const root = tree(files);
  const ws = new ZuulWorkspace([root], settings);
  await ws.load();
  const found = (path: string): Finding[] => ws.findings(join(root, path)).filter((f) => RULES.has(f.rule));
  const all = (): string[] => [...ws.allFindings()].flatMap(([file, list]) => list.filter((f) => RULES.has(f.rule)).map((f) => `${f.rule} ${file.slice(root.length + 1)}:${f.range.start.line + 1}`));
  return { root, found, all, marks: (path: string) => marks.get(path) ?? [] };
}

const starts = (fs: Finding[]) => fs.map((f) => [f.rule, f.range.start]);

// ---------------------------------------------------------------------------
// files-matcher-matches-nothing

const FILES = {
  'playbooks/bootstrap-bridge.yaml': '',
  'playbooks/roles/x/tasks/main.yaml': '',
  'inventory/base/hosts.yaml': '',
  '.rules/custom.py': '',
  'docs/index.rst': '',
};

test('files-matcher-matches-nothing: the story\'s typos, each with the path to write', async () => {
  const jobs = [
    '- job:',
    '    name: infra-prod-bootstrap-bridge',
    '    files:',
    '      - |playbooks/boostrap-bridge.yaml',
    '      - |roles/x/',
    '      - |system-config/inventory/base/hosts.yaml',
    '      - |^/.rules/.*',
    '      - playbooks/roles/x/',
    '      - regex: |^doc/.*',
    '      - regex: ^zuul.d/',
    '        negate: true',
    '      - ^(?!zzz).*$',
    '- project:',
    '    name: opendev/system-config',
    '    deploy:',
    '      jobs:',
    '        - infra-prod-bootstrap-bridge',
    '',
  ].join('\n');
  const w = await workspace({ 'system-config': { 'zuul.d/jobs.yaml': jobs, ...FILES } });
  try {
    const f = w.found('system-config/zuul.d/jobs.yaml');
    const marks = w.marks('system-config/zuul.d/jobs.yaml');
    assert.deepEqual(starts(f), marks.map((m) => ['files-matcher-matches-nothing', m]));
    assert.deepEqual(
      f.map((x) => x.data?.suggestions),
      [['playbooks/bootstrap-bridge.yaml'], ['playbooks/roles/x/'], ['inventory/base/hosts.yaml'], ['^\\.rules/.*'], ['^docs/.*']],
    );
    assert.equal(f[0].severity, 'warning');
    assert.deepEqual(f[0].range, { start: marks[0], end: { line: 3, character: 38 } }, 'the pattern scalar is underlined');
    assert.match(f[0].message, /infra-prod-bootstrap-bridge is not triggered by changes/);
    assert.match(f[0].message, /Did you mean "playbooks\/bootstrap-bridge.yaml"\?/);
    assert.match(f[1].message, /one folder deeper: write "playbooks\/roles\/x\/"/);
    assert.match(f[2].message, /without the repo's name: write "inventory\/base\/hosts.yaml"/);
    assert.match(f[3].message, /no leading slash/);
    // The list has live patterns, so deleting a dead one changes nothing: the quick fix gets the item's lines.
    assert.deepEqual(f[0].data?.deleteRange, { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } });
  } finally {
    remove(w.root);
  }
});

test('files-matcher-matches-nothing: no delete fix for a files: list without a live pattern (the job would start running on every change)', async () => {
  const jobs = [
    '- job:',
    '    name: a',
    '    files: |playbooks/nope.yaml',
    '    irrelevant-files:',
    '      - |^nothing/.*$',
    '      - ^docs/',
    '- project:',
    '    check:',
    '      jobs: [a]',
    '',
  ].join('\n');
  const w = await workspace({ app: { 'zuul.d/jobs.yaml': jobs, ...FILES } });
  try {
    const f = w.found('app/zuul.d/jobs.yaml');
    assert.deepEqual(starts(f), w.marks('app/zuul.d/jobs.yaml').map((m) => ['files-matcher-matches-nothing', m]));
    assert.equal(f[0].data?.deleteRange, undefined);
    assert.match(f[0].message, /no pattern of this files: list matches a file, and a never runs for a change/);
    assert.deepEqual(f[1].data?.deleteRange, { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, 'a dead irrelevant-files pattern can always go');
    assert.match(f[1].message, /never makes a skip/);
  } finally {
    remove(w.root);
  }
});

test('files-matcher-matches-nothing: a negated pattern is dead only when its regex matches every file', async () => {
  const jobs = [
    '- job:',
    '    name: a',
    '    files:',
    '      - regex: |.*',
    '        negate: true',
    '      - regex: ^docs/',
    '        negate: true',
    '- project:',
    '    check:',
    '      jobs: [a]',
    '',
  ].join('\n');
  const w = await workspace({ app: { 'zuul.d/jobs.yaml': jobs, ...FILES } });
  try {
    const f = w.found('app/zuul.d/jobs.yaml');
    assert.deepEqual(starts(f), w.marks('app/zuul.d/jobs.yaml').map((m) => ['files-matcher-matches-nothing', m]));
    assert.match(f[0].message, /negated files pattern .* matches every file of app/);
  } finally {
    remove(w.root);
  }
});

test('files-matcher-matches-nothing: an anchored list reused through aliases is one finding naming every job', async () => {
  const jobs = [
    '- job:',
    '    name: a',
    '    files: &shared',
    '      - |other-requirements.txt',
    '      - docs/',
    '- job:',
    '    name: b',
    '    files: *shared',
    '- project:',
    '    check:',
    '      jobs: [a, b]',
    '',
  ].join('\n');
  const w = await workspace({ app: { 'zuul.d/jobs.yaml': jobs, ...FILES } });
  try {
    const f = w.found('app/zuul.d/jobs.yaml');
    assert.deepEqual(starts(f), w.marks('app/zuul.d/jobs.yaml').map((m) => ['files-matcher-matches-nothing', m]));
    assert.deepEqual(f[0].data?.jobs, ['a', 'b']);
    assert.match(f[0].message, /a and b are not triggered/);
    assert.match(f[0].message, /Fix the path, or delete the pattern/);
  } finally {
    remove(w.root);
  }
});

const LIB_JOBS = [
  '- job:',
  '    name: build-reno-releasenotes',
  '    files: ^releasenotes/.*',
  '- job:',
  '    name: markdownlint',
  '    files: ^.*\\.md$',
  '- job:',
  '    name: tox',
  '    irrelevant-files: ^releasenotes/.*',
  '- job:',
  '    name: tox-py3',
  '    parent: tox',
  '- job:',
  '    name: tox-docs',
  '    files: ^nodocs/.*',
  '- job:',
  '    name: golang-go',
  '    files: ^go.mod',
  '- job:',
  '    name: nodejs-npm',
  '    files: ^package.json$',
  '- job:',
  '    name: helm-lint',
  '    files: ^charts/',
  '',
].join('\n');

test('files-matcher-matches-nothing: a job library\'s matchers for its consumers are never checked; what its own project runs is', async () => {
  const project = [
    '- project:',
    '    check:',
    '      jobs:',
    '        - tox-py3',
    '        - tox-docs:',
    '            files: |^nope/.*',
    '',
  ].join('\n');
  const w = await workspace({ 'zuul-jobs': { 'zuul.d/jobs.yaml': LIB_JOBS, 'zuul.d/project.yaml': project, 'roles/a/tasks/main.yaml': '' } });
  try {
    // tox-py3 runs against zuul-jobs with tox's irrelevant-files: that one is checked.
    assert.deepEqual(w.all(), ['files-matcher-matches-nothing zuul-jobs/zuul.d/jobs.yaml:9', 'files-matcher-matches-nothing zuul-jobs/zuul.d/project.yaml:6']);
    const [tox] = w.found('zuul-jobs/zuul.d/jobs.yaml');
    assert.match(String(tox.data?.why), /own project stanza runs tox/);
  } finally {
    remove(w.root);
  }
});

test('files-matcher-matches-nothing: jobs in an extra-config-path (zuul-tests.d/) are the repo\'s own', async () => {
  const tests = [
    '- job:',
    '    name: zuul-jobs-test-ansible-lint-rules',
    '    files:',
    '      - |^/.rules/.*',
    '      - roles/a/',
    '',
  ].join('\n');
  const repos = { 'zuul-jobs': { 'zuul.d/jobs.yaml': LIB_JOBS, 'zuul-tests.d/lint.yaml': tests, 'roles/a/tasks/main.yaml': '', '.rules/x.py': '' } };
  const w = await workspace(repos, { extraConfigPaths: { 'zuul-jobs': ['zuul-tests.d/'] } });
  try {
    const f = w.found('zuul-jobs/zuul-tests.d/lint.yaml');
    assert.deepEqual(starts(f), w.marks('zuul-jobs/zuul-tests.d/lint.yaml').map((m) => ['files-matcher-matches-nothing', m]));
    assert.deepEqual(f[0].data?.suggestions, ['^\\.rules/.*']);
    assert.match(String(f[0].data?.why), /extra-config-path/);
    assert.deepEqual(w.all().filter((x) => x.includes('zuul.d/')), [], 'the library jobs stay unchecked');
  } finally {
    remove(w.root);
  }
});

test('files-matcher-matches-nothing: a repo that runs most of its jobs has all its job stanzas checked, run or not', async () => {
  const jobs = [
    '- job:',
    '    name: infra-prod-base',
    '- job:',
    '    name: infra-prod-service-a',
    '    parent: infra-prod-base',
    '    files: [inventory/]',
    '- job:',
    '    name: infra-prod-bootstrap-bridge',
    '    files: [|playbooks/boostrap-bridge.yaml]',
    '- project:',
    '    deploy:',
    '      jobs:',
    '        - infra-prod-service-a:',
    '            dependencies: [{name: infra-prod-base, soft: true}]',
    '',
  ].join('\n');
  const w = await workspace({ 'system-config': { 'zuul.d/jobs.yaml': jobs, ...FILES } });
  try {
    const f = w.found('system-config/zuul.d/jobs.yaml');
    assert.deepEqual(starts(f), w.marks('system-config/zuul.d/jobs.yaml').map((m) => ['files-matcher-matches-nothing', m]));
    assert.match(String(f[0].data?.why), /runs 2 of the 3 jobs it defines itself/);
  } finally {
    remove(w.root);
  }
});

test('files-matcher-matches-nothing: a project stanza for another workspace repo is matched against that repo', async () => {
  const projects = [
    '- project:',
    '    name: org/app',
    '    check:',
    '      jobs:',
    '        - a:',
    '            files:',
    '              - docs/',
    '              - |cfg-only.txt',
    '- project:',
    '    name: org/elsewhere',
    '    check:',
    '      jobs:',
    '        - a:',
    '            files: [nothing-here/]',
    '- project:',
    '    name: ^org/.*',
    '    check:',
    '      jobs:',
    '        - a:',
    '            files: [nothing-here/]',
    '',
  ].join('\n');
  const w = await workspace({ 'project-config': { 'zuul.d/projects.yaml': projects, 'cfg-only.txt': '' }, app: { 'zuul.yaml': '- job: {name: a}\n', ...FILES } });
  try {
    const f = w.found('project-config/zuul.d/projects.yaml');
    assert.deepEqual(starts(f), w.marks('project-config/zuul.d/projects.yaml').map((m) => ['files-matcher-matches-nothing', m]));
    assert.match(f[0].message, /matches no file of app/);
  } finally {
    remove(w.root);
  }
});

test('files-matcher-matches-nothing: nothing without a project stanza, or without a file list', async () => {
  const jobs = '- job:\n    name: a\n    files: [nope/]\n';
  const w = await workspace({ lib: { 'zuul.d/jobs.yaml': jobs, ...FILES }, bare: { 'zuul.d/jobs.yaml': `${jobs}- project:\n    check:\n      jobs: [a]\n` } });
  try {
    assert.deepEqual(w.all(), []);
  } finally {
    remove(w.root);
  }
});

test('matcher helpers: literal prefixes, RE2 start-anchored matching, suggestions', () => {
  assert.equal(literalPrefix('^playbooks/roles/x/'), 'playbooks/roles/x/');
  assert.equal(literalPrefix('^\\.rules/.*'), '.rules/');
  assert.equal(literalPrefix('inventory/host_vars/bridge.eco'), 'inventory/host_vars/bridge');
  assert.equal(literalPrefix('docs?/'), 'doc');
  assert.equal(literalPrefix('a|b'), '');
  assert.equal(literalPrefix('(?i)README'), '');
  const paths = new RepoPaths(new Set(['roles/foo/tasks/main.yaml', 'README.rst', 'test-playbooks/run-logjuicer.yaml']));
  assert.equal(matchesSomeFile('roles/foo/', false, paths), true, 'a directory prefix matches the files below it');
  assert.equal(matchesSomeFile('tasks/main.yaml', false, paths), false, 'anchored at the start: no match in the middle');
  assert.equal(matchesSomeFile('(?i)readme', false, paths), true);
  assert.equal(matchesSomeFile('README$', false, paths), false);
  assert.deepEqual(suggestMatcher('test-playbooks/run-loreduce.yaml', paths, [], 'zuul-jobs-test-run-logjuicer').suggestions, ['test-playbooks/run-logjuicer.yaml']);
  assert.deepEqual(suggestMatcher('^.*\\.md$', paths).suggestions, [], 'not a plain path: nothing to suggest');
  assert.deepEqual(suggestMatcher('READMY.rst', paths).suggestions, ['README.rst']);
  assert.equal(repoHoldsProject({ name: 'system-config-6747cf2' } as never, 'openstack-infra/system-config'), true);
  assert.equal(repoHoldsProject({ name: 'otc-system-config' } as never, 'opendev/system-config'), false);
  assert.equal(repoHoldsProject({ name: 'system-config-main' } as never, 'opendev/system-config'), false);
});

// ---------------------------------------------------------------------------
// playbook-variable-not-found

const INFRA = [
  '- job:',
  '    name: infra-prod-base',
  '    vars: {playbook_name: base.yaml}',
  '- job:',
  '    name: infra-prod-service-a',
  '    vars:',
  '      playbook_name: service-a.yaml',
  '- job:',
  '    name: infra-prod-bootstrap-bridge',
  '    vars:',
  '      playbook_name: |install-ansible.yaml',
  '- job:',
  '    name: infra-prod-service-c',
  '    vars:',
  '      playbook_name: service-c.yaml',
  '- job:',
  '    name: infra-prod-templated',
  '    vars:',
  '      playbook_name: "{{ something }}.yaml"',
  '- project:',
  '    deploy:',
  '      jobs:',
  '        - infra-prod-service-a:',
  '            vars: {playbook_name: |service-b.yaml}',
  '',
].join('\n');
const PLAYBOOKS = { 'playbooks/base.yaml': '', 'playbooks/service-a.yaml': '', 'playbooks/service-c.yaml': '', 'playbooks/bootstrap-bridge.yaml': '' };

test('playbook-variable-not-found: without settings, playbook_name is inferred from a repo that follows the convention', async () => {
  const w = await workspace({ 'system-config': { 'zuul.d/infra-prod.yaml': INFRA, ...PLAYBOOKS } });
  try {
    const f = w.found('system-config/zuul.d/infra-prod.yaml');
    assert.deepEqual(starts(f), w.marks('system-config/zuul.d/infra-prod.yaml').map((m) => ['playbook-variable-not-found', m]));
    assert.equal(f[0].data?.suggestions?.[0], 'bootstrap-bridge.yaml', 'the playbook named like the job comes first');
    assert.match(f[0].message, /playbooks\/install-ansible.yaml, which does not exist/);
    assert.match(f[0].message, /Did you mean "bootstrap-bridge.yaml"\?/);
    assert.match(f[0].message, /because 3 of the 5 values in system-config do/);
    assert.equal(f[0].data?.inferred, true);
    assert.equal(f[1].data?.suggestions?.[0], 'service-a.yaml');
  } finally {
    remove(w.root);
  }
});

test('playbook-variable-not-found: no inference when most values do not name files under playbooks/', async () => {
  const w = await workspace({ app: { 'zuul.d/infra-prod.yaml': INFRA, 'playbooks/base.yaml': '' } });
  try {
    assert.deepEqual(w.all(), []);
  } finally {
    remove(w.root);
  }
});

test('playbook-variable-not-found: the playbookVariables setting names the variables (and turns inference off)', async () => {
  const jobs = [
    '- job:',
    '    name: a',
    '    vars:',
    '      deploy_playbook: |web.yml',
    '      playbook_name: nope.yaml',
    '- job:',
    '    name: b',
    '    vars:',
    '      deploy_playbook: web.yaml',
    '',
  ].join('\n');
  const w = await workspace({ app: { 'zuul.d/jobs.yaml': jobs, 'deploy/web.yaml': '', ...PLAYBOOKS } }, { playbookVariables: [{ name: 'deploy_playbook', base: 'deploy' }] });
  try {
    const f = w.found('app/zuul.d/jobs.yaml');
    assert.deepEqual(starts(f), w.marks('app/zuul.d/jobs.yaml').map((m) => ['playbook-variable-not-found', m]));
    assert.deepEqual(f[0].data?.suggestions, ['web.yaml']);
    assert.doesNotMatch(f[0].message, /taken to name/);
  } finally {
    remove(w.root);
  }
});

// ---------------------------------------------------------------------------
// role-not-found

test('role-not-found: a workspace role repo without roles/ or tasks/ is an ERROR at run time; others are fine', async () => {
  const jobs = [
    '- job:',
    '    name: a',
    '    roles:',
    '      - zuul: |org/not-roles',
    '      - zuul: zuul/zuul-jobs',
    '      - zuul: org/bare-role',
    '      - zuul: org/not-in-workspace',
    '      - galaxy: some.role',
    '- project:',
    '    check:',
    '      jobs:',
    '        - a:',
    '            roles: {zuul: |opendev/not-roles}',
    '',
  ].join('\n');
  const w = await workspace({
    app: { 'zuul.d/jobs.yaml': jobs, 'README.rst': '' },
    'not-roles': { 'README.rst': '', 'playbooks/x.yaml': '' },
    'zuul-jobs-79fe3eb': { 'roles/tox/tasks/main.yaml': '' },
    'bare-role': { 'tasks/main.yaml': '' },
  });
  try {
    const f = w.found('app/zuul.d/jobs.yaml');
    assert.deepEqual(starts(f), w.marks('app/zuul.d/jobs.yaml').map((m) => ['role-not-found', m]));
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /neither a roles\/ nor a tasks\/ folder/);
    assert.match(f[0].message, /ERROR \("Unable to find role"\)/);
    assert.deepEqual(f[0].data?.deleteRange, { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } });
    assert.equal(f[1].data?.deleteRange, undefined, 'the only role of the variant: deleting it would leave roles: empty');
  } finally {
    remove(w.root);
  }
});
