// `npm run test:electron`: the same extension-host suite and workspace as
// `npm run test:e2e`, in desktop VS Code downloaded by @vscode/test-electron.
// Needs internet (the download); on machines without it use test:e2e, which
// runs the suite in code-server (scripts/e2e/run.mjs).
//
// Like test:e2e, it tests the package: zuul-authoring.vsix is installed into a
// fresh extensions folder and that installed folder is the extension under test.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, resolveCliPathFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';

// Compiled to out/e2e/electron.js.
const root = resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  const vsix = join(root, 'zuul-authoring.vsix');
  const suite = join(root, 'out', 'e2e', 'suite', 'index.js');
  if (!existsSync(vsix)) throw new Error('zuul-authoring.vsix is missing: run `npm run package` first');
  if (!existsSync(suite)) throw new Error('the suite is not built: run `npm run build:e2e` first');

  const tmp = mkdtempSync(join(tmpdir(), 'zuul-e2e-electron-'));
  try {
    // The suite changes settings and creates files: it gets a copy of the workspace.
    const workspace = join(tmp, 'workspace');
    cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    const extensions = join(tmp, 'extensions');
    const userData = join(tmp, 'user-data');

    const vscodeExecutablePath = await downloadAndUnzipVSCode(process.env.VSCODE_VERSION ?? 'stable');
    const cli = resolveCliPathFromVSCodeExecutablePath(vscodeExecutablePath);
    const install = spawnSync(cli, ['--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', vsix], { stdio: 'inherit' });
    if (install.status !== 0) throw new Error(`installing ${vsix} failed (exit ${install.status})`);
    const installed = readdirSync(extensions).find((n) => n.startsWith('zuul-authoring.zuul-authoring-'));
    if (!installed) throw new Error(`zuul-authoring.vsix was not installed into ${extensions}`);
    const extensionPath = join(extensions, installed);

    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: suite,
      extensionTestsEnv: { ZUUL_E2E_EXTENSION_PATH: extensionPath },
      launchArgs: [
        join(workspace, 'e2e.code-workspace'),
        '--user-data-dir',
        userData,
        '--extensions-dir',
        extensions,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
