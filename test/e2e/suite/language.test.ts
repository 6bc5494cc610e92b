// The `zuul` language id claims Zuul's four configuration roots and nothing
// else; its TextMate grammar is registered and ships in the package.
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import { extension, file, readText, zuulDiagnostics } from './helpers';

async function languageOf(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).languageId;
}

suite('language id and grammar', () => {
  test('zuul.d/*.yaml of every repository is zuul', async () => {
    for (const uri of [file('deploy-config', 'zuul.d', 'pipelines.yaml'), file('deploy-config', 'zuul.d', 'project.yaml'), file('job-library', 'zuul.d', 'jobs.yaml')]) {
      assert.equal(await languageOf(uri), 'zuul', vscode.workspace.asRelativePath(uri));
    }
  });

  test('zuul.yaml, .zuul.yaml, .zuul.d/*.yaml and zuul.d/**/*.yaml are zuul anywhere; look-alikes are not', async () => {
    // Written outside the workspace, so that the Zuul world under test does not change.
    const dir = vscode.Uri.file(`${tmpdir()}/zuul-e2e-language-${process.pid}-${Date.now()}`);
    const zuul = ['zuul.yaml', '.zuul.yaml', '.zuul.d/jobs.yaml', 'zuul.d/jobs.yaml', 'zuul.d/deploy/jobs.yaml', 'repo/.zuul.d/project.yaml'];
    const notZuul = ['other.yaml', 'my-zuul.yaml', 'zuul.d/notes.yml', 'playbooks/zuul.d.yaml'];
    try {
      for (const rel of [...zuul, ...notZuul]) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, rel), new TextEncoder().encode('- job:\n    name: x\n'));
      for (const rel of zuul) assert.equal(await languageOf(vscode.Uri.joinPath(dir, rel)), 'zuul', rel);
      for (const rel of notZuul) assert.notEqual(await languageOf(vscode.Uri.joinPath(dir, rel)), 'zuul', rel);
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    }
  });

  test('other YAML in the workspace stays yaml and gets no zuul diagnostics', async () => {
    for (const uri of [
      file('deploy-config', 'inventory', 'hosts.yaml'),
      file('deploy-config', '.github', 'workflows', 'ci.yaml'),
      file('deploy-config', 'playbooks', 'service-web.yaml'),
      file('deploy-config', 'zuul.d', 'old-secrets.yml'),
    ]) {
      const name = vscode.workspace.asRelativePath(uri);
      assert.equal(await languageOf(uri), 'yaml', name);
      if (!name.endsWith('.yml')) assert.deepEqual(zuulDiagnostics(uri), [], name);
    }
  });

  test('the zuul language and its TextMate grammar (source.zuul) are registered from the package', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('zuul'), 'zuul is a known language');
    const ext = extension();
    const contributes = ext.packageJSON.contributes as {
      grammars: { language?: string; scopeName: string; path: string }[];
      languages: { id: string; configuration?: string }[];
    };
    const grammar = contributes.grammars.find((g) => g.language === 'zuul');
    assert.ok(grammar, 'a grammar for the zuul language');
    assert.equal(grammar.scopeName, 'source.zuul');
    // The grammar file ships in the installed package and is the one it names.
    const json = JSON.parse(await readText(vscode.Uri.joinPath(ext.extensionUri, grammar.path))) as { scopeName: string; patterns: unknown[] };
    assert.equal(json.scopeName, 'source.zuul');
    assert.ok(json.patterns.length > 0, 'the grammar has patterns');
    const language = contributes.languages.find((l) => l.id === 'zuul');
    assert.ok(language?.configuration, 'a language configuration');
    JSON.parse(await readText(vscode.Uri.joinPath(ext.extensionUri, language.configuration)));
  });
});
