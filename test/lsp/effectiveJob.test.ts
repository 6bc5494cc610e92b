// `zuul/effectiveJob` over LSP: the job at the cursor (with its
// project-pipeline when the cursor is in a project's job list), its values
// with their sources, the text "Zuul: Show Effective Job" shows and a link
// for each `repo/file:line` in it; unsaved edits count; mistakes are answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_CAPABILITIES, LspClient, fileUri } from '../helpers/lspClient';
import { remove, tree } from '../helpers/tmp';
import { marked, yaml } from '../helpers/marker';
import { COMMAND_LINKS_CAPABILITY, EFFECTIVE_JOB_REQUEST, SHOW_EFFECTIVE_JOB_COMMAND, type EffectiveJobResult } from '../../protocol/src';

const JOBS = marked(yaml`
  - job:
      name: base
      parent: null
      timeout: 1800
      run: playbooks/base.yaml
  - job:
      name: unit
      t|imeout: 600
      vars:
        python: '3.12'
  - job:
      name: stable-only
      branches: ^stable/.*
`);
const PROJECT = marked(yaml`
  - project:
      name: |app
      check:
        jobs:
          - u|nit:
              voting: false
`);

let dir: string;
const client = new LspClient();
const jobsUri = () => fileUri(join(dir, 'zuul.d', 'jobs.yaml'));
const projectUri = () => fileUri(join(dir, 'zuul.d', 'project.yaml'));

before(async () => {
  dir = realpathSync(tree({ 'zuul.d/jobs.yaml': JOBS.text, 'zuul.d/project.yaml': PROJECT.text }, 'zuul-lsp-effective-'));
  await client.initialize(dir);
  await client.ready();
});

after(() => {
  client.kill();
  remove(dir);
});

const ask = (params: unknown) => client.request<EffectiveJobResult>(EFFECTIVE_JOB_REQUEST, params);

function ok(r: EffectiveJobResult): Extract<EffectiveJobResult, { text: string }> {
  assert.ok(!('error' in r), 'error' in r ? r.error : '');
  return r;
}

test('effectiveJob: on a job in a project pipeline, that project-pipeline\'s variant applies last', async () => {
  const r = ok(await ask({ uri: projectUri(), position: PROJECT.marks[1] }));
  assert.equal(r.effective.job, 'unit');
  assert.equal(r.effective.project, 'app');
  assert.equal(r.effective.pipeline, 'check');
  assert.deepEqual(r.effective.applied.map((a) => a.kind), ['job', 'job', 'variant']);
  assert.equal(r.effective.attributes.voting.value, false);
  assert.equal(r.effective.attributes.timeout.value, 600);
  assert.match(r.text, /^timeout: 600 {2}# from [^/]+\/zuul\.d\/jobs\.yaml:8$/m);
});

test('effectiveJob: every "# from" in the text is a link to that file and line', async () => {
  const r = ok(await ask({ uri: jobsUri(), position: JOBS.marks[0] }));
  const lines = r.text.split('\n');
  assert.ok(r.links.length >= 4, `links: ${r.links.length}`);
  for (const l of r.links) {
    const shown = lines[l.range.start.line].slice(l.range.start.character, l.range.end.character);
    assert.match(shown, /^[^/]+\/zuul\.d\/jobs\.yaml:\d+$/);
    assert.equal(l.uri, jobsUri());
    assert.equal(Number(shown.split(':').pop()), l.target.start.line + 1, `${shown} links to line ${l.target.start.line + 1}`);
  }
  const timeout = r.links.find((l) => lines[l.range.start.line].startsWith('timeout:'));
  assert.equal(timeout?.target.start.line, JOBS.marks[0].line);
});

test('effectiveJob: inside a job stanza, the job alone; an unsaved edit of the buffer counts', async () => {
  const r = ok(await ask({ uri: jobsUri(), position: JOBS.marks[0] }));
  assert.equal(r.effective.job, 'unit');
  assert.equal(r.effective.project, undefined);
  client.open(jobsUri(), JOBS.text.replace('timeout: 600', 'timeout: 900'), 1);
  const edited = ok(await ask({ job: 'unit' }));
  assert.equal(edited.effective.attributes.timeout.value, 900);
  client.close(jobsUri());
});

test('effectiveJob: by name on a branch; a variant limited to other branches is skipped with its reason', async () => {
  const master = ok(await ask({ job: 'stable-only', branch: 'master' }));
  assert.deepEqual(master.effective.skipped.map((s) => s.why), ['its branches ^stable/.* does not match master']);
  assert.ok(master.effective.notes.some((n) => /no variant of stable-only applies on master/.test(n.message)));
  const stable = ok(await ask({ job: 'stable-only', branch: 'stable/2025' }));
  assert.equal(stable.effective.skipped.length, 0);
});

test('effectiveJob: no job at the cursor, an unknown job, bad params: an answer that says what is wrong', async () => {
  const none = await ask({ uri: projectUri(), position: PROJECT.marks[0] });
  assert.ok('error' in none && /No job at line/.test(none.error), JSON.stringify(none));
  const unknown = await ask({ job: 'nope' });
  assert.ok('error' in unknown && /no job nope is defined/.test(unknown.error), JSON.stringify(unknown));
  const empty = await ask({});
  assert.ok('error' in empty && /Give a job name/.test(empty.error), JSON.stringify(empty));
  const bad = await client.requestRaw(EFFECTIVE_JOB_REQUEST, { job: 5 });
  assert.ok(bad.error, 'a job that is not a string is refused');
  assert.match(String(bad.error?.message), /job/);
});

test('effectiveJob: the job hover links to Show Effective Job only for a client that runs it from Markdown', async () => {
  const hoverText = async (c: LspClient) => (await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: projectUri() }, position: PROJECT.marks[1] })).contents.value;
  assert.doesNotMatch(await hoverText(client), /command:/, 'no link for a client that did not ask');
  const linking = new LspClient();
  try {
    await linking.initialize(dir, { ...FULL_CAPABILITIES, experimental: { [COMMAND_LINKS_CAPABILITY]: [SHOW_EFFECTIVE_JOB_COMMAND] } });
    await linking.ready();
    const text = await hoverText(linking);
    const m = /\[Show effective job in app's check\]\(command:zuul\.showEffectiveJob\?([^)\s]+)\)/.exec(text);
    assert.ok(m, text);
    assert.deepEqual(JSON.parse(decodeURIComponent(m[1])), [{ job: 'unit', project: 'app', pipeline: 'check' }]);
  } finally {
    linking.kill();
  }
});

test('effectiveJob: a line typed above a job moves its "# from" lines with it (a re-parse keeps the stanza, at a new offset)', async () => {
  const before = ok(await ask({ job: 'unit' }));
  const unitAt = (r: Extract<EffectiveJobResult, { text: string }>) => r.effective.applied.find((a) => a.job === 'unit')!.source.range.start.line;
  const line = unitAt(before);
  client.open(jobsUri(), `# a comment typed at the top\n${JOBS.text}`, 1);
  try {
    const after = ok(await ask({ job: 'unit' }));
    assert.equal(unitAt(after), line + 1);
    assert.equal(after.effective.attributes.timeout.source.range.start.line, before.effective.attributes.timeout.source.range.start.line + 1);
  } finally {
    client.close(jobsUri());
  }
});
