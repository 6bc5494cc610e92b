// Navigation on real trees opened together (otc-system-config, zuul-jobs,
// base-jobs): parents resolve into the other repos, references gather uses
// from every repo, hover and workspace symbols answer, and a cross-repo
// rename leaves zuul-check's findings as they were. Skipped without a corpus.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_CAPABILITIES, LspClient, fileUri, removeDir } from '../helpers/lspClient';
import { corpusDir, corpusSettings, materialize } from '../helpers/corpus';
import { applyFileEdits, workspaceEditToFileEdits, type PlainWorkspaceEdit } from '../helpers/applyEdits';
import { runCli } from '../cli/helpers';

const NAMES = ['otc-system-config-b454bff', 'zuul-jobs-79fe3eb', 'base-jobs-fa575ac'];
const dir = corpusDir();
const missing = !dir ? 'no corpus' : NAMES.filter((n) => !existsSync(join(dir, n))).map((n) => `corpus snapshot ${n} absent`)[0];
if (missing) console.log(`# skipping navigation on the corpus: ${missing}`);

const root = mkdtempSync(join(tmpdir(), 'zuul-lsp-navcorpus-'));
let folders: string[] = [];
const client = new LspClient();
/** A job used from another repo than its own: the cross-repo rename's subject. */
let found: { name: string; from: Loc } | undefined;

interface Loc {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function yamlFiles(d: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out.sort();
}

/** `parent: X` lines of the three repos, as cursor positions on X. */
function parentSites(): { file: string; line: number; character: number; name: string }[] {
  const out: { file: string; line: number; character: number; name: string }[] = [];
  for (const file of folders.flatMap(yamlFiles)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, line) => {
        const m = /^(\s+parent: )([\w.-]+)\s*$/.exec(text);
        if (m && m[2] !== 'null') out.push({ file, line, character: m[1].length + 1, name: m[2] });
      });
  }
  return out;
}

const textOf = (l: Loc) => readFileSync(fileURLToPath(l.uri), 'utf8').split('\n')[l.range.start.line].slice(l.range.start.character, l.range.end.character);
const repoOf = (uri: string) => folders.find((f) => fileURLToPath(uri).startsWith(f + '/'));

before(async () => {
  if (missing) return;
  folders = NAMES.map((n) => materialize(n, root));
  client.settings = corpusSettings(folders);
  await client.request('initialize', { processId: process.pid, capabilities: FULL_CAPABILITIES, workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: basename(f) })) });
  client.notify('initialized', {});
  const ready = (await client.ready(120_000)) as { repos: number };
  assert.equal(ready.repos, folders.length);
});

after(() => {
  client.kill();
  removeDir(root);
});

test('every parent of the three repos resolves to a job of that name', { skip: missing }, async () => {
  const sites = parentSites();
  assert.ok(sites.length > 20, `parents found: ${sites.length}`);
  let resolved = 0;
  for (const s of sites) {
    const defs = await client.request<{ targetUri: string; targetSelectionRange: Loc['range'] }[] | null>('textDocument/definition', { textDocument: { uri: fileUri(s.file) }, position: s });
    if (!defs) continue;
    for (const d of defs) assert.equal(textOf({ uri: d.targetUri, range: d.targetSelectionRange }), s.name, `${relative(root, s.file)}:${s.line + 1}`);
    resolved++;
  }
  assert.ok(resolved > sites.length / 2, `parents resolved: ${resolved} of ${sites.length}`);
});

test('references of the most used parent cover every parent line; hover names it', { skip: missing }, async () => {
  const counts = new Map<string, { n: number; site: ReturnType<typeof parentSites>[number] }>();
  for (const s of parentSites()) counts.set(s.name, { n: (counts.get(s.name)?.n ?? 0) + 1, site: counts.get(s.name)?.site ?? s });
  const [name, { n, site }] = [...counts].sort((a, b) => b[1].n - a[1].n)[0];
  const params = { textDocument: { uri: fileUri(site.file) }, position: site };
  const refs = await client.request<Loc[]>('textDocument/references', { ...params, context: { includeDeclaration: true } });
  assert.ok(refs.length >= n, `${name}: ${refs.length} references for ${n} parent lines`);
  for (const r of refs.slice(0, 200)) assert.equal(textOf(r).replace(/^(['"])(.*)\1$/, '$2'), name);
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', params);
  assert.match(hover.contents.value, new RegExp(`\\*\\*job ${name.replace(/[-.]/g, '\\$&')}\\*\\*`));
});

test('a job of one repo has references in another, and definition from there lands back in its repo', { skip: missing }, async () => {
  const jobs = (await client.request<{ name: string; kind: number; location: Loc }[]>('workspace/symbol', { query: '' })).filter((s) => s.kind === 12);
  for (const j of jobs.slice(0, 400)) {
    const refs = await client.request<Loc[]>('textDocument/references', { textDocument: { uri: j.location.uri }, position: j.location.range.start, context: { includeDeclaration: false } });
    const other = refs.find((r) => repoOf(r.uri) !== repoOf(j.location.uri));
    if (other) {
      found = { name: j.name, from: other };
      break;
    }
  }
  assert.ok(found, 'some job is used from another repo');
  const defs = await client.request<{ targetUri: string }[]>('textDocument/definition', { textDocument: { uri: found.from.uri }, position: found.from.range.start });
  assert.ok(defs.some((d) => repoOf(d.targetUri) !== repoOf(found!.from.uri)), `${found.name}: definition in the other repo`);
});

test('workspace symbols find jobs of all three repos, with the repo as container', { skip: missing }, async () => {
  const got = await client.request<{ name: string; containerName: string }[]>('workspace/symbol', { query: 'base' });
  assert.ok(got.length > 10);
  const containers = new Set((await client.request<{ containerName: string }[]>('workspace/symbol', { query: '' })).map((s) => s.containerName));
  for (const f of folders) assert.ok(containers.has(basename(f)), `${basename(f)} among ${[...containers].join(', ')}`);
});

test('renaming a job used across repos keeps zuul-check\u2019s findings, with the new name', { skip: missing }, async () => {
  assert.ok(found, 'the previous test found a job used across repos');
  const site = { name: found.name };
  const params = { textDocument: { uri: found.from.uri }, position: found.from.range.start };
  const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', params);
  assert.equal(prepared.placeholder, found.name);
  const edit = await client.request<PlainWorkspaceEdit>('textDocument/rename', { ...params, newName: `${site.name}-renamed` });
  const copy = mkdtempSync(join(tmpdir(), 'zuul-lsp-navcorpus-copy-'));
  try {
    for (const f of folders) cpSync(f, join(copy, basename(f)), { recursive: true });
    const before = runCli(['--format', 'json', ...folders.map((f) => basename(f))], copy);
    const edits = workspaceEditToFileEdits(edit).map((e) => ({ ...e, file: join(copy, relative(root, e.file)) }));
    assert.ok(new Set(edits.map((e) => folders.find((f) => e.file.startsWith(join(copy, basename(f)) + '/')))).size >= 2, 'edits in two repos');
    for (const [file, text] of applyFileEdits(edits)) writeFileSync(file, text);
    const afterRun = runCli(['--format', 'json', ...folders.map((f) => basename(f))], copy);
    const norm = (out: string, from?: string) =>
      (JSON.parse(out) as { file: string; code: string; range: { start: { line: number } }; message: string }[]).map((f) => `${f.file}:${f.range.start.line}:${f.code}:${from ? f.message.split(from).join(site.name) : f.message}`).sort();
    assert.deepEqual(norm(afterRun.stdout, `${site.name}-renamed`), norm(before.stdout));
  } finally {
    removeDir(copy);
  }
});
