// Messages name settings the way their reader can set them: the editor as
// zuul.X, the command line as a key of .zuul-authoring.yaml or --rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSettings, rulesFor, settingWhere } from '../../server/src/engine/settingWhere';
import { settingMention } from '../../server/src/zuul/settingRef';
import { SETTING_KEYS } from '../../server/src/zuul/settings';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { projectRoot } from '../helpers/corpus';
import { remove, tree } from '../helpers/tmp';

test('each surface names the setting as its reader sets it', () => {
  const text = `add it to ${settingMention('bootstrapJobs')}.`;
  assert.equal(renderSettings(text, 'editor'), 'add it to zuul.bootstrapJobs (or bootstrapJobs in .zuul-authoring.yaml).');
  assert.equal(renderSettings(text, 'cli'), 'add it to bootstrapJobs (in .zuul-authoring.yaml or a --rules file).');
  assert.equal(settingWhere('externalNames', 'cli').includes('zuul.'), false);
  assert.equal(renderSettings('no setting {{here}}', 'cli'), 'no setting {{here}}');
});

test('no rule summary is left with a placeholder or an editor-only name on the command line', () => {
  for (const r of rulesFor(ZuulWorkspace.rules(), 'cli').values()) {
    assert.doesNotMatch(r.summary, /\{\{setting:/, r.id);
    for (const key of SETTING_KEYS) assert.equal(r.summary.includes(`zuul.${key}`), false, `${r.id} names zuul.${key}`);
  }
});

test('checks and the model name settings through settingMention, never as zuul.X in a string', () => {
  const dirs = ['server/src/checks', 'server/src/zuul'].map((d) => join(projectRoot(), d));
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const code = readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(\/\/|\/?\*)/.test(l))
        .join('\n');
      for (const key of SETTING_KEYS) assert.equal(code.includes(`zuul.${key}`), false, `${name} writes zuul.${key}`);
    }
  }
});

test('the workspace renders findings for its surface, with the structured setting kept', async () => {
  const root = tree({ 'r/.git/HEAD': '', 'r/zuul.d/jobs.yaml': '- job:\n    name: a\n    parent: somewhere-else\n' });
  try {
    for (const [surface, wording] of [['editor', 'zuul.externalNames (or externalNames in .zuul-authoring.yaml)'], ['cli', 'externalNames (in .zuul-authoring.yaml or a --rules file)']] as const) {
      const ws = new ZuulWorkspace([root], {}, surface);
      await ws.load();
      const [f] = ws.findings(join(root, 'r/zuul.d/jobs.yaml')).filter((x) => x.rule === 'unknown-parent');
      assert.ok(f.message.includes(`add "somewhere-else" to ${wording};`), f.message);
      assert.deepEqual(f.setting, { key: 'externalNames', value: 'somewhere-else' });
    }
  } finally {
    remove(root);
  }
});
