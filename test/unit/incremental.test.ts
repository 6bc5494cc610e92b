// Edits that change no value the rules can see take a fast path (findings
// moved, not recomputed). Whatever path an edit takes, the findings must be
// exactly those of a fresh check of the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../server/src/engine/workspace';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

async function fresh(dir: string): Promise<Map<string, unknown>> {
  const ws = new ZuulWorkspace([dir]);
  await ws.load();
  return ws.allFindings();
}

const edits: [string, (t: string) => string][] = [
  ['a comment line above the first item', (t) => t.replace(/^- /m, '# a note\n- ')],
  ['a letter of a description', (t) => t.replace(/description: (\w)/, (_m, c: string) => `description: ${c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()}`)],
  ['a blank line at the end', (t) => `${t}\n`],
  // The quick fix's deletion range of the typo starts where the comment goes in: it must move below it, as a fresh check puts it.
  ['a comment line typed at the start of a files entry', (t) => t.replace('      - playbooks/boostrap-bridge.yaml', '# why this entry\n      - playbooks/boostrap-bridge.yaml')],
  ['a dependency added (not a fast path)', (t) => t.replace('    description: Deploy Zuul itself.\n', '    description: Deploy Zuul itself.\n    dependencies: [infra-prod-bootstrap-bridge]\n')],
  ['a typo in a parent (not a fast path)', (t) => t.replace('parent: infra-prod-playbook', 'parent: infra-prod-playbok')],
];

for (const file of ['system-config/zuul.d/infra-prod.yaml', 'system-config/zuul.d/project.yaml']) {
  for (const [what, edit] of edits) {
    // project.yaml has no description, no files entry and none of the values the other edits change.
    if ((what.includes('not a fast path') || what.includes('description') || what.includes('files entry')) && !file.endsWith('infra-prod.yaml')) continue;
    test(`${file}: ${what} gives the findings of a fresh check`, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'zuul-incr-'));
      try {
        cpSync(EXAMPLES, dir, { recursive: true });
        const path = join(dir, file);
        const ws = new ZuulWorkspace([dir]);
        await ws.load();
        const before = readFileSync(path, 'utf8');
        const next = edit(before);
        if (next === before) return t.skip('this file has nothing this edit applies to');
        ws.setOverlay(path, next);
        // A changed job attribute re-runs the rules that read it ('partial'), or all of them.
        if (what.includes('not a fast path')) assert.notEqual(ws.lastUpdate, 'moved');
        else assert.equal(ws.lastUpdate, 'moved');
        writeFileSync(path, next);
        assert.deepEqual(ws.allFindings(), await fresh(dir));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}
