// "Add dependency on X to all N jobs" on real configuration, over the
// protocol: otc-system-config f52c775 (with otc-base-jobs beside it) where
// zuul.bootstrapJobs names infra-prod-install-ansible for deploy with
// allowSoft: false. Every deploy job names it softly already (in its own stanza or
// through infra-prod-service-base), so the action must make those entries
// hard, each place once, and never write a second entry for the same job.
// The fix-all action of the file must keep the same rule.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { LspClient, fileUri, removeDir } from '../helpers/lspClient';
import { corpusDir, materialize, scratchDir } from '../helpers/corpus';
import { applyFileEdits, workspaceEditToFileEdits, type PlainFileEdit } from '../helpers/applyEdits';
import { identity, newFindings } from '../helpers/fixCases';
import { STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';

const CASE = 'otc-system-config-f52c775';
const BESIDE = 'otc-base-jobs-0debd80';
const BOOT = 'infra-prod-install-ansible';
const RULE = 'missing-bootstrap-dependency';
const corpus = corpusDir();
const absent = !corpus || !existsSync(join(corpus, CASE)) || !existsSync(join(corpus, BESIDE)) ? `corpus folders ${CASE} and ${BESIDE} not found under ../shared/corpus` : false;

// bootstrap-not-first warns that the bootstrap job runs the same playbook as
// the jobs that wait for it; with no job waiting (before) it has nothing to
// compare, so it speaks up once they do, whichever fix made them wait.
const CHICKEN_AND_EGG = ': bootstrap-not-first: infra-prod-playbook';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));

interface Dep {
  name: string;
  soft: boolean;
}

function depsOf(value: unknown): Dep[] {
  const items = Array.isArray(value) ? value : value == null ? [] : [value];
  return items.map((i) => (typeof i === 'string' ? { name: i, soft: false } : { name: String((i as Dep).name), soft: (i as Dep).soft === true }));
}

/** Every `dependencies` list of a config file: `job NAME` for stanzas, `PROJECT PIPELINE JOB` for pipeline entries. */
function dependencyLists(text: string): Map<string, Dep[]> {
  const out = new Map<string, Dep[]>();
  const items = (parse(text, { version: '1.1', merge: true }) ?? []) as Record<string, Record<string, unknown>>[];
  for (const item of items) {
    const job = item.job as { name?: string; dependencies?: unknown } | undefined;
    if (job?.dependencies !== undefined) out.set(`job ${job.name}`, depsOf(job.dependencies));
    const project = item.project as Record<string, { jobs?: unknown[] }> | undefined;
    for (const [pipeline, body] of Object.entries(project ?? {})) {
      for (const entry of Array.isArray(body?.jobs) ? body.jobs : []) {
        if (!entry || typeof entry !== 'object') continue;
        for (const [name, attrs] of Object.entries(entry as Record<string, { dependencies?: unknown } | null>)) {
          if (attrs?.dependencies !== undefined) out.set(`${pipeline} ${name}`, depsOf(attrs.dependencies));
        }
      }
    }
  }
  return out;
}

/** Lists that name a job more than once (in any spelling, soft or hard). */
function repeated(lists: Map<string, Dep[]>): string[] {
  const out: string[] = [];
  for (const [where, deps] of lists) {
    const names = deps.map((d) => d.name);
    for (const n of new Set(names)) if (names.filter((x) => x === n).length > 1) out.push(`${where}: ${JSON.stringify(deps.filter((d) => d.name === n))}`);
  }
  return out;
}

async function start(prefix: string) {
  const root = scratchDir(prefix);
  const folders = [materialize(CASE, root), materialize(BESIDE, root)];
  const client = new LspClient();
  cleanups.push(() => {
    client.kill();
    removeDir(root);
  });
  // The setting as a user gives it in the editor (zuul.bootstrapJobs).
  client.settings = { bootstrapJobs: [{ job: BOOT, pipelines: ['deploy'], allowSoft: false }] };
  client.workspaceFolders = folders.map((f) => ({ uri: fileUri(f), name: f }));
  await client.request('initialize', { processId: process.pid, capabilities: { workspace: { configuration: true, workspaceFolders: true } }, workspaceFolders: client.workspaceFolders });
  client.notify('initialized', {});
  await client.ready(60_000);
  const project = join(folders[0], 'zuul.d', 'project.yaml');
  const uri = fileUri(project);
  client.open(uri, readFileSync(project, 'utf8'), 1);
  const diags = await client.waitForDiagnostics(uri, (d) => d.filter((x) => x.code === RULE).length === 21);
  return { client, project, uri, diags };
}

/** Every published diagnostic as `file: rule: underlined text`, read from the texts they were published for. */
function identities(client: LspClient, read: (p: string) => string): string[] {
  const out: string[] = [];
  for (const [uri, diags] of client.diagnostics) {
    const path = fileURLToPath(uri);
    const text = existsSync(path) ? read(path) : '';
    for (const d of diags) out.push(`${path}: ${identity(d.code, d.range, text)}`);
  }
  return out.sort();
}

/** Waits until the server has published `uri` at `version` and then reported itself ready again. */
async function settled(client: LspClient, uri: string, version: number, from: number): Promise<void> {
  let at = -1;
  const published = (n: { method: string; params?: unknown }, i: number) => {
    const p = n.params as { uri?: string; version?: number };
    return i >= from && n.method === 'textDocument/publishDiagnostics' && p.uri === uri && p.version === version;
  };
  await client.waitFor(() => (at = client.notifications.findIndex(published)) >= 0, 30_000, `diagnostics of ${uri} at version ${version}`);
  await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready', 30_000, at + 1);
}

/** Sends the new texts as edits of open documents, as the editor does after applying a workspace edit. */
async function change(client: LspClient, next: Map<string, string>, projectUri: string): Promise<void> {
  for (const [file, text] of next) {
    const u = fileUri(file);
    // project.yaml is open at version 1 already; another file is opened first, as the editor does.
    if (u !== projectUri) {
      const opened = client.notifications.length;
      client.open(u, readFileSync(file, 'utf8'), 1);
      await settled(client, u, 1, opened);
    }
    const from = client.notifications.length;
    client.change(u, text, 2);
    await settled(client, u, 2, from);
  }
}

function checkEdits(edits: PlainFileEdit[]): void {
  for (const fe of edits) {
    const ranges = fe.edits.map((e) => JSON.stringify(e.range));
    assert.equal(new Set(ranges).size, ranges.length, `${fe.file}: one place edited twice: ${ranges.join(' ')}`);
  }
}

/** Sends the new texts to the server: every deploy job now waits, and nothing new is found. */
async function assertCleanAfter(client: Parameters<typeof identities>[0], next: Map<string, string>, uri: string): Promise<void> {
  const texts = new Map<string, string>();
  const read = (p: string) => texts.get(p) ?? readFileSync(p, 'utf8');
  const before = identities(client, read);
  for (const [f, t] of next) texts.set(f, t);
  await change(client, next, uri);
  const now = identities(client, read);
  assert.deepEqual(now.filter((x) => x.includes(`: ${RULE}: `)), [], 'every deploy job waits for the bootstrap job');
  // Hard dependencies on a bootstrap job that its own file matchers can skip are
  // what filtered-hard-dependency reports: the fix makes them hard, so that
  // finding on the bootstrap job's files is expected (issue 14 decides one rule).
  assert.deepEqual(newFindings(before, now, '').filter((x) => !x.endsWith(CHICKEN_AND_EGG) && !x.endsWith(': filtered-hard-dependency: files')), [], 'no new finding');
  await client.shutdown();
}

test(`"to all N jobs of deploy" makes the soft entries on ${BOOT} hard, each list naming it once`, { skip: absent }, async () => {
  const { client, project, uri, diags } = await start('zuul-fix-all-jobs-');
  const diag = diags.find((d) => d.code === RULE) as Diagnostic;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], only: ['quickfix'] } });
  const action = actions.find((a) => / all 21 jobs of deploy that lack it/.test(a.title));
  assert.ok(action?.edit, `no action for all 21 jobs; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  const edits = workspaceEditToFileEdits(action.edit);
  checkEdits(edits);
  const next = applyFileEdits(edits);

  const infraProd = join(project, '..', 'infra-prod.yaml');
  const beforeLists = dependencyLists(readFileSync(infraProd, 'utf8'));
  for (const job of ['infra-prod-base', 'infra-prod-service-base']) assert.deepEqual(beforeLists.get(`job ${job}`), [{ name: BOOT, soft: true }], `${job} in the snapshot`);
  for (const [file, text] of next) assert.deepEqual(repeated(dependencyLists(text)), [], `${file}: a list names a job twice`);
  const lists = dependencyLists(next.get(infraProd) ?? readFileSync(infraProd, 'utf8'));
  for (const job of ['infra-prod-base', 'infra-prod-service-base']) assert.deepEqual(lists.get(`job ${job}`), [{ name: BOOT, soft: false }], `job ${job} after "${action.title}"`);

  await assertCleanAfter(client, next, uri);
});

test('fix-all of project.yaml names no job twice in any list either', { skip: absent }, async () => {
  const { client, uri } = await start('zuul-fix-all-file-');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.zuul'] } }, 60_000);
  const action = actions.find((a) => a.kind === 'source.fixAll.zuul');
  assert.ok(action?.edit, `no fix-all action: ${JSON.stringify(actions.map((a) => a.title))}`);
  const edits = workspaceEditToFileEdits(action.edit);
  checkEdits(edits);
  const next = applyFileEdits(edits);
  for (const [file, text] of next) assert.deepEqual(repeated(dependencyLists(text)), [], `${file}: a list names a job twice`);
  await assertCleanAfter(client, next, uri);
});
