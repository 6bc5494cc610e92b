// Rewrites the README's rule table from the engine's own list
// (`zuul-check --list-rules`) and docs/rule-examples.json. Run after adding a
// rule: `node scripts/build.mjs && node scripts/readme-rules.mjs`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';
const rules = JSON.parse(execFileSync(process.execPath, ['dist/cli.js', '--list-rules', '--format', 'json'], { encoding: 'utf8' }));
const examples = JSON.parse(readFileSync('docs/rule-examples.json', 'utf8'));
const cell = (s) => s.replace(/\|/g, '\\|');
const missing = rules.filter((r) => !examples[r.id]).map((r) => r.id);
if (missing.length) {
  console.error(`docs/rule-examples.json has no example for: ${missing.join(', ')}`);
  process.exit(1);
}
const rows = rules.map((r) => `| \`${r.id}\` | ${r.severity} | ${cell(r.summary)} | \`${cell(examples[r.id])}\` |`);
const table = ['| rule | default | what it reports | example |', '| --- | --- | --- | --- |', ...rows].join('\n');
const readme = readFileSync('README.md', 'utf8');
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a < 0 || b < a) {
  console.error(`README.md has no ${START} ... ${END} section`);
  process.exit(1);
}
writeFileSync('README.md', `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`);
console.log(`README.md: ${rules.length} rules`);
