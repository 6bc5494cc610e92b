// npm run test:oracle: Zuul's own loader and our engine on the same
// workspaces, each with the tenant file written for it, and on seeded
// mutations of them. Prints recall (Zuul's errors we report as errors in the
// same stanza) and precision (our errors Zuul gives too), per error class,
// and fails on any difference known-differences.yaml does not explain.
//   node out/test/oracle/run.js [--only TEXT] [--world NAME] [--per-kind N] [--sample N] [--no-mutations] [--list] [--show]
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, scratchDir } from '../helpers/corpus';
import { AT_FREEZE, BEYOND_LOADER, confirmed, identity, ourItems, outcomeOf, place, StanzaCache, zuulItems, type Item, type Outcome } from './compare';
import { explain, KNOWN_FILE, readKnown, usedEntries } from './known';
import { mutationsOf, type Mutation } from './mutations';
import { ensureOracle, Oracle, oracleAnsibleVersions } from './oracle';
import { buildWorld, listWorlds, type BuiltWorld } from './worlds';
import { compareFrozen, worldWorkspace, type FrozenTally } from './frozen';
import { ZuulWorkspace } from '../../server/src/engine/workspace';

interface Args {
  only?: string;
  /** One world, by its whole name. */
  world?: string;
  perKind: number;
  sample?: number;
  mutations: boolean;
  list: boolean;
  /** Print every error of both sides (to study a difference). */
  show: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { perKind: 3, mutations: true, list: false, show: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--only') a.only = argv[++i];
    else if (v === '--world') a.world = argv[++i];
    else if (v === '--per-kind') a.perKind = Number(argv[++i]);
    else if (v === '--sample') a.sample = Number(argv[++i]);
    else if (v === '--no-mutations') a.mutations = false;
    else if (v === '--list') a.list = true;
    else if (v === '--show') a.show = true;
    else throw new Error(`unknown option ${v}`);
  }
  return a;
}

interface Tally {
  zuul: Map<string, Record<Outcome, number>>;
  ours: Map<string, { confirmed: number; not: number }>;
  apart: Map<string, number>;
  differences: { where: string; item: Item; reason?: string }[];
}

const newTally = (): Tally => ({ zuul: new Map(), ours: new Map(), apart: new Map(), differences: [] });

/** Compares one run's items (or, for a mutation, the items it added) and counts them. */
function count(t: Tally, where: string, zuul: Item[], ours: Item[], frozen: boolean, known: ReturnType<typeof readKnown>, all = { zuul, ours }): void {
  const zuulErrors = zuul.filter((z) => z.severity === 'error');
  for (const z of zuulErrors) {
    const o = outcomeOf(z, all.ours);
    const row = t.zuul.get(z.cls) ?? { error: 0, warning: 0, missed: 0 };
    row[o]++;
    t.zuul.set(z.cls, row);
    if (o !== 'error') t.differences.push({ where, item: z, reason: explain(known, z, where)?.reason });
  }
  for (const o of ours.filter((x) => x.severity === 'error')) {
    if (BEYOND_LOADER[o.cls] || (!frozen && AT_FREEZE.has(o.cls))) {
      t.apart.set(o.cls, (t.apart.get(o.cls) ?? 0) + 1);
      continue;
    }
    const ok = confirmed(o, all.zuul);
    const row = t.ours.get(o.cls) ?? { confirmed: 0, not: 0 };
    if (ok) row.confirmed++;
    else row.not++;
    t.ours.set(o.cls, row);
    if (!ok) t.differences.push({ where, item: o, reason: explain(known, o, where)?.reason });
  }
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);

function report(title: string, t: Tally): { recall: [number, number]; precision: [number, number] } {
  let rec = 0;
  let all = 0;
  console.log(`\n## ${title}\n\nZuul's errors (recall: ours as an error in the same stanza)\n`);
  console.log('| Zuul error | count | ours: error | only a warning | missed |\n|---|---:|---:|---:|---:|');
  for (const [cls, r] of [...t.zuul].sort((a, b) => a[0].localeCompare(b[0]))) {
    const n = r.error + r.warning + r.missed;
    rec += r.error;
    all += n;
    console.log(`| ${cls} | ${n} | ${r.error} | ${r.warning} | ${r.missed} |`);
  }
  console.log(`| **all** | ${all} | ${rec} (${pct(rec, all)}) | | |`);
  let conf = 0;
  let ours = 0;
  console.log(`\nOur errors (precision: Zuul gives an error there too)\n`);
  console.log('| rule | count | Zuul too | Zuul not |\n|---|---:|---:|---:|');
  for (const [cls, r] of [...t.ours].sort((a, b) => a[0].localeCompare(b[0]))) {
    conf += r.confirmed;
    ours += r.confirmed + r.not;
    console.log(`| ${cls} | ${r.confirmed + r.not} | ${r.confirmed} | ${r.not} |`);
  }
  console.log(`| **all** | ${ours} | ${conf} (${pct(conf, ours)}) | |`);
  if (t.apart.size) console.log(`\nCounted apart (beyond the loader, or Zuul's freeze-time errors in a world not frozen): ${[...t.apart].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return { recall: [rec, all], precision: [conf, ours] };
}

async function runBoth(oracle: Oracle, built: BuiltWorld, freeze: boolean, frozen?: { name: string; tally: FrozenTally }): Promise<{ zuul: Item[]; ours: Item[]; seconds: number }> {
  const stanzas = new StanzaCache(built);
  const argv = [built.root, '--tenant-config', built.tenantFile, '--hostname', built.hostname, ...(freeze ? [] : ['--no-freeze'])];
  const answer = frozen && freeze ? await oracle.runFrozen(argv) : { result: await oracle.run(argv), frozen: undefined };
  if (frozen && answer.frozen) compareFrozen(await worldWorkspace(built), frozen.name, answer.frozen, frozen.tally);
  return { zuul: zuulItems(answer.result, stanzas), ours: await ourItems(built, stanzas), seconds: answer.result.seconds.total };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const worlds = listWorlds();
  if (typeof worlds === 'string') {
    console.log(`test:oracle: skipped: ${worlds}`);
    return 0;
  }
  const chosen = worlds.filter((w) => (!args.only || w.name.includes(args.only)) && (!args.world || w.name === args.world));
  if (args.list) {
    for (const w of chosen) console.log(`${w.name}: ${w.repos.map((r) => `${r.project}=${r.folder}`).join(', ')}${w.freeze ? ' (frozen)' : ''}`);
    return 0;
  }
  const why = ensureOracle((m) => console.log(m));
  if (why) {
    console.log(`test:oracle: skipped: ${why}`);
    return 0;
  }
  const known = readKnown();
  const oracle = new Oracle();
  const base = newTally();
  const mut = newTally();
  const frozenTally: FrozenTally = { jobs: 0, agree: 0, differences: [] };
  const started = Date.now();
  let mutations = 0;
  try {
    // The example workspace, as the oracle loads it (its own tenant: every repo, the config project trusted).
    {
      const examples = join(projectRoot(), 'examples');
      const { frozen } = await oracle.runFrozen([examples]);
      const ws = new ZuulWorkspace([examples], { ansibleVersions: oracleAnsibleVersions() });
      await ws.load();
      compareFrozen(ws, 'examples', frozen, frozenTally);
    }
    for (const w of chosen) {
      const root = scratchDir('zuul-oracle-world-');
      try {
        const built = buildWorld(w, root);
        const t0 = Date.now();
        const before = await runBoth(oracle, built, w.freeze, { name: w.name, tally: frozenTally });
        count(base, w.name, before.zuul, before.ours, w.freeze, known);
        if (args.show) for (const i of [...before.zuul, ...before.ours]) console.log(`  ${i.side} ${i.severity} ${i.file} [${i.stanza}] ${i.cls}: ${i.text.slice(0, 300)}`);
        console.log(`${w.name}: Zuul ${before.zuul.filter((z) => z.severity === 'error').length} errors, ours ${before.ours.filter((o) => o.severity === 'error').length} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        // Mutations of the newest worlds: the case states add nothing a mutation of the same repos would not.
        if (!args.mutations || w.name.includes(' with ')) continue;
        const stanzas = new StanzaCache(built);
        const rejected = new Set(before.zuul.map(place));
        let list: Mutation[] = mutationsOf(built, w.name, args.perKind, w.freezeMutations, (file, line0) => rejected.has(place({ file, stanza: stanzas.at(file, line0) } as Item)),
          (project) => before.zuul.some((z) => z.file.startsWith(`${project}/`) && z.stanza.startsWith('project')),
        );
        if (args.sample !== undefined) list = list.filter((_, i) => i % Math.max(1, Math.ceil(list.length / args.sample!)) === 0);
        const seenOf = (r: { zuul: Item[]; ours: Item[] }) => ({ zuul: new Set(r.zuul.map(identity)), ours: new Set(r.ours.map(identity)) });
        const seen = seenOf(before);
        // A world not frozen as it is gets one frozen run for its freeze-kind mutations to be judged against.
        const frozenSeen = !w.freeze && list.some((m) => m.freeze) ? seenOf(await runBoth(oracle, built, true)) : seen;
        for (const m of list) {
          const path = join(root, m.file);
          const original = readFileSync(path);
          writeFileSync(path, m.text);
          try {
            const after = await runBoth(oracle, built, m.freeze);
            const where = `${w.name} / ${m.kind}: ${m.what}`;
            // What the mutation adds, each side judged against everything the other reports after it.
            const was = m.freeze ? frozenSeen : seen;
            count(mut, where, after.zuul.filter((z) => !was.zuul.has(identity(z))), after.ours.filter((o) => !was.ours.has(identity(o))), m.freeze, known, after);
            mutations++;
          } finally {
            writeFileSync(path, original);
          }
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  } finally {
    oracle.close();
  }
  const b = report(`The workspaces as they are (${chosen.length})`, base);
  const m = report(`Seeded mutations (${mutations}): only what each mutation adds`, mut);
  console.log(`\n## The effective job against Zuul's frozen jobs\n\n${frozenTally.agree} of ${frozenTally.jobs} frozen jobs agree (playbooks in order, nodeset, vars).`);
  for (const d of frozenTally.differences.slice(0, 40)) console.log(`  [${d.where}] ${d.what.slice(0, 600)}`);
  const unexplained = [...base.differences, ...mut.differences].filter((d) => !d.reason);
  const explained = [...base.differences, ...mut.differences].filter((d) => d.reason);
  console.log(`\n${explained.length} differences explained by ${KNOWN_FILE}:`);
  const byReason = new Map<string, number>();
  for (const d of explained) byReason.set(d.reason!, (byReason.get(d.reason!) ?? 0) + 1);
  for (const [r, n] of byReason) console.log(`  ${n} × ${r}`);
  const unused = known.filter((k) => !usedEntries.has(k));
  // A narrowed run (--only, --sample) need not meet every entry; a full one that does not says the entry is stale.
  if (unused.length) console.log(`\n${unused.length} entries of ${KNOWN_FILE} explained nothing in this run:${unused.map((k) => `\n  ${k.side} ${k.cls ?? ''} ${k.text ?? ''}: ${k.reason.slice(0, 100)}`).join('')}`);
  if (unexplained.length) {
    console.log(`\n${unexplained.length} differences not explained (add the understood ones to ${KNOWN_FILE}, fix the rest):`);
    for (const d of unexplained) console.log(`  [${d.where}] ${d.item.side === 'zuul' ? 'Zuul only' : 'ours only'}: ${d.item.file} ${d.item.stanza}: ${d.item.cls}: ${d.item.text.slice(0, 240)}`);
  }
  console.log(`\ntest:oracle: workspaces recall ${pct(...b.recall)} precision ${pct(...b.precision)}; mutations recall ${pct(...m.recall)} precision ${pct(...m.precision)}; ${unexplained.length} unexplained differences; effective jobs ${frozenTally.agree}/${frozenTally.jobs} as Zuul froze them; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return unexplained.length || frozenTally.differences.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(3);
  },
);
