// Regular expressions in pipeline triggers and requirements, which Zuul's
// drivers compile when they load the pipeline (verified with Zuul's own
// loader: "Regex Deprecation" warnings for the look-arounds and \Z, an error
// that drops the pipeline for a pattern Python's re rejects too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { runInline } from './inlineRun';

test('pipeline triggers and requirements: Python-only patterns warn, invalid ones are errors, at the pattern', () => {
  const P = 'config/zuul.d/pipelines.yaml';
  const r = runInline({
    [P]: yaml`
      - pipeline:
          name: post
          manager: supercedent
          post-review: true
          trigger:
            gerrit:
              - event: ref-updated
                ref: |^(?!refs/).*$
              - event: comment-added
                comment: (?i)^\\s*recheck\\s*$
                branch: {regex: |^(?=stable), negate: true}
      - pipeline:
          name: gate
          manager: dependent
          trigger:
            gerrit:
              event: comment-added
              require:
                hashtags: [|^a\\Z]
          require:
            gerrit:
              approval:
                - username: |^(?!bot).*$
                  Verified: 1
            github:
              review:
                - username: ^(?!bot).*$
      - pipeline:
          name: broken
          manager: independent
          trigger:
            gerrit:
              - event: patchset-created
                comment: |"[unclosed"
            timer:
              - time: '0 * * * *'
    `,
  });
  const regex = r.all.filter((f) => f.code === 'python-only-regex' || f.code === 'invalid-regex');
  assert.deepEqual(
    regex.map((f) => [f.code, f.range, f.severity]),
    [
      ['python-only-regex', r.span(P, 0, '^(?!refs/).*$'), 'warning'],
      ['python-only-regex', r.span(P, 1, '^(?=stable)'), 'warning'],
      ['python-only-regex', r.span(P, 2, '^a\\Z'), 'warning'],
      ['python-only-regex', r.span(P, 3, '^(?!bot).*$'), 'warning'],
      ['invalid-regex', r.span(P, 4, '"[unclosed"'), 'error'],
    ],
    r.stderr,
  );
  for (const f of regex.slice(0, 4)) assert.match(f.message, /"Regex Deprecation" \(must conform to RE2 syntax\)/);
  assert.match(regex[0].message, /Write \{regex: "\^refs\/", negate: true\} instead/);
  assert.match(regex[2].message, /\(\\Z\)/);
  assert.match(regex[4].message, /"trigger\.gerrit\[0\]\.comment" is not a valid regular expression \(missing closing \]/);
  assert.match(regex[4].message, /Zuul rejects this pipeline/);
});
