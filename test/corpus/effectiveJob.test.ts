// The effective job and jobs-for on real configuration, otc-base-jobs beside
// each: otc-system-config b454bff's deploy jobs, and the case snapshot
// 32e2ce4, whose deploy pipeline runs the bootstrap job with its copy-pasted
// `boostrap-bridge` matcher typo. The CLI runs on materialized copies; the
// corpus is never copied into the project.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, materialize } from '../helpers/corpus';
import { removeDir } from '../helpers/lspClient';
import { runCli } from '../cli/helpers';
import type { EffectiveJob, JobsForPipeline } from '../../protocol/src';

const CASE = 'otc-system-config-b454bff';
const TYPO = 'cases/otc-system-config-32e2ce4';
const BESIDE = 'otc-base-jobs-0debd80';
const corpus = corpusDir();
const missing = (...fs: string[]) => (!corpus || fs.some((f) => !existsSync(join(corpus, f))) ? `corpus folders ${fs.join(', ')} not found under ../shared/corpus` : false);

const roots: string[] = [];
/** A fresh folder holding materialized copies of `folders`. */
function workspace(...folders: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'zuul-effective-corpus-'));
  roots.push(root);
  for (const f of folders) materialize(f, root);
  return root;
}
after(() => roots.forEach((r) => removeDir(r)));

test('corpus: the effective job of an infra-prod-service job lists its playbooks in Zuul\u2019s order, each from its stanza', { skip: missing(CASE, BESIDE) }, () => {
  const r = runCli(['explain', 'infra-prod-service-alerta', '--project', CASE, '--pipeline', 'deploy', '--format', 'json'], workspace(CASE, BESIDE));
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as EffectiveJob;
  const chain = j.applied.filter((a) => a.kind === 'job').map((a) => a.job);
  assert.deepEqual(chain.slice(-3), ['infra-prod-playbook', 'infra-prod-service-base', 'infra-prod-service-alerta']);
  const order = j.playbooks.map((p) => `${p.phase} ${p.job}`);
  const at = (s: string) => order.indexOf(s);
  const pre = order.filter((o) => o.startsWith('pre-run'));
  const post = order.filter((o) => o.startsWith('post-run'));
  assert.ok(pre.length > 0 && post.length > 0, order.join('\n'));
  // Parents' pre-run first, then run, then the nearest job's post-run first.
  assert.ok(Math.max(...pre.map(at)) < at(order.find((o) => o.startsWith('run '))!), order.join('\n'));
  assert.equal(post[0], 'post-run infra-prod-playbook', order.join('\n'));
  const run = j.playbooks.find((p) => p.phase === 'run')!;
  assert.equal(run.path, 'playbooks/zuul/run-production-playbook.yaml');
  assert.equal(run.repo, CASE);
  assert.equal(run.source.file, 'zuul.d/infra-prod.yaml');
  assert.equal(run.source.range.start.line, 18);
});

test('corpus: jobs-for on a change to playbooks/bootstrap-bridge.yaml shows the matcher typo at work', { skip: missing(TYPO, BESIDE) }, () => {
  const ws = workspace(TYPO, BESIDE);
  const snap = 'otc-system-config-32e2ce4';
  const r = runCli(['jobs-for', join(snap, 'playbooks', 'bootstrap-bridge.yaml'), '--pipeline', 'deploy', '--format', 'json'], ws);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const [res] = JSON.parse(r.stdout) as { pipelines: JobsForPipeline[] }[];
  const jobs = res.pipelines[0].jobs;
  const boot = jobs.find((j) => j.job === 'infra-prod-bootstrap-bridge');
  assert.ok(boot, jobs.map((j) => j.job).join(', '));
  assert.notEqual(boot.runs === true && !boot.pulledBy, true, `the bootstrap job must not run for its own playbook: ${boot.why}`);
  assert.match(boot.why, /no changed file matches its files \(.*playbooks\/boostrap-bridge\.yaml.*\); playbooks\/boostrap-bridge\.yaml is one typo from playbooks\/bootstrap-bridge\.yaml$/);
  assert.equal(boot.matcher?.attribute, 'files');
  assert.equal(boot.matcher?.entry.source.file, 'zuul.d/infra-prod.yaml');
  assert.equal(boot.matcher?.entry.value, 'playbooks/boostrap-bridge.yaml', 'the dead pattern');
  assert.equal(boot.matcher?.entry.source.range.start.line, 56, 'at its line');
  const text = runCli(['jobs-for', join(snap, 'playbooks', 'bootstrap-bridge.yaml'), '--pipeline', 'deploy'], ws).stdout;
  assert.match(text, /infra-prod-bootstrap-bridge: no changed file matches its files .* is one typo from playbooks\/bootstrap-bridge\.yaml {2}\[files from otc-system-config-32e2ce4\/zuul\.d\/infra-prod\.yaml:57\]/);
});
