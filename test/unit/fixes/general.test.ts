// The general quick fixes (issue #5): "Did you mean", removing a dead files
// pattern, declaring a name as external, and suppression comments. Each fix
// is applied to the text, the text is given back to the engine, and the
// finding must be gone with nothing new in its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import type { Settings } from '../../../server/src/zuul/settings';
import type { Finding } from '../../../server/src/zuul/types';
import type { Fix } from '../../../server/src/fixes/types';
import { fixesFor } from '../../../server/src/fixes/registry';
import { plainSafe, quoteAs, scalarValue } from '../../../server/src/fixes/replace-suggestion';
import { applyTextEdits } from '../../helpers/applyEdits';
import { copyCase, listFixCases, offeredTitles, pickFinding } from '../../helpers/fixCases';
import { tree, remove } from '../../helpers/tmp';

const FILE = 'r/zuul.d/jobs.yaml';

interface World {
  root: string;
  ws: ZuulWorkspace;
  path: string;
  text(): string;
  dispose(): void;
}

/** A one-repo workspace: `zuul.d/jobs.yaml` holds `yaml`; `files` are other repo files. */
async function world(yaml: string, files: Record<string, string> = {}, settings: Partial<Settings> = {}): Promise<World> {
  const root = tree({ 'r/.git/HEAD': '', [FILE]: yaml, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`r/${k}`, v])) });
  const ws = new ZuulWorkspace([root], settings);
  await ws.load();
  const path = join(root, FILE);
  return { root, ws, path, text: () => ws.fileState(path)!.parsed.text, dispose: () => remove(root) };
}

function findingOf(w: World, rule: string, line?: number): Finding {
  const hits = w.ws.findings(w.path).filter((f) => f.rule === rule && (line === undefined || f.range.start.line === line));
  assert.equal(hits.length, 1, `one ${rule}${line === undefined ? '' : ` on line ${line + 1}`}: ${JSON.stringify(w.ws.findings(w.path).map((f) => [f.rule, f.range.start.line]))}`);
  return hits[0];
}

const titles = (fixes: Fix[]) => fixes.map((f) => (f.preferred ? `${f.title} *` : f.title));

function rulesOf(list: Finding[]): string[] {
  return list.map((f) => f.rule).sort();
}

/**
 * Applies the fix titled `title` for `finding`, checks the text, hands it to
 * the engine, and checks that exactly the finding is gone.
 */
function applyFix(w: World, finding: Finding, title: string, expected: string): Fix {
  const fix = fixesFor(w.ws, finding).find((f) => f.title === title);
  assert.ok(fix, `a fix titled ${title}; got ${JSON.stringify(titles(fixesFor(w.ws, finding)))}`);
  assert.ok(fix.edits.every((e) => e.file === w.path), 'edits stay in the file');
  const before = w.ws.findings(w.path);
  const text = applyTextEdits(w.text(), fix.edits.flatMap((e) => e.edits));
  assert.equal(text, expected);
  w.ws.setOverlay(w.path, text);
  const after = w.ws.findings(w.path);
  const expectedRules = rulesOf(before);
  expectedRules.splice(expectedRules.indexOf(finding.rule), 1);
  assert.deepEqual(rulesOf(after), expectedRules, 'the finding is gone and nothing new appears');
  return fix;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

// ---------------------------------------------------------------------------
// Did you mean

const BRIDGE_JOBS = lines(
  '- job:',
  '    name: infra-prod-bootstrap-bridge',
  '- job:',
  '    name: infra-prod-service-zuul',
  '    parent: infra-prod-bootstrap-brigde',
);

test('did you mean: a parent typo is replaced, preferred, beside declare-external and suppressions', async () => {
  const w = await world(BRIDGE_JOBS);
  try {
    const f = findingOf(w, 'unknown-parent');
    assert.deepEqual(titles(fixesFor(w.ws, f)), [
      'Change to "infra-prod-bootstrap-bridge" *',
      'Declare "infra-prod-bootstrap-brigde" as defined outside the workspace',
      'Suppress unknown-parent on this line',
      'Suppress unknown-parent in this file',
    ]);
    applyFix(w, f, 'Change to "infra-prod-bootstrap-bridge"', BRIDGE_JOBS.replace('brigde', 'bridge'));
  } finally {
    w.dispose();
  }
});

test('did you mean: the quoting of the original scalar is kept (double, single)', async () => {
  const dq = lines('- job:', '    name: base-job', '- job:', '    name: child', '    parent: "bsae-job"');
  const w = await world(dq);
  try {
    applyFix(w, findingOf(w, 'unknown-parent'), 'Change to "base-job"', dq.replace('"bsae-job"', '"base-job"'));
  } finally {
    w.dispose();
  }
  const sq = lines(
    '- job:',
    '    name: infra-prod-service-zuul',
    '- project:',
    '    check:',
    '      jobs:',
    "        - 'infra-prod-servce-zuul':",
    '            voting: false',
  );
  const w2 = await world(sq);
  try {
    applyFix(w2, findingOf(w2, 'unknown-job'), 'Change to "infra-prod-service-zuul"', sq.replace("'infra-prod-servce-zuul'", "'infra-prod-service-zuul'"));
  } finally {
    w2.dispose();
  }
});

test('did you mean: a job list entry', async () => {
  const src = lines('- job:', '    name: infra-prod-service-zuul', '- project:', '    deploy:', '      jobs:', '        - infra-prod-servce-zuul');
  const w = await world(src);
  try {
    const f = findingOf(w, 'unknown-job');
    assert.equal(fixesFor(w.ws, f)[0].preferred, true);
    applyFix(w, f, 'Change to "infra-prod-service-zuul"', src.replace('servce', 'service'));
  } finally {
    w.dispose();
  }
});

test('did you mean: playbook paths, with and without the extension', async () => {
  const src = lines('- job:', '    name: a', '    run: playbooks/service-nameservers.yaml', '    post-run: playbooks/post');
  const files = { 'playbooks/service-nameserver.yaml': '', 'playbooks/post.yaml': '' };
  const w = await world(src, files);
  try {
    const nf = findingOf(w, 'playbook-not-found');
    assert.equal(fixesFor(w.ws, nf)[0].preferred, true);
    const step = applyFix(w, nf, 'Change to "playbooks/service-nameserver.yaml"', src.replace('nameservers', 'nameserver'));
    assert.equal(step.command, undefined);
    const ext = findingOf(w, 'playbook-extension-missing');
    assert.deepEqual(titles(fixesFor(w.ws, ext)).slice(0, 1), ['Change to "playbooks/post.yaml" *']);
    applyFix(w, ext, 'Change to "playbooks/post.yaml"', src.replace('nameservers', 'nameserver').replace('playbooks/post\n', 'playbooks/post.yaml\n'));
  } finally {
    w.dispose();
  }
});

test('did you mean: a playbook variable keeps its value relative to the base folder', async () => {
  const src = lines(
    '- job:',
    '    name: infra-prod-service-a',
    '    vars: {playbook_name: service-a.yaml}',
    '- job:',
    '    name: infra-prod-service-b',
    '    vars: {playbook_name: service-b.yaml}',
    '- job:',
    '    name: infra-prod-service-c',
    '    vars:',
    '      playbook_name: servce-c.yaml',
  );
  const files = { 'playbooks/service-a.yaml': '', 'playbooks/service-b.yaml': '', 'playbooks/service-c.yaml': '' };
  const w = await world(src, files);
  try {
    const f = findingOf(w, 'playbook-variable-not-found');
    applyFix(w, f, 'Change to "service-c.yaml"', src.replace('servce-c.yaml', 'service-c.yaml'));
  } finally {
    w.dispose();
  }
});

test('did you mean: an unknown attribute key; never into a key the mapping already has', async () => {
  const src = lines('- job:', '    name: a', '- job:', '    name: b', '    dependecies: [a]');
  const w = await world(src);
  try {
    const f = findingOf(w, 'unknown-attribute');
    assert.equal(titles(fixesFor(w.ws, f))[0], 'Change to "dependencies" *');
    applyFix(w, f, 'Change to "dependencies"', src.replace('dependecies', 'dependencies'));
  } finally {
    w.dispose();
  }
  const dup = lines('- job:', '    name: a', '- job:', '    name: b', '    dependencies: [a]', '    dependecies: [a]');
  const w2 = await world(dup);
  try {
    const f = findingOf(w2, 'unknown-attribute');
    assert.ok(!fixesFor(w2.ws, f).some((x) => x.title.startsWith('Change to')), 'renaming would make a duplicate key');
  } finally {
    w2.dispose();
  }
});

test('did you mean: a files regex gets the suggested pattern, in its own quotes', async () => {
  const src = lines('- job:', '    name: a', '    files:', '      - ^docs/.*', '      - "^playbooks/service-nameservr.yaml"', '- project:', '    check:', '      jobs: [a]');
  const w = await world(src, { 'playbooks/service-nameserver.yaml': '', 'docs/index.rst': '' });
  try {
    const f = findingOf(w, 'files-matcher-matches-nothing');
    assert.deepEqual(titles(fixesFor(w.ws, f)).slice(0, 2), [
      'Change to "^playbooks/service-nameserver\\.yaml" *',
      'Remove the files pattern "^playbooks/service-nameservr.yaml"',
    ]);
    applyFix(w, f, 'Change to "^playbooks/service-nameserver\\.yaml"', src.replace('"^playbooks/service-nameservr.yaml"', '"^playbooks/service-nameserver\\\\.yaml"'));
  } finally {
    w.dispose();
  }
});

test('did you mean: up to three, preferred only when the first is strictly closest', async () => {
  const src = lines(
    '- job:',
    '    name: deploy-aa',
    '- job:',
    '    name: deploy-ab',
    '- job:',
    '    name: deploy-ad',
    '- job:',
    '    name: deploy-ae',
    '- job:',
    '    name: z',
    '    dependencies: [deploy-ac]',
  );
  const w = await world(src);
  try {
    const f = findingOf(w, 'unknown-dependency');
    const changes = fixesFor(w.ws, f).filter((x) => x.title.startsWith('Change to'));
    assert.deepEqual(titles(changes), ['Change to "deploy-aa"', 'Change to "deploy-ab"', 'Change to "deploy-ad"'], 'a tie: nothing preferred');
    applyFix(w, f, 'Change to "deploy-ab"', src.replace('[deploy-ac]', '[deploy-ab]'));
  } finally {
    w.dispose();
  }
});

test('did you mean: a name that may live elsewhere (not a typo) is offered but not preferred', async () => {
  const src = lines('- job:', '    name: tox-py311', '- project:', '    check:', '      jobs:', '        - tox-py312');
  const w = await world(src);
  try {
    const f = findingOf(w, 'unknown-job');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(titles(fixesFor(w.ws, f)).slice(0, 2), ['Change to "tox-py311"', 'Declare "tox-py312" as defined outside the workspace']);
  } finally {
    w.dispose();
  }
});

test('quoting helpers', () => {
  assert.equal(quoteAs('playbooks/x.yaml', 'plain'), 'playbooks/x.yaml');
  assert.equal(quoteAs('^docs/.*\\.rst$', 'plain'), '^docs/.*\\.rst$');
  assert.equal(quoteAs('yes', 'plain'), '"yes"', 'a plain original that would read as a boolean gets quotes');
  assert.equal(quoteAs('a: b', 'plain'), '"a: b"');
  assert.equal(quoteAs('[x]', 'plain'), '"[x]"');
  assert.equal(quoteAs("it's", 'single'), "'it''s'");
  assert.equal(quoteAs('a\\b"c', 'double'), '"a\\\\b\\"c"');
  assert.equal(scalarValue('"a\\\\b"'), 'a\\b');
  assert.equal(scalarValue("'it''s'"), "it's");
  assert.equal(scalarValue('|'), undefined);
  assert.ok(plainSafe('infra-prod-service-zuul'));
  assert.ok(!plainSafe('*alias'));
  assert.ok(!plainSafe('1.0'));
});

// ---------------------------------------------------------------------------
// Remove a dead matcher

test('remove dead matcher: the list item\'s lines go; preferred when nothing close exists', async () => {
  const src = lines(
    '- job:',
    '    name: a',
    '    irrelevant-files:',
    '      - ^docs/.*',
    '      # a comment about the dead one',
    '      - ^nothing/.*',
    '      - ^releasenotes/.*',
    '- project:',
    '    check:',
    '      jobs: [a]',
  );
  const w = await world(src, { 'docs/index.rst': '', 'releasenotes/notes/x.yaml': '' });
  try {
    const f = findingOf(w, 'files-matcher-matches-nothing');
    assert.deepEqual(titles(fixesFor(w.ws, f)), [
      'Remove the irrelevant-files pattern "^nothing/.*" *',
      'Suppress files-matcher-matches-nothing on this line',
      'Suppress files-matcher-matches-nothing in this file',
    ]);
    applyFix(w, f, 'Remove the irrelevant-files pattern "^nothing/.*"', src.replace('      - ^nothing/.*\n', ''));
  } finally {
    w.dispose();
  }
});

test('remove dead matcher: not offered when removing the pattern would change what runs', async () => {
  const src = lines('- job:', '    name: a', '    files:', '      - ^nothing/.*', '      - ^neither/.*', '- project:', '    check:', '      jobs: [a]');
  const w = await world(src, { 'docs/index.rst': '' });
  try {
    const found = w.ws.findings(w.path).filter((f) => f.rule === 'files-matcher-matches-nothing');
    assert.equal(found.length, 2);
    for (const f of found) assert.ok(!fixesFor(w.ws, f).some((x) => x.title.startsWith('Remove')), 'no live pattern left: the job would run on every change');
  } finally {
    w.dispose();
  }
});

// ---------------------------------------------------------------------------
// Declare as external

test('declare external: a command with the name, no edits; the setting silences the finding', async () => {
  const src = lines(
    '- job:',
    '    name: a',
    '    parent: base-from-elsewhere',
    '    nodeset: ubuntu-noble',
    '- project:',
    '    templates: [publish-docs]',
    '    check:',
    '      jobs: [tox-docs]',
  );
  const w = await world(src);
  try {
    for (const [rule, name] of [
      ['unknown-parent', 'base-from-elsewhere'],
      ['unknown-nodeset', 'ubuntu-noble'],
      ['unknown-project-template', 'publish-docs'],
      ['unknown-job', 'tox-docs'],
    ]) {
      const f = findingOf(w, rule);
      const title = `Declare "${name}" as defined outside the workspace`;
      const fix = fixesFor(w.ws, f).find((x) => x.title === title);
      assert.ok(fix, `${rule}: ${JSON.stringify(titles(fixesFor(w.ws, f)))}`);
      assert.deepEqual(fix.edits, []);
      assert.equal(fix.preferred, undefined);
      assert.deepEqual(fix.command, { command: 'zuul.addExternalName', title, arguments: [name] });
    }
    // What the client command does to the setting, the engine honours.
    w.ws.setEditorSettings({ externalNames: ['base-from-elsewhere', 'ubuntu-noble', 'publish-docs', 'tox-docs'] });
    assert.deepEqual(w.ws.findings(w.path).map((f) => f.rule), []);
  } finally {
    w.dispose();
  }
});

test('declare external: semaphore and dependency findings offer it too; a secret does not', async () => {
  const src = lines(
    '- job:',
    '    name: deploy-aa',
    '- job:',
    '    name: b',
    '    semaphores: [prod-lock]',
    '    dependencies: [deploy-ab]',
    '    secrets: [site-key]',
  );
  const w = await world(src);
  try {
    assert.ok(fixesFor(w.ws, findingOf(w, 'unknown-semaphore')).some((x) => x.command?.arguments?.[0] === 'prod-lock'));
    assert.ok(fixesFor(w.ws, findingOf(w, 'unknown-dependency')).some((x) => x.command?.arguments?.[0] === 'deploy-ab'));
    assert.ok(!fixesFor(w.ws, findingOf(w, 'unknown-secret')).some((x) => x.command), 'a secret must be in the same project');
  } finally {
    w.dispose();
  }
});

// ---------------------------------------------------------------------------
// Suppress

/** Playbook paths are checked in a repo that has playbooks. */
const PLAYBOOKS = { 'playbooks/run.yaml': '' };

test('suppress: a comment above the line at its indentation, or at the top of the file', async () => {
  const src = lines('- job:', '    name: a', '    run: playbooks/missing.yaml', '- project:', '    check:', '      jobs:', '        - a', '        - not-here-anywhere');
  const w = await world(src, PLAYBOOKS);
  try {
    const f = findingOf(w, 'playbook-not-found');
    const next = src.replace('    run:', '    # zuul-authoring: disable-next-line playbook-not-found\n    run:');
    applyFix(w, f, 'Suppress playbook-not-found on this line', next);
    const job = findingOf(w, 'unknown-job');
    const nested = next.replace('        - not-here', '        # zuul-authoring: disable-next-line unknown-job\n        - not-here');
    applyFix(w, job, 'Suppress unknown-job on this line', nested);
  } finally {
    w.dispose();
  }
  const w2 = await world(src, PLAYBOOKS);
  try {
    const f = findingOf(w2, 'playbook-not-found');
    const top = `# zuul-authoring: disable-file playbook-not-found\n${src}`;
    applyFix(w2, f, 'Suppress playbook-not-found in this file', top);
    // A second rule joins the existing comment.
    applyFix(w2, findingOf(w2, 'unknown-job'), 'Suppress unknown-job in this file', top.replace('disable-file playbook-not-found', 'disable-file playbook-not-found, unknown-job'));
  } finally {
    w2.dispose();
  }
});

test('suppress: a second rule on a line joins the comment above it', async () => {
  const src = lines(
    '- job:',
    '    name: a',
    '    # zuul-authoring: disable-next-line unknown-parent -- lives in base-jobs',
    '    parent: unknown-base',
    '    dependecies: [a]',
  );
  const w = await world(src);
  try {
    assert.equal(w.ws.findings(w.path).filter((f) => f.rule === 'unknown-parent').length, 0, 'the comment is honoured');
    const f = findingOf(w, 'unknown-attribute');
    applyFix(w, f, 'Suppress unknown-attribute on this line', src.replace('    dependecies', '    # zuul-authoring: disable-next-line unknown-attribute\n    dependecies'));
  } finally {
    w.dispose();
  }
  const same = lines('- job:', '    name: a', '    # zuul-authoring: disable-next-line unknown-attribute', '    parent: unknown-base', '    dependecies: [a]');
  const w2 = await world(same);
  try {
    const f = findingOf(w2, 'unknown-parent');
    applyFix(w2, f, 'Suppress unknown-parent on this line', same.replace('disable-next-line unknown-attribute', 'disable-next-line unknown-attribute, unknown-parent'));
  } finally {
    w2.dispose();
  }
});

test('suppress: CRLF files get CRLF comments', async () => {
  const src = '- job:\r\n    name: a\r\n    run: playbooks/missing.yaml\r\n';
  const w = await world(src, PLAYBOOKS);
  try {
    const f = findingOf(w, 'playbook-not-found');
    applyFix(w, f, 'Suppress playbook-not-found on this line', src.replace('    run:', '    # zuul-authoring: disable-next-line playbook-not-found\r\n    run:'));
  } finally {
    w.dispose();
  }
});

test('suppress: not offered for errors that make Zuul lose the file', async () => {
  const src = lines('- job:', '    name: a', '    name: b');
  const w = await world(src);
  try {
    const f = findingOf(w, 'duplicate-key');
    assert.ok(!fixesFor(w.ws, f).some((x) => x.title.startsWith('Suppress')));
  } finally {
    w.dispose();
  }
});

// ---------------------------------------------------------------------------
// Golden cases (test/fixtures/fixes/<case>, see test/helpers/fixCases.ts): the
// protocol test applies the same fixes through the built server.

const GOLDEN = [
  'deprecated-setting-rename',
  'did-you-mean-attribute',
  'did-you-mean-job-list',
  'did-you-mean-parent',
  'did-you-mean-playbook',
  'did-you-mean-quoted',
  'remove-dead-matcher',
  'suppress-file',
  'suppress-next-line',
];

test('golden cases of the general fixes: the titled fix gives expected.yaml and a clean workspace', async () => {
  const cases = listFixCases().filter((c) => GOLDEN.includes(c.name));
  assert.deepEqual(cases.map((c) => c.name), GOLDEN);
  for (const c of cases) {
    const dir = copyCase(c);
    try {
      const ws = new ZuulWorkspace([dir]);
      await ws.load();
      const path = join(dir, c.file);
      const all = [...ws.allFindings().values()].flat();
      assert.deepEqual(all.map((f) => f.rule), [c.rule], `${c.name}: the case holds exactly its finding`);
      const finding = pickFinding(c, all, (f) => f.rule);
      assert.ok(finding, c.name);
      const fixes = fixesFor(ws, finding);
      if (c.offered) assert.deepEqual(offeredTitles(fixes), c.offered, c.name);
      const fix = fixes.find((f) => f.title === c.title);
      assert.ok(fix, `${c.name}: ${JSON.stringify(offeredTitles(fixes))}`);
      const text = applyTextEdits(ws.fileText(path)!, fix.edits.flatMap((e) => e.edits));
      assert.equal(text, c.expected.get(c.file), c.name);
      ws.setOverlay(path, text);
      assert.deepEqual([...ws.allFindings().values()].flat().map((f) => f.rule), [], `${c.name}: nothing left`);
    } finally {
      remove(dir);
    }
  }
});
