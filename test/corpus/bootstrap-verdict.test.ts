// One bootstrap rule on real trees: in every otc-system-config snapshot of the
// corpus, configuring the inferred bootstrap job in bootstrapJobs gives the
// very same missing-bootstrap-dependency findings as leaving it inferred (the
// issue: f52c775 went from none to 21 once configured). allowSoft: false is
// the one setting that asks more, and then every soft-only job is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { bootstraps } from '../../server/src/zuul/bootstrap';
import type { Settings } from '../../server/src/zuul/settings';
import { corpusDir, corpusSettings, listCorpusFolders, materialize } from '../helpers/corpus';

const RULE = 'missing-bootstrap-dependency';
const folders = listCorpusFolders().filter((f) => /(^|\/)otc-system-config-/.test(f));

async function findings(root: string, settings: Partial<Settings>): Promise<{ ws: ZuulWorkspace; found: string[] }> {
  const ws = new ZuulWorkspace([root], settings);
  await ws.load();
  const found = [...ws.allFindings().values()]
    .flat()
    .filter((f) => f.rule === RULE)
    .map((f) => `${f.file}:${f.range.start.line + 1} ${String(f.data?.job)}`)
    .sort();
  return { ws, found };
}

test('configured or inferred, the same bootstrap job gets the same verdict', { skip: !corpusDir() || !folders.length ? 'no otc-system-config snapshot under ../shared/corpus' : false }, async () => {
  let compared = 0;
  for (const folder of folders) {
    const root = materialize(folder);
    const base = corpusSettings([folder]);
    const inferred = await findings(root, base);
    const boots = bootstraps(inferred.ws.index, inferred.ws.settings);
    if (!boots.length) continue;
    const jobs = [...new Set(boots.map((b) => b.job))];
    const configured = await findings(root, { ...base, bootstrapJobs: jobs.map((job) => ({ job, pipelines: [...new Set(boots.filter((b) => b.job === job).map((b) => b.pp.pipeline))] })) });
    assert.deepEqual(configured.found, inferred.found, `${folder}: bootstrap ${jobs.join(', ')}`);
    const strict = await findings(root, { ...base, bootstrapJobs: jobs.map((job) => ({ job, allowSoft: false })) });
    assert.ok(strict.found.length >= inferred.found.length, `${folder}: allowSoft: false reports no less`);
    compared++;
  }
  assert.ok(compared >= 2, `${compared} snapshots with a bootstrap job`);
  console.log(`${compared} of ${folders.length} otc-system-config snapshots compared`);
});
