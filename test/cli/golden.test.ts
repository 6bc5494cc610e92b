// The built CLI's exact output on the hand-written workspace in
// test/fixtures/cli/golden/: stdout and stderr byte for byte against
// test/fixtures/cli/expected/<case>.{stdout,stderr}, and the exit status.
// Two values depend on the machine, and only they are replaced before the
// comparison: the checkout's file: URI (SARIF's SRCROOT) and the version.
// ZUUL_UPDATE_GOLDEN=1 writes the expected files from the current output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, runCli } from './helpers';

const WORKSPACE = join(FIXTURES, 'golden');
const EXPECTED = join(FIXTURES, 'expected');
const UPDATE = process.env.ZUUL_UPDATE_GOLDEN === '1';

interface Case {
  name: string;
  args: string[];
  status: number;
}

const CASES: Case[] = [
  { name: 'text', args: ['app'], status: 1 },
  { name: 'text-quiet', args: ['app', '--quiet'], status: 1 },
  { name: 'text-tenant', args: ['--tenant', 'tenant.yaml', 'app'], status: 1 },
  { name: 'text-old-rules', args: ['-r', 'old-rules.yaml', 'app'], status: 1 },
  { name: 'json', args: ['--format', 'json', 'app'], status: 1 },
  { name: 'sarif', args: ['--format', 'sarif', 'app'], status: 1 },
];

function normalized(text: string): string {
  const root = pathToFileURL(WORKSPACE.endsWith(sep) ? WORKSPACE : WORKSPACE + sep).href;
  const version = (JSON.parse(readFileSync(join(FIXTURES, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  return text.split(root).join('file:///WORKSPACE/').split(`"version": "${version}"`).join('"version": "VERSION"');
}

for (const c of CASES) {
  test(`golden ${c.name}: zuul-check ${c.args.join(' ')}`, () => {
    const r = runCli(c.args, WORKSPACE);
    const got = { stdout: normalized(r.stdout), stderr: normalized(r.stderr) };
    if (UPDATE) {
      mkdirSync(EXPECTED, { recursive: true });
      for (const stream of ['stdout', 'stderr'] as const) writeFileSync(join(EXPECTED, `${c.name}.${stream}`), got[stream]);
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      const file = join(EXPECTED, `${c.name}.${stream}`);
      assert.ok(existsSync(file), `${file} is missing; run with ZUUL_UPDATE_GOLDEN=1 to write it`);
      assert.equal(got[stream], readFileSync(file, 'utf8'), `${c.name}.${stream}`);
    }
    assert.equal(r.status, c.status, r.stderr);
  });
}

test('golden text: the unknown names are folded, one line each, after the other findings', () => {
  const out = readFileSync(join(EXPECTED, 'text.stdout'), 'utf8').trimEnd().split('\n');
  const folded = out.filter((l) => / is not defined in the open repositories: \d+ uses?/.test(l));
  assert.deepEqual(
    folded.map((l) => / (?:unknown-[a-z-]+,?)+ ([a-z ]+) "([^"]+)" is not/.exec(l)?.slice(1).join(' ')),
    ['nodeset ubuntu-focal', 'job base-from-elsewhere', 'job tox-from-elsewhere', 'nodeset ubuntu-noble', 'project template publish-docs-elsewhere'],
  );
  assert.deepEqual(out.slice(-folded.length), folded, 'after the other findings');
  const json = JSON.parse(readFileSync(join(EXPECTED, 'json.stdout'), 'utf8')) as { setting?: { key: string; value?: string }; severity: string }[];
  const uses = folded.reduce((n, l) => n + Number(/: (\d+) uses?/.exec(l)![1]), 0);
  assert.equal(uses, json.filter((f) => f.setting?.key === 'externalNames' && f.severity !== 'error').length);
});
