// Definition, declaration, references, highlights, hover, workspace symbols,
// code lenses and document links over stdio, from every kind of use site of
// the two-repo rename workspace (test/fixtures/rename/workspace) and on the
// example workspace. The cursor is placed on a name inside a line given by
// its text.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_CAPABILITIES, LspClient, REPO_ROOT, fileUri, removeDir } from '../helpers/lspClient';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'rename', 'workspace');

interface Pos {
  line: number;
  character: number;
}
interface Rng {
  start: Pos;
  end: Pos;
}
interface Loc {
  uri: string;
  range: Rng;
}
interface Link {
  targetUri: string;
  targetRange: Rng;
  targetSelectionRange: Rng;
  originSelectionRange?: Rng;
}

let root: string;
const client = new LspClient();
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** The position of `name` (its second character) in the first line of `file` equal to `line`, after `skip` earlier matches. */
function at(file: string, line: string, name: string, skip = 0): { textDocument: { uri: string }; position: Pos } {
  const lines = read(file).split('\n');
  let n = -1;
  for (let i = 0, seen = 0; i < lines.length; i++) {
    if (lines[i] !== line) continue;
    if (seen++ === skip) {
      n = i;
      break;
    }
  }
  assert.ok(n >= 0, `${file} has a line ${JSON.stringify(line)}`);
  const col = line.indexOf(name);
  assert.ok(col >= 0);
  return { textDocument: { uri: fileUri(join(root, file)) }, position: { line: n, character: col + 1 } };
}

/** `file:line:text` of a location, the text being what its range covers. */
function show(l: Loc | Link): string {
  const uri = 'uri' in l ? l.uri : l.targetUri;
  const r = 'uri' in l ? l.range : l.targetSelectionRange;
  const path = fileURLToPath(uri);
  const text = readFileSync(path, 'utf8').split('\n')[r.start.line].slice(r.start.character, r.end.character);
  return `${relative(root, path)}:${r.start.line + 1}:${text}`;
}

before(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'zuul-lsp-nav-')));
  cpSync(FIXTURE, root, { recursive: true });
  const init = (await client.initialize(root)) as { capabilities: Record<string, unknown> };
  for (const cap of ['hoverProvider', 'definitionProvider', 'declarationProvider', 'referencesProvider', 'documentHighlightProvider', 'workspaceSymbolProvider', 'codeLensProvider', 'documentLinkProvider']) {
    assert.ok(init.capabilities[cap], `${cap} announced`);
  }
  await client.ready();
});

after(() => {
  client.kill();
  removeDir(root);
});

const DEFINITIONS: { what: string; file: string; line: string; name: string; want: string[] }[] = [
  { what: 'a parent, into the other repo', file: 'deploy/zuul.d/jobs.yaml', line: '    parent: lib-base', name: 'lib-base', want: ['library/zuul.d/jobs.yaml:20:lib-base'] },
  { what: 'a double-quoted parent', file: 'deploy/zuul.d/jobs.yaml', line: '    parent: "deploy-base"', name: 'deploy-base', want: ['deploy/zuul.d/jobs.yaml:6:deploy-base'] },
  { what: 'a dependency (string)', file: 'deploy/zuul.d/jobs.yaml', line: '      - deploy-base', name: 'deploy-base', want: ['deploy/zuul.d/jobs.yaml:6:deploy-base'] },
  { what: 'a dependency ({name, soft})', file: 'deploy/zuul.d/jobs.yaml', line: "      - name: 'lib-unit'", name: 'lib-unit', want: ['library/zuul.d/jobs.yaml:25:lib-unit'] },
  { what: 'a dependency in a flow list', file: 'deploy/zuul.d/jobs.yaml', line: '    dependencies: [deploy-base]', name: 'deploy-base', want: ['deploy/zuul.d/jobs.yaml:6:deploy-base'] },
  { what: 'a job-list entry (plain, anchored list)', file: 'deploy/zuul.d/project.yaml', line: '        - lib-unit', name: 'lib-unit', want: ['library/zuul.d/jobs.yaml:25:lib-unit'] },
  { what: 'a job-list entry (mapping): every variant, first first', file: 'deploy/zuul.d/project.yaml', line: '        - deploy-app:', name: 'deploy-app', want: ['deploy/zuul.d/jobs.yaml:18:deploy-app', 'deploy/zuul.d/jobs.yaml:26:deploy-app'] },
  { what: 'a template job list', file: 'deploy/zuul.d/jobs.yaml', line: '        - deploy-base', name: 'deploy-base', want: ['deploy/zuul.d/jobs.yaml:6:deploy-base'] },
  { what: 'a nodeset alternative (flow)', file: 'deploy/zuul.d/jobs.yaml', line: '      alternatives: [small, multi]', name: 'multi', want: ['library/zuul.d/jobs.yaml:12:multi'] },
  { what: 'a nodeset alternative (nodeset stanza)', file: 'library/zuul.d/jobs.yaml', line: '      - large', name: 'large', want: ['library/zuul.d/jobs.yaml:7:large'] },
  { what: 'a job nodeset', file: 'library/zuul.d/jobs.yaml', line: '    nodeset: small', name: 'small', want: ['library/zuul.d/jobs.yaml:2:small'] },
  { what: 'a secret (string)', file: 'deploy/zuul.d/jobs.yaml', line: '      - site_key', name: 'site_key', want: ['deploy/zuul.d/jobs.yaml:2:site_key'] },
  { what: 'a secret ({name, secret})', file: 'deploy/zuul.d/jobs.yaml', line: '        secret: site_key', name: 'site_key', want: ['deploy/zuul.d/jobs.yaml:2:site_key'] },
  { what: 'a job semaphore', file: 'deploy/zuul.d/jobs.yaml', line: '    semaphore: deploy-lock', name: 'deploy-lock', want: ['library/zuul.d/jobs.yaml:17:deploy-lock'] },
  { what: 'a playbook semaphore', file: 'deploy/zuul.d/jobs.yaml', line: '        semaphores: [deploy-lock]', name: 'deploy-lock', want: ['library/zuul.d/jobs.yaml:17:deploy-lock'] },
  { what: 'a template', file: 'deploy/zuul.d/project.yaml', line: '    templates: [deploy-jobs]', name: 'deploy-jobs', want: ['deploy/zuul.d/jobs.yaml:30:deploy-jobs'] },
  { what: 'a queue', file: 'deploy/zuul.d/project.yaml', line: '    queue: integrated', name: 'integrated', want: ['deploy/zuul.d/project.yaml:2:integrated'] },
  { what: 'a pipeline key', file: 'deploy/zuul.d/project.yaml', line: '    gate:', name: 'gate', want: ['library/zuul.d/pipelines.yaml:7:gate'] },
  { what: 'a definition (itself)', file: 'library/zuul.d/jobs.yaml', line: '    name: lib-base', name: 'lib-base', want: ['library/zuul.d/jobs.yaml:20:lib-base'] },
];

for (const d of DEFINITIONS) {
  test(`definition from ${d.what}`, async () => {
    const got = await client.request<Link[]>('textDocument/definition', at(d.file, d.line, d.name));
    assert.deepEqual(got.map(show), d.want);
    // LocationLink: the origin is the whole name under the cursor, the target range holds the selection.
    assert.equal(show({ uri: at(d.file, d.line, d.name).textDocument.uri, range: got[0].originSelectionRange! }).split(':').pop()!.replace(/^(['"])(.*)\1$/, '$2'), d.name);
    const decl = await client.request<Link[]>('textDocument/declaration', at(d.file, d.line, d.name));
    assert.deepEqual(decl.map(show), d.want);
  });
}

test('definition from a playbook path opens the file in the job\u2019s repo', async () => {
  const got = await client.request<Link[]>('textDocument/definition', at('deploy/zuul.d/jobs.yaml', '      - name: playbooks/deploy.yaml', 'playbooks'));
  assert.deepEqual(got.map((l) => relative(root, fileURLToPath(l.targetUri))), ['deploy/playbooks/deploy.yaml']);
});

test('definition on text that names nothing answers null', async () => {
  const got = await client.request('textDocument/definition', at('library/zuul.d/jobs.yaml', '        label: ubuntu', 'ubuntu'));
  assert.equal(got, null);
});

test('references of a job: across repos, in job lists, dependencies, the anchored list once, and the settings file', async () => {
  const got = await client.request<Loc[]>('textDocument/references', { ...at('library/zuul.d/jobs.yaml', '    name: lib-unit  # the unit tests', 'lib-unit'), context: { includeDeclaration: true } });
  assert.deepEqual(got.map(show), [
    'library/zuul.d/jobs.yaml:25:lib-unit',
    "deploy/zuul.d/jobs.yaml:22:'lib-unit'",
    'deploy/zuul.d/project.yaml:8:lib-unit',
    'deploy/zuul.d/project.yaml:10:lib-unit',
  ]);
  const noDecl = await client.request<Loc[]>('textDocument/references', { ...at('library/zuul.d/jobs.yaml', '    name: lib-unit  # the unit tests', 'lib-unit'), context: { includeDeclaration: false } });
  assert.equal(noDecl.length, 3);
  const base = await client.request<Loc[]>('textDocument/references', { ...at('deploy/zuul.d/jobs.yaml', '    name: deploy-base', 'deploy-base'), context: { includeDeclaration: false } });
  assert.ok(base.map(show).includes('deploy/.zuul-authoring.yaml:2:deploy-base'), base.map(show).join('\n'));
});

test('references of a project name: the project stanzas, required projects and roles', async () => {
  // Neither fixture repo names a project; the example workspace does (system-config).
  const ex = realpathSync(join(REPO_ROOT, 'examples'));
  const other = new LspClient();
  try {
    await other.initialize(ex);
    await other.ready();
    const file = join(ex, 'system-config/zuul.d/project.yaml');
    const got = await other.request<Loc[]>('textDocument/references', { textDocument: { uri: fileUri(file) }, position: { line: 1, character: 12 }, context: { includeDeclaration: true } });
    const where = got.map((l) => `${relative(ex, fileURLToPath(l.uri))}:${l.range.start.line + 1}`);
    assert.ok(where.includes('system-config/zuul.d/project.yaml:2'), where.join(', '));
    assert.ok(where.includes('system-config/zuul.d/infra-prod.yaml:15'), `required-projects entry: ${where.join(', ')}`);
  } finally {
    other.kill();
  }
});

test('document highlights: the name in this file, the definition as a write', async () => {
  const got = await client.request<{ range: Rng; kind: number }[]>('textDocument/documentHighlight', at('deploy/zuul.d/jobs.yaml', '    name: deploy-base', 'deploy-base'));
  assert.deepEqual(
    got.map((h) => `${h.range.start.line + 1}:${h.kind}`),
    ['6:3', '19:2', '21:2', '28:2', '33:2'],
  );
});

test('hover on a parent: description, variants, parent chain, nodeset, playbooks in run order, pipelines and children', async () => {
  const h = await client.request<{ contents: { kind: string; value: string }; range: Rng }>('textDocument/hover', at('deploy/zuul.d/jobs.yaml', '    parent: "deploy-base"', 'deploy-base'));
  assert.equal(h.contents.kind, 'markdown');
  const v = h.contents.value;
  assert.match(v, /\*\*job deploy-base\*\*/);
  assert.match(v, /defined in `deploy · zuul\.d\/jobs\.yaml:5`/);
  assert.match(v, /parents: `lib-base`/);
  assert.match(v, /run: `playbooks\/deploy\.yaml`/);
  assert.match(v, /nodeset: `inline nodeset` \((deploy|library) · zuul\.d\/jobs\.yaml:\d+\)/, 'the nodeset of the effective job, with the line that set it');
  assert.doesNotMatch(v, /playbooks\/base\.yaml/, 'the parent\u2019s run playbook is overridden, not listed');
  assert.match(v, /Run by 1 project pipeline · 1 child job inherits from it/);
});

test('hover is plain text for a client without Markdown', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'zuul-lsp-nav-plain-')));
  cpSync(FIXTURE, dir, { recursive: true });
  const plain = new LspClient();
  try {
    const caps = { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, hover: { contentFormat: ['plaintext'] }, definition: {} } };
    await plain.initialize(dir, caps as typeof FULL_CAPABILITIES);
    await plain.ready();
    const uri = fileUri(join(dir, 'library/zuul.d/jobs.yaml'));
    const lines = readFileSync(join(dir, 'library/zuul.d/jobs.yaml'), 'utf8').split('\n');
    const position = { line: lines.indexOf('    nodeset: small'), character: 14 };
    const h = await plain.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position });
    assert.equal(h.contents.kind, 'plaintext');
    assert.match(h.contents.value, /^nodeset small\n/);
    assert.match(h.contents.value, /node node on label ubuntu/);
    assert.doesNotMatch(h.contents.value, /[`*]/);
    // Without linkSupport, definitions are plain Locations.
    const defs = await plain.request<Loc[]>('textDocument/definition', { textDocument: { uri }, position });
    assert.ok(defs[0].uri && defs[0].range, JSON.stringify(defs));
  } finally {
    plain.kill();
    removeDir(dir);
  }
});

test('hover on a secret, a semaphore, a template, a queue and a pipeline summarises its definition', async () => {
  const cases: [string, string, string, RegExp][] = [
    ['deploy/zuul.d/jobs.yaml', '        secret: site_key', 'site_key', /private to project deploy[\s\S]*keys: `key`/],
    ['deploy/zuul.d/jobs.yaml', '    semaphore: deploy-lock', 'deploy-lock', /max: `1`[\s\S]*3 uses/],
    ['deploy/zuul.d/project.yaml', '    templates: [deploy-jobs]', 'deploy-jobs', /`deploy`: 1 job/],
    ['deploy/zuul.d/project.yaml', '    gate:', 'gate', /manager: `dependent`/],
    ['deploy/zuul.d/jobs.yaml', '      - name: playbooks/deploy.yaml', 'playbooks', /read from `deploy · playbooks\/deploy\.yaml`/],
  ];
  for (const [file, line, name, want] of cases) {
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', at(file, line, name));
    assert.match(h.contents.value, want, `${name}: ${h.contents.value}`);
  }
});

test('workspace symbols: fuzzy, every kind, container = repo', async () => {
  const got = await client.request<{ name: string; kind: number; containerName: string; location: Loc }[]>('workspace/symbol', { query: 'dplk' });
  assert.deepEqual(got.map((s) => `${s.name}@${s.containerName}`), ['deploy-lock@library']);
  const all = await client.request<{ name: string; kind: number }[]>('workspace/symbol', { query: '' });
  const names = new Set(all.map((s) => s.name));
  for (const n of ['lib-base', 'small', 'deploy-lock', 'site_key', 'deploy-jobs', 'integrated', 'gate']) assert.ok(names.has(n), n);
  const prefix = await client.request<{ name: string }[]>('workspace/symbol', { query: 'deploy' });
  assert.equal(prefix[0].name.startsWith('deploy'), true);
});

test('code lenses: uses, pipelines and children above each job, and the job graph', async () => {
  const got = await client.request<{ range: Rng; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: fileUri(join(root, 'deploy/zuul.d/jobs.yaml')) } });
  const titles = got.map((l) => `${l.range.start.line + 1}:${l.command.title}`);
  assert.ok(titles.includes('5:4 uses in 1 pipeline · 1 child'), titles.join('\n'));
  assert.ok(titles.includes('5:Show job graph'));
  const uses = got.find((l) => l.command.title.startsWith('4 uses'))!;
  assert.equal(uses.command.command, 'zuul.showReferences');
  assert.equal((uses.command.arguments[2] as Loc[]).length, 4);
  const project = await client.request<{ range: Rng; command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: fileUri(join(root, 'deploy/zuul.d/project.yaml')) } });
  assert.deepEqual(project.map((l) => `${l.range.start.line + 1}:${l.command.title}`), ['7:Show job graph', '12:Show job graph']);
});

test('document links: playbook paths open the playbook, attribute keys their Zuul documentation', async () => {
  const got = await client.request<{ range: Rng; target: string }[]>('textDocument/documentLink', { textDocument: { uri: fileUri(join(root, 'library/zuul.d/jobs.yaml')) } });
  const files = got.filter((l) => l.target.startsWith('file:'));
  assert.deepEqual(files.map((l) => `${l.range.start.line + 1}:${relative(root, fileURLToPath(l.target))}`), ['23:library/playbooks/base.yaml', '28:library/playbooks/base.yaml']);
  const docs = got.filter((l) => l.target.startsWith('https:')).map((l) => `${l.range.start.line + 1}:${l.target.replace(/^.*\/config\//, '')}`);
  assert.ok(docs.includes('22:job.html#attr-job.nodeset'), docs.join('\n'));
  assert.ok(docs.includes('18:semaphore.html#attr-semaphore.max'), docs.join('\n'));
});

test('hover on an attribute key: what Zuul does with it, its type, default and documentation', async () => {
  const h = await client.request<{ contents: { kind: string; value: string }; range: Rng }>('textDocument/hover', at('library/zuul.d/jobs.yaml', '    nodeset: small', 'nodeset'));
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /job\.html#attr-job\.nodeset/);
  assert.equal(h.range.end.character - h.range.start.character, 'nodeset'.length);
});

test('a file outside the workspace gets empty answers, not errors', async () => {
  const uri = fileUri(join(tmpdir(), 'nowhere', 'zuul.yaml'));
  for (const m of ['textDocument/definition', 'textDocument/hover', 'textDocument/documentHighlight']) {
    const r = await client.requestRaw(m, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(r.error, undefined, m);
    assert.ok(r.result === null || (Array.isArray(r.result) && r.result.length === 0), `${m}: ${JSON.stringify(r.result)}`);
  }
  const bad = await client.requestRaw('textDocument/hover', { textDocument: { uri }, position: { line: -1 } });
  assert.match(bad.error?.message ?? '', /Invalid params/);
});
