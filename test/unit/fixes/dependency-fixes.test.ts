// The dependency fixes on the golden cases of test/fixtures/fixes, through the
// engine and the fix registry (the protocol test runs the same cases over LSP):
// the offered titles, the edited text byte for byte, and after the edit the
// finding is gone with nothing new anywhere in the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import { fixesFor } from '../../../server/src/fixes/registry';
import { DEPENDENCIES_FIXES } from '../../../server/src/fixes/group-dependencies';
import { applyFileEdits } from '../../helpers/applyEdits';
import { allIdentities, copyCase, identity, listFixCases, newFindings, offeredTitles, pickFinding } from '../../helpers/fixCases';
import { remove } from '../../helpers/tmp';

const DEPENDENCY_RULES = new Set(['missing-bootstrap-dependency', 'dependency-not-in-pipeline']);


const cases = listFixCases().filter((c) => DEPENDENCY_RULES.has(c.rule));

test('there is a golden case for every dependency fix shape', () => {
  assert.ok(cases.length >= 8, `${cases.length} cases`);
});

for (const c of cases) {
  test(`fix ${c.name}: "${c.title}"`, async () => {
    const dir = copyCase(c);
    try {
      const ws = new ZuulWorkspace([dir]);
      await ws.load();
      const path = join(dir, c.file);
      const texts = new Map<string, string>();
      const read = (p: string) => texts.get(p) ?? readFileSync(p, 'utf8');
      const finding = pickFinding(c, ws.findings(path), (f) => f.rule);
      assert.ok(finding, `${c.rule}${c.line ? ` on line ${c.line}` : ''} expected, got ${JSON.stringify(ws.findings(path).map((f) => [f.rule, f.range.start.line + 1, f.message]))}`);
      const fixes = fixesFor(ws, finding);
      // The dependency providers' own fixes, exactly; other groups (suppress, ...) may add theirs.
      const state = ws.fileState(path)!;
      const own = DEPENDENCIES_FIXES.filter((p) => p.rules.includes(c.rule)).flatMap((p) => p.provide({ ws, finding, file: state.parsed }));
      if (c.offered) assert.deepEqual(offeredTitles(own), c.offered);
      const fix = fixes.find((f) => f.title === c.title);
      assert.ok(fix, `no fix titled "${c.title}"; offered: ${JSON.stringify(offeredTitles(fixes))}`);
      const before = allIdentities(ws.allFindings(), read);
      const fixed = `${finding.file}: ${identity(finding.rule, finding.range, read(finding.file))}`;

      const after = applyFileEdits(fix.edits, read);
      const rel = (p: string) => relative(dir, p).split(sep).join('/');
      assert.deepEqual([...after.keys()].map(rel).sort(), [...c.expected.keys()].sort(), 'the files the fix edits');
      for (const [file, expected] of c.expected) assert.equal(after.get(join(dir, file)), expected, `${file} after "${c.title}"`);

      for (const [file, text] of after) {
        texts.set(file, text);
        ws.setOverlay(file, text);
      }
      const now = allIdentities(ws.allFindings(), read);
      assert.ok(!now.includes(fixed), `the finding is still there: ${fixed}`);
      assert.deepEqual(newFindings(before, now, fixed), [], 'no new finding');
    } finally {
      remove(dir);
    }
  });
}
