// Which graph `zuul/jobGraph` opens from a cursor position: every line of a
// stanza belongs to that stanza, its key line included (the job stanza's
// `- job:` line is also where the editor puts the "Show job graph" lens).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, fileUri } from '../helpers/lspClient';
import { remove, tree } from '../helpers/tmp';
import { yaml } from '../helpers/marker';
import { JOB_GRAPH_REQUEST } from '../../protocol/src';

// The deploy list is the longer one: the gate span, which reached down to the
// `deploy:` line, was then the tightest span holding that line.
const JOBS = yaml`
  - job:
      name: unit
  - job:
      name: lint
  - job:
      name: publish
      dependencies: [unit]
  - job:
      name: announce
`;
const PROJECT = yaml`
  - project:
      name: two-pipelines
      gate:
        jobs:
          - unit
          - lint
      deploy:
        jobs:
          - publish:
              dependencies: [lint]
          - unit
          - announce
        debug: true
`;

let dir: string;
const client = new LspClient();
const lines = PROJECT.split('\n');
const lineOf = (text: string) => {
  const i = lines.findIndex((l) => l === text);
  assert.ok(i >= 0, `a line ${JSON.stringify(text)}`);
  return i;
};

before(async () => {
  dir = realpathSync(tree({ 'zuul.d/jobs.yaml': JOBS, 'zuul.d/project.yaml': PROJECT }, 'zuul-lsp-graphpos-'));
  await client.initialize(dir);
  await client.ready();
});

after(() => {
  client.kill();
  remove(dir);
});

interface Answer {
  error?: string;
  pipeline?: string;
  focus?: string;
}

const at = (file: string, line: number, character = 4) => client.request<Answer>(JOB_GRAPH_REQUEST, { uri: fileUri(join(dir, 'zuul.d', file)), position: { line, character }, view: 'dependencies' });

test("a pipeline's key line opens that pipeline's graph, not the one above", async () => {
  for (const pipeline of ['gate', 'deploy']) {
    const g = await at('project.yaml', lineOf(`    ${pipeline}:`));
    assert.equal(g.error, undefined, g.error);
    assert.equal(g.pipeline, pipeline, `cursor on "${pipeline}:"`);
    assert.equal(g.focus, undefined);
  }
});

test("every line of a pipeline, its jobs: line and its other attributes, opens that pipeline", async () => {
  const gateKey = lineOf('    gate:');
  const deployKey = lineOf('    deploy:');
  for (let line = gateKey; line < lines.length; line++) {
    if (!lines[line].trim()) continue;
    const g = await at('project.yaml', line, 6);
    assert.equal(g.pipeline, line < deployKey ? 'gate' : 'deploy', `line ${line + 1}: ${lines[line]}`);
  }
  const stanza = await at('project.yaml', lineOf('- project:'), 2);
  assert.equal(stanza.pipeline, 'gate', "the project's key line opens its first pipeline");
});

test('each job entry line focuses its own job, also after a multi-line entry', async () => {
  const want: [string, string][] = [
    ['        - unit', 'unit'],
    ['        - lint', 'lint'],
    ['        - publish:', 'publish'],
    ['            dependencies: [lint]', 'publish'],
    ['        - announce', 'announce'],
  ];
  for (const [text, job] of want) {
    const g = await at('project.yaml', lineOf(text), text.indexOf('-') + 2);
    assert.equal(g.focus, job, `cursor on ${JSON.stringify(text)}`);
  }
  // The `- unit` entry right after the multi-line publish entry, in deploy.
  const unitInDeploy = lines.findIndex((l, i) => i > lineOf('        - publish:') && l === '        - unit');
  const g = await at('project.yaml', unitInDeploy, 10);
  assert.deepEqual([g.pipeline, g.focus], ['deploy', 'unit']);
});

test('the `- job:` line of every job stanza (where the graph lens sits) focuses that job', async () => {
  const jobLines = JOBS.trimEnd().split('\n');
  const keys = jobLines.flatMap((l, i) => (l === '- job:' ? [i] : []));
  assert.equal(keys.length, 4);
  for (const [k, key] of keys.entries()) {
    const name = /name: (\S+)/.exec(jobLines[key + 1])![1];
    const g = await at('jobs.yaml', key, 2);
    assert.equal(g.error, undefined, g.error);
    assert.equal(g.focus, name, `the lens on line ${key + 1} (stanza ${name})`);
    const last = (keys[k + 1] ?? jobLines.length) - 1;
    assert.equal((await at('jobs.yaml', last)).focus, name, `the last line of stanza ${name}`);
  }
});
