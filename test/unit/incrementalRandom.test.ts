// After any sequence of edits, the engine kept current edit by edit (partial
// re-parse, findings moved instead of recomputed, rules re-run only where an
// attribute they read changed, the index patched, counts kept per file) must
// report exactly what a fresh load of the same texts reports, and count it the
// same. Seeded random edits of every configuration file (INCREMENTAL_SCALE=10
// INCREMENTAL_SEED=3 widen the run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { corpusDir, corpusSettings, materialize, scratchDir } from '../helpers/corpus';
import { randomEdit, rng } from '../helpers/randomEdits';
import { removeDir } from '../helpers/lspClient';

const SCALE = Number(process.env.INCREMENTAL_SCALE ?? 1);
const SEED = Number(process.env.INCREMENTAL_SEED ?? 1);
const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

async function run(label: string, dirs: string[], settings: object, edits: number, seed: number): Promise<string> {
  const ws = new ZuulWorkspace(dirs, settings);
  await ws.load();
  const files = ws.repos.flatMap((r) => r.configFiles).sort();
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const rand = rng(seed);
  const paths = { moved: 0, partial: 0, full: 0 };
  // An edit that breaks the YAML is taken back by the next one, as a person fixes a typo: so most edits start from valid text.
  let undo: { file: string; text: string } | undefined;
  for (let n = 0; n < edits; n++) {
    let file = files[Math.floor(rand() * files.length)];
    let [what, next] = randomEdit(texts.get(file)!, rand);
    if (undo) {
      [file, what, next] = [undo.file, 'undo the edit that broke the YAML', undo.text];
      undo = undefined;
    } else if (ws.fileState(file)?.parsed.fatal === false) undo = { file, text: texts.get(file)! };
    texts.set(file, next);
    ws.setOverlay(file, next);
    paths[ws.lastUpdate]++;
    if (undo && ws.fileState(file)?.parsed.fatal !== true) undo = undefined;
    const fresh = new ZuulWorkspace(dirs, settings);
    for (const [f, t] of texts) fresh.setOverlay(f, t);
    await fresh.load();
    const got = ws.allFindings();
    const want = fresh.allFindings();
    if (!isDeepStrictEqual(got, want)) {
      assert.deepEqual(got, want, `${label}: edit ${n} (${what} in ${file}, ${ws.lastUpdate}) left findings a fresh load does not give:\n${difference(got, want)}`);
    }
    // The status bar's counts are kept per file, not counted afresh.
    assert.deepEqual(ws.stats(), fresh.stats(), `${label}: edit ${n} (${what} in ${file}) left counts a fresh load does not give`);
  }
  return `${label}: ${edits} edits: ${paths.moved} moved the findings, ${paths.partial} ran only the rules reading a changed job attribute, ${paths.full} ran every rule`;
}

test(`random edits of the example workspace give a fresh load's findings (seed ${SEED})`, async (t) => {
  const dir = scratchDir('zuul-incr-random-');
  try {
    cpSync(EXAMPLES, dir, { recursive: true });
    t.diagnostic(await run('examples', [dir], {}, Math.round(120 * SCALE), SEED));
  } finally {
    removeDir(dir);
  }
});

test(`random edits of two corpus snapshots give a fresh load's findings (seed ${SEED})`, async (t) => {
  if (!corpusDir()) return t.skip('the corpus (../shared/corpus) is not present');
  const root = scratchDir('zuul-incr-random-');
  try {
    const folders = ['otc-system-config-b454bff', 'otc-base-jobs-0debd80'];
    for (const f of folders) materialize(f, root);
    t.diagnostic(await run('corpus', folders.map((f) => join(root, f)), corpusSettings(folders), Math.round(60 * SCALE), SEED + 1));
  } finally {
    removeDir(root);
  }
});

/** The findings one side has and the other lacks, file by file, whole: the assertion's own diff shows only the differing lines. */
function difference(got: Map<string, unknown[]>, want: Map<string, unknown[]>): string {
  const out: string[] = [];
  for (const file of new Set([...got.keys(), ...want.keys()])) {
    const a = (got.get(file) ?? []).map((f) => JSON.stringify(f));
    const b = (want.get(file) ?? []).map((f) => JSON.stringify(f));
    for (const f of a) if (!b.includes(f)) out.push(`only after the edits: ${f}`);
    for (const f of b) if (!a.includes(f)) out.push(`only in a fresh load: ${f}`);
  }
  return out.join('\n');
}
