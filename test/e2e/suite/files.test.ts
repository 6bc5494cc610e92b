// Diagnostics that depend on other files follow those files being created
// and deleted on disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, rangeOf, readText, sameRange, serverReady, show, waitFor, zuulDiagnostics } from './helpers';

suite('files on disk', () => {
  test('creating the playbook a diagnostic said was missing clears it; deleting it brings it back', async () => {
    await serverReady();
    const jobs = file('deploy-config', 'zuul.d', 'jobs.yaml');
    const playbook = file('deploy-config', 'playbooks', 'service-mail.yaml');
    const missing = () => zuulDiagnostics(jobs, 'playbook-not-found');
    const at = rangeOf(await readText(jobs), 'playbooks/service-mail.yaml');
    const [d] = await waitFor('playbook-not-found on run: playbooks/service-mail.yaml', () => missing().length === 1 && missing(), () => show(zuulDiagnostics(jobs)));
    assert.ok(sameRange(d.range, at), `the path scalar: ${show([d])}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /playbooks\/service-mail\.yaml/);

    await vscode.workspace.fs.writeFile(playbook, new TextEncoder().encode('- hosts: mail\n  tasks: []\n'));
    try {
      await waitFor('playbook-not-found to clear once the playbook exists', () => missing().length === 0, () => show(zuulDiagnostics(jobs)));
    } finally {
      await vscode.workspace.fs.delete(playbook, { useTrash: false });
    }
    await waitFor('playbook-not-found to return once the playbook is deleted', () => missing().length === 1, () => show(zuulDiagnostics(jobs)));
  });
});
