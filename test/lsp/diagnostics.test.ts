// Finding -> Diagnostic at the protocol edge, including the optional fields
// that the fixture workspace cannot provoke (relatedInformation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDiagnostic, toRange, type DiagnosticOptions } from '../../server/src/lsp/diagnostics';
import type { Finding } from '../../server/src/zuul/types';
import type { RuleInfo } from '../../server/src/zuul/rules';

const rules = new Map<string, RuleInfo>([['unknown-parent', { id: 'unknown-parent', severity: 'error', summary: 's', docs: 'https://zuul-ci.org/docs/zuul/latest/config/job.html' }]]);
const opts = (relatedInformation: boolean, codeDescription: boolean): DiagnosticOptions => ({ relatedInformation, codeDescription, rules, uri: (p) => `file://${p}` });
const finding: Finding = {
  rule: 'unknown-parent',
  severity: 'warning',
  message: 'No job named "bsae" exists.',
  file: '/r/zuul.d/jobs.yaml',
  range: { start: { line: 3, character: 12 }, end: { line: 3, character: 16 } },
  related: [{ file: '/r/zuul.d/base.yaml', range: { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } }, message: 'did you mean this job?' }],
  data: { suggestions: ['base'] },
};

test('a capable client gets codeDescription, relatedInformation and data', () => {
  const d = toDiagnostic(finding, opts(true, true));
  assert.deepEqual(d, {
    range: finding.range,
    severity: 2,
    source: 'zuul',
    code: 'unknown-parent',
    message: finding.message,
    codeDescription: { href: 'https://zuul-ci.org/docs/zuul/latest/config/job.html' },
    relatedInformation: [{ location: { uri: 'file:///r/zuul.d/base.yaml', range: finding.related![0].range }, message: 'did you mean this job?' }],
    data: { suggestions: ['base'] },
  });
});

test('a bare client gets neither codeDescription nor relatedInformation', () => {
  const d = toDiagnostic(finding, opts(false, false));
  assert.equal('codeDescription' in d, false);
  assert.equal('relatedInformation' in d, false);
  assert.deepEqual(d.data, { suggestions: ['base'] });
});

test('severities map to LSP numbers; rules without docs get no codeDescription', () => {
  const sev = (severity: Finding['severity']) => toDiagnostic({ ...finding, rule: 'other', severity, related: undefined }, opts(true, true));
  assert.deepEqual(['error', 'warning', 'info', 'hint'].map((s) => sev(s as Finding['severity']).severity), [1, 2, 3, 4]);
  assert.equal(sev('error').codeDescription, undefined);
});

test('malformed ranges are clamped instead of rejected by the client', () => {
  assert.deepEqual(toRange({ start: { line: -1, character: 2.5 }, end: { line: 0, character: 1 } }), { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } });
  assert.deepEqual(toRange(undefined), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});
