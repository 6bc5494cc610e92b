// The extension activates on the workspace by itself, its server indexes
// both repositories, and diagnostics arrive for files nobody has opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allZuulDiagnostics, extension, file, rangeOf, readText, ruleOf, sameRange, serverReady, show, showAll, waitFor, zuulDiagnostics } from './helpers';

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

suite('activation', () => {
  test('the extension activates on the workspace and its server indexes it', async () => {
    const ext = extension();
    // The runner points extensionDevelopmentPath at the folder the .vsix was installed into.
    const expected = process.env.ZUUL_E2E_EXTENSION_PATH;
    if (expected) assert.equal(ext.extensionUri.fsPath, expected, 'the extension under test is the installed package');
    // Activation comes from the workspace (workspaceContains:**/zuul.d/*.yaml), not from this test.
    await waitFor('the extension to activate by itself', () => ext.isActive);
    const api = await serverReady();
    assert.ok(api.client, 'a language client is running');
    assert.equal(api.client.initializeResult?.serverInfo?.name, 'zuul-authoring');
  });

  test('a file that is not open gets its diagnostics: rule id as code, source zuul, the exact range', async () => {
    const uri = file('deploy-config', 'zuul.d', 'jobs.yaml');
    assert.ok(!isOpen(uri), 'zuul.d/jobs.yaml must not be open for this test');
    await serverReady();
    const bad = rangeOf(await readText(uri), 'timout');
    const [d] = await waitFor('unknown-attribute on "timout"', () => zuulDiagnostics(uri, 'unknown-attribute').length > 0 && zuulDiagnostics(uri, 'unknown-attribute'), () => show(zuulDiagnostics(uri)));
    assert.equal(zuulDiagnostics(uri, 'unknown-attribute').length, 1, show(zuulDiagnostics(uri)));
    assert.equal(d.source, 'zuul');
    assert.equal(ruleOf(d), 'unknown-attribute');
    if (typeof d.code === 'object') {
      // With a codeDescription, VS Code exposes the rule id with a link to Zuul's documentation.
      assert.match(d.code.target.toString(), /^https:\/\/zuul-ci\.org\//, d.code.target.toString());
    }
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(sameRange(d.range, bad), `range ${show([d])}, expected ${bad.start.line}:${bad.start.character}-${bad.end.line}:${bad.end.character}`);
    assert.match(d.message, /"timout"/);
    assert.match(d.message, /Did you mean "timeout"/);
    assert.ok(!isOpen(uri), 'reading diagnostics did not open the file');
  });

  test('a .yml file in zuul.d is reported as ignored; other files are left alone', async () => {
    await serverReady();
    const yml = file('deploy-config', 'zuul.d', 'old-secrets.yml');
    const [d] = await waitFor('ignored-config-file on old-secrets.yml', () => zuulDiagnostics(yml, 'ignored-config-file').length > 0 && zuulDiagnostics(yml, 'ignored-config-file'), showAll);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /old-secrets\.yaml/);
    for (const clean of [
      file('job-library', 'zuul.d', 'jobs.yaml'),
      file('deploy-config', 'zuul.d', 'pipelines.yaml'),
      file('deploy-config', 'inventory', 'hosts.yaml'),
      file('deploy-config', '.github', 'workflows', 'ci.yaml'),
    ]) {
      assert.deepEqual(zuulDiagnostics(clean), [], `${vscode.workspace.asRelativePath(clean)}: ${show(zuulDiagnostics(clean))}`);
    }
    // The project's only finding: deploy-service-web, whose one stanza has the timout typo, is not defined for Zuul either.
    const project = file('deploy-config', 'zuul.d', 'project.yaml');
    assert.deepEqual(
      zuulDiagnostics(project).map((d) => `${ruleOf(d)}: ${d.message.split(',')[0]}`),
      ['rejected-job-reference: Job "deploy-service-web" is defined'],
      show(zuulDiagnostics(project)),
    );
  });

  test('the status reports the jobs of both repositories and the problem counts', async () => {
    const api = await serverReady();
    const count = (severity: vscode.DiagnosticSeverity) => allZuulDiagnostics().flatMap(([, ds]) => ds).filter((d) => d.severity === severity).length;
    // 5 jobs in deploy-config (the one in the ignored .yml does not count) and 3 in job-library.
    const status = await waitFor(
      'zuul/status to agree with the published diagnostics',
      () => {
        const s = api.status;
        const errors = count(vscode.DiagnosticSeverity.Error);
        const warnings = count(vscode.DiagnosticSeverity.Warning);
        return s?.state === 'ready' && s.jobs === 8 && s.errors === errors && s.warnings === warnings && errors >= 1 && warnings >= 1 && s;
      },
      () => `${JSON.stringify(api.status)} vs ${showAll()}`,
    );
    assert.equal(status.repos, 2);
    assert.ok(status.files >= 4, `files: ${status.files}`);
  });
});
