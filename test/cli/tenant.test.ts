// The tenant file read as Zuul reads it (issue 11): found in a config
// project's zuul/main.yaml or given with --tenant; from it trust, what each
// project loads, extra-config-paths and the load order; and the closed world,
// where a name no open repo defines is an error because every project is open.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type JsonFinding } from './helpers';
import { yaml } from '../helpers/marker';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A folder of repos from `path -> text`. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zuul-tenant-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

function check(dir: string, ...args: string[]): { findings: JsonFinding[]; status: number | null; stderr: string } {
  const r = runCli(['.', '--format', 'json', ...args], dir);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return { findings: JSON.parse(r.stdout) as JsonFinding[], status: r.status, stderr: r.stderr };
}

const summary = (dir: string, ...args: string[]) => runCli(['.', ...args], dir).stderr;
const codes = (fs: JsonFinding[]) => fs.map((f) => `${f.file}:${f.range.start.line + 1} ${f.severity} ${f.code}`).sort();

const TENANT = yaml`
  - tenant:
      name: example
      source:
        gerrit:
          config-projects:
            - org/config
          untrusted-projects:
            - org/app
            - org/lib:
                include: [job]
`;

const CONFIG = yaml`
  - pipeline:
      name: check
      manager: independent
  - job:
      name: base
      parent: null
      run: playbooks/base.yaml
`;

const APP = yaml`
  - job:
      name: app-test
      parent: lib-base
      run: playbooks/test.yaml
  - project:
      check:
        jobs:
          - app-test
          - missing-job
`;

function tenantTree(extra: Record<string, string> = {}): string {
  return tree({
    'config/zuul/main.yaml': TENANT,
    'config/zuul.d/pipelines.yaml': CONFIG,
    'config/playbooks/base.yaml': '- hosts: all\n',
    'app/zuul.d/jobs.yaml': APP,
    'app/playbooks/test.yaml': '- hosts: all\n',
    ...extra,
  });
}

test('every project open: a job no repo defines is an error in Zuul\u2019s words, and the summary says closed world', () => {
  const dir = tenantTree({ 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n    run: playbooks/lib.yaml\n', 'lib/playbooks/lib.yaml': '- hosts: all\n' });
  const { findings, status } = check(dir);
  assert.equal(status, 1);
  const missing = findings.find((f) => f.code === 'unknown-job');
  assert.ok(missing, codes(findings).join('\n'));
  assert.equal(missing.severity, 'error');
  assert.equal(missing.file, 'app/zuul.d/jobs.yaml');
  assert.match(missing.message, /Job "missing-job" is defined in no project of tenant example: Zuul rejects this project stanza \("Job missing-job not defined"\)/);
  assert.match(summary(dir), /; tenant example: closed world, all 3 projects open, a name no open repo defines is an error$/m);
});

test('a project not open: the tenant file says which, once, and unknown names stay warnings', () => {
  const dir = tenantTree();
  const { findings } = check(dir);
  const notOpen = findings.filter((f) => f.code === 'tenant-project-not-open');
  assert.equal(notOpen.length, 1);
  assert.equal(notOpen[0].file, 'config/zuul/main.yaml');
  assert.equal(notOpen[0].range.start.line, 1, 'on the tenant name');
  assert.match(notOpen[0].message, /1 of the 3 projects of tenant "example" is not open in the workspace \(org\/lib\)/);
  assert.equal(findings.find((f) => f.code === 'unknown-job')?.severity, 'warning');
  assert.equal(findings.find((f) => f.code === 'unknown-parent')?.severity, 'warning');
  assert.match(summary(dir), /; tenant example: open world, 1 of 3 projects not open/);
});

test('a missing project that loads no project-templates cannot define one: an unknown template is an error', () => {
  const dir = tenantTree({ 'app/zuul.d/jobs.yaml': APP.replace('- project:\n', '- project:\n    templates: [no-such-template]\n') });
  const t = check(dir).findings.find((f) => f.code === 'unknown-project-template');
  assert.equal(t?.severity, 'error', 'org/lib loads only jobs');
  assert.match(t!.message, /defined in no project of tenant example/);
});

test('include: [job] drops what else the project writes, as Zuul does', () => {
  const lib = yaml`
    - job:
        name: lib-base
        run: playbooks/lib.yaml
    - project:
        check:
          jobs:
            - undefined-anywhere
    - nodeset:
        name: bad
        nodes: 42
  `;
  const dir = tenantTree({ 'lib/zuul.d/jobs.yaml': lib, 'lib/playbooks/lib.yaml': '- hosts: all\n' });
  const libFindings = check(dir).findings.filter((f) => f.file.startsWith('lib/'));
  assert.deepEqual(codes(libFindings), [], 'neither the project stanza nor the nodeset of org/lib is loaded');
  // The same repo without the tenant: both are checked.
  const open = tree({ 'lib/zuul.d/jobs.yaml': lib, 'lib/playbooks/lib.yaml': '- hosts: all\n' });
  assert.ok(check(open).findings.some((f) => f.file === 'lib/zuul.d/jobs.yaml'), 'without a tenant the stanzas are checked');
});

test('the tenant decides trust: a base job in a repo it lists as untrusted is an error even though the repo defines pipelines', () => {
  const tenant = TENANT.replace('        config-projects:\n          - org/config\n', '        config-projects:\n          - org/other\n').replace('          - org/app\n', '          - org/app\n          - org/config\n');
  const dir = tenantTree({ 'config/zuul/main.yaml': tenant, 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n' });
  const found = check(dir, '--tenant', 'config/zuul/main.yaml').findings;
  assert.ok(found.some((f) => f.code === 'base-job-untrusted' && f.file === 'config/zuul.d/pipelines.yaml'), codes(found).join('\n'));
});

test('extra-config-paths come from the tenant, without a setting', () => {
  const tenant = TENANT.replace('          - org/app\n', '          - org/app:\n              extra-config-paths: [zuul-tests.d/]\n');
  const dir = tenantTree({
    'config/zuul/main.yaml': tenant,
    'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n',
    'app/zuul-tests.d/more.yaml': '- job:\n    name: app-extra\n    parent: no-such-parent\n',
  });
  const f = check(dir).findings.find((x) => x.file === 'app/zuul-tests.d/more.yaml');
  assert.equal(f?.code, 'unknown-parent', 'the extra path is loaded and checked');
  assert.equal(f?.severity, 'error');
});

test('--tenant FILE outside the repos, --tenant-name among several tenants, and a name the file does not define', () => {
  const dir = tenantTree({ 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n' });
  const elsewhere = tree({
    'main.yaml': yaml`
      - tenant:
          name: small
          source:
            gerrit:
              config-projects: [org/config]
      - tenant:
          name: example
          source:
            gerrit:
              config-projects: [org/config]
              untrusted-projects: [org/app, org/lib]
    `,
  });
  const file = join(elsewhere, 'main.yaml');
  // Without a name: the tenant holding the most open repos, said on the file.
  const chosen = check(dir, '--tenant', file).findings;
  assert.ok(chosen.some((f) => f.code === 'tenant-project-not-open' && /checked against "example", which holds the most open repositories \(3\)/.test(f.message)), codes(chosen).join('\n'));
  assert.match(summary(dir, '--tenant', file), /tenant example: closed world/);
  // Named: that tenant, whose world is open only in the sense that the other repos are outside it.
  assert.match(summary(dir, '--tenant', file, '--tenant-name', 'small'), /tenant small: closed world, all 1 projects open/);
  const outside = check(dir, '--tenant', file, '--tenant-name', 'small').findings.filter((f) => f.code === 'repo-not-in-tenant');
  assert.deepEqual(outside.map((f) => /folder "(\w+)"/.exec(f.message)?.[1]).sort(), ['app', 'lib']);
  const wrong = check(dir, '--tenant', file, '--tenant-name', 'nope').findings.find((f) => f.code === 'invalid-tenant-file');
  assert.match(wrong?.message ?? '', /defines no tenant named "nope".*"small", "example"/);
  assert.match(summary(dir, '--tenant', file, '--tenant-name', 'nope'), /no tenant file: open world/);
});

test('a tenant file Zuul would reject: findings at the offending keys, the rest still read', () => {
  const bad = yaml`
    - tenant:
        name: example
        max-job-timout: 3600
        source:
          gerrit:
            config-projects:
              - org/config
            untrusted-projects:
              - org/app:
                  include: [jobs]
              - org/lib
  `;
  const dir = tenantTree({ 'config/zuul/main.yaml': bad, 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n' });
  const found = check(dir).findings.filter((f) => f.code === 'invalid-tenant-file');
  assert.deepEqual(found.map((f) => f.range.start.line + 1), [3, 10]);
  assert.match(found[0].message, /Unknown key "max-job-timout" in a tenant/);
  assert.match(found[1].message, /"jobs" in include is not a configuration class/);
  assert.match(summary(dir), /tenant example: closed world/);
  for (const text of ['', 'not: [valid', '- tenant: {}\n', '- tenant:\n    name: x\n    source: 3\n', '\u0000\u0001binary']) {
    const d = tenantTree({ 'config/zuul/main.yaml': text, 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n' });
    const r = runCli(['.'], d);
    assert.ok(r.status === 0 || r.status === 1, `${JSON.stringify(text)}: ${r.stderr}`);
  }
});

test('the tenant\u2019s limits: max-job-timeout (10800 by default, -1 none) and max-nodes-per-job (5 by default)', () => {
  const nodeset = (name: string, n: number) => `- nodeset:\n    name: ${name}\n    nodes:\n${Array.from({ length: n }, (_, i) => `      - {name: n${i}, label: l}\n`).join('')}`;
  const jobs = [
    nodeset('six', 6),
    '- nodeset:\n    name: either\n    alternatives: [small, six]\n',
    nodeset('small', 1),
    '- job:\n    name: long\n    timeout: 14400\n    post-timeout: 600\n',
    '- job:\n    name: wide\n    nodeset: either\n',
    '- job:\n    name: fine\n    nodeset: small\n    timeout: 10800\n',
  ].join('');
  const base = { 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n', 'app/zuul.d/limits.yaml': jobs };
  const limits = (tenantFile: string) => codes(check(tenantTree({ ...base, 'config/zuul/main.yaml': tenantFile })).findings.filter((f) => f.code.endsWith('-over-tenant-max')));
  assert.deepEqual(limits(TENANT), ['app/zuul.d/limits.yaml:19 error timeout-over-tenant-max', 'app/zuul.d/limits.yaml:23 error nodes-over-tenant-max']);
  const strict = TENANT.replace('    name: example\n', '    name: example\n    max-job-timeout: 500\n    max-nodes-per-job: 6\n');
  assert.deepEqual(limits(strict), ['app/zuul.d/limits.yaml:19 error timeout-over-tenant-max', 'app/zuul.d/limits.yaml:20 error timeout-over-tenant-max', 'app/zuul.d/limits.yaml:27 error timeout-over-tenant-max']);
  assert.deepEqual(limits(TENANT.replace('    name: example\n', '    name: example\n    max-job-timeout: -1\n    max-nodes-per-job: -1\n')), []);
  // Without a tenant file the limits are not known: nothing is said.
  assert.deepEqual(codes(check(tree(base)).findings.filter((f) => f.code.endsWith('-over-tenant-max'))), []);
  const msg = check(tenantTree({ ...base, 'config/zuul/main.yaml': TENANT })).findings.find((f) => f.code === 'timeout-over-tenant-max')!.message;
  assert.match(msg, /timeout: 14400 is over the max-job-timeout of tenant example \(10800 s, Zuul’s default\): Zuul rejects the job \('The job "long" exceeds tenant max-job-timeout 10800\.'\)/);
});

test('load order and shadow: the first project of the tenant owns a job name; shadow lets a later one define it silently', () => {
  const both = { 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n- job:\n    name: shared\n', 'app/zuul.d/shared.yaml': '- job:\n    name: shared\n' };
  // This tenant lists org/lib before org/app: app's definition is the one Zuul rejects, although the folder app comes first.
  const libFirst = TENANT.replace('          - org/app\n          - org/lib:\n              include: [job]\n', '          - org/lib\n          - org/app\n');
  assert.notEqual(libFirst, TENANT);
  const dup = check(tenantTree({ ...both, 'config/zuul/main.yaml': libFirst })).findings.filter((f) => f.code === 'duplicate-definition');
  assert.deepEqual(dup.map((f) => f.file), ['app/zuul.d/shared.yaml']);
  assert.match(dup[0].message, /already defined in lib/);
  const shadowing = libFirst.replace('          - org/app\n', '          - org/app:\n              shadow: org/lib\n');
  assert.notEqual(shadowing, libFirst);
  assert.deepEqual(check(tenantTree({ ...both, 'config/zuul/main.yaml': shadowing })).findings.filter((f) => f.code === 'duplicate-definition'), []);
});

test('project names the tenant does not hold: project stanzas and required-projects, by the name the tenant writes', () => {
  const stanzas = yaml`
    - project:
        name: app
        check:
          jobs: [noop]
    - project:
        name: review.example.com/org/lib
        check:
          jobs: [noop]
    - project:
        name: org/gone
        check:
          jobs: [noop]
    - project:
        name: ^org/.*
        check:
          jobs: [noop]
    - job:
        name: needs
        required-projects: [org/app, {name: nope}]
  `;
  const dir = tenantTree({ 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n', 'config/zuul.d/projects.yaml': stanzas });
  const found = check(dir).findings.filter((f) => f.code === 'unknown-project');
  assert.deepEqual(found.map((f) => `${f.range.start.line + 1} ${/Project "([^"]+)"/.exec(f.message)?.[1]}`), ['2 app', '10 org/gone', '19 nope']);
  assert.match(found[0].message, /Project "app" is no project of tenant example: Zuul rejects this project stanza \('The project "app" was not found\./);
  assert.match(found[0].message, /The tenant holds "org\/app": write the project's full name\./);
  // Without a tenant file nothing is known about the tenant's projects.
  assert.deepEqual(check(tree({ 'config/zuul.d/projects.yaml': stanzas })).findings.filter((f) => f.code === 'unknown-project'), []);
});

test('a project whose folder holds no Zuul configuration is open all the same: the world is closed', () => {
  const dir = tenantTree();
  assert.match(summary(dir), /open world, 1 of 3 projects not open/);
  mkdirSync(join(dir, 'lib', 'src'), { recursive: true });
  writeFileSync(join(dir, 'lib', 'src', 'main.c'), 'int main(void) { return 0; }\n');
  assert.match(summary(dir), /tenant example: closed world, all 3 projects open/);
  const missing = check(dir).findings.find((f) => f.code === 'unknown-parent');
  assert.equal(missing?.severity, 'error', 'lib-base is defined nowhere');
});

test('a job Zuul drops while loading: its children and job lists get "Job X not defined" too, pointing at the cause', () => {
  // lib-base names a required project the tenant does not have: Zuul never adds it to the layout.
  const lib = '- job:\n    name: lib-base\n    required-projects: [org/nowhere]\n    run: playbooks/lib.yaml\n';
  const dir = tenantTree({ 'lib/zuul.d/jobs.yaml': lib, 'lib/playbooks/lib.yaml': '- hosts: all\n' });
  const { findings } = check(dir);
  const cause = findings.find((f) => f.code === 'unknown-project');
  assert.ok(cause, codes(findings).join('\n'));
  const cascade = findings.filter((f) => f.code === 'rejected-job-reference');
  assert.deepEqual(cascade.map((f) => `${f.file}:${f.range.start.line + 1} ${f.severity}`), ['app/zuul.d/jobs.yaml:3 error']);
  assert.match(cascade[0].message, /^Job "lib-base" is defined, but Zuul drops every variant of it while loading \(unknown-project in jobs\.yaml\), so it also rejects job "app-test" \("Job lib-base not defined"\)/);
  // A second variant that loads keeps the name defined.
  const twice = tenantTree({ 'lib/zuul.d/jobs.yaml': `${lib}- job:\n    name: lib-base\n    branches: master\n`, 'lib/playbooks/lib.yaml': '- hosts: all\n' });
  assert.equal(check(twice).findings.filter((f) => f.code === 'rejected-job-reference').length, 0);
  // A duplicate key loses the whole file: every job in it.
  const dup = tenantTree({ 'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-other\n    run: a.yaml\n    run: b.yaml\n- job:\n    name: lib-base\n    run: playbooks/lib.yaml\n', 'lib/playbooks/lib.yaml': '- hosts: all\n' });
  const lost = check(dup).findings.filter((f) => f.code === 'rejected-job-reference');
  assert.equal(lost.length, 1, codes(check(dup).findings).join('\n'));
  assert.match(lost[0].message, /\(duplicate-key in jobs\.yaml\)/);
});

test('templates Zuul never validates: an unused one, and those a project lists after a missing template, get no dependency or parent errors', () => {
  const templates = yaml`
    - project-template:
        name: used-tpl
        check:
          jobs:
            - app-test:
                dependencies: [no-such-dep]
    - project-template:
        name: hidden-tpl
        check:
          jobs:
            - app-test:
                dependencies: [hidden-dep]
    - project-template:
        name: unused-tpl
        check:
          jobs:
            - app-test:
                dependencies: [unused-dep]
  `;
  const dir = tenantTree({
    'lib/zuul.d/jobs.yaml': '- job:\n    name: lib-base\n    run: playbooks/lib.yaml\n',
    'lib/playbooks/lib.yaml': '- hosts: all\n',
    'config/zuul.d/templates.yaml': templates,
    'app/zuul.d/templates.yaml': '- project:\n    templates: [used-tpl, missing-tpl, hidden-tpl]\n',
  });
  assert.match(summary(dir), /closed world/);
  const { findings } = check(dir);
  const deps = findings.filter((f) => f.code === 'unknown-dependency');
  assert.deepEqual(deps.map((f) => `${f.file}:${f.range.start.line + 1}`), ['config/zuul.d/templates.yaml:6'], codes(findings).join('\n'));
  assert.ok(findings.some((f) => f.code === 'unknown-project-template' && /missing-tpl/.test(f.message)));
});

test('with a tenant file a project stanza names what Zuul\u2019s getProject finds: an old name the tenant lists apart is another project', () => {
  const tenant = yaml`
    - tenant:
        name: example
        source:
          gerrit:
            config-projects:
              - org/config
            untrusted-projects:
              - org/app
              - old/app
  `;
  const dir = tree({
    'org/config/zuul/main.yaml': tenant,
    'org/config/zuul.d/pipelines.yaml': CONFIG,
    'org/config/playbooks/base.yaml': '- hosts: all\n',
    'org/app/zuul.d/project.yaml': '- project:\n    name: old/app\n    check:\n      jobs: [noop]\n',
    'old/app/README': 'renamed\n',
  });
  assert.match(summary(dir), /closed world/);
  const forbidden = check(dir).findings.filter((f) => f.code === 'project-forbidden');
  assert.deepEqual(forbidden.map((f) => `${f.file}:${f.range.start.line + 1} ${f.severity}`), ['org/app/zuul.d/project.yaml:2 error']);
  assert.match(forbidden[0].message, /"old\/app" is the tenant's project old\/app, and this repo is org\/app/);
  // Its own full name is the repo itself.
  writeFileSync(join(dir, 'org/app/zuul.d/project.yaml'), '- project:\n    name: org/app\n    check:\n      jobs: [noop]\n');
  assert.deepEqual(check(dir).findings.filter((f) => f.code === 'project-forbidden'), []);
});

test('required-projects behind an alias: the unknown project is reported in each job, at the alias in the one that borrows the list', () => {
  const jobs = yaml`
    - job:
        name: builds
        required-projects: &needs
          - name: other.example.org/tool
    - job:
        name: uploads
        required-projects: *needs
  `;
  const found = check(tenantTree({ 'config/zuul.d/jobs.yaml': jobs })).findings.filter((f) => f.code === 'unknown-project');
  assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character} ${/Zuul rejects job "([^"]+)"/.exec(f.message)?.[1]}`), ['4:14 builds', '7:23 uploads']);
});
