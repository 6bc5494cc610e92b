// files-matcher-matches-everything on the built CLI. Zuul's loader
// (../shared/zuul-oracle) says nothing about any of these matchers; what a
// matcher does to a change is Zuul's change_matcher.py: files: runs the job
// when one changed file matches, irrelevant-files skips it when all do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yaml } from '../helpers/marker';
import { at, findings, inlineRepos, starts } from '../helpers/inlineRepos';
import { runCli } from './helpers';

const RULE = ['files-matcher-matches-everything'];

const APP_FILES = {
  'app/src/a.py': '',
  'app/src/b.py': '',
  'app/docs/index.rst': '',
  'app/README.rst': '',
  'app/setup.cfg': '',
  'app/Makefile': '',
};

test('every file: a catch-all irrelevant-files, an empty pattern beside real ones, a negated typo, a lone files: .* with nothing to undo', () => {
  const src = yaml`
    - job:
        name: base
        parent: null
    - job:
        name: never
        irrelevant-files:
          - |^.*$
    - job:
        name: always
        files:
          - ^docs/
          - |""
    - job:
        name: typo
        irrelevant-files:
          - regex: |^scr/
            negate: true
    - job:
        name: lone
        files: |.*
    - project:
        check:
          jobs: [never, always, typo, lone]
  `;
  const ws = inlineRepos({ ...APP_FILES, 'app/zuul.yaml': src });
  try {
    const fs = findings(ws, RULE);
    assert.deepEqual(starts(fs), at('app/zuul.yaml', ws.marks('app/zuul.yaml')));
    assert.ok(fs.every((f) => f.severity === 'warning'));
    assert.match(fs[0].message, /^The irrelevant-files pattern "\^\.\*\$" matches every file of app, so never never runs for a change \(only when its own configuration changes\): Zuul skips a job when every file a change touches matches irrelevant-files\. .*to stop running the job, remove it from the job list instead\.$/);
    assert.match(fs[1].message, /^The files pattern "" matches every file of app, so always runs for every change, as if it had no files: matcher, and the other patterns of the list change nothing\./);
    assert.match(fs[2].message, /^The negated irrelevant-files pattern \{regex: "\^scr\/", negate: true\} matches every file of app \("\^scr\/" itself matches none\), so typo never runs .* Did you mean \{regex: "\^src\/", negate: true\}\?$/);
    assert.match(fs[3].message, /^The files pattern "\.\*" matches every file of app, so lone runs for every change, as if it had no files: matcher\./);

    // The negated typo's regex has one near existing path: --fix writes it, and nothing else changes.
    const fix = runCli(['.', '--fix'], ws.root);
    assert.match(fix.stderr, /fixed: Change to "\^src\/"/);
    assert.equal(readFileSync(join(ws.root, 'app/zuul.yaml'), 'utf8'), src.replace(/\|/g, '').replace('regex: ^scr/', 'regex: ^src/'));
  } finally {
    ws.dispose();
  }
});

test('nearly every file: a pattern with no name in it (".*\\..*", a glob turned regex) matching at least 90% of the files; "^.*\\.rst$" over a repo of documents is not one', () => {
  const files: Record<string, string> = { 'manuals/Makefile': '' };
  for (let i = 0; i < 20; i++) files[`manuals/source/page${i}.rst`] = '';
  const ws = inlineRepos({
    ...files,
    'manuals/zuul.yaml': yaml`
      - job:
          name: build
          irrelevant-files: [|.*\\..*]
      - job:
          name: lint
          irrelevant-files: [^.*\\.rst$]
      - project:
          check:
            jobs: [build, lint]
    `,
  });
  try {
    const fs = findings(ws, RULE);
    assert.deepEqual(starts(fs), at('manuals/zuul.yaml', ws.marks('manuals/zuul.yaml')));
    assert.match(fs[0].message, /^The irrelevant-files pattern "\.\*\\\.\.\*" matches 21 of the 22 files of manuals \(all but "Makefile"\) and names no file or folder, only the shape of a path: "nearly every file" here means at least 90% of them by such a pattern/);
    assert.match(fs[0].message, /so build runs only for changes that touch one of the few files it leaves out/);
  } finally {
    ws.dispose();
  }
});

test('irrelevant-files that cover every file only together are one finding on the key', () => {
  const ws = inlineRepos({
    ...APP_FILES,
    'app/zuul.yaml': yaml`
      - job:
          name: j
          |irrelevant-files:
            - ^src/
            - ^docs/
            - ^[A-Z]
            - ^setup
            - ^zuul
      - project:
          check:
            jobs: [j]
    `,
  });
  try {
    const fs = findings(ws, RULE);
    assert.deepEqual(starts(fs), at('app/zuul.yaml', ws.marks('app/zuul.yaml')));
    assert.match(fs[0].message, /^Together, these 5 irrelevant-files patterns match every file of app, so j never runs for a change/);
  } finally {
    ws.dispose();
  }
});

test('files: ^.*$ alone where the job inherits a files: matcher is how a project undoes it, and is left alone', () => {
  const ws = inlineRepos({
    ...APP_FILES,
    'app/zuul.yaml': yaml`
      - job:
          name: narrow
          files: [^src/]
      - job:
          name: child
          parent: narrow
          files: ^.*$
      - project:
          check:
            jobs:
              - narrow:
                  files: [^.*$]
              - child
    `,
  });
  try {
    assert.deepEqual(findings(ws, RULE), []);
  } finally {
    ws.dispose();
  }
});
