// A workspace of 10,000 jobs: a job-name completion sends a bounded list,
// says it is incomplete, and narrows to the typed word when asked again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { completionsAt } from '../../server/src/features/completion';
import { remove, tree } from '../helpers/tmp';

test('10,000 jobs: job names are capped, marked incomplete, and narrowed by the typed word', async () => {
  const jobs = Array.from({ length: 10_000 }, (_, i) => `- job:\n    name: job-${i}\n`).join('');
  const project = '- project:\n    check:\n      jobs:\n        - job-99\n';
  const root = tree({ 'big/zuul.d/jobs.yaml': jobs, 'big/zuul.d/project.yaml': project });
  try {
    const ws = new ZuulWorkspace([root]);
    await ws.load();
    const file = join(root, 'big', 'zuul.d', 'project.yaml');
    const opts = { markdown: true, snippets: true, labelDetails: true };
    const all = completionsAt(ws, file, { line: 3, character: 10 }, opts);
    assert.equal(all.isIncomplete, true);
    assert.equal(all.items.length, 500);
    const narrowed = completionsAt(ws, file, { line: 3, character: 16 }, opts);
    assert.equal(narrowed.isIncomplete, false);
    assert.deepEqual(narrowed.items.map((i) => i.label).sort(), ['job-99', ...Array.from({ length: 10 }, (_, i) => `job-99${i}`), ...Array.from({ length: 100 }, (_, i) => `job-99${String(i).padStart(2, '0')}`)].sort());
    assert.equal(narrowed.items.find((i) => i.label === 'job-99')?.sortText?.startsWith('1'), true);
  } finally {
    remove(root);
  }
});
