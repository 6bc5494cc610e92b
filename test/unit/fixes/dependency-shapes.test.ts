// The rarer shapes of the dependency fixes, on inline YAML: empty and
// one-name `dependencies`, flow job lists and bodies, multi-line flow lists,
// CRLF files, `soft: false`, settings that refuse soft dependencies, and
// entries whose edit would close a cycle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import type { Settings } from '../../../server/src/zuul/settings';
import type { Finding } from '../../../server/src/zuul/types';
import { DEPENDENCIES_FIXES } from '../../../server/src/fixes/group-dependencies';
import type { Fix } from '../../../server/src/fixes/types';
import { applyFileEdits } from '../../helpers/applyEdits';
import { tree, remove } from '../../helpers/tmp';

const JOBS = ['boot', 'lint', 'svc-a', 'svc-b', 'svc-c', 'build'].map((n) => `- job:\n    name: ${n}\n    parent: null\n`).join('\n');
const BOOT: Partial<Settings> = { bootstrapJobs: [{ job: 'boot', appliesTo: '^svc-', allowSoft: true }] };

interface Run {
  text: string;
  fixes: Fix[];
  finding: Finding;
  /** The project file after the fix titled `title`, and the findings of the rule left in it. */
  apply(title: string): { text: string; left: Finding[] };
}

async function run(project: string, rule: string, job: string, settings: Partial<Settings> = BOOT, jobs = JOBS): Promise<Run> {
  const root = tree({ 'r/.git/HEAD': '', 'r/zuul.d/jobs.yaml': jobs, 'r/zuul.d/project.yaml': project });
  try {
    const ws = new ZuulWorkspace([root], settings);
    await ws.load();
    const path = join(root, 'r', 'zuul.d', 'project.yaml');
    const finding = ws.findings(path).find((f) => f.rule === rule && (f.data as { job?: string }).job === job);
    assert.ok(finding, `${rule} for ${job}; got ${JSON.stringify(ws.findings(path).map((f) => [f.rule, f.message]))}`);
    const file = ws.fileState(path)!.parsed;
    const fixes = DEPENDENCIES_FIXES.filter((p) => p.rules.includes(rule)).flatMap((p) => p.provide({ ws, finding, file }));
    return {
      text: project,
      fixes,
      finding,
      apply(title) {
        const fix = fixes.find((f) => f.title === title);
        assert.ok(fix, `no fix "${title}"; offered ${JSON.stringify(fixes.map((f) => f.title))}`);
        const out = applyFileEdits(fix.edits).get(path)!;
        ws.setOverlay(path, out);
        return { text: out, left: ws.findings(path).filter((f) => f.rule === rule) };
      },
    };
  } finally {
    // Files are read while the Run is used; the folder goes once the process ends.
    process.once('exit', () => remove(root));
  }
}

const project = (...entries: string[]) => `- project:\n    deploy:\n      jobs:\n${entries.map((e) => `        ${e}\n`).join('')}`;

test('an empty `dependencies:` gets a block list below the key', async () => {
  const r = await run(project('- boot', '- svc-a:', '    dependencies:', '      - boot', '- svc-b:', '    dependencies:  # none yet'), 'missing-bootstrap-dependency', 'svc-b');
  const { text, left } = r.apply('Add dependency on boot');
  assert.equal(text, project('- boot', '- svc-a:', '    dependencies:', '      - boot', '- svc-b:', '    dependencies:  # none yet', '      - boot'));
  assert.deepEqual(left, []);
});

test('one dependency written alone becomes a flow list', async () => {
  const r = await run(project('- boot', '- lint', '- svc-a: {dependencies: boot}', '- svc-b:', '    dependencies: lint'), 'missing-bootstrap-dependency', 'svc-b');
  assert.equal(r.apply('Add dependency on boot').text, project('- boot', '- lint', '- svc-a: {dependencies: boot}', '- svc-b:', '    dependencies: [lint, boot]'));
});

test('a flow job list and a flow body', async () => {
  const flowList = `- project:\n    deploy:\n      jobs: [boot, {svc-a: {dependencies: [boot]}}, svc-b, svc-c: {voting: false}]\n`;
  const r = await run(flowList, 'missing-bootstrap-dependency', 'svc-b');
  assert.equal(r.apply('Add dependency on boot').text, `- project:\n    deploy:\n      jobs: [boot, {svc-a: {dependencies: [boot]}}, {svc-b: {dependencies: [boot]}}, svc-c: {voting: false}]\n`);
  const all = await run(flowList, 'missing-bootstrap-dependency', 'svc-b');
  const { text, left } = all.apply('Add dependency on boot to all 2 jobs of deploy that lack it');
  assert.equal(text, `- project:\n    deploy:\n      jobs: [boot, {svc-a: {dependencies: [boot]}}, {svc-b: {dependencies: [boot]}}, svc-c: {voting: false, dependencies: [boot]}]\n`);
  assert.deepEqual(left, []);
});

test('a multi-line flow list keeps one item per line', async () => {
  const r = await run(project('- boot', '- lint', '- svc-a:', '    dependencies: [', '      lint,', '      build', '    ]'), 'missing-bootstrap-dependency', 'svc-a', BOOT, JOBS);
  assert.equal(r.apply('Add dependency on boot (soft)').text, project('- boot', '- lint', '- svc-a:', '    dependencies: [', '      lint,', '      build,', '      {name: boot, soft: true}', '    ]'));
});

test('CRLF files get CRLF lines', async () => {
  const crlf = project('- boot', '- svc-a:', '    dependencies:', '      - boot', '- svc-b  # new').replace(/\n/g, '\r\n');
  const r = await run(crlf, 'missing-bootstrap-dependency', 'svc-b');
  const { text, left } = r.apply('Add dependency on boot (soft)');
  assert.equal(text, project('- boot', '- svc-a:', '    dependencies:', '      - boot', '- svc-b:  # new', '    dependencies:', '      - name: boot', '        soft: true').replace(/\n/g, '\r\n'));
  assert.deepEqual(left, []);
});

test('no soft fix where the setting does not count soft dependencies', async () => {
  const r = await run(project('- boot', '- svc-a'), 'missing-bootstrap-dependency', 'svc-a', { bootstrapJobs: [{ job: 'boot', appliesTo: '^svc-', allowSoft: false }] });
  assert.deepEqual(r.fixes.map((f) => [f.title, f.preferred]), [['Add dependency on boot', true]]);
});

test('a soft fix too by default: a soft dependency waits for the bootstrap job whenever it runs', async () => {
  const r = await run(project('- boot', '- svc-a'), 'missing-bootstrap-dependency', 'svc-a', { bootstrapJobs: [{ job: 'boot', appliesTo: '^svc-' }] });
  assert.deepEqual(r.fixes.map((f) => [f.title, f.preferred]), [['Add dependency on boot', true], ['Add dependency on boot (soft)', undefined]]);
});

test('no fix that would close a cycle: the bootstrap job depends on the job', async () => {
  const r = await run(project('- boot:', '    dependencies: [svc-a]', '- svc-a'), 'missing-bootstrap-dependency', 'svc-a');
  assert.deepEqual(r.fixes, []);
});

const CHECK = (deps: string) => `- project:\n    check:\n      jobs:\n        - lint\n        - svc-a:\n            dependencies: ${deps}\n`;

test('make soft: a `soft: false` mapping, one name alone, a flow map with spaces', async () => {
  const hard = `\n              - name: build\n                soft: false  # for now`;
  const a = await run(CHECK(hard), 'dependency-not-in-pipeline', 'svc-a', {});
  assert.deepEqual(a.fixes.map((f) => [f.title, f.preferred]), [['Make the dependency on build soft', true], ['Add build to the check jobs of r', undefined]]);
  assert.equal(a.apply('Make the dependency on build soft').text, CHECK(`\n              - name: build\n                soft: true  # for now`));
  const b = await run(CHECK('build'), 'dependency-not-in-pipeline', 'svc-a', {});
  assert.equal(b.apply('Make the dependency on build soft').text, CHECK('{name: build, soft: true}'));
  const c = await run(CHECK('[ lint, { name: build } ]'), 'dependency-not-in-pipeline', 'svc-a', {});
  assert.equal(c.apply('Make the dependency on build soft').text, CHECK('[ lint, { name: build, soft: true } ]'));
  const d = await run(CHECK('[lint, build]'), 'dependency-not-in-pipeline', 'svc-a', {});
  const { text, left } = d.apply('Make the dependency on build soft');
  assert.equal(text, CHECK('[lint, {name: build, soft: true}]'));
  assert.deepEqual(left, []);
});

test('add to the pipeline: a flow job list, quoted like its entries', async () => {
  const r = await run(`- project:\n    check:\n      jobs: ["lint", "svc-a": {dependencies: [build]}]\n`, 'dependency-not-in-pipeline', 'svc-a', {});
  const { text, left } = r.apply('Add build to the check jobs of r');
  assert.equal(text, `- project:\n    check:\n      jobs: ["lint", "svc-a": {dependencies: [build]}, "build"]\n`);
  assert.deepEqual(left, []);
});

test('an entry of a project-template: the title says the template is edited', async () => {
  const text = `- project-template:\n    name: deploy-jobs\n    deploy:\n      jobs:\n        - svc-b\n- project:\n    templates: [deploy-jobs]\n    deploy:\n      jobs:\n        - boot\n        - svc-a: {dependencies: [boot]}\n`;
  const r = await run(text, 'missing-bootstrap-dependency', 'svc-b');
  const { text: out, left } = r.apply('Add dependency on boot in project-template deploy-jobs');
  assert.equal(out, text.replace('        - svc-b\n', '        - svc-b:\n            dependencies: [boot]\n'));
  assert.deepEqual(left, []);
});
