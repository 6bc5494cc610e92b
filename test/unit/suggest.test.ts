// The bounded edit distance behind every "did you mean", and the path typo
// measure: exact within the limit, limit + 1 beyond it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggest } from '../../server/src/zuul/suggest';
import { pathTypoScore, suggestPath } from '../../server/src/zuul/paths';

test('editDistance: edits, a swapped pair as one edit, limit + 1 beyond the limit', () => {
  assert.equal(editDistance('timeout', 'timeout', 3), 0);
  assert.equal(editDistance('tiemout', 'timeout', 3), 1);
  assert.equal(editDistance('nodes', 'nodeset', 3), 2);
  assert.equal(editDistance('', 'abc', 3), 3);
  assert.equal(editDistance('abc', '', 2), 3, 'the length alone exceeds the limit');
  assert.equal(editDistance('kitten', 'sitting', 3), 3);
  assert.equal(editDistance('kitten', 'sitting', 2), 3);
  assert.equal(editDistance('abcdef', 'badcfe', 1), 2, 'three swaps exceed a limit of one');
  assert.equal(editDistance('ca', 'abc', 5), 3, 'restricted: no edit of a swapped pair');
});

/** The full table, as the textbook computes it (the band must agree with it). */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

test('editDistance agrees with the full table for every limit (the band loses nothing)', () => {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const word = () => Array.from({ length: next(10) }, () => 'abc'[next(3)]).join('');
  for (let k = 0; k < 20_000; k++) {
    const a = word();
    const cut = next(a.length + 1);
    const b = next(2) ? word() : a.slice(0, cut) + 'abc'[next(3)] + a.slice(cut + next(2));
    const limit = next(7);
    assert.equal(editDistance(a, b, limit), Math.min(fullDistance(a, b), limit + 1), JSON.stringify({ a, b, limit }));
  }
});

test('editDistance on long strings: one edit in the middle, limit + 1 past the limit', () => {
  const a = 'ab'.repeat(5_000);
  const b = `${a.slice(0, 5_000)}x${a.slice(5_001)}`;
  assert.equal(editDistance(a, b, 3), 1);
  assert.equal(editDistance(a, `${b}yy`, 2), 3);
  assert.equal(editDistance(a, a.replace(/b/g, 'c'), 3), 4);
  assert.deepEqual(suggest(b, ['short', a]), [a]);
});

test('path typos are measured on the part that differs, not on the whole length', () => {
  const far = 'playbooks/zuul/totally-unrelated-name-here.yaml';
  assert.equal(pathTypoScore(far, 'inventory/base/group_vars/all.yaml'), Infinity);
  assert.deepEqual(suggestPath(far, ['inventory/base/group_vars/all.yaml']), []);
  assert.equal(pathTypoScore('playbooks/run.yml', 'playbooks/run.yaml'), 0.5);
  assert.equal(pathTypoScore('playbooks/run', 'playbooks/run.yaml'), 0.5);
  assert.equal(pathTypoScore('playbook/run.yaml', 'playbooks/run.yaml'), 1);
  assert.equal(pathTypoScore('./playbooks/run.yaml', 'playbooks/run.yaml'), 0);
  assert.equal(pathTypoScore('playbooks/a/deploy.yaml', 'roles/deploy/deploy.yaml'), 2.5, 'moved: same file name');
  assert.equal(pathTypoScore('playbooks/a/deploy.yaml', 'roles/deploy/deploy-all.yaml'), Infinity, 'moved and renamed');
  assert.equal(pathTypoScore('playbooks/pre.yaml', 'playbooks/post.yaml'), Infinity, 'a short name allows one edit');
});
