// "Zuul: Jobs for These Changes" in the real extension: for a changed
// playbook, which deploy jobs run and which do not, with the matcher that
// decided (here the copy-pasted typo that keeps deploy-service-dns from ever
// running for its playbook).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, serverReady, waitFor } from './helpers';

suite('jobs for changes', () => {
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('Jobs for These Changes on a changed playbook shows the deploy jobs it runs and the typo that skips one', async () => {
    await serverReady();
    const changed = file('deploy-config', 'playbooks', 'service-web.yaml');
    const shown = await vscode.commands.executeCommand<string | undefined>('zuul.jobsForChanges', { files: [changed.toString()] });
    assert.ok(shown, 'the command answers the URI of the document it opened');
    const doc = await waitFor('the jobs document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown));
    assert.equal(doc.uri.scheme, 'zuul-view');
    const text = doc.getText();
    assert.match(text, /^deploy-config: 1 changed file \(playbooks\/service-web\.yaml\)$/m, text);
    assert.match(text, /^deploy: \d+ of \d+ jobs run$/m, text);
    assert.match(text, /^ {2}skipped +deploy-service-dns: no changed file matches its files \(playbooks\/servce-web\.yaml\); playbooks\/servce-web\.yaml is one typo from playbooks\/service-web\.yaml {2}\[files from deploy-config\/zuul\.d\/services\.yaml:10\]$/m, text);
  });
});
