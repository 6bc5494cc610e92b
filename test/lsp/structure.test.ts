// Outline, folding and smart selection over stdio: with the `zuul` language
// id the YAML extension gives none of them, so the server must, on the text
// the editor shows, even while it does not parse.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import type { DocumentSymbol, FoldingRange, Range, SelectionRange, SymbolInformation } from 'vscode-languageserver';
import { FULL_CAPABILITIES, LspClient, REPO_ROOT, fileUri, removeDir } from '../helpers/lspClient';
import { marked, yaml } from '../helpers/marker';
import { configFilesOf, corpusDir, corpusSettings, materialize } from '../helpers/corpus';

const clients: LspClient[] = [];
const dirs: string[] = [];
after(() => {
  for (const c of clients) c.kill();
  for (const d of dirs) removeDir(d);
});

function tempDir(name: string): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), `zuul-lsp-${name}-`)));
  dirs.push(d);
  return d;
}

/** A repo folder with the given files, served by a fresh, ready server. */
async function serve(files: Record<string, string | Buffer>, capabilities = FULL_CAPABILITIES): Promise<{ dir: string; client: LspClient }> {
  const dir = tempDir('structure');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const client = new LspClient();
  clients.push(client);
  await client.initialize(dir, capabilities);
  await client.ready();
  return { dir, client };
}

const symbols = (c: LspClient, uri: string) => c.request<DocumentSymbol[] | SymbolInformation[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
const folding = (c: LspClient, uri: string) => c.request<FoldingRange[] | null>('textDocument/foldingRange', { textDocument: { uri } });
const selection = (c: LspClient, uri: string, positions: { line: number; character: number }[]) =>
  c.request<SelectionRange[] | null>('textDocument/selectionRange', { textDocument: { uri }, positions });

const r = (x: Range) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
/** One line per symbol, indented by depth: name, kind, detail, range, selection range. */
function outlineText(syms: DocumentSymbol[], depth = 0): string[] {
  const out: string[] = [];
  for (const s of syms) {
    out.push(`${'  '.repeat(depth)}${s.name} ${s.kind} "${s.detail ?? ''}" ${r(s.range)} ${r(s.selectionRange)}`);
    out.push(...outlineText(s.children ?? [], depth + 1));
  }
  return out;
}

const inside = (inner: Range, outer: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);
function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function allSymbols(syms: DocumentSymbol[], out: DocumentSymbol[] = []): DocumentSymbol[] {
  for (const s of syms) {
    out.push(s);
    allSymbols(s.children ?? [], out);
  }
  return out;
}

// SymbolKind: Module 2, Class 5, Interface 11, Function 12, Struct 23, Event 24, File 1.
test('the example workspace: a project file and a jobs file outline with exact names, kinds and ranges', async () => {
  const dir = tempDir('examples');
  cpSync(join(REPO_ROOT, 'examples'), dir, { recursive: true });
  const client = new LspClient();
  clients.push(client);
  const init = (await client.initialize(dir)) as { capabilities: Record<string, unknown> };
  assert.deepEqual(init.capabilities.documentSymbolProvider, { label: 'Zuul' });
  assert.ok(init.capabilities.foldingRangeProvider);
  assert.ok(init.capabilities.selectionRangeProvider);
  await client.ready();

  const project = await symbols(client, fileUri(join(dir, 'system-config/zuul.d/project.yaml')));
  const via = '"via *deploy-jobs" 11:12-11:24 11:12-11:24';
  assert.deepEqual(outlineText(project as DocumentSymbol[]), [
    'system-config 2 "project" 0:0-17:43 1:10-1:23',
    '  deploy 24 "6 jobs" 2:4-9:33 2:4-2:10',
    '    infra-prod-bootstrap-bridge 12 "" 4:8-4:37 4:10-4:37',
    '    infra-prod-base 12 "" 5:8-5:25 5:10-5:25',
    '    infra-prod-letsencrypt 12 "" 6:8-6:32 6:10-6:32',
    '    infra-prod-service-nameserver 12 "" 7:8-7:39 7:10-7:39',
    '    infra-prod-service-paste 12 "" 8:8-8:34 8:10-8:34',
    '    infra-prod-service-zuul 12 "" 9:8-9:33 9:10-9:33',
    '  periodic 24 "6 jobs" 10:4-11:24 10:4-10:12',
    `    infra-prod-bootstrap-bridge 12 ${via}`,
    `    infra-prod-base 12 ${via}`,
    `    infra-prod-letsencrypt 12 ${via}`,
    `    infra-prod-service-nameserver 12 ${via}`,
    `    infra-prod-service-paste 12 ${via}`,
    `    infra-prod-service-zuul 12 ${via}`,
    '  hourly 24 "2 jobs" 12:4-17:43 12:4-12:10',
    '    infra-prod-bootstrap-bridge 12 "" 14:8-14:37 14:10-14:37',
    '    infra-prod-letsencrypt 12 "" 15:8-17:43 15:10-15:32',
  ]);

  const jobs = await symbols(client, fileUri(join(dir, 'base-jobs/zuul.d/jobs.yaml')));
  assert.deepEqual(outlineText(jobs as DocumentSymbol[]), [
    'ubuntu-noble 23 "nodeset" 0:0-4:27 1:10-1:22',
    'base 5 "The base job every other job inherits from." 6:0-16:25 7:10-7:14',
    '  playbooks/base/pre.yaml 1 "pre-run" 10:13-10:36 10:13-10:36',
    '  playbooks/base/post.yaml 1 "post-run" 12:14-12:38 12:14-12:38',
    'infra-prod-setup-keys 5 "base" 18:0-25:15 19:10-19:31',
    '  playbooks/base/add-bastion-key.yaml 1 "pre-run" 23:13-23:48 23:13-23:48',
  ]);

  // Pipelines are detailed by their manager.
  const pipelines = (await symbols(client, fileUri(join(dir, 'project-config/zuul.d/pipelines.yaml')))) as DocumentSymbol[];
  assert.deepEqual(pipelines.slice(0, 2).map((s) => `${s.name} ${s.kind} ${s.detail}`), ['check 24 independent', 'gate 24 dependent']);

  // Folding: the project item from its dash, each pipeline from its key, the mapping entry of hourly.
  const folds = (await folding(client, fileUri(join(dir, 'system-config/zuul.d/project.yaml'))))!;
  assert.deepEqual(folds.map((f) => `${f.startLine}-${f.endLine}`), ['0-17', '2-9', '3-9', '10-11', '12-17', '13-17', '15-17', '16-17']);
  assert.deepEqual(folds[0], { startLine: 0, startCharacter: 10, endLine: 17, endCharacter: 43 });

  // A file the workspace does not track (a playbook) gets no structure from us.
  const playbook = fileUri(join(dir, 'system-config/playbooks/base.yaml'));
  assert.equal(await symbols(client, playbook), null);
  assert.equal(await folding(client, playbook), null);
  assert.equal(await selection(client, playbook, [{ line: 0, character: 0 }]), null);
});

const shapes = marked(yaml`
  # Every way to list a job.
  # (and an alias)
  - project-template:
      name: |shapes
      check:
        jobs:
          - &lint |lint-job
          - |unit-job:
              voting: false
          - {|docs-job: {voting: false}}
      gate:
        jobs: [|*lint, |unit-job]
  - project:
      check:
        jobs: &shared
          - |lint-job
      gate:
        jobs: |*shared
  - pragma:
      implied-branch-matchers: false
  `);

test('a job list in every shape (plain, mapping, flow, alias) outlines each job under its pipeline', async () => {
  const { dir, client } = await serve({ 'zuul.d/project.yaml': shapes.text });
  const uri = fileUri(join(dir, 'zuul.d/project.yaml'));
  const syms = (await symbols(client, uri)) as DocumentSymbol[];
  const [name, lint, unit, docs, lintAlias, unitGate, lintProject, shared] = shapes.marks;
  const at = (p: { line: number; character: number }, len: number) => `${p.line}:${p.character}-${p.line}:${p.character + len}`;
  const dash = (p: { line: number; character: number }) => ({ line: p.line, character: 8 });
  assert.deepEqual(outlineText(syms), [
    `shapes 11 "project-template" 2:0-11:29 ${at(name, 6)}`,
    `  check 24 "3 jobs" 4:4-9:37 4:4-4:9`,
    `    lint-job 12 "" ${r({ start: dash(lint), end: { line: lint.line, character: lint.character + 8 } })} ${at(lint, 8)}`,
    `    unit-job 12 "" 7:8-8:25 ${at(unit, 8)}`,
    `    docs-job 12 "" 9:8-9:37 ${at(docs, 8)}`,
    `  gate 24 "2 jobs" 10:4-11:29 10:4-10:8`,
    `    lint-job 12 "via *lint" ${at(lintAlias, 5)} ${at(lintAlias, 5)}`,
    `    unit-job 12 "" ${at(unitGate, 8)} ${at(unitGate, 8)}`,
    `${basename(dir)} 2 "this repo" 12:0-17:19 12:2-12:9`,
    `  check 24 "1 job" 13:4-15:18 13:4-13:9`,
    `    lint-job 12 "" 15:8-15:18 ${at(lintProject, 8)}`,
    `  gate 24 "1 job" 16:4-17:19 16:4-16:8`,
    `    lint-job 12 "via *shared" ${at(shared, 7)} ${at(shared, 7)}`,
    `pragma 7 "pragma" 18:0-19:34 18:2-18:8`,
  ]);
  for (const s of allSymbols(syms)) assert.ok(inside(s.selectionRange, s.range), `${s.name}: selection inside range`);

  // The comment run folds as a comment; flow collections on one line do not fold.
  const folds = (await folding(client, uri))!;
  assert.deepEqual(folds[0], { startLine: 0, startCharacter: 26, endLine: 1, endCharacter: 16, kind: 'comment' });
  assert.equal(new Set(folds.map((f) => f.startLine)).size, folds.length, 'one fold per start line');
  assert.ok(!folds.some((f) => f.startLine === 9 || f.startLine === 11), JSON.stringify(folds));
});

test('while a file does not parse, folding follows indentation and the outline shows what parses', async () => {
  const good = yaml`
    # Jobs.
    # More about them.
    - job:
        name: base
        pre-run: playbooks/pre.yaml

    - job:
        name: unit
        parent: base
        vars:
          greeting: hello
          other: 1

    - job:
        name: later
        run: playbooks/x.yaml
    `;
  const { dir, client } = await serve({ 'zuul.d/jobs.yaml': good });
  const uri = fileUri(join(dir, 'zuul.d/jobs.yaml'));
  const goodFolds = (await folding(client, uri))!.map((f) => `${f.startLine}-${f.endLine}`);
  assert.deepEqual(goodFolds, ['0-1', '2-4', '6-11', '9-11', '13-15']);

  // Mid-typing: a quote not closed yet.
  const typing = good.replace('greeting: hello', 'greeting: "hello');
  client.open(uri, typing, 2);
  await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'yaml-syntax'));
  const folds = (await folding(client, uri))!.map((f) => `${f.startLine}-${f.endLine}`);
  assert.deepEqual(folds, goodFolds, 'indentation gives the same folds');
  const syms = (await symbols(client, uri)) as DocumentSymbol[];
  assert.deepEqual(syms.slice(0, 2).map((s) => s.name), ['base', 'unit']);
  const sel = (await selection(client, uri, [{ line: 3, character: 12 }]))!;
  assert.equal(sel.length, 1);
  assert.deepEqual(sel[0].range, { start: { line: 3, character: 10 }, end: { line: 3, character: 14 } });

  // A key half typed: still no error, still folds.
  client.change(uri, good.replace('    parent: base\n', '    parent: base\n    atte\n'), 3);
  await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'yaml-syntax'));
  const folds2 = (await folding(client, uri))!;
  assert.ok(folds2.some((f) => f.startLine === 6), JSON.stringify(folds2));
  assert.ok(Array.isArray(await symbols(client, uri)));
});

test('binary junk and a file that is not a list: no crash, empty or partial answers', async () => {
  const junk = Buffer.from([0x2d, 0x20, 0x00, 0xff, 0xfe, 0x0a, 0x20, 0x20, 0x7b, 0x00, 0x0a, 0x20, 0x20, 0x20, 0x20, 0x5b, 0x80, 0x0a, 0x89, 0x50, 0x4e, 0x47]);
  const { dir, client } = await serve({ 'zuul.d/junk.yaml': junk, 'zuul.d/map.yaml': 'job:\n  name: x\n  vars:\n    a: 1\n' });
  const uri = fileUri(join(dir, 'zuul.d/junk.yaml'));
  assert.deepEqual(await symbols(client, uri), []);
  assert.deepEqual(await folding(client, uri), []);
  const sel = (await selection(client, uri, [{ line: 1, character: 3 }, { line: 99, character: 99 }]))!;
  assert.equal(sel.length, 2);

  const map = fileUri(join(dir, 'zuul.d/map.yaml'));
  assert.deepEqual(await symbols(client, map), []);
  assert.deepEqual((await folding(client, map))!.map((f) => `${f.startLine}-${f.endLine}`), ['0-3', '2-3']);
  assert.ok(client.alive);
  // A handler that throws is logged to the client and answers null.
  const logged = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  assert.deepEqual(logged.filter((m) => /failed|uncaught/.test(m)), []);
});

test('a client without hierarchical symbols gets flat symbols with their container', async () => {
  const caps = { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, documentSymbol: {} } };
  const { dir, client } = await serve({ 'zuul.d/project.yaml': shapes.text }, caps);
  const uri = fileUri(join(dir, 'zuul.d/project.yaml'));
  const flat = (await symbols(client, uri)) as SymbolInformation[];
  assert.deepEqual(
    flat.slice(0, 4).map((s) => `${s.name} ${s.kind} ${s.containerName ?? '-'} ${s.location.uri === uri}`),
    ['shapes 11 - true', 'check 24 shapes true', 'lint-job 12 check true', 'unit-job 12 check true'],
  );
  assert.ok(flat.every((s) => !('children' in s)));
  assert.deepEqual(flat[0].location.range, { start: { line: 2, character: 0 }, end: { line: 11, character: 29 } });
});

test('a line-folding-only client gets folds without characters', async () => {
  const caps = { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, foldingRange: { lineFoldingOnly: true } } };
  const { dir, client } = await serve({ 'zuul.d/project.yaml': shapes.text }, caps);
  const folds = (await folding(client, fileUri(join(dir, 'zuul.d/project.yaml'))))!;
  assert.ok(folds.length > 3);
  for (const f of folds) assert.deepEqual(Object.keys(f).filter((k) => k.endsWith('Character')), [], JSON.stringify(f));
  assert.equal(folds[0].kind, 'comment');
});

test('selection ranges grow strictly from the word to the whole file', async () => {
  const m = marked(yaml`
    - job:
        name: |infra-prod-base
        description: |
          Apply the |base configuration.
        run: playbooks/|base.yaml
        vars:
          list: [a, |b]
          |nested:
            deep: "|quoted value"
    `);
  const { dir, client } = await serve({ 'zuul.d/jobs.yaml': m.text });
  const uri = fileUri(join(dir, 'zuul.d/jobs.yaml'));
  const chains = (await selection(client, uri, m.marks))!;
  assert.equal(chains.length, m.marks.length);
  const file = { start: { line: 0, character: 0 }, end: { line: m.text.split('\n').length - 1, character: 0 } };
  const text = (x: Range) => {
    const lines = m.text.split('\n');
    if (x.start.line === x.end.line) return lines[x.start.line].slice(x.start.character, x.end.character);
    return [lines[x.start.line].slice(x.start.character), ...lines.slice(x.start.line + 1, x.end.line), lines[x.end.line].slice(0, x.end.character)].join('\n');
  };
  const texts: string[][] = [];
  chains.forEach((chain, i) => {
    const ranges: Range[] = [];
    for (let s: SelectionRange | undefined = chain; s; s = s.parent) ranges.push(s.range);
    assert.ok(inside({ start: m.marks[i], end: m.marks[i] }, ranges[0]), `mark ${i} inside its first range`);
    for (let k = 1; k < ranges.length; k++) {
      assert.ok(inside(ranges[k - 1], ranges[k]) && r(ranges[k - 1]) !== r(ranges[k]), `mark ${i}: ${r(ranges[k - 1])} strictly inside ${r(ranges[k])}`);
    }
    assert.deepEqual(ranges[ranges.length - 1], file);
    texts.push(ranges.slice(0, 3).map(text));
  });
  assert.deepEqual(texts[0], ['infra-prod-base', 'name: infra-prod-base', text({ start: { line: 1, character: 4 }, end: { line: 8, character: 28 } })]);
  assert.deepEqual(texts[1].slice(0, 1), ['base']);
  assert.match(texts[1][1], /^\|\n {6}Apply the base configuration\.$/);
  assert.deepEqual(texts[2], ['base', 'playbooks/base.yaml', 'run: playbooks/base.yaml']);
  assert.deepEqual(texts[3], ['b', '[a, b]', 'list: [a, b]']);
  assert.deepEqual(texts[4].slice(0, 2), ['nested', 'nested:\n        deep: "quoted value"']);
  assert.deepEqual(texts[5], ['quoted', '"quoted value"', 'deep: "quoted value"']);
});

const SNAPSHOTS = ['zuul-jobs-79fe3eb', 'otc-system-config-b454bff', 'base-jobs-fa575ac'];
const corpus = corpusDir();
const missing = !corpus ? 'no corpus at ../shared/corpus' : SNAPSHOTS.filter((s) => !existsSync(join(corpus, s))).map((s) => `corpus snapshot ${s} absent`)[0];
if (missing) console.log(`structure on the corpus skipped: ${missing}`);

test('real corpus snapshots: every config file outlines all its items, with valid ranges and folds', { skip: missing }, async () => {
  const root = tempDir('structure-corpus');
  const folders = SNAPSHOTS.map((s) => materialize(s, root));
  const client = new LspClient();
  clients.push(client);
  client.settings = corpusSettings(folders);
  client.workspaceFolders = folders.map((f) => ({ uri: fileUri(f), name: basename(f) }));
  await client.request('initialize', { processId: process.pid, capabilities: FULL_CAPABILITIES, workspaceFolders: client.workspaceFolders });
  client.notify('initialized', {});
  await client.ready(120_000);
  let files = 0;
  let items = 0;
  for (const [s, folder] of SNAPSHOTS.map((x, i) => [x, folders[i]] as const)) {
    for (const rel of configFilesOf(s)) {
      const path = join(folder, rel);
      const uri = fileUri(path);
      const syms = (await symbols(client, uri)) as DocumentSymbol[] | null;
      if (syms === null) continue; // not a file Zuul reads
      files++;
      const text = readFileSync(path, 'utf8');
      const root = parseDocument(text).contents;
      const count = isSeq(root) ? root.items.length : 0;
      assert.equal(syms.length, count, `${s}/${rel}: one symbol per item`);
      items += count;
      for (const sym of allSymbols(syms)) {
        assert.ok(sym.name.length > 0, `${s}/${rel}: a symbol has a name`);
        assert.ok(inside(sym.selectionRange, sym.range), `${s}/${rel}: ${sym.name} selection ${r(sym.selectionRange)} inside ${r(sym.range)}`);
      }
      const lines = text.split(/\r?\n|\r/).length;
      const folds = (await folding(client, uri))!;
      for (const f of folds) assert.ok(f.startLine <= f.endLine && f.endLine < lines, `${s}/${rel}: fold ${JSON.stringify(f)} in ${lines} lines`);
      assert.equal(new Set(folds.map((f) => f.startLine)).size, folds.length, `${s}/${rel}: one fold per start line`);
    }
  }
  assert.ok(files >= 20 && items > 300, `outlined ${files} files, ${items} items`);
  console.log(`structure on the corpus: ${files} files, ${items} items outlined`);
});
