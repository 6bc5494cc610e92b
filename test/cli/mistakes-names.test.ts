// Names Zuul takes without a word but nobody meant: whitespace in a job or
// project-template name, and secret data keys a playbook cannot name. Zuul's
// own loader (../shared/zuul-oracle) reports nothing for any of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yaml } from '../helpers/marker';
import { at, findings, inlineRepos, starts } from '../helpers/inlineRepos';
import { runCli } from './helpers';

test('whitespace-in-name: a name that swallowed its description, a name with a space, a block-scalar name, a template name', () => {
  const ws = inlineRepos({
    'app/zuul.yaml': yaml`
      - job:
          name: |app-test
            Runs the unit tests.
      - job:
          name: |foo bar
      - job:
          name: |
            blockjob
      - project-template:
          name: |my template
      - job:
          name: fine-name
      - project:
          check:
            jobs:
              - fine-name
    `,
  });
  try {
    const fs = findings(ws, ['whitespace-in-name']);
    const marks = ws.marks('app/zuul.yaml');
    // The block scalar's value starts at its indicator; the marker cannot sit before a "|".
    const block = { line: 6, character: 10 };
    assert.deepEqual(starts(fs), at('app/zuul.yaml', [marks[0], marks[1], block, marks[2]]));
    assert.ok(fs.every((f) => f.severity === 'warning'));
    assert.deepEqual(fs[0].range.end, { line: 2, character: 26 }, 'the whole two-line name is underlined');
    assert.match(fs[0].message, /^The job name "app-test Runs the unit tests\." has whitespace in it: YAML joined the lines below "name:" into the name/);
    assert.match(fs[0].message, /"app-test" alone names no job\. If the following text is a description, put it under "description: \|"/);
    assert.match(fs[1].message, /The job name "foo bar" has whitespace in it: it contains a space\. .* Use "foo-bar" instead\./);
    assert.doesNotMatch(fs[1].message, /alone names no job/);
    assert.match(fs[2].message, /"blockjob\\n" has whitespace in it: it starts or ends with whitespace \(a block scalar keeps its final line break/);
    assert.match(fs[3].message, /The project-template name "my template" .* every templates: list must then repeat it exactly/);
  } finally {
    ws.dispose();
  }
});

test('secret-key-not-variable-name: a doubled colon, a key YAML reads as a number, whitespace, a dash (info); --fix removes only the stray colon', () => {
  const src = yaml`
    - secret:
        name: deploy_key
        data:
          |ssh_private_key:: !encrypted/pkcs1-oaep aGVsbG8=
          1: y
          |" user ": z
          |api-key: x
          good_key: ok
          nested:
            inner-key: 1
  `;
  const ws = inlineRepos({ 'app/zuul.d/secrets.yaml': src });
  try {
    const fs = findings(ws, ['secret-key-not-variable-name']);
    const [colon, user, dash] = ws.marks('app/zuul.d/secrets.yaml');
    // A marker cannot stand before a digit (that is a block scalar's indentation indicator).
    assert.deepEqual(starts(fs), at('app/zuul.d/secrets.yaml', [colon, { line: 4, character: 6 }, user, dash]));
    assert.deepEqual(fs.map((f) => f.severity), ['warning', 'warning', 'warning', 'info']);
    assert.equal(fs[0].range.end.character, 22, 'the key, colon included, is underlined');
    assert.match(fs[0].message, /The secret data key "ssh_private_key:" ends with a colon \("ssh_private_key::" in the file.*deploy_key\.ssh_private_key finds no such key\. Zuul accepts the secret silently\. Write "ssh_private_key"\./);
    assert.match(fs[1].message, /The secret data key 1 is the number 1 for YAML 1\.1/);
    assert.match(fs[2].message, /" user " has whitespace around it/);
    assert.match(fs[3].message, /only as deploy_key\['api-key'\] .* Rename it to "api_key" \(and its uses\)/);

    const fix = runCli(['.', '--fix'], ws.root);
    assert.match(fix.stderr, /fixed: Change to "ssh_private_key"/);
    const after = readFileSync(join(ws.root, 'app/zuul.d/secrets.yaml'), 'utf8');
    // Renaming api-key would break the playbooks that read it; only the slips are rewritten.
    assert.match(after, /^ {6}ssh_private_key: !encrypted\/pkcs1-oaep aGVsbG8=$/m);
    assert.match(after, /^ {6}"user": z$/m);
    assert.match(after, /^ {6}api-key: x$/m);
    assert.match(after, /^ {6}1: y$/m);
  } finally {
    ws.dispose();
  }
});

test('a stray colon is not fixed into a key the secret already has', () => {
  const ws = inlineRepos({ 'app/zuul.yaml': '- secret:\n    name: s\n    data:\n      token: a\n      token:: b\n' });
  try {
    assert.deepEqual(findings(ws, ['secret-key-not-variable-name']).map((f) => f.range.start.line), [4]);
    runCli(['.', '--fix'], ws.root);
    assert.equal(readFileSync(join(ws.root, 'app/zuul.yaml'), 'utf8'), '- secret:\n    name: s\n    data:\n      token: a\n      token:: b\n');
  } finally {
    ws.dispose();
  }
});
