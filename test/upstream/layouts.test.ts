// Zuul's own test layouts (tests/fixtures/layouts/ of Zuul's repository, read
// at run time from git, see git.ts): every layout Zuul's tests load as valid
// must get no error from our engine, in the tenant Zuul's test harness builds
// around it. Layouts the tests expect to fail are found by reading the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutTenant } from './layouts';
import { checkTenant } from './tenant';
import { loadUpstream } from './suite';

test('upstream layouts: no error on a layout Zuul loads as valid', async (t) => {
  const loaded = loadUpstream();
  if (typeof loaded === 'string') {
    t.skip(loaded);
    return;
  }
  const { up, layouts } = loaded;
  const unused = layouts.filter((l) => l.uses.length === 0);
  const failing = layouts.filter((l) => l.uses.length > 0 && l.failures.length > 0);
  const valid = layouts.filter((l) => l.uses.length > 0 && l.failures.length === 0);
  // The reader must see the layouts and the tests that use and break them.
  assert.ok(valid.length >= 150, `only ${valid.length} valid layouts found: the test reader lost track`);
  assert.ok(failing.some((l) => l.name === 'layouts/broken-template.yaml'), 'broken-template.yaml is not seen as expected to fail');

  const falseErrors: string[] = [];
  let warned = 0;
  for (const l of valid) {
    const { tenant, repos } = layoutTenant(l);
    const found = await checkTenant(tenant, repos);
    for (const f of found) if (f.severity === 'error') falseErrors.push(`${l.name}: ${f.file}:${f.line}: ${f.rule}: ${f.message}`);
    if (found.some((f) => f.severity === 'warning')) warned++;
  }
  console.log(`# upstream layouts (${up.commit.slice(0, 8)}${up.note ? `; ${up.note}` : ''}): ${layouts.length} files; ${valid.length} loaded as valid by Zuul's tests, false errors: ${falseErrors.length} (layouts with a warning of ours: ${warned})`);
  // Not asserted (Zuul's verdict on them is an error or a warning): shown so a new rule's effect on them is visible.
  const verdicts: string[] = [];
  for (const l of failing) {
    const found = await checkTenant(layoutTenant(l).tenant, layoutTenant(l).repos);
    const ours = found.some((f) => f.severity === 'error') ? 'error' : found.some((f) => f.severity === 'warning') ? 'warning' : 'nothing';
    verdicts.push(`${l.name.slice('layouts/'.length)} (${[...new Set(l.failures.map((f) => f.test.replace(/^.*::/, '')))].join(', ')}; ours: ${ours})`);
  }
  console.log(`#   expected to fail by Zuul's tests (${failing.length}): ${verdicts.join('; ')}`);
  console.log(`#   loaded by no test (${unused.length}): ${unused.map((l) => l.name.slice('layouts/'.length)).join(', ')}`);
  assert.equal(falseErrors.length, 0, `\n${falseErrors.join('\n')}`);
});
