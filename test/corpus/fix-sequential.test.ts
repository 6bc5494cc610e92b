// The sequential "before" state of the parallel-deploy story
// (otc-system-config f52c775): with zuul.bootstrapJobs naming
// infra-prod-install-ansible for deploy (allowSoft: false), every other deploy job is reported;
// fix-all, in the engine and as `zuul-check --fix`, makes all of them wait for
// it, and a second run finds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { fixAll } from '../../server/src/fixes/fixAll';
import type { Settings } from '../../server/src/zuul/settings';
import { corpusDir, materialize, scratchDir, projectRoot } from '../helpers/corpus';

const corpus = corpusDir();
const CASE = 'otc-system-config-f52c775';
const BESIDE = 'otc-base-jobs-0debd80';
const absent = !corpus || !existsSync(join(corpus, CASE)) ? `corpus folder ${CASE} not found under ../shared/corpus` : false;
const SETTINGS: Partial<Settings> = { bootstrapJobs: [{ job: 'infra-prod-install-ansible', pipelines: ['deploy'], allowSoft: false }] };
const RULE = 'missing-bootstrap-dependency';

function missing(ws: ZuulWorkspace): string[] {
  return [...ws.allFindings().values()].flat().filter((f) => f.rule === RULE).map((f) => String(f.data?.job)).sort();
}

test('every deploy job is reported, fix-all makes them all wait, a second run finds nothing', { skip: absent }, async () => {
  const root = scratchDir('zuul-fix-sequential-');
  const folders = [materialize(CASE, root), materialize(BESIDE, root)];
  const ws = new ZuulWorkspace(folders, SETTINGS);
  await ws.load();
  const before = missing(ws);
  assert.equal(before.length, 21, `reported: ${before.join(', ')}`);
  assert.ok(!before.includes('infra-prod-install-ansible'));

  const result = fixAll(ws, ws.trackedFiles());
  assert.ok(result.applied.length > 0);
  for (const [file, text] of result.texts) {
    writeFileSync(file, text);
    ws.fileEvent(file, 'changed');
  }
  assert.deepEqual(missing(ws), []);
  const again = new ZuulWorkspace(folders, SETTINGS);
  await again.load();
  assert.deepEqual(missing(again), [], 'a fresh run finds nothing either');
});

test('zuul-check --fix does the same on disk', { skip: absent }, () => {
  const root = scratchDir('zuul-fix-sequential-cli-');
  materialize(CASE, root);
  materialize(BESIDE, root);
  const rules = join(root, 'rules.json');
  writeFileSync(rules, JSON.stringify(SETTINGS));
  const cli = join(projectRoot(), 'dist', 'cli.js');
  const count = () => {
    const r = spawnSync(process.execPath, [cli, root, '--rules', rules, '--format', 'json'], { encoding: 'utf8' });
    return (JSON.parse(r.stdout) as { code: string }[]).filter((f) => f.code === RULE).length;
  };
  assert.equal(count(), 21);
  const fixed = spawnSync(process.execPath, [cli, root, '--rules', rules, '--fix'], { encoding: 'utf8' });
  assert.match(fixed.stderr, /fixed: Make the dependency on infra-prod-install-ansible hard/);
  assert.equal(count(), 0);
});
