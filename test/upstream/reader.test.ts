// The reader of Zuul's test modules on a small module written here (so it is
// checked even where Zuul's repository is absent): what it extracts is what
// Python would compute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dedent, logicalLines, pyFormat } from './python';
import { caseRepos, readCases } from './cases';
import { readLayouts } from './layouts';

test('dedent and str.format follow Python', () => {
  assert.equal(dedent('\n    - job:\n        name: a\n  \n    - b\n'), '\n- job:\n    name: a\n\n- b\n');
  assert.equal(dedent('\tx\n\t\ty'), 'x\n\ty');
  assert.equal(pyFormat('{} and {name} {{literal}}', ['one'], new Map([['name', 'two']])), 'one and two {literal}');
  assert.equal(pyFormat('{0!r}', ['x'], new Map()), undefined);
});

test('logical lines: strings, brackets and continuations do not end a statement', () => {
  const lines = logicalLines('x = (1,\n     2)  # c\ny = """a\nb"""\nz = \'q\' \\\n  "r"\n');
  assert.deepEqual(
    lines.map((l) => [l.line, l.toks.map((t) => t.value ?? t.text).join(' ')]),
    [
      [1, 'x = ( 1 , 2 )'],
      [3, 'y = a\nb'],
      [5, 'z = q r'],
    ],
  );
});

const MODULE = `
import textwrap

from tests.base import ZuulTestCase, simple_layout

SHARED = "- job:\\n    name: shared\\n"


class TestBase(ZuulTestCase):
    tenant_config_file = 'config/demo/main.yaml'


class TestDemo(TestBase):
    def test_bad_attr(self):
        conf = textwrap.dedent(
            """
            - job:
                name: {name}
                bogus: 1
            """.format(name='demo-job'))
        file_dict = {'.zuul.yaml': conf}
        file_dict['playbooks/x.yaml'] = ''
        A = self.fake_gerrit.addFakeChange('org/demo', 'master', 'A',
                                           files=file_dict)
        self.fake_gerrit.addEvent(A.getPatchsetCreatedEvent(1))
        self.waitUntilSettled()
        self.assertIn('extra keys not allowed', A.messages[0],
                      "A should fail")
        self.assertIn("bogus", A.messages[0])

    def test_build_result(self):
        A = self.fake_gerrit.addFakeChange('org/demo', 'master', 'A',
                                           files={'zuul.yaml': SHARED})
        self.assertIn('Build succeeded', A.messages[0])

    def test_no_config(self):
        A = self.fake_gerrit.addFakeChange('org/demo', 'master', 'A')
        self.assertIn('not a list', A.messages[0])

    @simple_layout('layouts/demo.yaml')
    def test_layout(self):
        B = self.fake_gerrit.addFakeChange('org/other', 'master', 'B',
                                           files={'.zuul.yaml': '- job: {}'})
        self.assertIn('not a dictionary', B.messages[0])
`;

const MAIN = `
- tenant:
    name: first
    source:
      gerrit:
        config-projects:
          - common-config
        untrusted-projects:
          - org/demo
`;

test('cases: the configuration a test commits and the error text it asserts', () => {
  const files = new Map([
    ['tests/unit/test_v3.py', MODULE],
    ['tests/fixtures/config/demo/main.yaml', MAIN],
    ['tests/fixtures/config/demo/git/common-config/zuul.yaml', '- job:\n    name: base\n    parent: null\n'],
    ['tests/fixtures/config/demo/git/org_demo/README', ''],
    ['tests/fixtures/layouts/demo.yaml', '- project:\n    name: org/other\n'],
  ]);
  const layouts = new Map(readLayouts(files).map((l) => [l.name, l]));
  const { cases, others, skipped } = readCases(files, layouts);
  assert.deepEqual(skipped, []);
  assert.deepEqual(
    cases.map((c) => [c.test, c.change.project, c.texts, c.tenant.projects.map((p) => `${p.name}:${p.trusted ? 'trusted' : 'untrusted'}`)]),
    [
      ['TestDemo.test_bad_attr', 'org/demo', ['extra keys not allowed', 'bogus'], ['common-config:trusted', 'org/demo:untrusted']],
      ['TestDemo.test_layout', 'org/other', ['not a dictionary'], ['org/common-config:trusted', 'org/other:untrusted']],
    ],
  );
  assert.deepEqual(
    others.map((c) => [c.test, c.texts]),
    [['TestDemo.test_build_result', ['Build succeeded']]],
  );
  const repos = caseRepos(cases[0]);
  assert.equal(repos.get('org/demo')?.get('.zuul.yaml'), '\n- job:\n    name: demo-job\n    bogus: 1\n');
  assert.equal(repos.get('org/demo')?.get('playbooks/x.yaml'), '');
  assert.equal(repos.get('org/demo')?.get('README'), '');
  assert.ok(repos.get('common-config')?.has('zuul.yaml'));
  assert.ok(layouts.get('layouts/demo.yaml')?.uses.some((u) => u.test === 'test_v3.py::TestDemo.test_layout' && u.how === 'simple_layout'));
});

test('layouts: one a test expects to fail is told from one it loads as valid', () => {
  const files = new Map([
    [
      'tests/unit/test_demo.py',
      `
class TestLayouts(ZuulTestCase):
    @simple_layout('layouts/good.yaml')
    def test_good(self):
        tenant = self.scheds.first.sched.abide.tenants.get('tenant-one')
        self.assertEqual(len(tenant.layout.loading_errors), 0)

    @simple_layout('layouts/broken.yaml')
    def test_broken(self):
        errors = self.scheds.first.sched.abide.tenants.get('t').layout.loading_errors
        self.assertIn('syntax error', errors[0].error)

    @simple_layout('layouts/freeze.yaml')
    def test_freeze(self):
        A = self.fake_gerrit.addFakeChange('org/project', 'master', 'A')
        self.commitConfigUpdate('common-config', 'layouts/good.yaml')
        self.assertTrue('Job x not defined' in A.messages[0])
`,
    ],
    ['tests/fixtures/layouts/good.yaml', '[]'],
    ['tests/fixtures/layouts/broken.yaml', '[]'],
    ['tests/fixtures/layouts/freeze.yaml', '[]'],
    ['tests/fixtures/layouts/unused.yaml', '[]'],
  ]);
  const layouts = readLayouts(files);
  assert.deepEqual(
    layouts.map((l) => [l.name, l.uses.map((u) => u.how).join(','), l.failures.map((f) => f.test.split('.').pop()).join(',')]),
    [
      ['layouts/broken.yaml', 'simple_layout', 'test_broken'],
      ['layouts/freeze.yaml', 'simple_layout', 'test_freeze'],
      ['layouts/good.yaml', 'simple_layout,commit', ''],
      ['layouts/unused.yaml', '', ''],
    ],
  );
});
