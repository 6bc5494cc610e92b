// The job graph panel in the real editor: the command opens it beside the
// editor and it receives the graph of the pipeline under the cursor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, file, rangeOf, readText, serverReady, waitFor, type ZuulExtensionApi } from './helpers';

suite('job graph', () => {
  test('"Zuul: Show Job Graph" opens the panel with the deploy pipeline of the job list under the cursor', async () => {
    await serverReady();
    const api = vscode.extensions.getExtension<ZuulExtensionApi>(EXTENSION_ID)!.exports;
    const uri = file('deploy-config', 'zuul.d', 'project.yaml');
    const at = rangeOf(await readText(uri), 'deploy-service-web');
    await vscode.commands.executeCommand('zuul.showJobGraph', { uri: uri.toString(), position: { line: at.start.line, character: at.start.character } });
    const shown = await waitFor('the panel to receive a graph', () => (api.graph && api.graph.nodes > 0 ? api.graph : undefined), () => JSON.stringify(api.graph));
    assert.equal(shown.pipeline, 'deploy');
    assert.equal(shown.project, 'deploy-config');
    // deploy-bootstrap-bastion, -web, -mail from project.yaml; -dns and the unknown -wbe from services.yaml.
    assert.equal(shown.nodes, 5);
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Zuul Job Graph');
    assert.ok(tab, 'a "Zuul Job Graph" tab is open');
    await vscode.window.tabGroups.close(tab);
  });
});
