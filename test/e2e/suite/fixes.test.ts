// Quick fixes through VS Code's own code-action API, as the light bulb asks
// for them: the dependency fix adds the bootstrap job and the warning goes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, rangeOf, readText, serverReady, show, waitFor, zuulDiagnostics } from './helpers';

suite('quick fixes', () => {
  test('missing-bootstrap-dependency: executeCodeActionProvider offers "Add dependency on deploy-bootstrap-bastion" and applying it clears the warning', async () => {
    await serverReady();
    const uri = file('deploy-config', 'zuul.d', 'services.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = rangeOf(await readText(uri), 'deploy-service-dns', 1);
    const missing = () => zuulDiagnostics(uri, 'missing-bootstrap-dependency');
    await waitFor('missing-bootstrap-dependency on deploy-service-dns', () => missing().length === 1, () => show(zuulDiagnostics(uri)));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, at, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => /^Add dependency on deploy-bootstrap-bastion(?! \(soft\))/.test(a.title));
    assert.ok(fix?.edit, `offered: ${titles.join(' | ')}`);
    // Soft dependencies count by default (they wait whenever the bootstrap job runs), so both kinds are offered.
    assert.ok(titles.includes('Add dependency on deploy-bootstrap-bastion (soft)'), `a soft variant: ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    try {
      await waitFor('the warning to go once the dependency is there', () => missing().length === 0, () => show(zuulDiagnostics(uri)));
      assert.match(doc.getText(), /dependencies:\s*\n\s*- deploy-bootstrap-bastion/, doc.getText());
      assert.deepEqual(zuulDiagnostics(uri).map((d) => d.code && (typeof d.code === 'object' ? d.code.value : d.code)).sort(), ['files-matcher-matches-nothing', 'unknown-job', 'unknown-parent'], 'nothing new');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await waitFor('the warning to return after the revert', () => missing().length === 1, () => show(zuulDiagnostics(uri)));
  });

  test('source.fixAll.zuul on a file applies the preferred fixes', async () => {
    await serverReady();
    const uri = file('deploy-config', 'zuul.d', 'services.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.zuul');
    const all = actions.find((a) => a.kind?.value === 'source.fixAll.zuul');
    assert.ok(all?.edit, `offered: ${actions.map((a) => `${a.kind?.value}: ${a.title}`).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    try {
      await waitFor('the fixable findings to go', () => zuulDiagnostics(uri, 'unknown-parent').length === 0 && zuulDiagnostics(uri, 'missing-bootstrap-dependency').length === 0, () => show(zuulDiagnostics(uri)));
      assert.match(doc.getText(), /parent: deploy-playbook\n/);
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await waitFor('the findings to return after the revert', () => zuulDiagnostics(uri, 'unknown-parent').length === 1, () => show(zuulDiagnostics(uri)));
  });
});
