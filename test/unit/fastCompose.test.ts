// The plain-item reader (zuul/fastCompose.ts) must build exactly what the
// `yaml` package composes from the same text: the same nodes, values, tags,
// offsets, errors and warnings (comments aside, which nothing reads), or
// hand the text back. Held to it over every config file of the corpus,
// seeded random edits of some, and generated files made of the line shapes
// where the two could part (FAST_SCALE=10 FAST_SEED=7 widen the run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from 'yaml';
import { composeDocuments } from '../../server/src/zuul/compose';
import { composeBlockList } from '../../server/src/zuul/fastCompose';
import { parseFile, YAML_OPTIONS } from '../../server/src/zuul/parse';
import { configFilesOf, corpusDir, corpusText, listCorpusFolders } from '../helpers/corpus';
import { nodeShape } from '../helpers/yamlShape';
import { randomEdit, rng } from '../helpers/randomEdits';
import { yaml } from '../helpers/marker';

const SCALE = Number(process.env.FAST_SCALE ?? 1);
const SEED = Number(process.env.FAST_SEED ?? 1);

const view = (docs: Document[]) =>
  docs.map((d) => ({ range: d.range, contents: nodeShape(d.contents), errors: d.errors.map((e) => [e.code, e.pos, e.message]), warnings: d.warnings.map((e) => [e.code, e.pos, e.message]) }));

/** Compares where the reader takes the text; returns whether it did. */
function same(text: string, what: string): boolean {
  const fast = composeBlockList(text, YAML_OPTIONS);
  if (!fast) return false;
  const full = composeDocuments(text, YAML_OPTIONS);
  assert.ok('docs' in full, `${what}: the package found it too deep, the reader did not hand it back`);
  assert.deepEqual(view(fast.docs), view(full.docs), `${what}: the reader's nodes differ from the package's`);
  return true;
}

test('plain items are read as the package reads them; other items are left to it, at their offsets', () => {
  const text = yaml`
    # a comment before the list
    - job:
        name: first
    - job:
        name: plain-one
        parent: base
        voting: false
        timeout: 3600
        attempts: 0x1f
        post-timeout: 1:30
        nodeset:
        vars:
          a: ~
          b: .inf
          c: 2001-12-14
          on: yes
          y: n
          ratio: 1.50
        files:
          - ^doc/.*$
          - - nested
            - list
          -   spaced
          - key:value
        tags:
          - k: v
            k2:
    - job:
        name: "quoted"
        description: |
          a block
    # between the items
    - project:
        templates:
          - a
        check:
          jobs:
            - j1:
                voting: false
            - j2

    - job:
        name: last   # with a comment
  `;
  assert.ok(same(text, 'mixed items'));
  const parsed = parseFile('/r/zuul.yaml', text);
  assert.deepEqual(parsed.findings, []);
  assert.deepEqual(parsed.items.map((i) => i.name), ['first', 'plain-one', 'quoted', undefined, 'last']);
});

test('texts the reader hands back whole: tabs, CRs, document markers, a map at the root, errors', () => {
  const items = '- job:\n    name: a\n- job:\n    name: b\n- job:\n    name: c\n';
  const back = [
    items.replace('    name: b', '\tname: b'),
    items.replace(/\n/g, '\r\n'),
    `---\n${items}`,
    `%YAML 1.1\n---\n${items}`,
    'job:\n  name: a\n',
    '- a\n- b\n',
    items.replace('    name: b', '    name: b\n      bad: indent'),
    items.replace('- job:\n    name: c', '- job:\n    name: c\n  oops: [\n'),
  ];
  for (const text of back) assert.equal(composeBlockList(text, YAML_OPTIONS), undefined, JSON.stringify(text));
});

// Line shapes where a reader of its own could part from the package.
const KEYS = ['name', 'job', 'voting', 'on', 'y', 'true', 'Null', 'a.b/c+d-e_f', 'k'.repeat(600)];
const RARE_KEYS = ['x'.repeat(1100), 'two words', '1x', '"q"'];
/** Values the reader takes, each resolved by a different tag or edge of one. */
const VALUES = ['v', 'yes', 'no', 'Off', 'y', 'n', '~', 'null', '12', '0o7', '0x1F', '1_000', '1:30', '1.50', '.5', '1e3', '1.0e+3', '.inf', '.NaN', '2001-12-14', '2001-12-14t21:59:43.10-05:00', 'a:b', 'a#b', '^(?!stable).*$', 'x  ', 'a\u00a0', 'ü'];
/** Values it leaves to the package. */
const RARE_VALUES = ['-3', 'a: b', 'a #b', 'tail:', '\u00a0a', '"q"', "'q'", '[a, b]', '{a: b}', '|', '>-', '!tag x', '&a x', '*a', '@x', '`x', '%x', '? x', ': x', '- x', '-x', ',x', '#x'];

function generated(rand: () => number): string {
  const any = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const pick = <T>(xs: readonly T[]) => (xs === (KEYS as readonly unknown[]) && rand() < 0.03 ? any(RARE_KEYS as unknown as T[]) : xs === (VALUES as readonly unknown[]) && rand() < 0.1 ? any(RARE_VALUES as unknown as T[]) : any(xs));
  const lines: string[] = [];
  const body = (indent: number, depth: number) => {
    const n = 1 + Math.floor(rand() * 3);
    const pad = ' '.repeat(indent);
    const seq = rand() < 0.3;
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.05) lines.push('');
      else if (r < 0.08) lines.push(`${rand() < 0.5 ? '' : pad}# note`);
      const dash = seq ? `${pad}-${rand() < 0.9 ? ' ' : '   '}` : pad;
      const head = seq ? dash : `${pad}${pick(KEYS)}:`;
      const shape = rand();
      if (depth < 3 && shape < 0.35) {
        if (seq) {
          lines.push(`${dash}${pick(KEYS)}: ${pick(VALUES)}`);
          if (rand() < 0.5) lines.push(`${' '.repeat(dash.length)}${pick(KEYS)}:${rand() < 0.5 ? '' : ' '}`);
        } else {
          lines.push(head + (rand() < 0.1 ? '  ' : ''));
          body(indent + (rand() < 0.9 ? 2 : rand() < 0.5 ? 0 : 4), depth + 1);
        }
      } else if (shape < 0.4) lines.push(seq ? `${dash}` : `${head}`);
      else lines.push(seq ? `${dash}${pick(VALUES)}` : `${head}${rand() < 0.9 ? ' ' : '   '}${pick(VALUES)}`);
      if (rand() < 0.03) lines.push(`${pad}  continued`);
    }
  };
  const items = 3 + Math.floor(rand() * 4);
  for (let i = 0; i < items; i++) {
    lines.push(`- ${pick(['job', 'project', 'y', 'x'])}:`);
    body(4, 0);
    if (rand() < 0.1) lines.push('# between');
  }
  return lines.join('\n') + (rand() < 0.9 ? '\n' : '');
}

test('anchors and their aliases: the items from the first to the last are composed together by the package', () => {
  const items = Array.from({ length: 8 }, (_, i) => `- job:\n    name: j${i}\n    files:\n      - a${i}\n`);
  items[2] = '- job:\n    name: j2\n    files: &f\n      - shared\n';
  items[5] = '- job:\n    name: j5\n    files: *f\n';
  assert.ok(same(items.join(''), 'an anchor in the third item, its alias in the sixth'));
  items[0] = '- job:\n    name: j0\n    vars: &v\n      a: 1\n';
  items[7] = '- job:\n    name: j7\n    vars:\n      <<: *v\n';
  assert.ok(same(items.join(''), 'an anchor in the first item, a merge of it in the last'));
  items[3] = '- job:\n    name: *nowhere\n';
  assert.ok(same(items.join(''), 'an alias of no anchor'));
});

test('generated files of tricky line shapes: the reader builds what the package composes, or hands them back', () => {
  const rand = rng(SEED);
  const runs = Math.round(3000 * SCALE);
  let taken = 0;
  for (let n = 0; n < runs; n++) {
    const text = generated(rand);
    if (same(text, `generated file ${n} (seed ${SEED}):\n${text}`)) taken++;
  }
  assert.ok(taken > runs / 4, `the reader took only ${taken} of ${runs} generated files`);
});

const dir = corpusDir();
const CONFIG = /(?:^|\/)(?:\.?zuul\.d|zuul-tests\.d)\/.*\.ya?ml$|(?:^|\/)\.?zuul\.ya?ml$/;

test('every config file of the corpus: the reader builds what the package composes', (t) => {
  if (!dir) return t.skip('the corpus (../shared/corpus) is not present');
  let files = 0;
  let taken = 0;
  for (const folder of listCorpusFolders()) {
    for (const rel of configFilesOf(folder).filter((f) => CONFIG.test(f))) {
      files++;
      if (same(readFileSync(join(dir, folder, rel), 'utf8'), `${folder}/${rel}`)) taken++;
    }
  }
  t.diagnostic(`${taken} of ${files} files read by the reader`);
  const big = join(dir, 'project-config-e1547b0', 'zuul.d', 'projects.yaml');
  assert.ok(composeBlockList(readFileSync(big, 'utf8'), YAML_OPTIONS), 'the 1.7 MB projects.yaml is read by the reader');
});

const EDITED: [string, number][] = [
  ['project-config-f6a70b1/zuul.d/projects.yaml', 8],
  ['openstack-zuul-jobs-b8ff5c8/zuul.d/jobs.yaml', 30],
  ['zuul-jobs-79fe3eb/zuul.d/general-jobs.yaml', 100],
  ['otc-system-config-b454bff/zuul.d/infra-prod.yaml', 80],
];

for (const [rel, count] of EDITED) {
  const edits = Math.round(count * SCALE);
  test(`random edits of ${rel}: the reader builds what the package composes (${edits} edits, seed ${SEED})`, (t) => {
    let text = corpusText(t, rel);
    if (text === undefined) return;
    const rand = rng(SEED + rel.length);
    let taken = 0;
    for (let n = 0; n < edits; n++) {
      const [what, next] = randomEdit(text, rand);
      // An edit the reader hands back (an anchor, a syntax error) is taken back, so that the next ones are read.
      if (same(next, `edit ${n} (${what}) of ${rel}`)) {
        taken++;
        text = next;
      }
    }
    t.diagnostic(`${taken} of ${edits} edited texts read by the reader`);
    assert.ok(taken >= edits / 4, `the reader took only ${taken} of ${edits} edited texts`);
  });
}
