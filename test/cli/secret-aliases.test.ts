// The variable a secret is exposed as, as Zuul's own loader
// (../shared/zuul-oracle) decides it: a {name: bad-alias} entry is rejected
// in any stanza (schema: "Invalid Ansible variable name"), a string-form
// alias only in a stanza with playbooks of its own, where the secret is bound
// ("Variable names may only contain letters, numbers, and underscores",
// reserved names too); `secrets: [app-token]` elsewhere loads fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yaml } from '../helpers/marker';
import { at, findings, inlineRepos, starts } from '../helpers/inlineRepos';

test('invalid-variable-name on secrets: the string form is checked only where the stanza has playbooks, with Zuul\'s own pattern (fails before the fix: secrets: [app-token] without playbooks was an error)', () => {
  const ws = inlineRepos({
    'app/zuul.yaml': yaml`
      - secret:
          name: app-token
          data: {token: t}
      - secret:
          name: _tok
          data: {token: t}
      - job:
          name: no-playbooks
          secrets: [app-token]
      - job:
          name: empty-run
          run: []
          secrets: [app-token]
      - job:
          name: with-run
          run: playbooks/run.yaml
          secrets: [|app-token, _tok]
      - job:
          name: pre-run-only
          pre-run: playbooks/pre.yaml
          secrets:
            - |app-token
      - job:
          name: mapping-form
          secrets:
            - name: |bad-alias
              secret: app-token
      - project:
          check:
            jobs:
              - no-playbooks:
                  secrets: [app-token]
    `,
    'app/playbooks/run.yaml': '',
    'app/playbooks/pre.yaml': '',
  });
  try {
    const fs = findings(ws, ['invalid-variable-name', 'reserved-variable-name']);
    assert.deepEqual(starts(fs), at('app/zuul.yaml', ws.marks('app/zuul.yaml')), fs.map((f) => f.message).join('\n'));
    assert.match(fs[0].message, /exposed to this stanza's playbooks as the variable "app-token".*\("Variable names may only contain letters, numbers, and underscores"\)\. Use the mapping form \{name: app_token, secret: app-token\}/);
    assert.match(fs[2].message, /\("Invalid Ansible variable name 'bad-alias'"\)/);
  } finally {
    ws.dispose();
  }
});

test('reserved-variable-name on a secret alias only where the stanza has playbooks', () => {
  const ws = inlineRepos({
    'app/zuul.yaml': yaml`
      - secret:
          name: zuul
          data: {token: t}
      - job:
          name: quiet
          secrets: [{name: nodepool, secret: zuul}, zuul]
      - job:
          name: loud
          run: playbooks/run.yaml
          secrets: [{name: |nodepool, secret: zuul}, |zuul]
    `,
    'app/playbooks/run.yaml': '',
  });
  try {
    const fs = findings(ws, ['invalid-variable-name', 'reserved-variable-name']);
    assert.deepEqual(starts(fs), at('app/zuul.yaml', ws.marks('app/zuul.yaml')));
    assert.match(fs[1].message, /\("Defining a variable named 'zuul' is not allowed"\)\. Use the mapping form \{name: zuul_secret, secret: zuul\}/);
  } finally {
    ws.dispose();
  }
});

test('unknown-secret says when Zuul looks the name up: as it loads (own playbooks), when it freezes (pass-to-parent), or never (no playbooks); at the alias of a borrowed list', () => {
  const ws = inlineRepos({
    'app/zuul.yaml': yaml`
      - job:
          name: loads
          run: playbooks/run.yaml
          secrets: &shared
            - |gone
      - job:
          name: borrows
          run: playbooks/run.yaml
          secrets: |*shared
      - job:
          name: passes
          parent: loads
          secrets:
            - name: afs
              secret: |gone-too
              pass-to-parent: true
      - job:
          name: holds
          secrets: [|never-used]
    `,
    'app/playbooks/run.yaml': '',
  });
  try {
    const fs = findings(ws, ['unknown-secret']);
    assert.deepEqual(starts(fs), at('app/zuul.yaml', ws.marks('app/zuul.yaml')), fs.map((f) => f.message).join('\n'));
    assert.deepEqual(fs.map((f) => f.severity), ['error', 'error', 'error', 'warning']);
    assert.match(fs[1].message, /Zuul rejects job borrows \('The secret "gone" was not found\.'\)/);
    assert.match(fs[2].message, /fails every job graph that runs it \("Secret gone-too not found"\)/);
    assert.match(fs[3].message, /no playbook of its own to give it to, so Zuul never looks it up/);
  } finally {
    ws.dispose();
  }
});
