// The formatters on hand-made findings, for cases the fixtures cannot produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { formatJson, formatText } from '../../server/src/cli/format';
import { formatSarif } from '../../server/src/cli/sarif';
import type { Finding } from '../../server/src/zuul/types';

const cwd = join('/', 'ws');
const range = (l: number, c: number, l2: number, c2: number) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });
const finding: Finding = {
  rule: 'demo-rule',
  severity: 'info',
  message: 'First line.\n  Second line.\r\nThird.',
  file: join(cwd, 'repo', 'zuul.d', 'a b.yaml'),
  range: range(2, 4, 2, 9),
  related: [{ file: join(cwd, 'repo', 'zuul.yaml'), range: range(0, 0, 0, 3), message: 'defined here' }],
};

test('text keeps a multi-line message on one line', () => {
  assert.equal(formatText([finding], cwd), `${join('repo', 'zuul.d', 'a b.yaml')}:3:5: info demo-rule First line. Second line. Third.\n`);
});

test('json keeps the message and adds related locations', () => {
  const [out] = JSON.parse(formatJson([finding], cwd));
  assert.equal(out.message, finding.message);
  assert.deepEqual(out.related, [{ file: 'repo/zuul.yaml', range: range(0, 0, 0, 3), message: 'defined here' }]);
});

test('sarif maps info to note, encodes URIs and uses absolute URIs outside the current directory', () => {
  const rules = new Map([['demo-rule', { id: 'demo-rule', severity: 'info' as const, summary: 'A demo.', docs: 'https://example.org/demo' }]]);
  const outside = { ...finding, severity: 'hint' as const, file: join('/', 'elsewhere', 'zuul.yaml') };
  const log = JSON.parse(formatSarif([finding, outside], rules, '1.2.3', cwd));
  const [inside, far] = log.runs[0].results;
  assert.equal(inside.level, 'note');
  assert.equal(far.level, 'note');
  assert.equal(inside.locations[0].physicalLocation.artifactLocation.uri, 'repo/zuul.d/a%20b.yaml');
  assert.equal(far.locations[0].physicalLocation.artifactLocation.uri.startsWith('file:///'), true);
  assert.deepEqual(inside.locations[0].physicalLocation.region, { startLine: 3, startColumn: 5, endLine: 3, endColumn: 10 });
  assert.equal(inside.relatedLocations[0].physicalLocation.artifactLocation.uri, 'repo/zuul.yaml');
  assert.deepEqual(log.runs[0].tool.driver.rules[0], { id: 'demo-rule', shortDescription: { text: 'A demo.' }, helpUri: 'https://example.org/demo', defaultConfiguration: { level: 'note' } });
  assert.equal(log.runs[0].tool.driver.version, '1.2.3');
});
