// Every real configuration tree must produce a report, never a crash or a
// usage error. The corpus is read in place and never copied into the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jsonShapeProblem, ROOT, runCli, type JsonFinding } from './helpers';
import { corpusDir } from '../helpers/corpus';

test('corpus: --format json on every folder', async (t) => {
  const CORPUS = corpusDir();
  if (!CORPUS) {
    t.skip('the corpus (../shared/corpus) is not present');
    return;
  }
  const folders = readdirSync(CORPUS).filter((n) => statSync(join(CORPUS, n)).isDirectory()).sort();
  assert.ok(folders.length > 0, `no folders in ${CORPUS}`);
  for (const name of folders) {
    await t.test(name, () => {
      const r = runCli([join(CORPUS, name), '--format', 'json'], ROOT);
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
      const findings: unknown[] = JSON.parse(r.stdout);
      assert.ok(Array.isArray(findings));
      for (const f of findings) assert.equal(jsonShapeProblem(f), undefined, JSON.stringify(f));
      assert.equal(findings.some((f) => (f as { severity: string }).severity === 'error'), r.status === 1);
    });
  }
});

/** The `n` newest snapshots by commit date, from the corpus index. */
function newestSnapshots(corpus: string, n: number): string[] {
  const index = JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8')) as { corpora: { folder: string; date: string }[] };
  return index.corpora
    .filter((c) => statSync(join(corpus, c.folder), { throwIfNoEntry: false })?.isDirectory())
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
    .slice(0, n)
    .map((c) => c.folder);
}

const FOLDED = /: (?:warning|info|hint) ((?:unknown-[a-z-]+,?)+) ([a-z ]+) "([^"]+)" is not defined in the open repositories: (\d+) uses?(?:, also at (.*))?$/;

test('corpus: text folds each unknown name into one line whose count is the JSON count', async (t) => {
  const corpus = corpusDir();
  if (!corpus) {
    t.skip('the corpus (../shared/corpus) is not present');
    return;
  }
  let total = 0;
  for (const name of newestSnapshots(corpus, 4)) {
    await t.test(name, () => {
      const json = JSON.parse(runCli([name, '--format', 'json'], corpus).stdout) as (JsonFinding & { setting?: { key: string; value?: string } })[];
      const text = runCli([name], corpus);
      const lines = text.stdout.split('\n').filter((l) => l !== '');
      const unknown = json.filter((f) => f.setting?.key === 'externalNames' && f.severity !== 'error');
      total += unknown.length;
      const perName = new Map<string, number>();
      for (const f of unknown) perName.set(f.setting!.value!, (perName.get(f.setting!.value!) ?? 0) + 1);
      const folded = lines.map((l) => FOLDED.exec(l)).filter((m): m is RegExpExecArray => !!m);
      const textPerName = new Map<string, number>();
      for (const m of folded) textPerName.set(m[3], (textPerName.get(m[3]) ?? 0) + Number(m[4]));
      assert.deepEqual(new Map([...textPerName].sort()), new Map([...perName].sort()), 'each name as often in the text as in the JSON');
      assert.equal(new Set(folded.map((m) => `${m[2]} ${m[3]}`)).size, folded.length, 'one line per unknown name');
      assert.equal(lines.length, json.length - unknown.length + folded.length, 'the other findings one line each, as before');
      for (const m of folded) assert.ok((m[5]?.split(', ').length ?? 0) <= 2, `at most three places: ${m[0]}`);
      const summary = /unknown names: (\d+) \(.*\), (\d+) uses?;/.exec(text.stderr);
      if (unknown.length) {
        assert.ok(summary, text.stderr);
        assert.deepEqual([Number(summary[1]), Number(summary[2])], [folded.length, unknown.length]);
      } else assert.equal(summary, null);
      assert.match(text.stderr, /opened: .* \(the only repository\)/);
    });
  }
  assert.ok(total > 0, 'the newest snapshots have unknown names to fold');
});
