// Rename over stdio, against golden files: test/fixtures/rename/workspace is
// a two-repo workspace writing each kind of name in every shape (plain, quoted,
// flow, mapping entries, an anchored job list, the settings file); each case
// renames one name from one use site, applies the edit as a client does and
// compares every file with test/fixtures/rename/expected/<case>/. The result
// must still parse and zuul-check must report the same as before.
// UPDATE_GOLDEN=1 rewrites the expected files (review the diff).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { LspClient, REPO_ROOT, fileUri, removeDir } from '../helpers/lspClient';
import { applyFileEdits, workspaceEditToFileEdits, type PlainWorkspaceEdit } from '../helpers/applyEdits';
import { runCli } from '../cli/helpers';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'rename', 'workspace');
const EXPECTED = join(REPO_ROOT, 'test', 'fixtures', 'rename', 'expected');

interface Case {
  name: string;
  /** Where the cursor is: the file, and a line's text that holds the name. */
  file: string;
  line: string;
  oldName: string;
  newName: string;
}

const CASES: Case[] = [
  { name: 'job-from-alias-list', file: 'deploy/zuul.d/project.yaml', line: '        - lib-unit', oldName: 'lib-unit', newName: 'lib-test' },
  { name: 'job-from-double-quoted-parent', file: 'deploy/zuul.d/jobs.yaml', line: '    parent: "deploy-base"', oldName: 'deploy-base', newName: 'deploy-common' },
  { name: 'job-from-definition-cross-repo', file: 'library/zuul.d/jobs.yaml', line: '    name: lib-base', oldName: 'lib-base', newName: 'library base' },
  { name: 'template', file: 'deploy/zuul.d/project.yaml', line: '    templates: [deploy-jobs]', oldName: 'deploy-jobs', newName: 'deploy-template' },
  { name: 'nodeset-from-alternatives', file: 'deploy/zuul.d/jobs.yaml', line: '      alternatives: [small, multi]', oldName: 'small', newName: 'tiny' },
  { name: 'secret-from-mapping', file: 'deploy/zuul.d/jobs.yaml', line: '        secret: site_key', oldName: 'site_key', newName: 'site_cert' },
  { name: 'semaphore-from-playbook', file: 'deploy/zuul.d/jobs.yaml', line: '        semaphores: [deploy-lock]', oldName: 'deploy-lock', newName: 'deploy-mutex' },
  { name: 'queue', file: 'deploy/zuul.d/project.yaml', line: '    queue: integrated', oldName: 'integrated', newName: 'shared' },
];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

function positionOf(root: string, c: Case): { line: number; character: number } {
  const lines = readFileSync(join(root, c.file), 'utf8').split('\n');
  const line = lines.indexOf(c.line);
  assert.ok(line >= 0, `${c.file} has a line ${JSON.stringify(c.line)}`);
  return { line, character: c.line.indexOf(c.oldName) + 1 };
}

/** zuul-check's findings, with the new name spelled as the old one, so that before and after compare. */
function findings(root: string, from?: string, to?: string): string[] {
  const r = runCli(['--format', 'json', '.'], root);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const list = JSON.parse(r.stdout) as { file: string; code: string; range: { start: { line: number } }; message: string }[];
  return list.map((f) => {
    const msg = from && to ? f.message.split(to).join(from) : f.message;
    return `${f.file}:${f.range.start.line}: ${f.code}: ${msg}`;
  });
}

const dirs: string[] = [];
const client = new LspClient();
let root: string;
after(() => {
  client.kill();
  for (const d of dirs) removeDir(d);
});

async function fresh(): Promise<string> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'zuul-lsp-rename-')));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

test('the server starts on the rename workspace and announces prepareRename', async () => {
  root = await fresh();
  const init = (await client.initialize(root)) as { capabilities: { renameProvider?: { prepareProvider?: boolean } } };
  assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
  await client.ready();
});

for (const c of CASES) {
  test(`rename ${c.oldName} -> ${c.newName} (${c.name}) matches its golden files, parses, and keeps zuul-check's findings`, async () => {
    const before = findings(root);
    const uri = fileUri(join(root, c.file));
    const position = positionOf(root, c);
    const prepared = await client.request<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prepared.placeholder, c.oldName);
    const edit = await client.request<PlainWorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: c.newName });
    const scratch = await fresh();
    const edits = workspaceEditToFileEdits(edit).map((e) => ({ ...e, file: join(scratch, relative(root, e.file)) }));
    for (const [file, text] of applyFileEdits(edits)) writeFileSync(file, text);
    const expectedDir = join(EXPECTED, c.name);
    if (process.env.UPDATE_GOLDEN) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const e of edits) {
        const rel = relative(scratch, e.file);
        mkdirSync(dirname(join(expectedDir, rel)), { recursive: true });
        writeFileSync(join(expectedDir, rel), readFileSync(e.file));
      }
    }
    assert.ok(existsSync(expectedDir), `golden files for ${c.name} (run with UPDATE_GOLDEN=1 and review them)`);
    // Every file the golden set holds must come out byte for byte; every other file must be untouched.
    const golden = new Set(filesUnder(expectedDir).map((f) => relative(expectedDir, f)));
    for (const f of filesUnder(scratch)) {
      const rel = relative(scratch, f);
      const want = golden.has(rel) ? readFileSync(join(expectedDir, rel), 'utf8') : readFileSync(join(FIXTURE, rel), 'utf8');
      assert.equal(readFileSync(f, 'utf8'), want, `${rel} after renaming ${c.oldName}`);
    }
    assert.ok(golden.size >= 1);
    const afterFindings = findings(scratch, c.oldName, c.newName);
    // A new name with a space in it (the quoting case) is itself reported, by whitespace-in-name.
    assert.deepEqual(afterFindings.filter((f) => !f.includes('whitespace-in-name')), before, 'zuul-check reports the same with the new name');
    assert.ok(!afterFindings.some((f) => f.includes('yaml-syntax')));
  });
}

test('rename of a name in both repos edits both, and an anchor once', async () => {
  const uri = fileUri(join(root, 'deploy/zuul.d/project.yaml'));
  const edit = await client.request<{ changes: Record<string, { range: { start: { line: number } } }[]> }>('textDocument/rename', {
    textDocument: { uri },
    position: positionOf(root, CASES[0]),
    newName: 'lib-test',
  });
  const files = Object.keys(edit.changes).map((u) => relative(root, new URL(u).pathname)).sort();
  assert.deepEqual(files, ['deploy/zuul.d/jobs.yaml', 'deploy/zuul.d/project.yaml', 'library/zuul.d/jobs.yaml']);
  // `jobs: *checks` repeats the anchored list: its entries are edited where they are written, once.
  const lines = edit.changes[uri].map((e) => e.range.start.line);
  assert.equal(new Set(lines).size, lines.length, `one edit per written name: ${lines.join(', ')}`);
});

const refusals: { what: string; file: string; line: string; name: string; newName: string; reason: RegExp }[] = [
  { what: 'text that names nothing (a node label)', file: 'library/zuul.d/jobs.yaml', line: '        label: ubuntu', name: 'ubuntu', newName: 'x', reason: /Place the cursor on the name/ },
  { what: 'a new name that is taken', file: 'library/zuul.d/jobs.yaml', line: '    name: lib-unit  # the unit tests', name: 'lib-unit', newName: 'lib-base', reason: /already exists/ },
  { what: 'a pipeline', file: 'deploy/zuul.d/project.yaml', line: '    check:', name: 'check', newName: 'verify', reason: /pipeline/ },
  { what: 'an empty name', file: 'deploy/zuul.d/jobs.yaml', line: '    name: deploy-base', name: 'deploy-base', newName: '  ', reason: /empty/ },
];

for (const r of refusals) {
  test(`rename refuses ${r.what}, saying why`, async () => {
    const uri = fileUri(join(root, r.file));
    const lines = readFileSync(join(root, r.file), 'utf8').split('\n');
    const position = { line: lines.indexOf(r.line), character: r.line.indexOf(r.name) + 1 };
    assert.ok(position.line >= 0);
    const raw = await client.requestRaw('textDocument/rename', { textDocument: { uri }, position, newName: r.newName });
    assert.ok(raw.error, `an error answer: ${JSON.stringify(raw)}`);
    assert.match(raw.error!.message, r.reason);
  });
}

test('rename refuses a job only known by its uses (defined in a repo that is not open)', async () => {
  const dir = await fresh();
  rmSync(join(dir, 'library'), { recursive: true });
  const other = new LspClient();
  try {
    await other.initialize(dir);
    await other.ready();
    const uri = fileUri(join(dir, 'deploy/zuul.d/jobs.yaml'));
    const lines = readFileSync(join(dir, 'deploy/zuul.d/jobs.yaml'), 'utf8').split('\n');
    const position = { line: lines.indexOf('    parent: lib-base'), character: 14 };
    const raw = await other.requestRaw('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.match(raw.error?.message ?? '', /No open repository defines job lib-base/);
  } finally {
    other.kill();
  }
});
