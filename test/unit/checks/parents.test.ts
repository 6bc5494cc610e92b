import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../../server/src/engine/workspace';
import type { Settings } from '../../../server/src/zuul/settings';
import type { Finding, Position } from '../../../server/src/zuul/types';
import { PARENTS_CHECKS } from '../../../server/src/checks/group-parents';
import { isLikelyTypo } from '../../../server/src/checks/unknown-parent';
import { marked } from '../../helpers/marker';
import { tree, remove } from '../../helpers/tmp';

const RULES = new Set(PARENTS_CHECKS.map((c) => c.id));

interface Loaded {
  root: string;
  /** Findings of the parents rules, per repo-relative file (`r/zuul.d/jobs.yaml`). */
  found: (file: string, rule?: string) => Finding[];
  /** Markers per file. */
  marks: (file: string) => Position[];
  path: (file: string) => string;
}

/** Repos as `{'repo/zuul.d/x.yaml': yaml-with-markers}`; every top folder becomes a git repo. */
async function load(files: Record<string, string>, settings: Partial<Settings> = {}): Promise<Loaded> {
  const texts: Record<string, string> = {};
  const marks: Record<string, Position[]> = {};
  const repos = new Set<string>();
  for (const [rel, src] of Object.entries(files)) {
    const m = marked(src);
    texts[rel] = m.text;
    marks[rel] = m.marks;
    repos.add(rel.split('/')[0]);
  }
  for (const r of repos) texts[`${r}/.git/HEAD`] = '';
  const root = tree(texts);
  const ws = new ZuulWorkspace([root], settings);
  await ws.load();
  return {
    root,
    found: (file, rule) => ws.findings(join(root, file)).filter((f) => (rule ? f.rule === rule : RULES.has(f.rule))),
    marks: (file) => marks[file] ?? [],
    path: (file) => join(root, file),
  };
}

async function withLoad(files: Record<string, string>, settings: Partial<Settings>, body: (l: Loaded) => void): Promise<void> {
  const l = await load(files, settings);
  try {
    body(l);
  } finally {
    remove(l.root);
  }
}

const J = 'r/zuul.d/jobs.yaml';
const at = (f: Finding) => f.range.start;
const end = (line: number, character: number) => ({ line, character });

// ---------------------------------------------------------------------------
// unknown-parent

test('unknown-parent: a typo of a known job is an error with the job first in the suggestions', async () => {
  const src = ['- job:', '    name: tox-base', '- job:', '    name: tox-pep8', '    parent: |tox-bsae', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks }) => {
    const f = found(J);
    assert.deepEqual(f.map((x) => [x.rule, x.severity]), [['unknown-parent', 'error']]);
    assert.deepEqual(f[0].range, { start: marks(J)[0], end: end(4, 20) });
    assert.deepEqual(f[0].data?.suggestions?.[0], 'tox-base');
    assert.equal(f[0].data?.parent, 'tox-bsae');
    assert.match(f[0].message, /did you mean "tox-base"\?/);
    assert.match(f[0].message, /Job tox-bsae not defined/);
  });
});

test('unknown-parent: the job itself is never suggested as its own parent', async () => {
  const src = ['- job:', '    name: tox-docs', '    parent: |tox-doc', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found }) => {
    const f = found(J);
    assert.deepEqual(f.map((x) => [x.rule, x.severity, x.data?.suggestions]), [['unknown-parent', 'warning', []]]);
  });
});

test('unknown-parent: a name with no close match is a warning that explains externalNames', async () => {
  const src = ['- job:', '    name: my-docs', '    parent: |opendev-tox-docs', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks }) => {
    const f = found(J);
    assert.deepEqual(f.map((x) => [x.rule, x.severity, at(x)]), [['unknown-parent', 'warning', marks(J)[0]]]);
    assert.match(f[0].message, /repository that is not open/);
    assert.match(f[0].message, /zuul\.externalNames/);
  });
});

test('unknown-parent: names differing only in digits are versions, not typos (warning)', async () => {
  assert.equal(isLikelyTypo('tox-py38', 'tox-py39'), false);
  assert.equal(isLikelyTypo('build-wheel-cache-centos-8-stream', 'build-wheel-cache-centos-9-stream'), false);
  assert.equal(isLikelyTypo('tox-bsae', 'tox-base'), true);
  assert.equal(isLikelyTypo('Tox_Base', 'tox-base'), true);
  const src = ['- job:', '    name: tox-py39', '- job:', '    name: unit', '    parent: |tox-py38', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found }) => {
    const f = found(J);
    assert.deepEqual(f.map((x) => x.severity), ['warning']);
    assert.deepEqual(f[0].data?.suggestions, ['tox-py39']);
  });
});

test('unknown-parent: known, external (name or ^regex), null and implicit parents give nothing', async () => {
  const src = [
    '- job:',
    '    name: a',
    '    parent: null',
    '- job:',
    '    name: b',
    '    parent: a',
    '- job:',
    '    name: c',
    '    parent: tox',
    '- job:',
    '    name: d',
    '    parent: opendev-base',
    '- job:',
    '    name: e',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, { externalNames: ['tox', '^opendev-.*'] }, ({ found }) => {
    assert.deepEqual(found(J), [], 'the default parent `base` is not defined either, and is never reported when implicit');
  });
});

test('unknown-parent: a parent on a project-pipeline variant is checked too', async () => {
  const src = ['- job:', '    name: a', '    parent: null', '- project:', '    check:', '      jobs:', '        - a:', '            parent: |nope-nope-nope', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks }) => {
    assert.deepEqual(found(J).map((x) => [x.rule, at(x)]), [['unknown-parent', marks(J)[0]]]);
    assert.match(found(J)[0].message, /the check variant of "a"/);
  });
});

// ---------------------------------------------------------------------------
// inheritance-cycle

test('inheritance-cycle: A → B → A is reported on each parent value, with the other as related', async () => {
  const src = [
    '- job:',
    '    name: a',
    '    parent: |b',
    '- job:',
    '    name: b',
    '    parent: |a',
    '- job:',
    '    name: c',
    '    parent: a',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks, path }) => {
    const f = found(J, 'inheritance-cycle');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['error', marks(J)[0]], ['error', marks(J)[1]]]);
    assert.deepEqual(f[0].range.end, end(2, 13));
    assert.deepEqual(f[0].data?.cycle, ['a', 'b', 'a']);
    assert.deepEqual(f[1].data?.cycle, ['b', 'a', 'b']);
    assert.match(f[0].message, /Inheritance cycle: a → b → a/);
    assert.deepEqual(f[0].related?.map((r) => [r.file, r.range.start, r.message]), [[path(J), marks(J)[1], '"b" inherits from "a" here']]);
    assert.equal(found(J).filter((x) => x.data?.job === 'c').length, 0, 'c only leads into the loop');
  });
});

test('inheritance-cycle: A → A, and a loop through the implicit default parent', async () => {
  const self = ['- job:', '    name: a', '    parent: |a', ''].join('\n');
  await withLoad({ [J]: self }, {}, ({ found, marks }) => {
    const f = found(J, 'inheritance-cycle');
    assert.deepEqual(f.map(at), [marks(J)[0]]);
    assert.deepEqual(f[0].data?.cycle, ['a', 'a']);
    assert.deepEqual(f[0].related, []);
  });
  const implicit = ['- job:', '    name: base', '    parent: |foo', '- job:', '    name: |foo', ''].join('\n');
  await withLoad({ [J]: implicit }, {}, ({ found, marks }) => {
    const f = found(J, 'inheritance-cycle');
    assert.deepEqual(f.map(at), [marks(J)[0]], 'only the explicit parent: is underlined');
    assert.deepEqual(f[0].data?.cycle, ['base', 'foo', 'base']);
    assert.deepEqual(f[0].related?.map((r) => r.range.start), [marks(J)[1]]);
    assert.match(f[0].related![0].message, /default parent "base"/);
  });
});

test('inheritance-cycle: a plain chain, and a job named base without parent: null, are no cycles', async () => {
  const src = ['- job:', '    name: base', '- job:', '    name: a', '- job:', '    name: b', '    parent: a', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found }) => assert.deepEqual(found(J), []));
});

// ---------------------------------------------------------------------------
// final-parent

test('final-parent: every variant final is an error pointing at the final declarations', async () => {
  const src = [
    '- job:',
    '    name: promote',
    '    |final: true',
    '- job:',
    '    name: promote',
    '    branches: master',
    '    |final: true',
    '- job:',
    '    name: promote-more',
    '    parent: |promote',
    '- project:',
    '    gate:',
    '      jobs:',
    '        - promote:',
    '            parent: |promote',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks }) => {
    const m = marks(J);
    const f = found(J, 'final-parent');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['error', m[2]], ['error', m[3]]]);
    assert.deepEqual(f[0].range.end, end(9, 19));
    assert.match(f[0].message, /is final and can not act as a parent/);
    assert.deepEqual(f[0].related?.map((r) => r.range.start), [m[0], m[1]]);
    assert.deepEqual(f[0].data, { job: 'promote-more', parent: 'promote' });
  });
});

test('final-parent: a parent with one non-final variant is left alone', async () => {
  const src = ['- job:', '    name: p', '    final: true', '- job:', '    name: p', '    branches: stable', '- job:', '    name: c', '    parent: p', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found }) => assert.deepEqual(found(J), []));
});

// ---------------------------------------------------------------------------
// intermediate-parent-child-not-abstract

test('intermediate-parent-child-not-abstract: the child stanza itself must say abstract: true', async () => {
  const src = [
    '- job:',
    '    name: mid',
    '    abstract: true',
    '    |intermediate: true',
    '- job:',
    '    name: concrete',
    '    parent: |mid',
    '- job:',
    '    name: still-abstract',
    '    parent: mid',
    '    abstract: true',
    '- job:',
    '    name: leaf',
    '    parent: still-abstract',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks }) => {
    const m = marks(J);
    const f = found(J, 'intermediate-parent-child-not-abstract');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['error', m[1]]]);
    assert.match(f[0].message, /is intermediate but "concrete" is not abstract/);
    assert.deepEqual(f[0].related?.map((r) => r.range.start), [m[0]]);
    assert.equal(f[0].data?.job, 'concrete');
  });
});

test('intermediate-parent-child-not-abstract: a parent with a non-intermediate variant is left alone', async () => {
  const src = ['- job:', '    name: mid', '    abstract: true', '    intermediate: true', '- job:', '    name: mid', '    branches: stable', '- job:', '    name: c', '    parent: mid', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found }) => assert.deepEqual(found(J), []));
});

// ---------------------------------------------------------------------------
// protected-parent

test('protected-parent: a protected parent from another repository is an error; the same repository is fine', async () => {
  const files = {
    'trusted/zuul.d/jobs.yaml': ['- job:', '    name: secret-upload', '    |protected: true', '- job:', '    name: own-child', '    parent: secret-upload', ''].join('\n'),
    [J]: ['- job:', '    name: foreign-child', '    parent: |secret-upload', ''].join('\n'),
  };
  await withLoad(files, {}, ({ found, marks, path }) => {
    const f = found(J, 'protected-parent');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['error', marks(J)[0]]]);
    assert.match(f[0].message, /is a protected job in a different project/);
    assert.deepEqual(f[0].related?.map((r) => [r.file, r.range.start]), [[path('trusted/zuul.d/jobs.yaml'), marks('trusted/zuul.d/jobs.yaml')[0]]]);
    assert.equal(f[0].data?.parentRepo, 'trusted');
    assert.deepEqual(found('trusted/zuul.d/jobs.yaml'), []);
  });
});

test('protected-parent: protected: false is not protected for the load-time check', async () => {
  const files = {
    'trusted/zuul.d/jobs.yaml': ['- job:', '    name: p', '    protected: false', ''].join('\n'),
    [J]: ['- job:', '    name: c', '    parent: p', ''].join('\n'),
  };
  await withLoad(files, {}, ({ found }) => assert.deepEqual(found(J), []));
});

// ---------------------------------------------------------------------------
// abstract-job-in-pipeline

test('abstract-job-in-pipeline: an abstract job listed in a project or template, plain or as a variant', async () => {
  const src = [
    '- job:',
    '    name: tox',
    '    |abstract: true',
    '- job:',
    '    name: tox-py312',
    '    parent: tox',
    '- job:',
    '    name: tox-pep8',
    '    parent: tox',
    '- project-template:',
    '    name: python',
    '    check:',
    '      jobs:',
    '        - |tox',
    '- project:',
    '    templates: [python]',
    '    gate:',
    '      jobs:',
    '        - |tox:',
    '            abstract: false',
    '        - tox-py312',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks }) => {
    const m = marks(J);
    const f = found(J, 'abstract-job-in-pipeline');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['error', m[1]], ['error', m[2]]]);
    assert.deepEqual(f[0].range.end, end(13, 13));
    assert.match(f[0].message, /Job tox is abstract and may not be directly run/);
    assert.match(f[0].message, /project-template "python"/);
    assert.deepEqual(f[0].related?.map((r) => r.range.start), [m[0]]);
    assert.deepEqual(f[0].data?.suggestions, ['tox-pep8', 'tox-py312'], 'concrete children, closest first');
    assert.equal(f[1].data?.pipeline, 'gate');
  });
});

test('abstract-job-in-pipeline: abstract is sticky across variants and is not inherited', async () => {
  const src = [
    '- job:',
    '    name: a',
    '    |abstract: true',
    '- job:',
    '    name: a',
    '    abstract: false',
    '- job:',
    '    name: child',
    '    parent: a',
    '- project:',
    '    check:',
    '      jobs:',
    '        - |a',
    '        - child',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks }) => {
    const f = found(J, 'abstract-job-in-pipeline');
    assert.deepEqual(f.map((x) => [x.severity, at(x), x.data?.job]), [['error', marks(J)[1], 'a']]);
  });
});

test('abstract-job-in-pipeline: a variant pulling in another parent chain resets abstract', async () => {
  const src = [
    '- job:',
    '    name: other',
    '- job:',
    '    name: a',
    '    abstract: true',
    '- job:',
    '    name: a',
    '    parent: other',
    '- project:',
    '    check:',
    '      jobs: [a]',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, {}, ({ found }) => assert.deepEqual(found(J), []));
});

test('abstract-job-in-pipeline: only branch-limited abstract variants is a warning; abstract: true on the entry is an error', async () => {
  const src = [
    '- job:',
    '    name: a',
    '    branches: stable/.*',
    '    abstract: true',
    '- job:',
    '    name: b',
    '- project:',
    '    check:',
    '      jobs:',
    '        - |a',
    '        - |b:',
    '            abstract: true',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, {}, ({ found, marks }) => {
    const f = found(J, 'abstract-job-in-pipeline');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['warning', marks(J)[0]], ['error', marks(J)[1]]]);
    assert.match(f[1].message, /this entry sets abstract: true/);
  });
});

// ---------------------------------------------------------------------------
// base-job-untrusted

test('base-job-untrusted: nothing is said while configProjects is empty', async () => {
  const src = ['- job:', '    name: base', '    parent: null', ''].join('\n');
  await withLoad({ [J]: src }, {}, ({ found }) => assert.deepEqual(found(J), []));
});

test('base-job-untrusted: parent: null outside the config projects, in jobs and pipeline variants', async () => {
  const files = {
    [J]: [
      '- job:',
      '    name: my-base',
      '    parent: |null',
      '- job:',
      '    name: other',
      '    parent: my-base',
      '- project:',
      '    check:',
      '      jobs:',
      '        - other:',
      '            |parent:',
      '',
    ].join('\n'),
    'project-config/zuul.d/jobs.yaml': ['- job:', '    name: base', '    parent: null', ''].join('\n'),
  };
  await withLoad(files, { configProjects: ['opendev/project-config'] }, ({ found, marks }) => {
    const f = found(J, 'base-job-untrusted');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['error', marks(J)[0]], ['error', marks(J)[1]]]);
    assert.deepEqual(f[0].range.end, end(2, 16));
    assert.match(f[0].message, /Base jobs must be defined in config projects/);
    assert.match(f[1].message, /the check variant of "other"/);
    assert.deepEqual(found('project-config/zuul.d/jobs.yaml'), [], 'a config project named by its full name');
  });
});

// ---------------------------------------------------------------------------
// unexpected-parent

const PROD = [
  '- job:',
  '    name: base',
  '    parent: null',
  '- job:',
  '    name: infra-prod-base',
  '- job:',
  '    name: infra-prod-playbook',
  '    parent: infra-prod-base',
  '- job:',
  '    name: infra-prod-service-good',
  '    parent: infra-prod-playbook',
  '- job:',
  '    name: infra-prod-service-x',
  '    parent: |infra-prod-base',
  '- job:',
  '    name: |infra-prod-service-y',
  '- job:',
  '    name: infra-prod-service-ext',
  '    parent: somewhere-else',
  '',
].join('\n');

test('unexpected-parent: names the chain, underlines parent: or the name, and skips unknown chains', async () => {
  await withLoad({ [J]: PROD }, { parentRules: [{ pattern: 'prod-service', ancestor: 'infra-prod-playbook' }] }, ({ found, marks }) => {
    const m = marks(J);
    const f = found(J, 'unexpected-parent');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['error', m[0]], ['error', m[1]]]);
    assert.deepEqual(f[0].range.end, end(13, 27));
    assert.match(f[0].message, /^infra-prod-service-x → infra-prod-base → base; expected to descend from infra-prod-playbook/);
    assert.deepEqual(f[0].data?.suggestions, ['infra-prod-playbook']);
    assert.deepEqual(f[0].data?.chain, ['infra-prod-service-x', 'infra-prod-base', 'base']);
    assert.match(f[1].message, /^infra-prod-service-y → base;/);
    assert.match(f[1].message, /add parent: infra-prod-playbook/);
    assert.equal(f[1].data?.suggestions, undefined, 'the underlined name is not what to replace');
  });
});

test('unexpected-parent: the ancestor and the jobs above it are not checked; an ancestor before an unknown parent counts', async () => {
  const src = [
    '- job:',
    '    name: infra-prod-base',
    '    parent: outside',
    '- job:',
    '    name: infra-prod-playbook',
    '    parent: infra-prod-base',
    '- job:',
    '    name: infra-prod-ok',
    '    parent: infra-prod-playbook',
    '',
  ].join('\n');
  await withLoad({ [J]: src }, { parentRules: [{ pattern: '^infra-prod-', ancestor: 'infra-prod-playbook' }] }, ({ found }) => {
    assert.deepEqual(found(J, 'unexpected-parent'), []);
    assert.deepEqual(found(J).map((x) => x.rule), ['unknown-parent'], 'the unknown parent is reported by its own rule');
  });
});

test('unexpected-parent: an unopened default parent is taken as the root, with a warning', async () => {
  const src = ['- job:', '    name: |infra-prod-x', ''].join('\n');
  await withLoad({ [J]: src }, { parentRules: [{ pattern: '^infra-prod-', ancestor: 'infra-prod-playbook' }] }, ({ found, marks }) => {
    const f = found(J, 'unexpected-parent');
    assert.deepEqual(f.map((x) => [x.severity, at(x)]), [['warning', marks(J)[0]]]);
    assert.match(f[0].message, /infra-prod-x → base; expected to descend from infra-prod-playbook \("infra-prod-playbook" is not defined/);
  });
});

test('unexpected-parent: an invalid pattern and no rules give nothing', async () => {
  await withLoad({ [J]: PROD }, { parentRules: [{ pattern: '(', ancestor: 'x' }] }, ({ found }) => assert.deepEqual(found(J, 'unexpected-parent'), []));
  await withLoad({ [J]: PROD }, {}, ({ found }) => assert.deepEqual(found(J, 'unexpected-parent'), []));
});

test('every parents rule has a summary and a docs link', () => {
  for (const c of PARENTS_CHECKS) {
    assert.ok(c.summary && !c.summary.includes('\n'), c.id);
    assert.match(c.docs ?? '', /^https:\/\/zuul-ci\.org\/docs\/zuul\/latest\/config\/job\.html#attr-job\./, c.id);
  }
});
