// `npm run build:e2e`: compiles the extension-host suite (test/e2e/suite ->
// out/e2e/suite, one file per test so that mocha can load them after setting
// up its globals), the @vscode/test-electron launcher (out/e2e/electron.js)
// and the .vsix content test (out/test/unit/vsix.test.js, which the e2e run
// repeats once the .vsix exists). Type checking is `tsc -p test/e2e`, run
// by the npm script before this.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
};

const suiteDir = 'test/e2e/suite';
const suite = readdirSync(suiteDir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => join(suiteDir, f));

await Promise.all([
  // `vscode` is provided by the extension host; mocha is loaded from node_modules.
  build({ ...common, entryPoints: suite, outdir: 'out/e2e/suite', external: ['vscode', 'mocha'] }),
  build({ ...common, entryPoints: { electron: 'test/e2e/electron.ts' }, outdir: 'out/e2e', packages: 'external' }),
  build({ ...common, entryPoints: ['test/unit/vsix.test.ts'], outdir: 'out', outbase: '.', packages: 'external' }),
]);
