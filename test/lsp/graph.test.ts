// The graph view's requests over the protocol: zuul/graphTargets and
// zuul/jobGraph on the example workspace, a cycle fixture and a real
// deploy pipeline of the corpus (skipped without ../shared/corpus).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, REPO_ROOT, copyFixture, fileUri, removeDir } from '../helpers/lspClient';
import { corpusDir, corpusSettings, materialize, scratchDir } from '../helpers/corpus';
import { GRAPH_TARGETS_REQUEST, JOB_GRAPH_REQUEST, type GraphError, type GraphTargetsResult, type JobGraph, type JobGraphNode } from '../../protocol/src';

/** A JobGraphResult with both of its forms' fields, for reading either. */
type Answer = Omit<JobGraph, 'nodes'> & Partial<GraphError> & { nodes: JobGraphNode[] };

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'zuul-lsp-graph-')));
cpSync(join(REPO_ROOT, 'examples'), dir, { recursive: true });
const cycleDir = copyFixture('graph-cycle');
const client = new LspClient();
const cycleClient = new LspClient();
const dirs = [dir, cycleDir];
const clients = [client, cycleClient];
after(() => {
  for (const c of clients) c.kill();
  for (const d of dirs) removeDir(d);
});

const node = (g: Answer, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  assert.ok(n, `node ${id} in ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
};

test('zuul/graphTargets lists system-config with its pipelines', async () => {
  await client.initialize(dir);
  await client.ready();
  const targets = await client.request<GraphTargetsResult>(GRAPH_TARGETS_REQUEST);
  const sc = targets.find((t) => t.project === 'system-config');
  assert.ok(sc, JSON.stringify(targets));
  for (const p of ['deploy', 'periodic', 'hourly']) assert.ok(sc.pipelines.includes(p), `${p} in ${sc.pipelines.join(', ')}`);
});

test('zuul/jobGraph for system-config/deploy: bootstrap in wave 1, soft edges, findings, critical path', async () => {
  const g = await client.request<Answer>(JOB_GRAPH_REQUEST, { project: 'system-config', pipeline: 'deploy', view: 'dependencies' });
  assert.equal(g.error, undefined, g.error);
  assert.equal(g.project, 'system-config');
  assert.equal(g.pipeline, 'deploy');
  const boot = node(g, 'infra-prod-bootstrap-bridge');
  assert.equal(boot.bootstrap, true);
  assert.equal(boot.wave, 1);
  assert.deepEqual(g.waves[0], { index: 1, jobs: g.waves[0].jobs });
  assert.ok(g.waves[0].jobs.includes('infra-prod-bootstrap-bridge'));
  assert.match(boot.uri ?? '', /^file:\/\/.*infra-prod\.yaml$/);
  assert.ok(boot.range && boot.range.start.line >= 0);
  assert.ok(boot.semaphores.includes('infra-prod-playbook'), `semaphores after inheritance: ${boot.semaphores}`);
  assert.ok(boot.parents?.includes('infra-prod-playbook'));
  const soft = g.edges.find((e) => e.from === 'infra-prod-base' && e.to === 'infra-prod-letsencrypt');
  assert.equal(soft?.kind, 'soft');
  assert.equal(g.edges.find((e) => e.from === 'infra-prod-bootstrap-bridge' && e.to === 'infra-prod-base')?.kind, 'hard');
  assert.deepEqual(node(g, 'infra-prod-letsencrypt').incoming, { hard: 1, soft: 1 });
  const zuul = node(g, 'infra-prod-service-zuul');
  assert.ok(
    zuul.findings.some((f) => f.rule === 'missing-bootstrap-dependency'),
    JSON.stringify(zuul.findings),
  );
  assert.ok(g.criticalPath.length > 0);
  assert.equal(g.criticalPath[0], 'infra-prod-bootstrap-bridge');
  for (const j of g.criticalPath) assert.equal(node(g, j).critical, true);
  assert.deepEqual(g.cycles, []);
  assert.equal(g.truncated, undefined);
  assert.ok(g.sharedSemaphores.some((s) => s.semaphore === 'infra-prod-playbook' && s.jobs.length >= 2));

  const byTimeout = await client.request<Answer>(JOB_GRAPH_REQUEST, { project: 'system-config', pipeline: 'deploy', view: 'dependencies', weight: 'timeout' });
  assert.ok(byTimeout.criticalPath.length > 0);
});

test('zuul/jobGraph from a position, the inheritance view, truncation and errors', async () => {
  const project = fileUri(join(dir, 'system-config/zuul.d/project.yaml'));
  // Line 9 (0-based) is the infra-prod-service-zuul entry of the deploy list.
  const at = await client.request<Answer>(JOB_GRAPH_REQUEST, { uri: project, position: { line: 9, character: 10 }, view: 'dependencies' });
  assert.equal(at.pipeline, 'deploy');
  assert.equal(at.focus, 'infra-prod-service-zuul');
  const hourly = await client.request<Answer>(JOB_GRAPH_REQUEST, { uri: project, position: { line: 16, character: 10 }, view: 'dependencies' });
  assert.equal(hourly.pipeline, 'hourly');

  const inh = await client.request<Answer>(JOB_GRAPH_REQUEST, { view: 'inheritance', focus: 'infra-prod-base' });
  assert.equal(inh.error, undefined, inh.error);
  assert.ok(inh.edges.some((e) => e.from === 'infra-prod-base' && e.to === 'infra-prod-playbook' && e.kind === 'parent'), JSON.stringify(inh.edges));
  assert.ok(inh.nodes.length >= 3);

  const cut = await client.request<Answer>(JOB_GRAPH_REQUEST, { project: 'system-config', pipeline: 'deploy', view: 'dependencies', limit: 2 });
  assert.equal(cut.nodes.length, 2);
  assert.deepEqual(cut.truncated && { shown: cut.truncated.shown, total: cut.truncated.total }, { shown: 2, total: 6 });
  assert.ok(cut.truncated?.omitted.includes('infra-prod-service-zuul'));
  for (const e of cut.edges) assert.ok(cut.nodes.some((n) => n.id === e.from) && cut.nodes.some((n) => n.id === e.to));

  const noProject = await client.request<Answer>(JOB_GRAPH_REQUEST, { project: 'nope', pipeline: 'deploy', view: 'dependencies' });
  assert.match(noProject.error ?? '', /no project "nope"/);
  const noPipeline = await client.request<Answer>(JOB_GRAPH_REQUEST, { project: 'system-config', pipeline: 'gate', view: 'dependencies' });
  assert.match(noPipeline.error ?? '', /no pipeline "gate".*deploy/);
  const nowhere = await client.request<Answer>(JOB_GRAPH_REQUEST, { view: 'dependencies' });
  assert.match(nowhere.error ?? '', /project and a pipeline/);
});

test('a dependency cycle is reported as a cycle, and markup in names comes back as plain data', async () => {
  await cycleClient.initialize(cycleDir);
  await cycleClient.ready();
  const g = await cycleClient.request<Answer>(JOB_GRAPH_REQUEST, { project: 'graph-cycle', pipeline: 'check', view: 'dependencies' });
  assert.equal(g.error, undefined, g.error);
  assert.equal(g.cycles.length, 1);
  assert.deepEqual([...g.cycles[0]].sort(), ['cycle-a', 'cycle-b']);
  assert.equal(node(g, 'cycle-a').wave, undefined);
  assert.equal(node(g, 'cycle-b').wave, undefined);
  assert.ok(!g.waves.some((w) => w.jobs.includes('cycle-a')));
  const img = '<img src=x onerror=alert(1)>';
  const n = node(g, img);
  assert.equal(n.label, img);
  assert.equal(n.description, "<script>alert('graph')</script>");
  assert.equal(n.wave, 1);
  assert.equal(g.edges.find((e) => e.from === img && e.to === 'after-cycle')?.kind, 'soft');
});

const corpus = corpusDir();
const CASE = 'cases/otc-system-config-32e2ce4';

test('corpus: the OTC deploy pipeline hangs off the bootstrap job, then base', { skip: !corpus && 'no corpus at ../shared/corpus' }, async () => {
  const root = scratchDir('zuul-lsp-graph-corpus-');
  dirs.push(root);
  const folders = [materialize(CASE, root), materialize('otc-base-jobs-0debd80', root)];
  const c = new LspClient();
  clients.push(c);
  c.settings = corpusSettings(folders);
  await c.request('initialize', { processId: process.pid, capabilities: { workspace: { configuration: true, workspaceFolders: true } }, workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: f })) });
  c.notify('initialized', {});
  await c.ready(60_000);
  const targets = await c.request<GraphTargetsResult>(GRAPH_TARGETS_REQUEST);
  const project = targets.find((t) => t.project.endsWith('system-config-32e2ce4') && t.pipelines.includes('deploy'))?.project;
  assert.ok(project, `a system-config project with deploy in ${JSON.stringify(targets)}`);
  const g = await c.request<Answer>(JOB_GRAPH_REQUEST, { project, pipeline: 'deploy', view: 'dependencies' });
  assert.equal(g.error, undefined, g.error);
  assert.deepEqual(g.waves[0].jobs, ['infra-prod-bootstrap-bridge']);
  assert.deepEqual(g.waves[1].jobs, ['infra-prod-base']);
  for (const n of g.nodes) if (n.id !== 'infra-prod-bootstrap-bridge' && n.id !== 'infra-prod-base') assert.ok((n.wave ?? 0) > 2, `${n.id} in wave ${n.wave}`);
  assert.equal(node(g, 'infra-prod-bootstrap-bridge').bootstrap, true);
  console.log(`corpus ${CASE}: project ${project}, deploy: ${g.nodes.length} jobs in ${g.waves.length} waves, critical path ${g.criticalPath.length} jobs`);
});
