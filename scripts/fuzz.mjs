// `npm run fuzz -- [--count N] [--seed S] [--only I]`: the fuzz test of
// `npm test` (test/fuzz/fuzz.test.ts) with more cases or another seed.
// Without --seed a fresh one is drawn and printed, so a failure can be replayed.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
for (const a of args) {
  if (a.startsWith('--') && !['--count', '--seed', '--only'].includes(a)) {
    console.error(`fuzz: unknown option ${a} (use --count N, --seed S, --only I)`);
    process.exit(2);
  }
}
const count = opt('count') ?? '200';
const seed = opt('seed') ?? String(Math.floor(Math.random() * 1e9));
const only = opt('only');
for (const [k, v] of [['count', count], ['seed', seed], ['only', only]]) {
  if (v !== undefined && !/^\d+$/.test(v)) {
    console.error(`fuzz: --${k} takes a whole number, not ${v}`);
    process.exit(2);
  }
}
console.log(`fuzz: seed ${seed}, ${only !== undefined ? `case ${only}` : `${count} CLI cases and ${Number(count) * 4} server cases`}`);
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--tests'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const env = { ...process.env, FUZZ_SEED: seed, FUZZ_COUNT: count, ...(only !== undefined ? { FUZZ_ONLY: only } : {}) };
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', 'out/test/fuzz/fuzz.test.js'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
