// Bundles the client, server and CLI with esbuild; with --tests also compiles
// every test file so that `node --test` can run it.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // esbuild warnings fail the build: the build has no warnings.
  logOverride: {},
};

async function bundles() {
  await build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] });
  await build({ ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist' });
  await build({ ...common, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } });
  // The graph page runs in the webview (a browser), apart from the extension.
  if (existsSync('client/webview/src/main.ts')) {
    await build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { webview: 'client/webview/src/main.ts' }, outdir: 'dist' });
  }
  chmodSync('dist/cli.js', 0o755);
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'e2e' && name !== 'fixtures') walk(p, out);
    } else if (/\.ts$/.test(name)) out.push(p);
  }
  return out;
}

async function tests() {
  const entryPoints = [...walk('test'), ...walk('bench')];
  await build({
    ...common,
    sourcemap: 'inline',
    entryPoints,
    outdir: 'out',
    outbase: '.',
    packages: 'external',
  });
}

const result = await Promise.allSettled([args.has('--tests-only') ? null : bundles(), args.has('--tests') || args.has('--tests-only') ? tests() : null]);
const failed = result.filter((r) => r.status === 'rejected');
if (failed.length) {
  for (const f of failed) console.error(f.reason?.message ?? f.reason);
  process.exit(1);
}
