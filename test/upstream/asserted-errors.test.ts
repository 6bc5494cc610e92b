// The configuration errors Zuul's test_v3.py asserts (cases.ts reads them
// from the test module at run time, gists.ts tells a configuration error from
// a build result): each one we report must stay reported. known-misses.yaml
// lists, with the reason, those we report only as a warning and those we
// miss; a case that does better or worse than its entry fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseRepos, caseRepos } from './cases';
import { classify, type Outcome } from './classify';
import { checkTenant } from './tenant';
import { caseKey, KNOWN_MISSES_FILE, loadUpstream, readKnownMisses } from './suite';

const RANK: Record<Outcome, number> = { missed: 0, warning: 1, error: 2 };
const AS: Record<Outcome, string> = { error: 'an error', warning: 'only a warning', missed: 'missed' };

test("upstream test_v3.py: the configuration errors Zuul's tests assert", async (t) => {
  const loaded = loadUpstream();
  if (typeof loaded === 'string') {
    t.skip(loaded);
    return;
  }
  const { up, cases, others, skipped } = loaded;
  const known = readKnownMisses();
  // The reader must find the cases (a broken reader would find none and pass).
  assert.ok(cases.length >= 60, `only ${cases.length} configuration errors read from test_v3.py`);

  const keys = new Set(cases.map((c) => caseKey(c, cases)));
  const problems: string[] = [];
  for (const [name, list] of [
    ['warnings', known.warnings],
    ['missed', known.missed],
  ] as const) {
    for (const k of list.keys()) if (!keys.has(k)) problems.push(`${k} (${name} in ${KNOWN_MISSES_FILE}) is no configuration error test_v3.py asserts any more: remove it from the list`);
  }

  const tally: Record<Outcome, string[]> = { error: [], warning: [], missed: [] };
  for (const c of cases) {
    const key = caseKey(c, cases);
    const verdict = classify(c, await checkTenant(c.tenant, caseRepos(c), c.tenantConfig), await checkTenant(c.tenant, baseRepos(c), c.tenantConfig));
    tally[verdict.outcome].push(key);
    const listed: Outcome = known.missed.has(key) ? 'missed' : known.warnings.has(key) ? 'warning' : 'error';
    if (verdict.outcome === listed) continue;
    const what = `${key} (Zuul: ${JSON.stringify(c.texts[0])}, test_v3.py line ${c.line})`;
    if (RANK[verdict.outcome] > RANK[listed]) {
      const move = verdict.outcome === 'warning' ? ' and add it to warnings' : '';
      problems.push(`${what} is now ${AS[verdict.outcome]} (${verdict.matching.map((f) => f.rule).join(', ')}): remove it from ${listed} in ${KNOWN_MISSES_FILE}${move}`);
    } else {
      problems.push(`${what} is no longer ${AS[listed]}: now ${AS[verdict.outcome]}`);
    }
  }

  const gist = new Map(cases.map((c) => [caseKey(c, cases), JSON.stringify(c.texts[0])]));
  console.log(
    `# upstream test_v3.py (${up.commit.slice(0, 8)}${up.note ? `; ${up.note}` : ''}): ${cases.length} configuration errors asserted on changes: ${tally.error.length} ours as errors, ${tally.warning.length} only as warnings, ${tally.missed.length} missed (${others.length} other asserted texts are no configuration error)`,
  );
  for (const k of tally.warning) console.log(`#   only a warning: ${k}: Zuul ${gist.get(k)} — ${known.warnings.get(k) ?? 'not listed'}`);
  for (const k of tally.missed) console.log(`#   missed: ${k}: Zuul ${gist.get(k)} — ${known.missed.get(k) ?? 'not listed'}`);
  for (const s of skipped) console.log(`#   not read: test_v3.py line ${s.line} ${s.test}: ${s.why}`);
  assert.equal(problems.length, 0, `\n${problems.join('\n')}`);
});
