// Round trip of the dependency fix on real configuration: in a temporary copy
// of cases/otc-system-config-32e2ce4 (with otc-base-jobs beside it, as in the
// tenant), delete the `dependencies` of each deploy job in turn. The engine
// must report missing-bootstrap-dependency for it, with the bootstrap job
// inferred from the other jobs; one of the offered fixes must add the
// dependency its siblings use; applying it must give back a file that parses
// to the same Zuul objects as the original, with no finding that was not
// there before. The corpus is read at run time, never copied into the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { fixesFor } from '../../server/src/fixes/registry';
import type { MissingBootstrapData } from '../../server/src/checks/missing-bootstrap-dependency';
import { corpusDir, corpusSettings, materialize, scratchDir } from '../helpers/corpus';
import { applyFileEdits } from '../helpers/applyEdits';
import { allIdentities, newFindings } from '../helpers/fixCases';

const CASE = 'cases/otc-system-config-32e2ce4';
const BESIDE = 'otc-base-jobs-0debd80';
const PROJECT_FILE = 'zuul.d/project.yaml';
const PIPELINE = 'deploy';
const RULE = 'missing-bootstrap-dependency';

const corpus = corpusDir();
const absent = !corpus || !existsSync(join(corpus, CASE)) ? `the corpus case ${CASE} is not present (../shared/corpus)` : undefined;

const load = (text: string) => parseDocument(text, { version: '1.1' });

/** The deploy pipeline's job entries that carry `dependencies`: job name -> the `dependencies` pair. */
function deployEntries(doc: Document): Map<string, { pair: Pair; body: YAMLMap }> {
  const out = new Map<string, { pair: Pair; body: YAMLMap }>();
  for (const item of (doc.contents as { items: Node[] }).items) {
    if (!isMap(item)) continue;
    const project = item.get('project', true);
    const jobs = isMap(project) ? (project.getIn([PIPELINE, 'jobs'], true) as Node | undefined) : undefined;
    if (!isSeq(jobs)) continue;
    for (const entry of jobs.items) {
      if (!isMap(entry) || entry.items.length !== 1) continue;
      const [p] = entry.items as Pair[];
      if (!isScalar(p.key) || !isMap(p.value)) continue;
      const deps = (p.value.items as Pair[]).find((x) => isScalar(x.key) && x.key.value === 'dependencies');
      if (deps) out.set(String(p.key.value), { pair: deps, body: p.value });
    }
  }
  return out;
}

/** The text without the `dependencies:` key and its list: whole lines, from the key's line to the list's last. */
function withoutDependencies(text: string, pair: Pair): string {
  const key = pair.key as Node;
  const value = pair.value as Node;
  const start = text.lastIndexOf('\n', key.range![0]) + 1;
  let end = value.range![1];
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const nl = text.indexOf('\n', end);
  return text.slice(0, start) + text.slice(nl < 0 ? text.length : nl + 1);
}

/** The dependency names (and softness) a `dependencies` value holds, in order. */
function depsOf(value: unknown): { name: string; soft: boolean }[] {
  const items = Array.isArray(value) ? value : value == null ? [] : [value];
  return items.map((i) => (typeof i === 'string' ? { name: i, soft: false } : { name: String((i as { name: string }).name), soft: (i as { soft?: boolean }).soft === true }));
}

test('deleting a deploy job\'s dependencies, then applying the fix its siblings use, gives back the same Zuul objects', { skip: absent }, async () => {
  const root = scratchDir('zuul-fix-roundtrip-');
  const folders = [materialize(CASE, root), ...(existsSync(join(corpus!, BESIDE)) ? [materialize(BESIDE, root)] : [])];
  const path = join(folders[0], PROJECT_FILE);
  const original = readFileSync(path, 'utf8');
  const ws = new ZuulWorkspace(folders, corpusSettings(folders));
  await ws.load();

  const texts = new Map<string, string>();
  const read = (p: string) => texts.get(p) ?? readFileSync(p, 'utf8');
  const ids = () => allIdentities(ws.allFindings(), read);
  const baseline = ids();
  assert.ok(!baseline.some((b) => b.startsWith(`${path}: ${RULE}`)), 'the original has no missing-bootstrap-dependency');

  const entries = deployEntries(load(original));
  assert.ok(entries.size >= 15, `deploy jobs with dependencies: ${entries.size}`);
  const originalJs = load(original).toJS() as unknown[];
  const checked: string[] = [];
  const skipped: string[] = [];

  for (const [job, { pair }] of entries) {
    const broken = withoutDependencies(original, pair);
    texts.set(path, broken);
    ws.setOverlay(path, broken);
    const finding = ws.findings(path).find((f) => f.rule === RULE && (f.data as MissingBootstrapData).job === job && (f.data as MissingBootstrapData).pipelines.includes(PIPELINE));
    if (!finding) {
      // A job the others reach the bootstrap through (infra-prod-base): without
      // its dependency the inferred bootstrap job is that job itself.
      const others = [...entries.entries()].filter(([j, e]) => j !== job && depsOf((e.pair.value as Node).toJSON()).some((d) => d.name === job));
      assert.ok(others.length > 0, `${job}: no ${RULE} after deleting its dependencies; findings: ${JSON.stringify(ws.findings(path).filter((f) => f.rule === RULE).map((f) => f.message))}`);
      skipped.push(`${job} (${others.length} jobs reach the bootstrap job through it)`);
      continue;
    }
    const data = finding.data as MissingBootstrapData;
    assert.equal(data.inferred, true, `${job}: the bootstrap job is inferred`);

    // What its siblings use: the original's dependencies of this job that the others also name.
    const own = depsOf((pair.value as Node).toJSON());
    const siblingUse = new Map<string, number>();
    for (const [j, e] of entries) if (j !== job) for (const d of depsOf((e.pair.value as Node).toJSON())) siblingUse.set(JSON.stringify(d), (siblingUse.get(JSON.stringify(d)) ?? 0) + 1);
    const common = own.filter((d) => (siblingUse.get(JSON.stringify(d)) ?? 0) > 1).sort((a, b) => siblingUse.get(JSON.stringify(b))! - siblingUse.get(JSON.stringify(a))!)[0];
    assert.ok(common, `${job}: none of its dependencies is shared with its siblings`);
    const fixes = fixesFor(ws, finding);
    const want = `Add dependency on ${common.name}${common.soft ? ' (soft)' : ''}, as `;
    const fix = fixes.find((f) => f.title.startsWith(want));
    assert.ok(fix, `${job}: no fix "${want}..."; offered: ${JSON.stringify(fixes.map((f) => f.title))}`);
    assert.equal(fix.preferred, true, `${job}: the siblings' dependency is the preferred fix`);

    const fixed = applyFileEdits(fix.edits, read);
    assert.deepEqual([...fixed.keys()], [path], `${job}: the fix edits ${PROJECT_FILE} only`);
    const text = fixed.get(path)!;
    // A job with more dependencies than the siblings' one gets back that one only.
    assert.deepEqual(load(text).toJS(), own.length === 1 ? originalJs : onlyDependency(original, job, common), `${job}: same Zuul objects as the original`);
    if (own.length === 1) assert.equal(text, original, `${job}: the fix puts back the very text that was deleted`);

    texts.set(path, text);
    ws.setOverlay(path, text);
    const after = ids();
    assert.ok(!after.some((a) => a.startsWith(`${path}: ${RULE}: ${job}`)), `${job}: the finding is gone`);
    assert.deepEqual(newFindings(baseline, after, ''), [], `${job}: no new finding`);
    checked.push(job);
  }
  texts.delete(path);
  ws.setOverlay(path, undefined);
  console.log(`# round trip: ${checked.length} deploy jobs fixed back (${checked.join(', ')}); not applicable: ${skipped.join(', ') || 'none'}`);
  assert.ok(checked.length >= 15, `${checked.length} jobs checked`);
});

/** The original's objects, with `job`'s deploy entry depending on `dep` only (as the original writes it). */
function onlyDependency(original: string, job: string, dep: { name: string; soft: boolean }): unknown {
  const doc = load(original);
  const seq = deployEntries(doc).get(job)!.pair.value;
  assert.ok(isSeq(seq));
  seq.items = seq.items.filter((i) => JSON.stringify(depsOf([(i as Node).toJSON()])[0]) === JSON.stringify(dep));
  return doc.toJS();
}

