// Completion inside a job stanza through VS Code's own provider command, as
// Ctrl+Space asks for it. Needs the completion provider of issue 10 (the
// completion branch): until that is merged, this fails saying so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, rangeOf, requireCapability, serverReady } from './helpers';

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const docOf = (i: vscode.CompletionItem) => (typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? ''));

suite('completion', () => {
  test('on a new line of a job stanza, completion offers timeout with its documentation', async () => {
    await serverReady();
    await requireCapability('completionProvider', 'completion (the completion branch of issue 10)');
    const uri = file('deploy-config', 'zuul.d', 'jobs.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    // A new, empty attribute line in deploy-service-mail, which has no timeout yet.
    const after = rangeOf(doc.getText(), 'description: Deploy the mail relay.').end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, after, '\n    ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(after.line + 1, 4));
      const timeout = list.items.find((i) => labelOf(i) === 'timeout');
      assert.ok(timeout, `offered: ${list.items.map(labelOf).join(', ')}`);
      assert.ok(docOf(timeout).trim().length > 0, 'timeout comes with its documentation');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
