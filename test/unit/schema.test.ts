import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/zuul/parse';
import { SCHEMA_RULES, validateItem, type SchemaContext } from '../../server/src/zuul/schema';
import { suggest } from '../../server/src/zuul/suggest';
import { classifyZuulRegex, negatedEquivalent } from '../../server/src/zuul/regex';
import type { Finding } from '../../server/src/zuul/types';

/** Lines joined with \n, so that positions in the assertions are easy to count. */
const y = (...lines: string[]) => lines.join('\n') + '\n';

function check(text: string, ctx?: SchemaContext): Finding[] {
  const f = parseFile('/r/zuul.yaml', text);
  assert.deepEqual(f.findings.map((x) => x.message), [], 'fixture must parse cleanly');
  return f.items.flatMap((i) => validateItem(f, i, ctx));
}

/** [startLine, startChar, endLine, endChar] */
const at = (f: Finding) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];

function only(text: string, rule: string, ctx?: SchemaContext): Finding {
  const all = check(text, ctx);
  assert.deepEqual(all.map((f) => f.rule), [rule], all.map((f) => f.message).join('\n'));
  return all[0];
}

function clean(text: string, ctx?: SchemaContext): void {
  const all = check(text, ctx);
  assert.deepEqual(all.map((f) => `${f.rule}: ${f.message}`), []);
}

// ---------------------------------------------------------------- registry

test('every rule has a unique id, a summary and a docs link', () => {
  const ids = SCHEMA_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of SCHEMA_RULES) {
    assert.match(r.id, /^[a-z]+(-[a-z0-9]+)*$/);
    assert.ok(r.summary.length > 10);
    assert.match(r.docs ?? '', /^https:\/\/zuul-ci\.org\/docs\/zuul\/latest\/config\//);
  }
  const sev = Object.fromEntries(SCHEMA_RULES.map((r) => [r.id, r.severity]));
  assert.equal(sev['python-only-regex'], 'warning');
  assert.equal(sev['multi-key-job-entry'], 'warning');
  assert.equal(sev['explicit-protected-false'], 'warning');
  assert.equal(sev['unknown-attribute'], 'error');
});

// ---------------------------------------------------------------- valid stanzas

test('a rich but valid job, project, template, nodeset, secret, semaphore, queue, pragma and pipeline have no findings', () => {
  clean(y(
    '- pragma:',
    '    implied-branch-matchers: true',
    '    implied-branches: [master, {regex: "^stable/.*", negate: false}]',
    '- nodeset:',
    '    name: two-nodes',
    '    nodes:',
    '      - name: [primary, alias]',
    '        label: ubuntu-jammy',
    '      - name: secondary',
    '        label: ubuntu-jammy',
    '    groups:',
    '      - name: switches',
    '        nodes: [primary, secondary]',
    '      - name: peers',
    '        nodes: alias',
    '- nodeset:',
    '    name: either',
    '    alternatives:',
    '      - two-nodes',
    '      - nodes: {name: n, label: big}',
    '- secret:',
    '    name: site_creds',
    '    data:',
    '      user: zuul',
    '      password: !encrypted/pkcs1-oaep',
    '        - QUJDRA==',
    '        - RUZHSA==',
    '      token: !encrypted/pkcs1-oaep QUJDRA==',
    '- semaphore:',
    '    name: deploy',
    '    max: 2',
    '- queue:',
    '    name: integrated',
    '    per-branch: true',
    '    allow-circular-dependencies: true',
    '    dependencies-by-topic: true',
    '- job:',
    '    name: base-test',
    '    parent: null',
    '    abstract: true',
    '    intermediate: true',
    '    protected: true',
    '    attribute-control: {vars: {final: true}}',
    '    timeout: 1800',
    '    pre-timeout: 600',
    '    attempts: yes',
    '    ansible-version: 9',
    '    semaphores: [deploy, {name: other, resources-first: true}]',
    '    pre-run: playbooks/pre.yaml',
    '    run:',
    '      - name: playbooks/run.yaml',
    '        semaphores: playbook-lock',
    '    post-run:',
    '      - name: playbooks/cleanup.yaml',
    '        cleanup: true',
    '    secrets:',
    '      - site_creds',
    '      - {name: creds, secret: site_creds, pass-to-parent: true}',
    '    nodeset:',
    '      nodes:',
    '        - name: controller',
    '          label: ubuntu-noble',
    '    roles:',
    '      - zuul: opendev/base-jobs',
    '    required-projects: !inherit',
    '      - opendev/system-config',
    '      - {name: zuul/zuul-jobs, override-checkout: master}',
    '    vars: !override',
    '      foo_bar: 1',
    '      nested: {any-key: ok, zuul: fine-when-nested}',
    '    host-vars:',
    '      controller: {x1: 2}',
    '    include-vars:',
    '      - vars.yaml',
    '      - {name: other.yaml, zuul-project: true, use-ref: false}',
    '    dependencies:',
    '      - infra-prod-bootstrap-bridge',
    '      - {name: soft-dep, soft: true}',
    '    files: !inherit',
    '      - ^playbooks/.*',
    '      - {regex: ^docs/.*, negate: true}',
    '    irrelevant-files: [^doc/.*$]',
    '    branches: ["^master$"]',
    '    tags: !override [a, b]',
    '    failure-output: ["^ERROR: .*"]',
    '    workspace-checkout: auto',
    '    deduplicate: false',
    '    workspace-scheme: flat',
    '- project-template:',
    '    name: tmpl',
    '    queue: integrated',
    '    check:',
    '      jobs:',
    '        - base-test',
    '- project:',
    '    name: ^opendev/.*$',
    '    templates: [tmpl]',
    '    merge-mode: squash-merge',
    '    vars: {ansible_host: allowed-for-projects}',
    '    check:',
    '      fail-fast: true',
    '      jobs:',
    '        - base-test',
    '        - other-job:',
    '            voting: false',
    '            dependencies: [{name: base-test, soft: true}]',
    '    gate:',
    '      debug: true',
    '- pipeline:',
    '    name: gate',
    '    manager: dependent',
    '    precedence: high',
    '    supercedes: check',
    '    trigger:',
    '      gerrit:',
    '        - event: comment-added',
    '      timer:',
    '        - time: "0 0 * * *"',
    '    require: {gerrit: {open: true}}',
    '    success:',
    '      gerrit: {Verified: 2, submit: true}',
    '      mysql:',
    '    window: 20',
    '    window-floor: 3',
    '    window-ceiling: 8',
    '    window-increase-type: exponential',
  ));
});

test('anchors, aliases and merge keys are resolved like PyYAML does', () => {
  clean(y(
    '- job:',
    '    name: a',
    '    vars: &common',
    '      x: 1',
    '    nodeset:',
    '      nodes:',
    '        - &node {name: bridge, label: jammy}',
    '      groups:',
    '        - &grp {name: bastion, nodes: [bridge]}',
    '- job:',
    '    name: b',
    '    vars:',
    '      <<: *common',
    '      y: 2',
    '    nodeset:',
    '      nodes:',
    '        - <<: *node',
    '        - name: other',
    '          label: jammy',
    '      groups:',
    '        - <<: *grp',
    '- project:',
    '    deploy:',
    '      jobs: &deploy',
    '        - infra-prod-base: &base',
    '            dependencies: [bootstrap]',
    '        - infra-prod-x:',
    '            <<: *base',
    '            voting: false',
    '    periodic:',
    '      jobs: *deploy',
  ));
});

test('y and n are strings for PyYAML (unlike yes/no)', () => {
  clean(y('- job:', '    name: y', '    vars: {n: 1, Y: 2}', '    branches: N'));
  assert.equal(only(y('- job:', '    name: x', '    voting: y'), 'wrong-type').rule, 'wrong-type');
});

test('a merged attribute is still validated', () => {
  const f = only(y(
    '- job:',
    '    name: a',
    '    vars: &bad',
    '      tiemout: 1',
    '- job:',
    '    name: b',
    '    <<: *bad',
  ), 'unknown-attribute');
  assert.deepEqual(at(f), [3, 6, 3, 13]);
});

// ---------------------------------------------------------------- unknown-attribute / suggestions

test('unknown-attribute underlines the key and suggests the closest attribute', () => {
  const f = only(y('- job:', '    name: x', '    dependecies: [a]'), 'unknown-attribute');
  assert.deepEqual(at(f), [2, 4, 2, 15]);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /Unknown attribute "dependecies" for a job: Zuul rejects this job \("extra keys not allowed"\)\. Did you mean "dependencies"\?/);
  assert.deepEqual(f.data?.suggestions?.[0], 'dependencies');
});

test('unknown-attribute in nested mappings, variants, templates and renamed pipeline keys', () => {
  const nested = only(y('- job:', '    name: x', '    secrets:', '      - {name: a, secret: b, pass_to_parent: true}'), 'unknown-attribute');
  assert.deepEqual(at(nested), [3, 29, 3, 43]);
  assert.deepEqual(nested.data?.suggestions, ['pass-to-parent']);

  const variant = only(y('- project:', '    check:', '      jobs:', '        - foo:', '            name: bar'), 'unknown-attribute');
  assert.deepEqual(at(variant), [4, 12, 4, 16]);
  assert.match(variant.message, /project-pipeline job variant: Zuul rejects this project/);

  const queue = only(y('- project:', '    gate:', '      queue: integrated', '      jobs: [a]'), 'unknown-attribute');
  assert.match(queue.message, /removed in Zuul 7\.0\.0/);

  const tmpl = only(y('- project-template:', '    name: t', '    templates: [a]'), 'unknown-attribute');
  assert.deepEqual(at(tmpl), [2, 4, 2, 13]);
  assert.match(tmpl.message, /only takes name, description, queue, vars and pipelines/);

  const typo = only(y('- project:', '    template: [a]'), 'unknown-attribute');
  assert.deepEqual(typo.data?.suggestions, ['templates']);

  const renamed = only(y('- pipeline:', '    name: p', '    manager: independent', '    trigger: {}', '    merge-failure: {gerrit: {}}'), 'unknown-attribute');
  assert.deepEqual(renamed.data?.suggestions, ['merge-conflict']);
  assert.match(renamed.message, /renamed it "merge-conflict"/);

  const inlineName = only(y('- job:', '    name: x', '    nodeset:', '      name: n', '      nodes: []'), 'unknown-attribute');
  assert.match(inlineName.message, /inline nodeset must not have a name/);
});

test('an unknown project key with a mapping value is a pipeline, not an error', () => {
  clean(y('- project:', '    my-custom-pipeline:', '      jobs: [a]'));
});

test('suggest ranks by edit distance and counts a transposition as one edit', () => {
  assert.deepEqual(suggest('dependecies', ['description', 'dependencies', 'pre-run']), ['dependencies']);
  assert.deepEqual(suggest('irrelevant_files', ['files', 'irrelevant-files']), ['irrelevant-files']);
  assert.deepEqual(suggest('tiemout', ['timeout', 'pre-timeout', 'post-timeout']), ['timeout']);
  assert.deepEqual(suggest('zzz', ['timeout']), []);
  assert.equal(suggest('nods', ['nodes', 'nodeset', 'name', 'notes'], 2).length, 2);
});

// ---------------------------------------------------------------- wrong-type / invalid-value / missing-required

test('wrong-type: str rejects numbers and YAML 1.1 booleans; int rejects strings and floats', () => {
  const name = only(y('- job:', '    name: 123'), 'wrong-type');
  assert.deepEqual(at(name), [1, 10, 1, 13]);
  assert.match(name.message, /"name" must be a string, not an integer \(123\): Zuul rejects this job \("expected str"\)\. Quote it/);

  const branches = only(y('- job:', '    name: x', '    branches: no'), 'wrong-type');
  assert.deepEqual(at(branches), [2, 14, 2, 16]);
  assert.match(branches.message, /reads no as a boolean; quote it: "no"/);

  const timeout = only(y('- job:', '    name: x', '    timeout: "30"'), 'wrong-type');
  assert.deepEqual(at(timeout), [2, 13, 2, 17]);
  assert.match(timeout.message, /"timeout" must be an integer/);

  assert.equal(only(y('- job:', '    name: x', '    timeout: 1.0'), 'wrong-type').rule, 'wrong-type');
  clean(y('- job:', '    name: x', '    timeout: true', '    attempts: 0x10'));

  const templates = only(y('- project:', '    templates: foo'), 'wrong-type');
  assert.match(templates.message, /"templates" must be a list of strings/);

  const pipelineValue = only(y('- project:', '    check: [a]'), 'wrong-type');
  assert.deepEqual(at(pipelineValue), [1, 11, 1, 14]);

  const nullValue = only(y('- job:', '    name: x', '    parent: base', '    description:'), 'wrong-type');
  assert.deepEqual(at(nullValue), [3, 4, 3, 15], 'an empty value underlines its key');
});

test('invalid-value: enums, ranges, attribute-control, include-vars and role combinations', () => {
  const ws = only(y('- job:', '    name: x', '    workspace-scheme: gopath'), 'invalid-value');
  assert.deepEqual(at(ws), [2, 22, 2, 28]);
  assert.match(ws.message, /"gopath" is not a valid value for "workspace-scheme"/);

  const mm = only(y('- project:', '    merge-mode: merge-ort'), 'invalid-value');
  assert.deepEqual(mm.data?.suggestions?.includes('merge'), true);

  const win = only(y('- pipeline:', '    name: p', '    manager: dependent', '    trigger: {}', '    window: -1'), 'invalid-value');
  assert.match(win.message, /at least 0/);

  const ac = only(y('- job:', '    name: x', '    attribute-control: {vars: {final: false}}'), 'invalid-value');
  assert.match(ac.message, /exactly \{final: true\}/);

  assert.match(only(y('- job:', '    name: x', '    include-vars: [{name: v.yaml, project: p, zuul-project: true}]'), 'invalid-value').message, /cannot have both/);
  assert.match(only(y('- job:', '    name: x', '    include-vars: {name: v.yaml, use-ref: true}'), 'invalid-value').message, /only accepted together with "zuul-project"/);
  assert.match(only(y('- job:', '    name: x', '    roles: [{zuul: a/b, galaxy: c}]'), 'invalid-value').message, /either "zuul" or "galaxy"/);
  assert.match(only(y('- nodeset:', '    name: n', '    nodes: []', '    alternatives: [a]'), 'invalid-value').message, /either "nodes"\/"groups" or "alternatives"/);
});

test('missing-required underlines the item key for top-level attributes, the entry otherwise', () => {
  const job = only(y('- job:', '    description: no name'), 'missing-required');
  assert.deepEqual(at(job), [0, 2, 0, 5]);
  assert.match(job.message, /A job needs "name": Zuul rejects this job \("required key not provided"\)/);

  const sec = only(y('- job:', '    name: x', '    secrets:', '      - name: creds'), 'missing-required');
  assert.deepEqual(at(sec), [3, 8, 3, 12]);
  assert.match(sec.message, /secret entry needs "secret"/);

  const pipe = check(y('- pipeline:', '    name: p'));
  assert.deepEqual(pipe.map((f) => [f.rule, f.data?.missing]), [['missing-required', 'manager'], ['missing-required', 'trigger']]);

  const ns = only(y('- nodeset:', '    name: empty'), 'missing-required');
  assert.deepEqual(at(ns), [0, 2, 0, 9]);
  assert.match(ns.message, /needs "nodes" \(or "alternatives"\)/);
});

// ---------------------------------------------------------------- job lists (reference §2.4)

test('job list entries: null and string values are errors, several keys a warning', () => {
  const nul = only(y('- project:', '    check:', '      jobs:', '        - foo:'), 'wrong-type');
  assert.deepEqual(at(nul), [3, 10, 3, 13]);
  assert.match(nul.message, /write "- foo" \(no colon\)/);

  const s = only(y('- project:', '    check:', '      jobs:', '        - name: foo'), 'wrong-type');
  assert.deepEqual(at(s), [3, 16, 3, 19]);
  assert.match(s.message, /declares a job called "name"/);

  const multi = only(y('- project:', '    check:', '      jobs:', '        - foo: {voting: false}', '          bar: {}'), 'multi-key-job-entry');
  assert.deepEqual(at(multi), [4, 10, 4, 13]);
  assert.equal(multi.severity, 'warning');
  assert.match(multi.message, /only uses the first one \("foo"\) and silently ignores "bar"/);

  const num = only(y('- project:', '    check:', '      jobs:', '        - 42'), 'wrong-type');
  assert.deepEqual(at(num), [3, 10, 3, 12]);

  assert.equal(only(y('- project:', '    check:', '      jobs: foo'), 'wrong-type').rule, 'wrong-type');
});

// ---------------------------------------------------------------- tags

test('tag-not-allowed: !override/!inherit outside Tag<> attributes, !encrypted outside secret data', () => {
  const br = only(y('- job:', '    name: x', '    branches: !override [master]'), 'tag-not-allowed');
  assert.deepEqual(at(br), [2, 14, 2, 23]);

  const pv = only(y('- project:', '    vars: !inherit {a: 1}'), 'tag-not-allowed');
  assert.deepEqual(at(pv), [1, 10, 1, 18]);

  const enc = only(y('- job:', '    name: x', '    vars:', '      password: !encrypted/pkcs1-oaep QUJDRA=='), 'tag-not-allowed');
  assert.deepEqual(at(enc), [3, 16, 3, 37]);
  assert.match(enc.message, /only allowed inside the data of a secret/);

  const nested = only(y('- job:', '    name: x', '    vars:', '      a: !override {b: 1}'), 'tag-not-allowed');
  assert.deepEqual(at(nested), [3, 9, 3, 18]);
});

// ---------------------------------------------------------------- variables

test('invalid-variable-name and reserved-variable-name (reference §3.13)', () => {
  const bad = only(y('- job:', '    name: x', '    vars:', '      foo-bar: 1'), 'invalid-variable-name');
  assert.deepEqual(at(bad), [3, 6, 3, 13]);
  assert.deepEqual(bad.data?.suggestions, ['foo_bar']);
  assert.equal(only(y('- job:', '    name: x', '    extra-vars: {1abc: 1}'), 'invalid-variable-name').rule, 'invalid-variable-name');
  assert.equal(only(y('- job:', '    name: x', '    group-vars: {g: {_x: 1}}'), 'invalid-variable-name').rule, 'invalid-variable-name');

  const res = only(y('- job:', '    name: x', '    host-vars:', '      h:', '        ansible_python_interpreter: /usr/bin/python3'), 'reserved-variable-name');
  assert.deepEqual(at(res), [4, 8, 4, 34]);
  assert.match(res.message, /Defining a variable named "ansible_python_interpreter" is not allowed/);

  assert.equal(only(y('- project:', '    vars: {nodepool: 1}'), 'reserved-variable-name').rule, 'reserved-variable-name');

  const secret = only(y('- job:', '    name: x', '    run: r.yaml', '    secrets: my-secret'), 'invalid-variable-name');
  assert.deepEqual(at(secret), [3, 13, 3, 22]);
  assert.match(secret.message, /mapping form \{name: my_secret, secret: my-secret\}/);
  assert.equal(only(y('- job:', '    name: x', '    run: r.yaml', '    secrets: [{name: zuul, secret: s}]'), 'reserved-variable-name').rule, 'reserved-variable-name');
});

// ---------------------------------------------------------------- job stanza rules

test('intermediate-not-abstract, post-review-unset, explicit-protected-false', () => {
  const inter = only(y('- job:', '    name: x', '    intermediate: true'), 'intermediate-not-abstract');
  assert.deepEqual(at(inter), [2, 4, 2, 16]);
  assert.match(inter.message, /An intermediate job must also be abstract/);

  const pr = only(y('- job:', '    name: x', '    post-review: false'), 'post-review-unset');
  assert.deepEqual(at(pr), [2, 17, 2, 22]);

  const prot = only(y('- job:', '    name: x', '    protected: false'), 'explicit-protected-false');
  assert.deepEqual(at(prot), [2, 15, 2, 20]);
  assert.equal(prot.severity, 'warning');
});

test('deprecated-attribute: cleanup-run warns, success-url/failure-url are info', () => {
  const all = check(y('- job:', '    name: x', '    cleanup-run: playbooks/c.yaml', '    success-url: http://x', '    failure-url: http://y'));
  assert.deepEqual(all.map((f) => [f.rule, f.severity, at(f)]), [
    ['deprecated-attribute', 'warning', [2, 4, 2, 15]],
    ['deprecated-attribute', 'info', [3, 4, 3, 15]],
    ['deprecated-attribute', 'info', [4, 4, 4, 15]],
  ]);
  assert.match(all[0].message, /Cleanup Run Deprecation.*post-run with "cleanup: true"/);
});

test('semaphore-conflict: one semaphore as job and playbook semaphore', () => {
  const f = only(y('- job:', '    name: x', '    semaphores: lock', '    run:', '      - name: r.yaml', '        semaphores: [other, lock]'), 'semaphore-conflict');
  assert.deepEqual(at(f), [5, 28, 5, 32]);
  assert.match(f.message, /"lock" is specified as both job and playbook semaphore/);
});

test('unknown-ansible-version follows Python str() of the YAML value and the context', () => {
  const f = only(y('- job:', '    name: x', '    ansible-version: 2.9'), 'unknown-ansible-version');
  assert.deepEqual(at(f), [2, 21, 2, 24]);
  assert.match(f.message, /"2\.9" is unknown.*Supported versions are 8, 9, 11/);
  assert.match(only(y('- job:', '    name: x', '    ansible-version: 9.0'), 'unknown-ansible-version').message, /"9\.0"/);
  clean(y('- job:', '    name: x', '    ansible-version: "11"'));
  only(y('- job:', '    name: x', '    ansible-version: 8'), 'unknown-ansible-version', { ansibleVersions: ['9', '11'] });
});

test('ansible-version 8 without a setting: a warning that newer Zuul rejects it; none once the setting says the deployment runs it', () => {
  const f = only(y('- job:', '    name: x', '    ansible-version: 8'), 'unknown-ansible-version');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(at(f), [2, 21, 2, 22]);
  assert.match(f.message, /^Ansible 8 is deprecated in Zuul 11\.3 and gone from newer Zuul, which rejects this job \("Requested ansible version '8' is unknown\. Supported versions are 9, 11"\)\. Move to 9 or 11/);
  assert.deepEqual(f.data?.suggestions, ['9', '11']);
  clean(y('- job:', '    name: x', '    ansible-version: 8'), { ansibleVersions: ['8', '9'] });
});

test('pre-timeout-exceeds-timeout in one stanza', () => {
  const f = only(y('- job:', '    name: x', '    timeout: 60', '    pre-timeout: 120'), 'pre-timeout-exceeds-timeout');
  assert.deepEqual(at(f), [3, 17, 3, 20]);
  assert.match(f.message, /pre-timeout of 120 that exceeds its timeout of 60/);
});

// ---------------------------------------------------------------- regexes

test('python-only-regex for look-aheads, invalid-regex otherwise; failure-output is RE2 only', () => {
  const la = only(y('- job:', '    name: x', '    branches: ^(?!stable/newton).*$'), 'python-only-regex');
  assert.deepEqual(at(la), [2, 14, 2, 35]);
  assert.equal(la.severity, 'warning');
  assert.match(la.message, /Regex Deprecation/);
  assert.match(la.message, /Write \{regex: "\^stable\/newton", negate: true\}/);
  assert.equal(la.data?.negated, '^stable/newton');

  const bad = only(y('- job:', '    name: x', '    files: ["[a"]'), 'invalid-regex');
  assert.deepEqual(at(bad), [2, 12, 2, 16]);

  const negated = only(y('- project:', '    branches:', '      - regex: ^(?!x)', '        negate: true'), 'python-only-regex');
  assert.deepEqual(at(negated), [2, 15, 2, 21]);

  const fo = only(y('- job:', '    name: x', '    failure-output: "(?=x)"'), 'invalid-regex');
  assert.match(fo.message, /RE2 only/);

  assert.equal(only(y('- project:', '    name: ^foo(', '    check: {jobs: []}'), 'invalid-regex').rule, 'invalid-regex');
  assert.equal(only(y('- pragma:', '    implied-branches: "(a)\\\\1"'), 'python-only-regex').rule, 'python-only-regex');
});

test('regex classification heuristics', () => {
  assert.equal(classifyZuulRegex('^stable/.*').kind, 'ok');
  assert.equal(classifyZuulRegex('^(?<!a)b').kind, 'python-only');
  assert.equal(classifyZuulRegex('(a)\\1').kind, 'python-only');
  assert.equal(classifyZuulRegex('a++').kind, 'python-only');
  assert.equal(classifyZuulRegex('(?>a)b').kind, 'python-only');
  assert.equal(classifyZuulRegex('foo\\Z').kind, 'python-only');
  assert.equal(classifyZuulRegex('a+?').kind, 'ok');
  assert.equal(classifyZuulRegex('(?!a').kind, 'invalid');
  assert.equal(classifyZuulRegex('\\e').kind, 'invalid');
  assert.equal(classifyZuulRegex('a**').kind, 'invalid');
});

test('negatedEquivalent rewrites only the ^(?!X) idiom', () => {
  assert.equal(negatedEquivalent('^(?!stable/(newton|ocata)).*$'), '^stable/(newton|ocata)');
  assert.equal(negatedEquivalent('^(?!(stable|driverfixes))'), '^(stable|driverfixes)');
  assert.equal(negatedEquivalent('^(?!a|b).*$'), undefined);
  assert.equal(negatedEquivalent('^(?!a)(?!b).*$'), undefined);
  assert.equal(negatedEquivalent('^foo(?!a).*$'), undefined);
});

// ---------------------------------------------------------------- secrets, queues, nodesets, pipelines

test('secret-data-or-oidc: neither, or both', () => {
  const none = only(y('- secret:', '    name: s'), 'secret-data-or-oidc');
  assert.deepEqual(at(none), [0, 2, 0, 8]);
  const both = only(y('- secret:', '    name: s', '    data: {a: b}', '    oidc:'), 'secret-data-or-oidc');
  assert.deepEqual(at(both), [3, 4, 3, 8]);
  clean(y('- secret:', '    name: s', '    oidc: {ttl: 600, claims: {aud: x}}'));
});

test('dependencies-by-topic-requires-circular', () => {
  const f = only(y('- queue:', '    name: q', '    dependencies-by-topic: true'), 'dependencies-by-topic-requires-circular');
  assert.deepEqual(at(f), [2, 4, 2, 25]);
  assert.match(f.message, /allow-circular-dependencies: true/);
});

test('nodeset rules: localhost, duplicates, group members (named and inline)', () => {
  const lh = only(y('- nodeset:', '    name: n', '    nodes:', '      - name: localhost', '        label: l'), 'localhost-node');
  assert.deepEqual(at(lh), [3, 14, 3, 23]);
  const glh = only(y('- nodeset:', '    name: n', '    nodes: []', '    groups:', '      - {name: my-localhost-group, nodes: []}'), 'localhost-node');
  assert.match(glh.message, /Groups named "localhost"/);

  const dup = only(y('- nodeset:', '    name: n', '    nodes:', '      - {name: [a, b], label: l}', '      - {name: b, label: l}'), 'duplicate-node-name');
  assert.deepEqual(at(dup), [4, 15, 4, 16]);
  const dupGroup = only(y('- nodeset:', '    name: n', '    nodes: {name: a, label: l}', '    groups:', '      - {name: g, nodes: a}', '      - {name: g, nodes: a}'), 'duplicate-node-name');
  assert.match(dupGroup.message, /group name "g" appears multiple times/);

  const member = only(y('- job:', '    name: x', '    nodeset:', '      nodes: {name: primary, label: l}', '      groups: [{name: g, nodes: [primry]}]'), 'group-unknown-node');
  assert.deepEqual(at(member), [4, 33, 4, 39]);
  assert.deepEqual(member.data?.suggestions, ['primary']);
});

test('window-ceiling-below-floor uses the default floor of 3', () => {
  const f = only(y('- pipeline:', '    name: gate', '    manager: dependent', '    trigger: {gerrit: {event: x}}', '    window-ceiling: 2'), 'window-ceiling-below-floor');
  assert.deepEqual(at(f), [4, 20, 4, 21]);
  assert.match(f.message, /window-ceiling 2 is less than window-floor 3 \(the default\)/);
});

test('pipeline driver values: mapping, list or null are fine; scalars in trigger are not', () => {
  const f = only(y('- pipeline:', '    name: p', '    manager: independent', '    trigger:', '      gerrit: patchset-created'), 'wrong-type');
  assert.deepEqual(at(f), [4, 14, 4, 30]);
});

test('launcher objects are checked loosely', () => {
  clean(y('- section:', '    name: s', '    some-driver-key: {x: 1}', '- provider:', '    name: p', '    section: s', '    region: r', '- image:', '    name: i', '    type: cloud'));
  assert.match(only(y('- provider:', '    name: p', '    section: s', '    flavor: big'), 'unknown-attribute').message, /Flavor configuration not permitted in Provider/);
  assert.equal(only(y('- image:', '    name: i', '    type: docker'), 'invalid-value').rule, 'invalid-value');
});

test('the same finding through two aliases is reported once', () => {
  const all = check(y(
    '- project:',
    '    check:',
    '      jobs: &j',
    '        - foo: {timeout: soon}',
    '    gate:',
    '      jobs: *j',
  ));
  assert.deepEqual(all.map((f) => f.rule), ['wrong-type']);
});
