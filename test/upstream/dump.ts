// Writes each extracted test_v3.py case as a folder Zuul's own loader can read,
// to check the extraction against the oracle (shared/zuul-oracle):
//   node out/test/upstream/dump.js OUT
//   for d in OUT/*/; do python3 .../zuul-oracle.py "$d/repos" $(cat "$d/args"); done
// OUT/<n>/repos/<project>/... holds the tenant's repositories with the change
// applied, main.yaml the test's tenant config, case.json the asserted texts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findUpstreamGit, readUpstream } from './git';
import { readLayouts } from './layouts';
import { caseRepos, readCases } from './cases';
import { UPSTREAM_PATHS } from './suite';

// The drivers the oracle configures; others (aws, openstack) need cloud credentials.
const ORACLE_DRIVERS = new Set(['gerrit', 'github', 'gitlab', 'pagure', 'smtp', 'mqtt', 'elasticsearch', 'git']);
const out = process.argv[2];
if (!out) {
  console.error('usage: node out/test/upstream/dump.js OUT_DIR');
  process.exit(2);
}
const found = findUpstreamGit();
if (!found.gitDir) {
  console.error(found.reason);
  process.exit(2);
}
const up = readUpstream(found.gitDir, UPSTREAM_PATHS);
const layouts = new Map(readLayouts(up.files).map((l) => [l.name, l]));
const { cases } = readCases(up.files, layouts);
cases.forEach((c, i) => {
  const dir = resolve(out, String(i).padStart(3, '0'));
  const inTenant = new Set(c.tenant.projects.map((p) => p.name));
  for (const [project, files] of caseRepos(c)) {
    if (!inTenant.has(project)) continue;
    mkdirSync(join(dir, 'repos', project), { recursive: true });
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(dir, 'repos', project, rel)), { recursive: true });
      writeFileSync(join(dir, 'repos', project, rel), text);
    }
  }
  for (const p of c.tenant.projects) mkdirSync(join(dir, 'repos', p.name), { recursive: true });
  writeFileSync(join(dir, 'main.yaml'), c.tenantConfig);
  const args = ['--tenant-config', join(dir, 'main.yaml'), '--no-referenced-projects', ...[...c.connections].filter(([, d]) => ORACLE_DRIVERS.has(d)).flatMap(([n, d]) => ['--connection', `${n}=${d}`])];
  writeFileSync(join(dir, 'args'), args.join(' '));
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ test: c.test, line: c.line, project: c.change.project, branch: c.change.branch, texts: c.texts }, null, 1));
});
console.log(`${cases.length} cases written to ${out} (${up.commit.slice(0, 8)}${up.note ? `; ${up.note}` : ''})`);
