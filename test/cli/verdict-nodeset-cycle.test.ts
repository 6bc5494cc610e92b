// nodeset-cycle: Zuul's 'Nodeset cycle detected on "X"' for nodesets whose
// alternatives come back to a nodeset already visited, and for the jobs that
// use them (verified with Zuul's own loader: a loop, a diamond and a name
// listed twice are all reported, on the nodesets and on the jobs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { runInline } from './inlineRun';

test('nodeset-cycle: loops, diamonds and repeated names, on the nodesets and on the jobs using them', () => {
  const F = 'config/zuul.d/nodesets.yaml';
  const J = 'config/zuul.d/jobs.yaml';
  const r = runInline({
    [F]: yaml`
      - nodeset:
          name: ns-a
          alternatives: [|ns-b]
      - nodeset:
          name: ns-b
          alternatives: [|ns-a]
      - nodeset:
          name: ns-leaf
          nodes: []
      - nodeset:
          name: ns-left
          alternatives: [ns-leaf]
      - nodeset:
          name: ns-right
          alternatives: [ns-leaf]
      - nodeset:
          name: ns-diamond
          alternatives: [ns-left, |ns-right]
      - nodeset:
          name: ns-twice
          alternatives: [ns-leaf, |ns-leaf]
      - nodeset:
          name: ns-chain
          alternatives: [ns-left]
      - nodeset:
          name: ns-unknown
          alternatives: [not-open-here]
    `,
    [J]: yaml`
      - job:
          name: base
          parent: null
          run: playbooks/base.yaml
      - job:
          name: uses-loop
          nodeset: |ns-a
      - job:
          name: inline-diamond
          nodeset:
            alternatives: [ns-left, |ns-right]
      - job:
          name: uses-chain
          nodeset: ns-chain
    `,
  });
  // The CLI lists findings by file, then position.
  const found = r.of('nodeset-cycle');
  assert.deepEqual(
    found.map((f) => [f.file, f.range, f.severity]),
    [
      [J, r.span(J, 0, 'ns-a'), 'error'],
      [J, r.span(J, 1, 'ns-right'), 'error'],
      [F, r.span(F, 0, 'ns-b'), 'error'],
      [F, r.span(F, 1, 'ns-a'), 'error'],
      [F, r.span(F, 2, 'ns-right'), 'error'],
      [F, r.span(F, 3, 'ns-leaf'), 'error'],
    ],
    r.stderr,
  );
  const [usesLoop, inline, a, b, diamond, twice] = found;
  assert.match(a.message, /ns-a → ns-b → ns-a/);
  assert.match(a.message, /'Nodeset cycle detected on "ns-a"'/);
  assert.match(b.message, /'Nodeset cycle detected on "ns-b"'/);
  assert.match(diamond.message, /"ns-leaf" is reached a second time \(ns-diamond → ns-right → ns-leaf\)/);
  assert.match(diamond.message, /'Nodeset cycle detected on "ns-leaf"'/);
  assert.match(twice.message, /"ns-leaf" is reached a second time \(ns-twice → ns-leaf\)/);
  assert.match(usesLoop.message, /Zuul rejects uses-loop too/);
  assert.match(inline.message, /Zuul rejects the job \('Nodeset cycle detected on "ns-leaf"'\)/);
  assert.deepEqual(a.related?.map((x) => x.message), ['nodeset ns-b lists ns-a here']);
});
