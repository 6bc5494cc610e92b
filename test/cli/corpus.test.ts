// Every real configuration tree must produce a report, never a crash or a
// usage error. The corpus is read in place and never copied into the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonShapeProblem, ROOT, runCli } from './helpers';

const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

test('corpus: --format json on every folder', async (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`corpus not found at ${CORPUS}`);
    return;
  }
  const folders = readdirSync(CORPUS).filter((n) => statSync(join(CORPUS, n)).isDirectory()).sort();
  assert.ok(folders.length > 0, `no folders in ${CORPUS}`);
  for (const name of folders) {
    await t.test(name, () => {
      const r = runCli([join(CORPUS, name), '--format', 'json'], ROOT);
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
      const findings: unknown[] = JSON.parse(r.stdout);
      assert.ok(Array.isArray(findings));
      for (const f of findings) assert.equal(jsonShapeProblem(f), undefined, JSON.stringify(f));
      assert.equal(findings.some((f) => (f as { severity: string }).severity === 'error'), r.status === 1);
    });
  }
});
