// One diagnostic of each family of workspace-wide rules, computed across
// files and repositories, as VS Code shows it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, rangeOf, readText, sameRange, serverReady, show, waitFor, zuulDiagnostics } from './helpers';

const cases = [
  { family: 'dependencies', rule: 'missing-bootstrap-dependency', text: 'deploy-service-dns', occurrence: 1, severity: vscode.DiagnosticSeverity.Warning, message: /may start before deploy-bootstrap-bastion/ },
  { family: 'parents', rule: 'unknown-parent', text: 'deploy-playbok', occurrence: 0, severity: vscode.DiagnosticSeverity.Error, message: /did you mean "deploy-playbook"/ },
  { family: 'files', rule: 'files-matcher-matches-nothing', text: 'playbooks/servce-web.yaml', occurrence: 0, severity: vscode.DiagnosticSeverity.Warning, message: /Did you mean "playbooks\/service-web\.yaml"/ },
  { family: 'references', rule: 'unknown-job', text: 'deploy-service-wbe', occurrence: 0, severity: vscode.DiagnosticSeverity.Error, message: /Did you mean "deploy-service-web"/ },
];

suite('semantic rules across files', () => {
  for (const c of cases) {
    test(`${c.family}: ${c.rule} on "${c.text}"`, async () => {
      await serverReady();
      const uri = file('deploy-config', 'zuul.d', 'services.yaml');
      const source = await readText(uri);
      const expected = rangeOf(source, c.text, c.occurrence);
      const [d] = await waitFor(`${c.rule} in services.yaml`, () => zuulDiagnostics(uri, c.rule).length > 0 && zuulDiagnostics(uri, c.rule), () => show(zuulDiagnostics(uri)));
      assert.equal(d.source, 'zuul');
      assert.equal(d.severity, c.severity);
      assert.ok(sameRange(d.range, expected), `range of ${show([d])}, expected line ${expected.start.line} col ${expected.start.character}`);
      assert.match(d.message, c.message);
    });
  }
});
