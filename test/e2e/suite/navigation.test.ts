// Hover, go to definition, references, rename and the server's code lenses
// through VS Code's own provider commands, across the two repositories:
// deploy-config's jobs build on job-library's deploy-base, and both repos run
// job-library's deploy-lint.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, rangeOf, readText, sameRange, serverReady, waitFor } from './helpers';

const deployJobs = () => file('deploy-config', 'zuul.d', 'jobs.yaml');
const deployProject = () => file('deploy-config', 'zuul.d', 'project.yaml');
const libraryJobs = () => file('job-library', 'zuul.d', 'jobs.yaml');
const libraryProject = () => file('job-library', 'zuul.d', 'project.yaml');

/** `folder/path line:col` of a location, for comparing sets of them. */
const at = (uri: vscode.Uri, r: vscode.Range) => `${vscode.workspace.asRelativePath(uri)} ${r.start.line}:${r.start.character}`;

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Where a definition answer points: a LocationLink's target name, or a Location's range. */
function targetOf(d: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange ?? d.targetRange } : { uri: d.uri, range: d.range };
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Reverts and closes each document (unsaved edits of the test) so that the next test sees the files as they are on disk. */
async function revert(uris: vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
}

suite('navigation across repositories', () => {
  suiteTeardown(closeAllEditors);

  test('hover on a job in a project pipeline shows its description and its parent chain into job-library', async () => {
    await serverReady();
    const uri = deployProject();
    const name = rangeOf(await readText(uri), 'deploy-service-web');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, name.start.translate(0, 3));
    const text = hoverText(hovers);
    assert.match(text, /job deploy-service-web/, text);
    assert.match(text, /Deploy the web servers\./, text);
    assert.match(text, /parents: `deploy-playbook → deploy-base → base`/, text);
    assert.match(text, /defined in `deploy-config · zuul\.d\/jobs\.yaml/, text);
    const ours = hovers.find((h) => h.range && sameRange(h.range, name));
    assert.ok(ours, `a hover over the whole name; ranges: ${hovers.map((h) => JSON.stringify(h.range)).join(', ')}`);
  });

  test('definition of a parent: lands in job-library\'s file at the job\'s name, in the provider and in the editor', async () => {
    await serverReady();
    const uri = deployJobs();
    const use = rangeOf(await readText(uri), 'deploy-base');
    const name = rangeOf(await readText(libraryJobs()), 'deploy-base');
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, use.start.translate(0, 4));
    assert.deepEqual(found.map((d) => at(targetOf(d).uri, targetOf(d).range)), [at(libraryJobs(), name)]);
    const link = found[0];
    if ('targetUri' in link) assert.ok(link.originSelectionRange && sameRange(link.originSelectionRange, use), 'the link starts at the whole parent name');

    // F12's command, on the cursor of a real editor.
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(use.start.translate(0, 4), use.start.translate(0, 4));
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const landed = await waitFor(
      'the editor to show job-library/zuul.d/jobs.yaml at deploy-base',
      () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.toString() === libraryJobs().toString() && e.selection.start.line === name.start.line && e;
      },
      () => `${vscode.window.activeTextEditor?.document.uri.toString()} at ${JSON.stringify(vscode.window.activeTextEditor?.selection.start)}`,
    );
    assert.ok(name.contains(landed.selection.start), `cursor at ${JSON.stringify(landed.selection.start)}`);
    await closeAllEditors();
  });

  test('references of a job list its definition and its uses in both repositories', async () => {
    await serverReady();
    const uri = deployProject();
    const use = rangeOf(await readText(uri), 'deploy-lint');
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, use.start.translate(0, 2));
    const expected = [
      at(libraryJobs(), rangeOf(await readText(libraryJobs()), 'deploy-lint')),
      at(deployProject(), use),
      at(libraryProject(), rangeOf(await readText(libraryProject()), 'deploy-lint')),
    ].sort();
    assert.deepEqual(found.map((l) => at(l.uri, l.range)).sort(), expected);
  });

  test('rename of a job from its use edits both repositories; applying it changes both files, reverting restores them', async () => {
    await serverReady();
    const uri = deployProject();
    const use = rangeOf(await readText(uri), 'deploy-lint');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, use.start.translate(0, 1), 'repo-lint');
    const touched = edit.entries().map(([u, edits]) => `${vscode.workspace.asRelativePath(u)} ×${edits.length}`).sort();
    assert.deepEqual(touched, ['deploy-config/zuul.d/project.yaml ×1', 'job-library/zuul.d/jobs.yaml ×1', 'job-library/zuul.d/project.yaml ×1']);
    for (const [, edits] of edit.entries()) for (const e of edits) assert.equal(e.newText, 'repo-lint');

    const files = [deployProject(), libraryJobs(), libraryProject()];
    const before = await Promise.all(files.map(readText));
    assert.ok(await vscode.workspace.applyEdit(edit), 'the rename applies');
    try {
      for (const [i, f] of files.entries()) {
        const text = (await vscode.workspace.openTextDocument(f)).getText();
        assert.equal(text, before[i].replace('deploy-lint', 'repo-lint'), vscode.workspace.asRelativePath(f));
      }
      // The server sees the renamed job: its references from the other repo are the same three places.
      const renamed = rangeOf((await vscode.workspace.openTextDocument(libraryProject())).getText(), 'repo-lint');
      await waitFor(
        'the server to find the renamed job\'s three places',
        async () => (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', libraryProject(), renamed.start)).length === 3,
      );
    } finally {
      await revert(files);
    }
    for (const [i, f] of files.entries()) assert.equal((await vscode.workspace.openTextDocument(f)).getText(), before[i], `${vscode.workspace.asRelativePath(f)} reverted`);
    await waitFor(
      'the server to find deploy-lint in three places again',
      async () => (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, use.start)).length === 3,
    );
  });

  test('rename of a name no open repository defines is refused with the reason', async () => {
    await serverReady();
    const uri = file('deploy-config', 'zuul.d', 'services.yaml');
    const unknown = rangeOf(await readText(uri), 'deploy-service-wbe');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, unknown.start.translate(0, 2), 'deploy-service-www')),
      /No open repository defines job deploy-service-wbe/,
    );
  });

  test('the server\'s code lenses: "Show job graph" and "2 uses in 2 pipelines · 0 children" above deploy-lint; the uses lens opens the references', async () => {
    await serverReady();
    const uri = libraryJobs();
    const text = await readText(uri);
    const stanza = rangeOf(text, '- job:', 2).start.line;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const here = lenses.filter((l) => l.range.start.line === stanza);
    const titles = here.map((l) => l.command?.title);
    assert.deepEqual(titles, ['Show job graph', '2 uses in 2 pipelines · 0 children'], `lenses: ${lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`).join(' | ')}`);
    assert.equal(here[0].command?.command, 'zuul.showJobGraph');
    const uses = here[1].command;
    assert.equal(uses?.command, 'zuul.showReferences');
    assert.ok((await vscode.commands.getCommands(true)).includes('zuul.showReferences'), 'the extension registers the lens\'s command');

    // As a click on the lens does: the command with the lens's arguments opens the file with the references peek.
    await closeAllEditors();
    await vscode.commands.executeCommand(uses.command, ...(uses.arguments ?? []));
    const editor = await waitFor(
      'the lens\'s file to be shown for the peek',
      () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor,
      () => String(vscode.window.activeTextEditor?.document.uri),
    );
    assert.equal(editor.selection.start.line, rangeOf(text, 'deploy-lint').start.line, 'at the job\'s name');
    await vscode.commands.executeCommand('closeReferenceSearch');
    await closeAllEditors();
  });
});
