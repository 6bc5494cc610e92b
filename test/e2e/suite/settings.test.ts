// zuul.rules takes effect at once: no restart, and back again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, serverReady, show, showAll, waitFor, zuulDiagnostics } from './helpers';

const rules = (value: Record<string, string> | undefined) =>
  vscode.workspace.getConfiguration('zuul').update('rules', value, vscode.ConfigurationTarget.Workspace);

suite('settings', () => {
  suiteTeardown(() => rules(undefined));

  test('zuul.rules: off removes the rule\'s diagnostics without a restart; removing the setting brings them back', async () => {
    const api = await serverReady();
    const jobs = file('deploy-config', 'zuul.d', 'jobs.yaml');
    const yml = file('deploy-config', 'zuul.d', 'old-secrets.yml');
    const unknown = () => zuulDiagnostics(jobs, 'unknown-attribute');
    await waitFor('unknown-attribute before the change', () => unknown().length === 1, () => show(zuulDiagnostics(jobs)));
    const client = api.client;
    const errors = api.status?.errors ?? 0;

    await rules({ 'unknown-attribute': 'off' });
    await waitFor('unknown-attribute to disappear', () => unknown().length === 0, () => show(zuulDiagnostics(jobs)));
    assert.equal(zuulDiagnostics(yml, 'ignored-config-file').length, 1, `other rules stay: ${showAll()}`);
    await waitFor('the status to count one error less', () => api.status?.errors === errors - 1, () => JSON.stringify(api.status));

    await rules({ 'unknown-attribute': 'warning' });
    await waitFor('unknown-attribute as a warning', () => unknown().length === 1 && unknown()[0].severity === vscode.DiagnosticSeverity.Warning, () => show(zuulDiagnostics(jobs)));

    await rules(undefined);
    await waitFor('unknown-attribute back as an error', () => unknown().length === 1 && unknown()[0].severity === vscode.DiagnosticSeverity.Error, () => show(zuulDiagnostics(jobs)));
    await waitFor('the status to count it again', () => api.status?.errors === errors, () => JSON.stringify(api.status));
    assert.equal(api.client, client, 'the language client was not restarted');
  });
});
