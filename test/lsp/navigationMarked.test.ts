// Definition, declaration, references, highlights, hover and prepareRename
// over stdio at positions marked with `|` in an inline two-repo workspace:
// every mark is a place a name is written, a mark on a `name:` line is the
// definition, and all marks on the same name are what references must find.
// A name's use sites cover each shape of the issue: parent, job lists (plain,
// mapping, flow, anchored), dependencies (string, list, {name, soft}),
// templates, nodesets and alternatives, secrets (string, {name, secret}),
// job and playbook semaphores, queues, pipeline keys. Then the same requests
// from every parent of the example workspace.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient, REPO_ROOT, fileUri, removeDir } from '../helpers/lspClient';
import { marked, yaml } from '../helpers/marker';

const FILES: Record<string, string> = {
  'library/zuul.d/pipelines.yaml': yaml`
    - pipeline:
        name: |check
        manager: independent
    - pipeline:
        name: |gate
        manager: dependent
  `,
  'library/zuul.d/jobs.yaml': yaml`
    - nodeset:
        name: |small
        nodes:
          - name: node
            label: ubuntu
    - nodeset:
        name: |large
        alternatives:
          - |small
    - semaphore:
        name: |deploy-lock
        max: 1
    - job:
        name: |lib-base
        parent: null
        nodeset: |small
    - job:
        name: |lib-unit
        parent: |lib-base
        description: Unit tests of the library.
  `,
  'deploy/zuul.d/jobs.yaml': yaml`
    - secret:
        name: |site_key
        data:
          key: value
    - job:
        name: |deploy-base
        parent: |"lib-base"
        semaphore: |deploy-lock
        secrets:
          - |site_key
        nodeset:
          alternatives: [|small, |large]
    - job:
        name: |deploy-app
        parent: |deploy-base
        dependencies:
          - |deploy-base
          - name: |'lib-unit'
            soft: true
        secrets:
          - name: creds
            secret: |site_key
        run:
          - name: playbooks/deploy.yaml
            semaphores: [|deploy-lock]
    - project-template:
        name: |deploy-jobs
        |check:
          jobs:
            - |deploy-base
  `,
  'deploy/zuul.d/project.yaml': yaml`
    - queue:
        name: |integrated
    - project:
        queue: |integrated
        templates: [|deploy-jobs]
        |check:
          jobs: &checks
            - |lib-unit
            - |deploy-app:
                dependencies: [|deploy-base]
        |gate:
          jobs: *checks
  `,
};

interface Mark {
  file: string;
  line: number;
  character: number;
  name: string;
  /** How many characters the name takes as written (quotes included). */
  width: number;
  definition: boolean;
}
interface Rng {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Loc {
  uri: string;
  range: Rng;
}
interface Link {
  targetUri: string;
  targetSelectionRange: Rng;
  originSelectionRange?: Rng;
}

let root: string;
const marks: Mark[] = [];
const client = new LspClient();

/** `file:line:col` of a mark or a location's start, the form failures print. */
const spot = (file: string, line: number, character: number) => `${file}:${line + 1}:${character + 1}`;
const markSpot = (m: Mark) => spot(m.file, m.line, m.character);
const rel = (uri: string) => fileURLToPath(uri).slice(root.length + 1);
const locSpot = (l: Loc) => spot(rel(l.uri), l.range.start.line, l.range.start.character);
/** The cursor: inside the name, past an opening quote. */
const params = (m: Mark) => ({ textDocument: { uri: fileUri(join(root, m.file)) }, position: { line: m.line, character: m.character + 1 + (m.width - m.name.length) / 2 } });
const sameName = (m: Mark) => marks.filter((o) => o.name === m.name);
const byPlace = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

before(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'zuul-lsp-marked-')));
  for (const [file, src] of Object.entries(FILES)) {
    const { text, marks: found } = marked(src);
    const lines = text.split('\n');
    for (const p of found) {
      const [written, , name] = /^(["']?)([A-Za-z0-9_.-]+)\1/.exec(lines[p.line].slice(p.character))!;
      marks.push({ file, ...p, name, width: written.length, definition: /^\s+name: $/.test(lines[p.line].slice(0, p.character)) && /^- [a-z-]+:$/.test(lines[p.line - 1] ?? '') });
    }
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  mkdirSync(join(root, 'deploy/playbooks'), { recursive: true });
  writeFileSync(join(root, 'deploy/playbooks/deploy.yaml'), '- hosts: all\n  tasks: []\n');
  await client.initialize(root);
  await client.ready();
});

after(() => {
  client.kill();
  removeDir(root);
});

test('the fixture has a definition for every name it marks', () => {
  const names = [...new Set(marks.map((m) => m.name))];
  assert.equal(names.length, 12);
  for (const n of names) assert.equal(marks.filter((m) => m.name === n && m.definition).length, 1, `one definition of ${n}`);
});

test('definition and declaration from every marked use land on its definition', async () => {
  for (const m of marks) {
    const def = sameName(m).find((o) => o.definition)!;
    for (const method of ['textDocument/definition', 'textDocument/declaration']) {
      const got = await client.request<Link[]>(method, params(m));
      assert.ok(got?.length, `${method} from ${m.name} at ${markSpot(m)}`);
      const t = got[0];
      assert.equal(spot(rel(t.targetUri), t.targetSelectionRange.start.line, t.targetSelectionRange.start.character), markSpot(def), `${method} from ${markSpot(m)}`);
      // The origin is the whole name under the cursor, as written.
      assert.deepEqual(t.originSelectionRange, { start: { line: m.line, character: m.character }, end: { line: m.line, character: m.character + m.width } }, `origin at ${markSpot(m)}`);
    }
  }
});

test('references from every mark find every mark of the name, with or without the declaration', async () => {
  for (const m of marks) {
    const want = sameName(m).map(markSpot).sort(byPlace);
    const got = await client.request<Loc[]>('textDocument/references', { ...params(m), context: { includeDeclaration: true } });
    assert.deepEqual(got.map(locSpot).sort(byPlace), want, `references of ${m.name} from ${markSpot(m)}`);
    const uses = await client.request<Loc[]>('textDocument/references', { ...params(m), context: { includeDeclaration: false } });
    assert.deepEqual(uses.map(locSpot).sort(byPlace), sameName(m).filter((o) => !o.definition).map(markSpot).sort(byPlace), `uses of ${m.name} from ${markSpot(m)}`);
  }
});

test('highlights from every mark are the marks of the name in that file, the definition a write', async () => {
  for (const m of marks) {
    const got = await client.request<{ range: Rng; kind: number }[]>('textDocument/documentHighlight', params(m));
    const want = sameName(m)
      .filter((o) => o.file === m.file)
      .map((o) => `${markSpot(o)} ${o.definition ? 'write' : 'read'}`)
      .sort(byPlace);
    assert.deepEqual(got.map((h) => `${spot(m.file, h.range.start.line, h.range.start.character)} ${h.kind === 3 ? 'write' : 'read'}`).sort(byPlace), want, `highlights of ${m.name} from ${markSpot(m)}`);
  }
});

test('hover at every mark names what is there, on the name\u2019s range', async () => {
  for (const m of marks) {
    const h = await client.request<{ contents: { value: string }; range: Rng }>('textDocument/hover', params(m));
    assert.ok(h, `hover at ${markSpot(m)}`);
    const text = h.contents.value.replace(/\\(.)/g, '$1');
    assert.ok(text.includes(m.name), `hover at ${markSpot(m)} names ${m.name}: ${text}`);
    assert.equal(h.range.start.character, m.character, `hover range at ${markSpot(m)}`);
  }
});

test('prepareRename at every mark of a renameable kind offers the name; pipelines are refused', async () => {
  const pipelines = new Set(['check', 'gate']);
  for (const m of marks) {
    const got = await client.requestRaw('textDocument/prepareRename', params(m));
    if (pipelines.has(m.name)) {
      assert.ok(got.error, `pipeline ${m.name} at ${markSpot(m)} is not renamed`);
      assert.match(got.error.message, /pipeline/i);
      continue;
    }
    assert.deepEqual(got.result, { range: { start: { line: m.line, character: m.character }, end: { line: m.line, character: m.character + m.width } }, placeholder: m.name }, `prepareRename at ${markSpot(m)}`);
  }
});

test('on the example workspace, every parent resolves to the job of that name, whose references include that parent line', async () => {
  const ex = realpathSync(join(REPO_ROOT, 'examples'));
  const other = new LspClient();
  try {
    await other.initialize(ex);
    await other.ready();
    let parents = 0;
    for (const repo of readdirSync(ex).filter((r) => existsSync(join(ex, r, 'zuul.d')))) {
      for (const f of readdirSync(join(ex, repo, 'zuul.d'))) {
        const file = join(ex, repo, 'zuul.d', f);
        const lines = readFileSync(file, 'utf8').split('\n');
        for (const [line, text] of lines.entries()) {
          const p = /^(\s+parent: )([A-Za-z0-9_.-]+)\s*$/.exec(text);
          if (!p || p[2] === 'null') continue;
          parents++;
          const position = { line, character: p[1].length + 1 };
          const here = `${repo}/zuul.d/${f}:${line + 1}`;
          const defs = await other.request<Link[]>('textDocument/definition', { textDocument: { uri: fileUri(file) }, position });
          assert.ok(defs?.length, `parent ${p[2]} at ${here} resolves`);
          const t = defs[0];
          const target = readFileSync(fileURLToPath(t.targetUri), 'utf8').split('\n')[t.targetSelectionRange.start.line];
          assert.match(target, new RegExp(`^\\s+name: ${p[2]}\\s*(#.*)?$`), `definition of ${p[2]} from ${here}`);
          const refs = await other.request<Loc[]>('textDocument/references', { textDocument: { uri: t.targetUri }, position: t.targetSelectionRange.start, context: { includeDeclaration: false } });
          assert.ok(refs.some((r) => r.uri === fileUri(file) && r.range.start.line === line), `references of ${p[2]} include ${here}`);
        }
      }
    }
    assert.ok(parents >= 5, `the examples write ${parents} parents`);
  } finally {
    other.kill();
  }
});
