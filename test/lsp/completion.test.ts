// Completion over stdio: keys with their docs, values, item types and the
// names a value refers to, while the YAML around the cursor is incomplete.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientCapabilities, CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver';
import { FULL_CAPABILITIES, LspClient, fileUri } from '../helpers/lspClient';
import { remove, tree } from '../helpers/tmp';
import { yaml } from '../helpers/marker';

/** `‸` marks the cursor (a `|` marker needs a token after it; a cursor often sits at a line's end). */
function cursor(src: string): { text: string; position: { line: number; character: number } } {
  const i = src.indexOf('‸');
  assert.ok(i >= 0, 'a ‸ cursor in the fixture');
  const head = src.slice(0, i).split('\n');
  return { text: src.slice(0, i) + src.slice(i + 1), position: { line: head.length - 1, character: head[head.length - 1].length } };
}

const BASE_JOBS = yaml`
  - job:
      name: base
      parent: null
      description: The root of every job.
  - job:
      name: final-job
      final: true
  - secret:
      name: base-secret
      data: {}
  - nodeset:
      name: ubuntu-noble
      nodes:
        - name: primary
          label: ubuntu-noble
`;

const APP_JOBS = yaml`
  - semaphore:
      name: one-at-a-time
  - secret:
      name: app-secret
      data: {}
  - job:
      name: app-build
      description: Builds the application.
  - job:
      name: app-test
      parent: app-build
  - job:
      name: app-test.py3
      parent: app-test
  - job:
      name: app-lint
`;

const APP_PROJECT = yaml`
  - project-template:
      name: app-template
  - project:
      name: app
      check:
        jobs:
          - app-lint
          - app-test
      gate:
        jobs:
          - app-build
`;

const PIPELINES = yaml`
  - pipeline:
      name: check
      manager: independent
      trigger: {}
  - pipeline:
      name: gate
      manager: dependent
      trigger: {}
`;

let dir: string;
const client = new LspClient();
const plain = new LspClient();

const PLAIN_CAPS: ClientCapabilities = {
  ...FULL_CAPABILITIES,
  textDocument: { ...FULL_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: false, documentationFormat: ['plaintext'] } } },
};

before(async () => {
  dir = realpathSync(
    tree(
      {
        'base-jobs/zuul.d/jobs.yaml': BASE_JOBS,
        'base-jobs/zuul.d/pipelines.yaml': PIPELINES,
        'app/zuul.d/jobs.yaml': APP_JOBS,
        'app/zuul.d/project.yaml': APP_PROJECT,
        'app/playbooks/build.yaml': '- hosts: all\n',
        'app/playbooks/deploy/site.yaml': '- hosts: all\n',
        'app/playbooks/deploy/README.md': 'not a playbook\n',
        'app/roles/thing/tasks/main.yaml': '[]\n',
      },
      'zuul-lsp-completion-',
    ),
  );
  await Promise.all([client.initialize(dir), plain.initialize(dir, PLAIN_CAPS)]);
  await Promise.all([client.ready(), plain.ready()]);
});

after(() => {
  client.kill();
  plain.kill();
  remove(dir);
});

let version = 1;
/** Opens `file` (repo-relative to the temp folder) with the fixture's text and asks at its cursor. */
async function complete(file: string, src: string, who: LspClient = client): Promise<CompletionList> {
  const { text, position } = cursor(src);
  const uri = fileUri(join(dir, file));
  who.open(uri, text, version++);
  try {
    const r = await who.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
    assert.ok(r && !Array.isArray(r), 'a CompletionList');
    return r;
  } finally {
    who.close(uri);
  }
}

const labels = (l: CompletionList) => l.items.map((i) => i.label);
const item = (l: CompletionList, label: string) => {
  const it = l.items.find((i) => i.label === label);
  assert.ok(it, `an item "${label}" among ${JSON.stringify(labels(l).slice(0, 40))}`);
  return it;
};
const newText = (i: CompletionItem) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : i.insertText);
const doc = (i: CompletionItem) => (i.documentation as MarkupContent | undefined)?.value ?? '';

test('the server offers completion', async () => {
  const init = new LspClient();
  try {
    const r = (await init.initialize(dir)) as { capabilities: { completionProvider?: { triggerCharacters?: string[] } } };
    assert.ok(r.capabilities.completionProvider, 'completionProvider');
  } finally {
    init.kill();
  }
});

describe('attribute keys', () => {
  test('a half-typed key inside a job stanza offers timeout with its doc, type and link, and replaces the word', async () => {
    const l = await complete('app/zuul.d/new.yaml', yaml`
      - job:
          name: new-job
          tim‸
    `);
    const t = item(l, 'timeout');
    assert.equal(t.kind, 10, 'Property');
    assert.match(doc(t), /integer/);
    assert.match(doc(t), /seconds/);
    assert.match(doc(t), /config\/job\.html#attr-job\.timeout/);
    assert.equal((t.documentation as MarkupContent).kind, 'markdown');
    assert.deepEqual(t.textEdit && 'range' in t.textEdit ? t.textEdit.range : undefined, { start: { line: 2, character: 4 }, end: { line: 2, character: 7 } });
    assert.match(newText(t) ?? '', /^timeout: /);
    assert.ok(!labels(l).includes('name'), 'name is already written');
    assert.ok(!labels(l).includes('override-branch') && !labels(l).includes('success-url'), 'legacy keys are not offered');
    assert.ok(!labels(l).includes('time'), 'not the words of the document');
  });

  test('an empty line in a stanza that does not parse offers the keys of that stanza', async () => {
    const l = await complete('app/zuul.d/broken.yaml', yaml`
      - job:
          name: broken
          vars: [unclosed
          ‸
      - nodeset:
          name: x
    `);
    item(l, 'timeout');
    assert.ok(!labels(l).includes('vars'), 'vars is already written');
  });

  test('keys of a project pipeline variant, of a pipeline entry and of a project', async () => {
    const variant = await complete('app/zuul.d/p.yaml', yaml`
      - project:
          check:
            jobs:
              - app-lint:
                  vo‸
    `);
    item(variant, 'voting');
    assert.ok(!labels(variant).includes('name'), 'a variant has no name key');
    const pipeline = await complete('app/zuul.d/p.yaml', yaml`
      - project:
          check:
            jobs: []
            ‸
    `);
    assert.deepEqual(labels(pipeline).sort(), ['debug', 'fail-fast']);
    const project = await complete('app/zuul.d/p.yaml', yaml`
      - project:
          check:
            jobs: []
          ‸
    `);
    for (const k of ['templates', 'queue', 'gate', 'merge-mode']) item(project, k);
    assert.ok(!labels(project).includes('check'), 'check is already there');
  });

  test('a fresh list entry in nodes offers the node keys; the nodes key inserts a node skeleton', async () => {
    const entry = await complete('app/zuul.d/n.yaml', yaml`
      - nodeset:
          name: two
          nodes:
            - ‸
    `);
    assert.deepEqual(labels(entry).sort(), ['label', 'name']);
    const key = await complete('app/zuul.d/n.yaml', yaml`
      - nodeset:
          name: two
          no‸
    `);
    const nodes = item(key, 'nodes');
    assert.equal(nodes.insertTextFormat, 2, 'snippet');
    assert.match(newText(nodes) ?? '', /^nodes:\n {6}- name: \$1\n {8}label: \$2$/);
  });

  test('keys of a playbook entry', async () => {
    const l = await complete('app/zuul.d/pb.yaml', yaml`
      - job:
          name: pb
          post-run:
            - name: playbooks/build.yaml
              ‸
    `);
    assert.deepEqual(labels(l).sort(), ['cleanup', 'semaphores']);
  });
});

describe('values', () => {
  test('a key with no value yet offers its boolean or enum values', async () => {
    const voting = await complete('app/zuul.d/v.yaml', yaml`
      - job:
          name: v
          voting: ‸
    `);
    assert.deepEqual(labels(voting).sort(), ['false', 'true']);
    const manager = await complete('base-jobs/zuul.d/pl.yaml', yaml`
      - pipeline:
          name: post
          manager: ‸
    `);
    assert.deepEqual(labels(manager).sort(), ['dependent', 'independent', 'serial', 'supercedent']);
  });

  test('right after `key:` the value comes with its space', async () => {
    const l = await complete('app/zuul.d/v.yaml', yaml`
      - job:
          name: v
          voting:‸
    `);
    assert.equal(newText(item(l, 'true')), ' true');
  });

  test('`- ` at column 0 offers the item types', async () => {
    const l = await complete('app/zuul.d/top.yaml', '- job:\n    name: a\n- ‸');
    for (const k of ['job', 'project', 'nodeset', 'secret', 'semaphore', 'project-template', 'pipeline', 'queue', 'pragma']) item(l, k);
    assert.match(newText(item(l, 'job')) ?? '', /^job:\n {4}name: /);
  });
});

describe('names', () => {
  test('job names in a project pipeline job list, with where they are defined and their description', async () => {
    const l = await complete('app/zuul.d/p2.yaml', yaml`
      - project:
          check:
            jobs:
              - app-‸
    `);
    const b = item(l, 'app-build');
    assert.equal(b.labelDetails?.description, 'app · zuul.d/jobs.yaml:7');
    assert.match(doc(b), /Builds the application/);
    item(l, 'app-test.py3');
    assert.deepEqual(b.textEdit && 'range' in b.textEdit ? b.textEdit.range : undefined, { start: { line: 3, character: 10 }, end: { line: 3, character: 14 } });
  });

  test('dependencies offer the jobs of the same pipeline first, never the job itself', async () => {
    const l = await complete('app/zuul.d/deps.yaml', yaml`
      - project:
          check:
            jobs:
              - app-lint
              - app-test:
                  dependencies:
                    - ‸
              - app-test.py3
    `);
    const sorted = [...l.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 2), ['app-lint', 'app-test.py3']);
    assert.ok(!labels(l).includes('app-test'), 'not the job itself');
    item(l, 'base');
  });

  test('a flow list of dependencies completes the word after the comma', async () => {
    const l = await complete('app/zuul.d/deps.yaml', yaml`
      - job:
          name: flow
          dependencies: [app-lint, app-b‸
    `);
    const b = item(l, 'app-build');
    assert.equal(newText(b), 'app-build');
  });

  test('parents exclude the job itself, its descendants and final jobs', async () => {
    const l = await complete('app/zuul.d/jobs.yaml', APP_JOBS.replace('name: app-test\n    parent: app-build', 'name: app-test\n    parent: ‸'));
    assert.ok(!labels(l).includes('app-test'), 'not itself');
    assert.ok(!labels(l).includes('app-test.py3'), 'not a descendant');
    assert.ok(!labels(l).includes('final-job'), 'not a final job');
    assert.equal(item(l, 'base').labelDetails?.description, 'base-jobs · zuul.d/jobs.yaml:2');
    item(l, 'app-build');
  });

  test('secrets are those of the same repo only; nodesets and semaphores from everywhere', async () => {
    const secrets = await complete('app/zuul.d/s.yaml', yaml`
      - job:
          name: s
          secrets:
            - ‸
    `);
    assert.deepEqual(labels(secrets), ['app-secret']);
    const nodeset = await complete('app/zuul.d/s.yaml', yaml`
      - job:
          name: s
          nodeset: ubu‸
    `);
    assert.deepEqual(labels(nodeset), ['ubuntu-noble']);
    const sem = await complete('app/zuul.d/s.yaml', yaml`
      - job:
          name: s
          semaphores: ‸
    `);
    assert.deepEqual(labels(sem), ['one-at-a-time']);
  });

  test('templates, pipelines as project keys, and role repos', async () => {
    const t = await complete('app/zuul.d/t.yaml', yaml`
      - project:
          templates:
            - ‸
    `);
    assert.deepEqual(labels(t), ['app-template']);
    const roles = await complete('app/zuul.d/r.yaml', yaml`
      - job:
          name: r
          roles:
            - zuul: ‸
    `);
    assert.deepEqual(labels(roles).sort(), ['app', 'base-jobs']);
  });

  test('playbook paths list the folder typed so far', async () => {
    const top = await complete('app/zuul.d/pb.yaml', yaml`
      - job:
          name: pb
          run: ‸
    `);
    assert.deepEqual(labels(top).sort(), ['playbooks/']);
    const inside = await complete('app/zuul.d/pb.yaml', yaml`
      - job:
          name: pb
          run: playbooks/‸
    `);
    assert.deepEqual(labels(inside).sort(), ['playbooks/build.yaml', 'playbooks/deploy/']);
    const r = item(inside, 'playbooks/build.yaml');
    assert.deepEqual(r.textEdit && 'range' in r.textEdit ? r.textEdit.range : undefined, { start: { line: 2, character: 9 }, end: { line: 2, character: 19 } });
    const deeper = await complete('app/zuul.d/pb.yaml', yaml`
      - job:
          name: pb
          pre-run:
            - playbooks/deploy/s‸
    `);
    assert.deepEqual(labels(deeper), ['playbooks/deploy/site.yaml']);
  });
});

describe('a client without Markdown, snippets or label details', () => {
  test('gets plain-text docs, plain insert text and the location in detail', async () => {
    const keys = await complete('app/zuul.d/new.yaml', yaml`
      - job:
          name: new-job
          ‸
    `, plain);
    const t = item(keys, 'timeout');
    assert.equal((t.documentation as MarkupContent).kind, 'plaintext');
    assert.doesNotMatch(doc(t), /[`*[\]]/);
    assert.match(doc(t), /https:\/\/zuul-ci\.org\/docs\/zuul\/latest\/config\/job\.html#attr-job\.timeout/);
    for (const i of keys.items) {
      assert.notEqual(i.insertTextFormat, 2, `${i.label} is not a snippet`);
      assert.doesNotMatch(newText(i) ?? '', /\$\d|\$\{/, `${i.label} has no snippet syntax`);
    }
    const names = await complete('app/zuul.d/p2.yaml', yaml`
      - project:
          check:
            jobs:
              - ‸
    `, plain);
    const b = item(names, 'app-build');
    assert.equal(b.labelDetails, undefined);
    assert.equal(b.detail, 'app · zuul.d/jobs.yaml:7');
  });
});

test('odd places get an answer, never an error', async () => {
  for (const src of ['‸', '# comment ‸', '- job:\n    description: |\n      text ‸', '- job: {name: x, ‸', '-‸', '  ‸', '- job:\n    name: "a‸', '- [‸', '\t- job:\n\t‸']) {
    const l = await complete('app/zuul.d/odd.yaml', src);
    assert.ok(Array.isArray(l.items), JSON.stringify(src));
  }
});
