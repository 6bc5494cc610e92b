import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../server/src/engine/allRules';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

test('the README lists every rule id with its default severity and a one-line example', () => {
  for (const r of ALL_RULES.values()) {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${r.id}\` | ${r.severity} |`));
    assert.ok(row, `README has no row for ${r.id} (${r.severity}); run node scripts/readme-rules.mjs`);
    assert.match(row, /\| `[^`]+` \|$/, `the row of ${r.id} has no example`);
  }
});

test('the README documents every setting the extension contributes', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const key of Object.keys(pkg.contributes.configuration.properties)) {
    assert.ok(readme.includes(`\`${key}\``), `README does not mention ${key}`);
  }
});

test('the README gives the two first commands', () => {
  assert.match(readme, /npm ci && npm run example/);
  assert.match(readme, /^npm test/m);
});
