// The Outline's content through VS Code's own provider command. Needs the
// document symbols of issue 10 (the structure branch): until that is merged,
// this fails saying so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, rangeOf, readText, requireCapability, sameRange, serverReady } from './helpers';

type DocSymbol = vscode.DocumentSymbol;

function descendants(s: DocSymbol): DocSymbol[] {
  return s.children.flatMap((c) => [c, ...descendants(c)]);
}

suite('outline', () => {
  test('the document symbols of a jobs file are its jobs, each spanning its stanza with its name selected', async () => {
    await serverReady();
    await requireCapability('documentSymbolProvider', 'document symbols (the structure branch of issue 10)');
    const uri = file('deploy-config', 'zuul.d', 'jobs.yaml');
    const text = await readText(uri);
    const symbols = await vscode.commands.executeCommand<DocSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    const jobs = ['deploy-playbook', 'deploy-bootstrap-bastion', 'deploy-service-web', 'deploy-service-mail'];
    assert.deepEqual(symbols.map((s) => s.name), jobs);
    for (const [i, s] of symbols.entries()) {
      const name = rangeOf(text, `name: ${s.name}`);
      const nameOnly = new vscode.Range(name.start.translate(0, 'name: '.length), name.end);
      // Hierarchical symbols (DocumentSymbol): the stanza as range, the name as selection.
      assert.ok(s.selectionRange && sameRange(s.selectionRange, nameOnly), `${s.name}: selection ${JSON.stringify(s.selectionRange)}`);
      assert.ok(s.range.contains(s.selectionRange) && s.range.start.line < name.start.line, `${s.name}: range ${JSON.stringify(s.range)} from the stanza's "- job:"`);
      if (i > 0) assert.ok(symbols[i - 1].range.end.isBeforeOrEqual(s.range.start), `${symbols[i - 1].name} ends before ${s.name}`);
    }
  });

  test('a project\'s symbol holds its pipelines and their jobs', async () => {
    await serverReady();
    await requireCapability('documentSymbolProvider', 'document symbols (the structure branch of issue 10)');
    const uri = file('deploy-config', 'zuul.d', 'project.yaml');
    const symbols = await vscode.commands.executeCommand<DocSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(symbols.map((s) => s.name), ['deploy-config']);
    const [project] = symbols;
    const deploy = project.children.find((c) => c.name === 'deploy');
    assert.ok(deploy, `pipelines under the project: ${project.children.map((c) => c.name).join(', ')}`);
    assert.deepEqual(
      descendants(deploy).map((s) => s.name),
      ['deploy-bootstrap-bastion', 'deploy-service-web', 'deploy-service-mail'],
    );
  });
});
