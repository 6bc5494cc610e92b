// A rule that declares the job attributes it reads keeps its findings after
// an edit of any other attribute. A list that misses one would leave stale
// findings, so each list is held to the job attribute names written in the
// rule's file and every module it imports, transitively (attributes are read
// by name: `entryOf(stanza, 'parent')`, lists of names like PLAYBOOK_PHASES).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { CHECKS } from '../../server/src/checks/registry';
import { JOB } from '../../server/src/zuul/schemaTables';
import { REPO_ROOT } from '../helpers/lspClient';

const JOB_ATTRIBUTES = new Set(Object.keys((JOB as { fields: Record<string, unknown> }).fields));

function mentioned(file: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const stack = [file];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/'([a-z][a-z0-9-]*)'/g)) if (JOB_ATTRIBUTES.has(m[1])) out.add(m[1]);
    for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
      const dep = normalize(join(dirname(f), `${m[1]}.ts`));
      if (existsSync(dep)) stack.push(dep);
    }
  }
  return out;
}

test('every declared jobKeys list names each job attribute its code mentions', () => {
  const declared = CHECKS.filter((c) => c.jobKeys);
  assert.ok(declared.length >= 30, `only ${declared.length} rules declare their job attributes`);
  for (const check of declared) {
    const file = join(REPO_ROOT, 'server', 'src', 'checks', `${check.id}.ts`);
    const missing = [...mentioned(file)].filter((k) => !check.jobKeys!.includes(k));
    assert.deepEqual(missing, [], `${check.id} reads job attributes its jobKeys does not list`);
  }
});

test('a rule that reads what other rules reported declares no jobKeys: it runs after every edit', () => {
  for (const check of CHECKS) {
    const text = readFileSync(join(REPO_ROOT, 'server', 'src', 'checks', `${check.id}.ts`), 'utf8');
    if (/\bctx\.earlier\b|\bearlier\b.*=.*ctx/.test(text)) assert.equal(check.jobKeys, undefined, `${check.id} reads ctx.earlier`);
  }
});
