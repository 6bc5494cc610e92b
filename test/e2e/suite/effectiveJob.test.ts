// "Zuul: Show Effective Job" in the real extension: from the cursor on a job
// of a project pipeline, a read-only YAML document of what Zuul freezes, each
// value's `# from repo/file:line` a link that opens that line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, rangeOf, readText, serverReady, waitFor } from './helpers';

suite('effective job', () => {
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('Show Effective Job on a job of a project pipeline opens its values with links to the lines that set them', async () => {
    await serverReady();
    const project = file('deploy-config', 'zuul.d', 'project.yaml');
    const name = rangeOf(await readText(project), 'deploy-service-web');
    const editor = await vscode.window.showTextDocument(project);
    editor.selection = new vscode.Selection(name.start.translate(0, 2), name.start.translate(0, 2));
    const shown = await vscode.commands.executeCommand<string | undefined>('zuul.showEffectiveJob');
    assert.ok(shown, 'the command answers the URI of the document it opened');
    const doc = await waitFor('the effective job document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown));
    assert.equal(doc.uri.scheme, 'zuul-view');
    assert.equal(doc.languageId, 'yaml');
    const text = doc.getText();
    assert.match(text, /^job: deploy-service-web$/m, text);
    assert.match(text, /project deploy-config, pipeline deploy/, text);
    // The typo `timout: 3600` sets nothing: the timeout shown is the inherited one, from its line.
    assert.match(text, /^timeout: \d+ {2}# from (job-library|deploy-config)\/zuul\.d\/jobs\.yaml:\d+$/m, text);
    assert.match(text, /^ {2}playbook_name: service-web\.yaml {2}# from deploy-config\/zuul\.d\/jobs\.yaml:23$/m, text);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    assert.ok(links.length >= 3, `links: ${links.length}`);
    const varLine = text.split('\n').findIndex((l) => l.startsWith('  playbook_name:'));
    const link = links.find((l) => l.range.start.line === varLine);
    assert.ok(link?.target, 'the vars line has a link');
    assert.equal(link.target.scheme, 'file');
    assert.match(link.target.path, /deploy-config\/zuul\.d\/jobs\.yaml$/);
    assert.equal(link.target.fragment, 'L23,22', 'the link lands on the value');
    await vscode.commands.executeCommand('vscode.open', link.target);
    const opened = await waitFor(
      'jobs.yaml opened at line 23',
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.path.endsWith('deploy-config/zuul.d/jobs.yaml') && e.selection.active.line === 22 ? e : undefined;
      },
      () => `${vscode.window.activeTextEditor?.document.uri.path} line ${vscode.window.activeTextEditor?.selection.active.line}`,
    );
    assert.match(opened.document.lineAt(22).text, /playbook_name: service-web\.yaml/);
  });
});
