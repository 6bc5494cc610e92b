import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Scalar, YAMLMap } from 'yaml';
import { parseFile } from '../../server/src/zuul/parse';
import { marked, yaml } from '../helpers/marker';

const parse = (src: string) => {
  const m = marked(src);
  return { ...parseFile('/r/zuul.yaml', m.text), marks: m.marks };
};
const rules = (p: ReturnType<typeof parse>) => p.findings.map((f) => f.rule);

test('a well-formed file yields its items with names and no findings', () => {
  const p = parse(yaml`
    - job:
        name: infra-prod-base
    - project:
        check:
          jobs: [infra-prod-base]
  `);
  assert.deepEqual(p.findings, []);
  assert.deepEqual(p.items.map((i) => [i.kind, i.name]), [['job', 'infra-prod-base'], ['project', undefined]]);
});

test('YAML 1.1 semantics: on/no are booleans, 1:30 is sexagesimal', () => {
  const p = parse('- job:\n    name: on\n    voting: no\n    timeout: 1:30\n');
  const body = p.items[0].body.toJSON();
  assert.equal(body.name, true);
  assert.equal(body.voting, false);
  assert.equal(body.timeout, 90);
  assert.equal(p.items[0].name, undefined, 'a boolean name is not a job name');
});

test('the three Zuul tags load; any other tag fails the file', () => {
  const ok = parse(yaml`
    - secret:
        name: s
        data:
          password: !encrypted/pkcs1-oaep
            - aGVsbG8gd29ybGQ=
    - job:
        name: j
        vars: !override {a: 1}
        files: !inherit [a]
  `);
  assert.deepEqual(ok.findings, []);
  const bad = parse('- job:\n    name: j\n    vars:\n      x: |!unsafe "{{ a }}"\n');
  assert.deepEqual(rules(bad), ['unknown-tag']);
  assert.deepEqual(bad.findings[0].range.start, bad.marks[0]);
  assert.match(bad.findings[0].message, /!unsafe/);
});

test('anchors, aliases and merge keys are resolved', () => {
  const p = parse(yaml`
    - job:
        name: a
        vars: &v
          x: 1
    - job:
        name: b
        vars:
          <<: *v
          y: 2
  `);
  assert.deepEqual(p.findings, []);
  assert.equal(p.items.length, 2);
});

test('a duplicate key is reported at the second key', () => {
  const p = parse('- job:\n    name: j\n    nodeset: a\n    |nodeset: b\n');
  assert.deepEqual(rules(p), ['duplicate-key']);
  assert.deepEqual(p.findings[0].range, { start: p.marks[0], end: { line: 3, character: 11 } });
  assert.match(p.findings[0].message, /"nodeset" appears more than once/);
});

test('structural errors of reference §1.5', () => {
  assert.deepEqual(rules(parse('job:\n  name: x\n')), ['not-a-list']);
  assert.deepEqual(rules(parse('- just a string\n')), ['item-not-a-mapping']);
  assert.deepEqual(rules(parse('- job:\n')), ['item-not-a-mapping']);
  const multi = parse('- job:\n  |name: x\n');
  assert.deepEqual(rules(multi), ['item-multiple-keys']);
  assert.deepEqual(multi.findings[0].range.start, multi.marks[0]);
  assert.match(multi.findings[0].message, /indentation/);
  const unknown = parse('- |jobs:\n    name: x\n- job:\n    name: y\n');
  assert.deepEqual(rules(unknown), ['unknown-item-type']);
  assert.match(unknown.findings[0].message, /Did you mean "job"/);
  assert.match(unknown.findings[0].message, /the item after it is ignored/);
  assert.match(parse('- tenant:\n    name: t\n').findings[0].message, /tenant configuration/);
});

test('empty and comment-only files have no items and no findings', () => {
  assert.deepEqual(parse('').findings, []);
  assert.deepEqual(parse('# nothing here\n').findings, []);
});

test('syntax errors and a second document are fatal', () => {
  const p = parse('- job:\n    name: [unclosed\n');
  assert.ok(p.fatal);
  assert.ok(rules(p).includes('yaml-syntax'));
  const two = parse('- job:\n    name: a\n---\n- job:\n    name: b\n');
  assert.ok(rules(two).includes('yaml-syntax'));
});

test('bad base64 in an encrypted value is reported', () => {
  const p = parse('- secret:\n    name: s\n    data:\n      k: !encrypted/pkcs1-oaep |abc\n');
  assert.deepEqual(rules(p), ['invalid-encrypted-value']);
  assert.deepEqual(p.findings[0].range.start, p.marks[0]);
});

test('binary junk and deep nesting never throw', () => {
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('utf8');
  assert.doesNotThrow(() => parseFile('/r/x.yaml', junk));
  assert.doesNotThrow(() => parseFile('/r/x.yaml', '['.repeat(20000)));
  assert.doesNotThrow(() => parseFile('/r/x.yaml', Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n')));
});

test('nesting beyond the limit is refused with a clear message', () => {
  const p = parseFile('/r/x.yaml', '['.repeat(20000));
  assert.deepEqual(p.findings.map((f) => f.rule), ['yaml-syntax']);
  assert.match(p.findings[0].message, /levels deep/);
  const ok = parseFile('/r/x.yaml', '- job:\n    name: a\n    vars:\n      a: {b: [c, {d: e}]}\n');
  assert.deepEqual(ok.findings, []);
});

test('y, n and unsigned exponents stay strings, as PyYAML reads them', () => {
  const p = parseFile('/r/x.yaml', '- job:\n    name: y\n    vars:\n      n: 1e3\n      on_: ON\n');
  const body = p.items[0].body.toJSON();
  assert.equal(body.name, 'y');
  assert.deepEqual(body.vars, { n: '1e3', on_: true });
  assert.equal(p.items[0].name, 'y');
});

test('words read as PyYAML reads them: every bool and null spelling, and names that only start like one', () => {
  const cases: [string, unknown][] = [
    ...['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w): [string, unknown] => [w, true]),
    ...['no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w): [string, unknown] => [w, false]),
    ...['null', 'Null', 'NULL', '~'].map((w): [string, unknown] => [w, null]),
    ...['y', 'Y', 'n', 'N', 'yesterday', 'Ontario', 'nully', 'offline', 'TRUEish', 'nan', 'inf', 'e5', 'x1'].map((w): [string, unknown] => [w, w]),
    ['.inf', Infinity],
    ['0x1f', 31],
    ['1_000', 1000],
  ];
  for (const [word, value] of cases) {
    const p = parseFile('/r/x.yaml', `- job:\n    name: a\n    vars:\n      k: ${word}\n      ${word}: k\n`);
    const vars = (p.items[0].body.toJSON() as { vars: Record<string, unknown> }).vars;
    assert.deepEqual(vars.k, value, `the value ${word}`);
    const key = (p.items[0].body.get('vars') as YAMLMap<Scalar, unknown>).items[1].key;
    assert.deepEqual(key.value, value, `the key ${word}`);
  }
});
