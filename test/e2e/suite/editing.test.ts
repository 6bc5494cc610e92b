// Edits in the buffer are checked as they happen, before any save.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, rangeOf, ruleOf, sameRange, serverReady, show, waitFor, zuulDiagnostics } from './helpers';

suite('editing', () => {
  test('an edit that fixes the mistake clears its diagnostic, unsaved; undoing it brings it back', async () => {
    await serverReady();
    const uri = file('deploy-config', 'zuul.d', 'jobs.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const bad = rangeOf(doc.getText(), 'timout');
    await waitFor('unknown-attribute on "timout"', () => zuulDiagnostics(uri, 'unknown-attribute').length === 1, () => show(zuulDiagnostics(uri)));
    const others = zuulDiagnostics(uri).filter((d) => ruleOf(d) !== 'unknown-attribute').map(ruleOf).sort();

    const fix = new vscode.WorkspaceEdit();
    fix.replace(uri, bad, 'timeout');
    assert.ok(await vscode.workspace.applyEdit(fix), 'the fix applies');
    assert.ok(doc.isDirty, 'the fix is only in the buffer');
    await waitFor('the diagnostic to clear', () => zuulDiagnostics(uri, 'unknown-attribute').length === 0, () => show(zuulDiagnostics(uri)));
    assert.deepEqual(zuulDiagnostics(uri).map(ruleOf).sort(), others, 'the fix brought nothing new');

    const undo = new vscode.WorkspaceEdit();
    undo.replace(uri, new vscode.Range(bad.start, bad.end.translate(0, 1)), 'timout');
    assert.ok(await vscode.workspace.applyEdit(undo));
    const [d] = await waitFor('the diagnostic to come back', () => zuulDiagnostics(uri, 'unknown-attribute').length === 1 && zuulDiagnostics(uri, 'unknown-attribute'), () => show(zuulDiagnostics(uri)));
    assert.ok(sameRange(d.range, bad), show([d]));
    // The text equals the file again; saving leaves the (copied) workspace as it was.
    assert.ok(await doc.save(), 'saved');
  });
});
