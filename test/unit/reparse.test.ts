// Re-parsing only the items an edit touches must give exactly what parsing
// the whole new text gives: the same nodes at the same offsets, the same
// items and findings. Seeded random edits of real corpus files, each applied
// to the previous result (REPARSE_SCALE=10 REPARSE_SEED=7 widen the run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSeq } from 'yaml';
import { parseFile, type ParsedFile } from '../../server/src/zuul/parse';
import { reparseFile } from '../../server/src/zuul/reparse';
import { semanticSummary } from '../../server/src/zuul/summary';
import { corpusText } from '../helpers/corpus';
import { nodeShape } from '../helpers/yamlShape';
import { rng, randomEdit } from '../helpers/randomEdits';

/** File and number of edits: each edit costs a full parse for the comparison (1.3 s for the 1.7 MB file). */
const FILES: [string, number][] = [
  ['project-config-e1547b0/zuul.d/projects.yaml', 4],
  ['project-config-f6a70b1/zuul.d/projects.yaml', 30],
  ['openstack-zuul-jobs-b8ff5c8/zuul.d/jobs.yaml', 100],
  ['zuul-jobs-79fe3eb/zuul.d/general-jobs.yaml', 200],
  ['otc-system-config-b454bff/zuul.d/infra-prod.yaml', 200],
];
const SCALE = Number(process.env.REPARSE_SCALE ?? 1);
const SEED = Number(process.env.REPARSE_SEED ?? 1);

function view(p: ParsedFile) {
  return {
    items: p.items.map((i) => ({ kind: i.kind, name: i.name, index: i.index, key: i.keyNode.range, body: i.body.range })),
    findings: p.findings,
    fatal: p.fatal,
    ranges: [p.doc?.range, (p.doc?.contents as { range?: unknown } | null)?.range],
    tree: p.doc?.contents && isSeq(p.doc.contents) ? p.doc.contents.items.map(nodeShape) : nodeShape(p.doc?.contents),
    summary: semanticSummary(p),
  };
}

/**
 * Only a clean file is edited further: an edit that breaks it is judged, then
 * taken back. So is one that leaves an item off its dash's line ("-" then
 * "project:" below it): valid, but only a full parse reads such a file, and
 * kept it would leave every later edit of the run to the full parse.
 */
const clean = (p: ParsedFile) =>
  !p.fatal && p.findings.every((f) => f.rule.startsWith('item-') || f.rule === 'unknown-item-type') && onDashLines(p);

function onDashLines(p: ParsedFile): boolean {
  const root = p.doc?.contents;
  if (!isSeq(root)) return true;
  return root.items.every((item) => {
    const at = (item as { range?: number[] } | null)?.range?.[0];
    if (at === undefined) return true;
    const lineStart = p.text.lastIndexOf('\n', at - 1) + 1;
    return /^[ \t]*-[ \t]+$/.test(p.text.slice(lineStart, at));
  });
}

for (const [rel, count] of FILES) {
  const EDITS = Math.round(count * SCALE);
  test(`re-parsing the edited items of ${rel} gives a full parse's result (${EDITS} edits, seed ${SEED})`, (t) => {
    const text = corpusText(t, rel);
    if (text === undefined) return;
    const rand = rng(SEED + rel.length);
    let current = parseFile(rel, text);
    let partial = 0;
    for (let n = 0; n < EDITS; n++) {
      const [what, next] = randomEdit(current.text, rand);
      const full = parseFile(rel, next);
      const re = reparseFile(current, next);
      if (re) {
        partial++;
        assert.deepEqual(view(re.parsed), view(full), `edit ${n} (${what}) re-parsed differs from a full parse`);
        // The line index is patched, not scanned again: every line must start where a fresh one says.
        const lines = re.parsed.lines;
        assert.equal(lines.lineCount, full.lines.lineCount, `edit ${n} (${what}): line count`);
        for (let l = 0; l < lines.lineCount; l++) assert.equal(lines.offset({ line: l, character: 0 }), full.lines.offset({ line: l, character: 0 }), `edit ${n} (${what}): start of line ${l}`);
      }
      if (clean(full)) current = re ? re.parsed : full;
      // re-parsing moved the nodes after the edit: the previous file is no longer usable as it was.
      else if (re) current = parseFile(rel, current.text);
    }
    t.diagnostic(`${partial} of ${EDITS} edits re-parsed only the items they touch`);
    assert.ok(partial >= EDITS / 5, `only ${partial} of ${EDITS} edits took the partial path`);
  });
}
