// Every real config tree of the corpus, both states of every case: the
// per-file rules (YAML, structure, schema, discovery) must report exactly the
// problems Zuul itself would report there, no more and no less. Workspace-wide
// checks have their own corpus tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { CHECKS } from '../../server/src/checks/registry';
import type { Finding } from '../../server/src/zuul/types';
import { corpusDir, corpusSettings, listCorpusFolders, materialize } from '../helpers/corpus';

interface Expected {
  folder: string;
  rule: string;
  /** Repo-relative path. */
  file: string;
  /** 1-based; without it `count` covers every line of the file. */
  line?: number;
  count: number;
  /** Why Zuul agrees, from ../shared/zuul-config-reference.md. */
  reason: string;
}

const R = {
  regex: 'RE2 rejects the PCRE look-ahead, Python accepts it: Zuul warns "Regex Deprecation" (§3.6)',
  cleanupRun: 'cleanup-run is deprecated: Zuul warns "Cleanup Run Deprecation" (§2.1, §4)',
  successUrl: 'success-url is accepted and ignored by Zuul (§2.1); §4 lists it among the silent behaviours worth a warning',
  ansible8: 'ansible-version 8: 11.3-era Zuul still runs it (deprecated), the newest source rejects it ("Requested ansible version \'8\' is unknown"): a warning unless zuul.ansibleVersions says (§2.1, §5)',
  ansible28: 'ansible-version 2.8: Zuul knows only 8/9/11, "Requested ansible version \'2.8\' is unknown" (§2.1)',
  pipelineQueue: 'per-pipeline queue was removed in 7.0.0; a pipeline entry is {jobs, debug, fail-fast}: "extra keys not allowed" (§2.2)',
  mergeFailure: 'merge-failure is not a pipeline attribute (now merge-conflict): "extra keys not allowed" (§2.10)',
  hostVarsReserved: 'host-vars may not set ansible_python_interpreter: "Defining a variable named ... is not allowed" (§3.13)',
  dupKey: 'a second nodeset: key in one job: "duplicate keys are not permitted", Zuul rejects the file (§0, §4)',
};

/** The same pre-existing findings in both states of a case. */
const both = (a: string, b: string, rows: Omit<Expected, 'folder'>[]): Expected[] => [a, b].flatMap((folder) => rows.map((r) => ({ folder, ...r })));

// Real findings deliberately absent (engine limits, not false positives):
// - the gerrit `require-approval` deprecation in the project-config
//   pipelines: which driver a connection uses is site configuration (§2.10).
const EXPECTED: Expected[] = [
  { folder: 'base-jobs-fa575ac', rule: 'deprecated-attribute', file: 'zuul.d/jobs.yaml', line: 56, count: 1, reason: R.cleanupRun },
  { folder: 'base-jobs-fa575ac', rule: 'unknown-ansible-version', file: 'zuul.d/jobs.yaml', line: 80, count: 1, reason: R.ansible28 },
  { folder: 'base-jobs-fa575ac', rule: 'deprecated-attribute', file: 'zuul.d/jobs.yaml', line: 88, count: 1, reason: R.cleanupRun },
  { folder: 'base-jobs-fa575ac', rule: 'deprecated-attribute', file: 'zuul.d/jobs.yaml', line: 114, count: 1, reason: R.cleanupRun },
  { folder: 'base-jobs-fa575ac', rule: 'deprecated-attribute', file: 'zuul.d/jobs.yaml', line: 250, count: 1, reason: R.successUrl },
  { folder: 'openstack-zuul-jobs-a0b2595', rule: 'deprecated-attribute', file: 'zuul.d/jobs.yaml', count: 6, reason: R.successUrl },
  { folder: 'openstack-zuul-jobs-a0b2595', rule: 'deprecated-attribute', file: 'zuul.d/zuul-legacy-jobs.yaml', count: 22, reason: R.successUrl },
  { folder: 'openstack-zuul-jobs-a0b2595', rule: 'python-only-regex', file: 'zuul.d/zuul-legacy-jobs.yaml', count: 12, reason: R.regex },
  { folder: 'openstack-zuul-jobs-a0b2595', rule: 'python-only-regex', file: 'zuul.d/zuul-legacy-project-templates.yaml', count: 56, reason: R.regex },
  { folder: 'project-config-e1547b0', rule: 'unknown-attribute', file: 'zuul.d/pipelines.yaml', line: 279, count: 1, reason: R.mergeFailure },
  { folder: 'project-config-e1547b0', rule: 'unknown-attribute', file: 'zuul.d/projects.yaml', count: 38, reason: R.pipelineQueue },
  { folder: 'project-config-e1547b0', rule: 'python-only-regex', file: 'zuul.d/projects.yaml', count: 1035, reason: R.regex },
  { folder: 'system-config-6747cf2', rule: 'reserved-variable-name', file: '.zuul.yaml', line: 399, count: 1, reason: R.hostVarsReserved },
  { folder: 'system-config-6747cf2', rule: 'reserved-variable-name', file: '.zuul.yaml', line: 401, count: 1, reason: R.hostVarsReserved },
  ...both('cases/base-jobs-2842266', 'cases/base-jobs-d916481', [
    { rule: 'unknown-ansible-version', file: 'zuul.d/jobs.yaml', line: 75, count: 1, reason: R.ansible28 },
    { rule: 'unknown-ansible-version', file: 'zuul.d/jobs.yaml', line: 98, count: 1, reason: R.ansible28 },
    { rule: 'deprecated-attribute', file: 'zuul.d/jobs.yaml', line: 248, count: 1, reason: R.successUrl },
  ]),
  { folder: 'cases/openstack-zuul-jobs-b4a8ae3', rule: 'duplicate-key', file: 'zuul.d/zuul-legacy-jobs.yaml', line: 2141, count: 1, reason: R.dupKey },
  { folder: 'cases/openstack-zuul-jobs-b4a8ae3', rule: 'duplicate-key', file: 'zuul.d/zuul-legacy-jobs.yaml', line: 2194, count: 1, reason: R.dupKey },
  { folder: 'cases/openstack-zuul-jobs-b4a8ae3', rule: 'duplicate-key', file: 'zuul.d/zuul-legacy-jobs.yaml', line: 7056, count: 1, reason: R.dupKey },
  ...both('cases/openstack-zuul-jobs-b4a8ae3', 'cases/openstack-zuul-jobs-c12645e', [
    { rule: 'deprecated-attribute', file: 'zuul.d/jobs.yaml', count: 7, reason: R.successUrl },
    { rule: 'deprecated-attribute', file: 'zuul.d/zuul-legacy-jobs.yaml', count: 22, reason: R.successUrl },
    { rule: 'python-only-regex', file: 'zuul.d/zuul-legacy-jobs.yaml', count: 12, reason: R.regex },
    { rule: 'python-only-regex', file: 'zuul.d/zuul-legacy-project-templates.yaml', count: 64, reason: R.regex },
  ]),
  ...both('cases/project-config-7446dbc', 'cases/project-config-729dc51', [
    { rule: 'python-only-regex', file: 'zuul.d/projects.yaml', count: 9, reason: R.regex },
    // `username: ^(?!^zuul$)\S+$` in a gerrit trigger: the drivers compile trigger regexes the same way.
    { rule: 'python-only-regex', file: 'zuul.d/pipelines.yaml', line: 275, count: 1, reason: R.regex },
  ]),
  ...both('cases/zuul-jobs-4e1e155', 'cases/zuul-jobs-819e019', [
    { rule: 'deprecated-attribute', file: 'zuul-tests.d/general-roles-jobs.yaml', line: 711, count: 1, reason: R.cleanupRun },
    { rule: 'unknown-ansible-version', file: 'zuul-tests.d/general-roles-jobs.yaml', line: 203, count: 1, reason: R.ansible8 },
    { rule: 'unknown-ansible-version', file: 'zuul-tests.d/general-roles-jobs.yaml', line: 309, count: 1, reason: R.ansible8 },
  ]),
  ...both('cases/zuul-jobs-74a40ec', 'cases/zuul-jobs-75d7e47', [
    { rule: 'deprecated-attribute', file: 'zuul.yaml', line: 97, count: 1, reason: R.successUrl },
  ]),
  ...both('cases/zuul-jobs-cce734c', 'cases/zuul-jobs-b2c5e4a', [
    { rule: 'deprecated-attribute', file: 'zuul.yaml', count: 5, reason: R.successUrl },
  ]),
  ...both('cases/zuul-jobs-b8a24d6', 'cases/zuul-jobs-d2bcdf1', [
    { rule: 'deprecated-attribute', file: 'zuul.d/js-jobs.yaml', count: 4, reason: R.successUrl },
    { rule: 'deprecated-attribute', file: 'zuul.d/python-jobs.yaml', count: 3, reason: R.successUrl },
    { rule: 'deprecated-attribute', file: 'zuul-tests.d/python-jobs.yaml', count: 1, reason: R.successUrl },
  ]),
  ...both('cases/zuul-jobs-bac2bf6', 'cases/zuul-jobs-c9db6cc', [
    { rule: 'deprecated-attribute', file: 'zuul.d/js-jobs.yaml', count: 2, reason: R.successUrl },
    { rule: 'deprecated-attribute', file: 'zuul.d/python-jobs.yaml', count: 3, reason: R.successUrl },
    { rule: 'deprecated-attribute', file: 'zuul-tests.d/python-jobs.yaml', count: 1, reason: R.successUrl },
  ]),
];

const CHECK_IDS = new Set(CHECKS.map((c) => c.id));
const NO_CORPUS = 'corpus not found at ../shared/corpus (it is read at run time, never copied into the project)';

interface Got {
  rule: string;
  file: string;
  line: number;
  message: string;
  finding: Finding;
}

const toPosix = (p: string) => p.split(sep).join('/');
const loaded = new Map<string, Promise<{ root: string; got: Got[] }>>();

/** The per-file findings of one corpus folder, loaded alone as Zuul's tenant would see that repo. */
function findingsOf(folder: string): Promise<{ root: string; got: Got[] }> {
  let p = loaded.get(folder);
  if (!p) {
    p = (async () => {
      const root = materialize(folder);
      const ws = new ZuulWorkspace([root], corpusSettings([folder]));
      await ws.load();
      const got: Got[] = [];
      for (const [file, list] of ws.allFindings()) {
        for (const f of list) {
          if (CHECK_IDS.has(f.rule)) continue;
          got.push({ rule: f.rule, file: toPosix(relative(root, file)), line: f.range.start.line + 1, message: f.message, finding: f });
        }
      }
      return { root, got };
    })();
    loaded.set(folder, p);
  }
  return p;
}

/** Expected rows with their actual counts, and every finding no row accounts for. */
function compare(rows: Expected[], got: Got[]) {
  const pinned = new Set(rows.filter((r) => r.line !== undefined).map((r) => `${r.rule}|${r.file}|${r.line}`));
  const wholeFile = new Set(rows.filter((r) => r.line === undefined).map((r) => `${r.rule}|${r.file}`));
  const counted = rows.map(({ rule, file, line }) => ({
    rule,
    file,
    line,
    count: got.filter((g) => g.rule === rule && g.file === file && (line === undefined ? !pinned.has(`${g.rule}|${g.file}|${g.line}`) : g.line === line)).length,
  }));
  const unexpected = got
    .filter((g) => !pinned.has(`${g.rule}|${g.file}|${g.line}`) && !wholeFile.has(`${g.rule}|${g.file}`))
    .map((g) => `${g.rule} ${g.file}:${g.line} ${g.message}`);
  return { counted, unexpected };
}

const folders = corpusDir() ? listCorpusFolders() : [...new Set(EXPECTED.map((e) => e.folder))];

for (const folder of folders) {
  test(`corpus ${folder}: per-file findings are exactly the real ones`, async (t) => {
    if (!corpusDir()) return t.skip(NO_CORPUS);
    const rows = EXPECTED.filter((e) => e.folder === folder);
    const { got } = await findingsOf(folder);
    const { counted, unexpected } = compare(rows, got);
    assert.deepEqual(
      { counted, unexpected },
      { counted: rows.map(({ rule, file, line, count }) => ({ rule, file, line, count })), unexpected: [] },
      `${folder}: findings differ from the table (a row's count, or findings no row explains)`,
    );
  });
}

test('every table row names a corpus folder', (t) => {
  if (!corpusDir()) return t.skip(NO_CORPUS);
  const known = new Set(listCorpusFolders());
  assert.deepEqual(EXPECTED.filter((e) => !known.has(e.folder)).map((e) => e.folder), []);
});

const DUP_BUGGY = 'cases/openstack-zuul-jobs-b4a8ae3';
const DUP_CLEAN = 'cases/openstack-zuul-jobs-c12645e';
const DUP_JOBS = ['legacy-fuel-devops-pylint-ubuntu-trusty', 'legacy-fuel-qa-pylint-ubuntu-trusty', 'legacy-openstack-helm-multi-basic-linuxbridge-rbd-ubuntu-xenial-3-node'];

test('duplicate nodeset: keys are reported on the second key of the three legacy jobs, and only in the buggy state', async (t) => {
  if (!corpusDir()) return t.skip(NO_CORPUS);
  const buggy = await findingsOf(DUP_BUGGY);
  const dups = buggy.got.filter((g) => g.rule === 'duplicate-key');
  const text = readFileSync(join(buggy.root, 'zuul.d', 'zuul-legacy-jobs.yaml'), 'utf8').split('\n');
  const where = dups.map((d) => {
    const { start, end } = d.finding.range;
    const underlined = text[start.line].slice(start.character, end.line === start.line ? end.character : undefined);
    // Walk up to the job this key belongs to; an earlier nodeset: on the way makes this one the second.
    let job = '';
    let earlier = false;
    for (let l = start.line - 1; l >= 0 && !job; l--) {
      if (/^ {4}nodeset:/.test(text[l])) earlier = true;
      const m = /^ {4}name: (\S+)/.exec(text[l]);
      if (m) job = m[1];
    }
    return { file: d.file, underlined, job, earlier };
  });
  assert.deepEqual(
    where,
    DUP_JOBS.map((job) => ({ file: 'zuul.d/zuul-legacy-jobs.yaml', underlined: 'nodeset', job, earlier: true })),
  );
  const clean = await findingsOf(DUP_CLEAN);
  assert.deepEqual(clean.got.filter((g) => g.rule === 'duplicate-key').map((g) => `${g.file}:${g.line}`), []);
});
