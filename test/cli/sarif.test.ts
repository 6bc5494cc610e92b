// `--format sarif` from the built CLI: valid SARIF 2.1.0 by the published
// schema, fingerprints that ignore line moves, a help link for every rule,
// and the preferred quick fix as a SARIF fix that rebuilds the fixed text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { copyFixtures, ROOT, runCli } from './helpers';
import { corpusDir } from '../helpers/corpus';
import { PROJECT_URL } from '../../server/src/cli/sarif';

const SCHEMA = join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Result {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Region } }[];
  partialFingerprints?: Record<string, string>;
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
}
interface Log {
  runs: { tool: { driver: { informationUri?: string; rules: { id: string; helpUri?: string }[] } }; results: Result[] }[];
}

function validator() {
  // The schema's language-tag pattern is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
}

function sarifOf(args: string[], cwd: string): Log {
  const r = runCli([...args, '--format', 'sarif'], cwd);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as Log;
}

test('sarif: the golden workspace and a real tree validate against the SARIF 2.1.0 schema', (t) => {
  const validate = validator();
  const ws = copyFixtures();
  try {
    const log = sarifOf(['golden/app'], ws.dir);
    assert.ok(log.runs[0].results.length > 5);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
    // The validator is not lenient: a level SARIF does not know fails it.
    const bad = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    bad.runs[0].results[0].level = 'fatal';
    assert.equal(validate(bad), false);
  } finally {
    ws.dispose();
  }
  const corpus = corpusDir();
  if (!corpus) {
    t.diagnostic('corpus not present: only the golden workspace was validated');
    return;
  }
  const log = sarifOf([join(corpus, 'openstack-zuul-jobs-b8ff5c8')], corpus);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
});

test('sarif: every rule has a help link, the tool its home', () => {
  const log = sarifOf(['golden/app'], join(ROOT, 'test', 'fixtures', 'cli'));
  const { driver } = log.runs[0].tool;
  assert.equal(driver.informationUri, PROJECT_URL);
  for (const r of driver.rules) assert.match(r.helpUri ?? '', /^https:\/\//, r.id);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
  assert.equal(`${PROJECT_URL}.git`, pkg.repository.url, 'the home is the repository package.json names');
});

test('sarif: fingerprints stay when a blank line is inserted at the top; lines move', () => {
  const ws = copyFixtures();
  try {
    const file = join(ws.dir, 'golden', 'app', 'zuul.d', 'jobs.yaml');
    const before = sarifOf(['golden/app'], ws.dir).runs[0].results;
    writeFileSync(file, `\n${readFileSync(file, 'utf8')}`);
    const after = sarifOf(['golden/app'], ws.dir).runs[0].results;
    const key = (r: Result) => JSON.stringify(r.partialFingerprints);
    assert.equal(new Set(before.map(key)).size, before.length, 'fingerprints are distinct, even for one name used four times');
    assert.deepEqual(after.map(key).sort(), before.map(key).sort());
    const lineOf = new Map(before.map((r) => [key(r), r.locations[0].physicalLocation]));
    for (const r of after) {
      const was = lineOf.get(key(r))!;
      const now = r.locations[0].physicalLocation;
      const shift = now.artifactLocation.uri.endsWith('jobs.yaml') ? 1 : 0;
      assert.equal(now.region.startLine, was.region.startLine + shift, `${r.ruleId} at ${now.artifactLocation.uri}`);
    }
  } finally {
    ws.dispose();
  }
});

test('sarif: a finding with a preferred quick fix carries it, and applying it gives the fixed text', () => {
  const ws = copyFixtures();
  try {
    const results = sarifOf(['golden/app'], ws.dir).runs[0].results;
    const withFix = results.filter((r) => r.fixes?.length);
    assert.deepEqual(withFix.map((r) => r.ruleId).sort(), ['files-matcher-matches-nothing', 'unknown-parent']);
    for (const r of withFix) {
      const [change] = r.fixes![0].artifactChanges;
      const path = join(ws.dir, decodeURIComponent(change.artifactLocation.uri));
      const lines = readFileSync(path, 'utf8').split('\n');
      // Replacements from the end, so that earlier regions stay valid.
      for (const rep of [...change.replacements].reverse()) {
        const { startLine, startColumn, endLine, endColumn } = rep.deletedRegion;
        const head = lines[startLine - 1].slice(0, startColumn - 1);
        const tail = (lines[endLine - 1] ?? '').slice(endColumn - 1);
        lines.splice(startLine - 1, endLine - startLine + 1, ...`${head}${rep.insertedContent.text}${tail}`.split('\n'));
      }
      const fixed = lines.join('\n');
      if (r.ruleId === 'unknown-parent') assert.match(fixed, /parent: app-base\n {4}nodeset: ubuntu-focal\n\n- job:\n {4}name: app-docs/);
      else assert.doesNotMatch(fixed, /no-such-dir/);
    }
  } finally {
    ws.dispose();
  }
});
