// Markdown for the tenant-size rows (issue 12 "Fast at the size of
// OpenStack's tenant"): one table of the sizes, one of the edits, the growth
// per doubling, the corpus's 1.7 MB file, and the issue's goals side by side
// with what was measured.
import { cpus, loadavg } from 'node:os';
import { SERVER_NODE_FLAGS } from '../client/src/serverProcess';

export interface EditStats {
  requested: number;
  done: number;
  p50: number;
  p95: number;
  max: number;
  /** Wall time of the whole series. */
  wallMs: number;
  /** Stopped by the wall-clock cap before `requested` edits. */
  capped: boolean;
  /** Every edit's latency in ms, in order. */
  times: number[];
}

export interface HostInfo {
  node: string;
  cpu: string;
  cores: number;
  loadavg: number[];
  date: string;
}

export interface SizeRow {
  jobs: number;
  repos: number;
  files: number;
  bytes: number;
  largestFile: { path: string; bytes: number };
  generateMs: number;
  cli: { wallMs: number; maxRssMb: number; exitCode: number | null; summary: string; method: string };
  indexMs: number;
  status: { jobs: number; files: number; repos: number; errors: number; warnings: number; infos: number; world: string };
  value: EditStats;
  keystroke: EditStats;
  editedFiles: string[];
  rss: {
    afterIndexMb: number;
    afterOpenMb: number;
    after30Mb: number;
    afterValueEditsMb: number;
    afterKeystrokesMb: number;
    /** VmHWM at the end: the server's peak over the whole run. */
    peakMb: number;
    valueSeries: { edits: number; rssMb: number }[];
    keystrokeSeries: { edits: number; rssMb: number }[];
  };
}

export interface CorpusRow {
  folder: string;
  file: string;
  bytes: number;
  indexMs: number;
  status: { jobs: number; errors: number; warnings: number; infos: number; world: string };
  keystroke: EditStats;
  rssMb: number;
  peakMb: number;
}

export interface TenantSection {
  start: HostInfo;
  end: HostInfo;
  options: { sizes: number[]; valueEdits: number; keystrokes: number; capS: number; corpus: boolean; seed: number; debounceMs: number; openServiceFiles: number };
  sizes: SizeRow[];
  corpus: CorpusRow | { skipped: string };
}

export const GOALS = {
  indexMs10k: 5000,
  valueP95Ms10k: 100,
  rssMb10k: 500,
  /** The RSS floor of the second half of the edits may lie this much above that of the first half and still count as "no growth per edit". */
  rssGrowthMb: 10,
  editMs20k: 150,
  corpusKeystrokeP95Ms: 100,
  growthPerDoubling: 1.2,
};

export function hostInfo(): HostInfo {
  return { node: process.version, cpu: cpus()[0]?.model ?? 'unknown CPU', cores: cpus().length, loadavg: loadavg(), date: new Date().toISOString() };
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : x < 1000 ? 1 : 0) : '–');
const mbFmt = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const kb = (bytes: number) => Math.round(bytes / 1024);
const load = (h: HostInfo) => h.loadavg.map((l) => l.toFixed(2)).join(' ');
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'NOT MEASURED' : ok ? 'PASS' : 'FAIL');
const done = (s: EditStats) => `${s.done}/${s.requested}${s.capped ? ` (cap, ${fmt(s.wallMs / 1000)} s)` : ''}`;

/** Errors/warnings from the CLI's summary line ("0 errors, 2 warnings in 1 file; ..."). */
function cliCounts(summary: string): string {
  const m = /(\d+) errors?, (\d+) warnings?/.exec(summary);
  return m ? `${m[1]}/${m[2]}` : `? (${summary || 'no summary'})`;
}

/** (b / a) ^ (1 / log2(sizeB / sizeA)): the factor per doubling of the tenant between two sizes. */
export function perDoubling(a: number, b: number, sizeA: number, sizeB: number): number {
  return Math.pow(b / a, 1 / Math.log2(sizeB / sizeA));
}

/**
 * Whether the server's RSS grows with the edits. RSS sampled every 10 edits
 * saws up and down with the garbage collector, so two single samples say
 * little: from edit 30 on (the first edits fill the engine's caches), compare
 * the floor (the lowest sample) of the first half of the samples with that of
 * the second half; retained memory raises the floor.
 */
export function rssTrend(series: { edits: number; rssMb: number }[]): { firstFloor: number; secondFloor: number; growthMb: number; highest: number; samples: number; from: number; to: number } | undefined {
  const warm = series.filter((x) => x.edits >= 30);
  if (warm.length < 4) return undefined;
  const from = warm[0].edits;
  const to = warm[warm.length - 1].edits;
  const mid = (from + to) / 2;
  const floor = (xs: { rssMb: number }[]) => Math.min(...xs.map((x) => x.rssMb));
  const firstFloor = floor(warm.filter((x) => x.edits <= mid));
  const secondFloor = floor(warm.filter((x) => x.edits > mid));
  return { firstFloor, secondFloor, growthMb: secondFloor - firstFloor, highest: Math.max(...series.map((x) => x.rssMb)), samples: warm.length, from, to };
}

export function tenantReport(t: TenantSection): string[] {
  const o = t.options;
  const out: string[] = [];
  out.push(
    `Tenant size (issue 12): synthetic OpenDev-shaped tenants (bench/generateTenant.ts, seed ${o.seed}): a config project project-config (tenant file zuul/main.yaml, 5 pipelines, semaphores, one infra-prod deploy job per service, each with a hard dependency on infra-prod-bootstrap-bridge, some soft ones on other services, files matchers), base-jobs (base jobs, nodesets, a secret), a zuul-jobs-like library and service repos of 21 jobs each with parent chains 3 to 6 deep. ` +
      `CLI = \`node dist/cli.js ROOT\`, one process, peak RSS by ${t.sizes[0]?.cli.method ?? '/usr/bin/time -v'}. ` +
      `Server = dist/server.js as a child process over stdio, started with the extension's Node flags (${SERVER_NODE_FLAGS.join(' ')}), one workspace folder (the tenant root; the server finds the repos below it), ZUUL_LSP_DEBOUNCE_MS=${o.debounceMs}: the 150 ms default debounce is excluded, the figures are the engine's work and the protocol. ` +
      `Index = \`initialized\` sent until zuul/status says ready (load, checks, and every file's diagnostics published). ` +
      `Value edit = add or remove \`voting: false\` under a random job of one of ${o.openServiceFiles} open service job files (only the rules that read the attribute run again: none for voting); keystroke = in the largest file (the config project's projects file), flip a letter's case in a comment or description, or type a comment line above a random item. One edit = an incremental didChange sent until the publishDiagnostics of that document carrying its version; sequential, the next after the previous one's diagnostics. Every size's server stays up after its index and the sizes take turns, one edit of each per round (all value edits, then all keystrokes), so that the host's load falls on every size alike. ` +
      `${o.valueEdits} value edits and ${o.keystrokes} keystrokes asked per size, each series stopped after ${o.capS} s of its own edits. RSS = VmRSS of the server from /proc; peak = VmHWM.`,
    '',
    `${t.start.node}, ${t.start.cpu} x${t.start.cores}; load average ${load(t.start)} at the start, ${load(t.end)} at the end (times are wall clock).`,
    '',
  );
  out.push('| jobs | repos | files | KB | largest file | KB | CLI findings (E/W) | CLI ms | CLI peak RSS MB | server findings (E/W/I) | index ms | RSS after index MB |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of t.sizes) {
    out.push(
      `| ${r.jobs} | ${r.repos} | ${r.files} | ${kb(r.bytes)} | ${r.largestFile.path} | ${kb(r.largestFile.bytes)} | ${cliCounts(r.cli.summary)} | ${fmt(r.cli.wallMs)} | ${mbFmt(r.cli.maxRssMb)} | ${r.status.errors}/${r.status.warnings}/${r.status.infos} | ${fmt(r.indexMs)} | ${mbFmt(r.rss.afterIndexMb)} |`,
    );
  }
  const worlds = [...new Set(t.sizes.map((r) => r.status.world))];
  if (worlds.length) out.push('', `World: ${worlds.join('; ')}.`);
  out.push('', '| jobs | value edits | p50 ms | p95 ms | max ms | keystrokes | p50 ms | p95 ms | max ms | RSS MB after index / 30 value edits / last value edit / keystrokes | RSS MB along the value edits (lowest-highest of every 10th) | peak RSS MB |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of t.sizes) {
    const v = r.value;
    const k = r.keystroke;
    const s = r.rss.valueSeries.map((x) => x.rssMb);
    const range = s.length ? `${mbFmt(Math.min(...s))}-${mbFmt(Math.max(...s))}` : '–';
    out.push(
      `| ${r.jobs} | ${done(v)} | ${fmt(v.p50)} | ${fmt(v.p95)} | ${fmt(v.max)} | ${done(k)} | ${fmt(k.p50)} | ${fmt(k.p95)} | ${fmt(k.max)} | ${mbFmt(r.rss.afterIndexMb)} / ${mbFmt(r.rss.after30Mb)} / ${mbFmt(r.rss.afterValueEditsMb)} / ${mbFmt(r.rss.afterKeystrokesMb)} | ${range} | ${mbFmt(r.rss.peakMb)} |`,
    );
  }
  const pairs = t.sizes.slice(1).map((b, i) => [t.sizes[i], b] as const);
  const growth = pairs.map(([a, b]) => ({
    label: `${a.jobs} -> ${b.jobs}`,
    index: perDoubling(a.indexMs, b.indexMs, a.jobs, b.jobs),
    valueP50: perDoubling(a.value.p50, b.value.p50, a.jobs, b.jobs),
    valueP95: perDoubling(a.value.p95, b.value.p95, a.jobs, b.jobs),
    keyP50: perDoubling(a.keystroke.p50, b.keystroke.p50, a.jobs, b.jobs),
    keyP95: perDoubling(a.keystroke.p95, b.keystroke.p95, a.jobs, b.jobs),
  }));
  if (growth.length) {
    out.push('', 'Growth per doubling of the tenant: (figure at the larger size / at the smaller) ^ (1 / log2(size ratio)); x1.0 = independent of the size, x2.0 = linear in it.', '');
    out.push('| sizes | index | value edit p50 | value edit p95 | keystroke p50 | keystroke p95 |', '|---|---|---|---|---|---|');
    const x = (f: number) => (Number.isFinite(f) ? `x${f.toFixed(2)}` : '–');
    for (const g of growth) out.push(`| ${g.label} | ${x(g.index)} | ${x(g.valueP50)} | ${x(g.valueP95)} | ${x(g.keyP50)} | ${x(g.keyP95)} |`);
  }
  const c = t.corpus;
  out.push('');
  if ('skipped' in c) out.push(`Corpus keystrokes: skipped, ${c.skipped}.`);
  else {
    out.push(`Corpus keystrokes: the snapshot ${c.folder} alone open in the server (its tenant: ${c.status.world}), keystrokes as above in ${c.file}.`, '');
    out.push('| file | KB | index ms | keystrokes | p50 ms | p95 ms | max ms | RSS MB | peak RSS MB |', '|---|---|---|---|---|---|---|---|---|');
    out.push(`| ${c.folder}/${c.file} | ${kb(c.bytes)} | ${fmt(c.indexMs)} | ${done(c.keystroke)} | ${fmt(c.keystroke.p50)} | ${fmt(c.keystroke.p95)} | ${fmt(c.keystroke.max)} | ${mbFmt(c.rssMb)} | ${mbFmt(c.peakMb)} |`);
  }
  out.push('', ...goalTable(t, growth));
  return out;
}

function goalTable(t: TenantSection, growth: { label: string; valueP50: number; keyP50: number; index: number }[]): string[] {
  const g = GOALS;
  const at = (n: number) => t.sizes.find((r) => r.jobs === n);
  const rows: [string, string, boolean | undefined][] = [];
  const r10 = at(10_000);
  const r20 = at(20_000);
  rows.push([`10k jobs: index < ${g.indexMs10k / 1000} s`, r10 ? `${fmt(r10.indexMs)} ms` : 'not run', r10 ? r10.indexMs < g.indexMs10k : undefined]);
  rows.push([`10k jobs: value edit p95 < ${g.valueP95Ms10k} ms`, r10 ? `${fmt(r10.value.p95)} ms (${done(r10.value)} edits)` : 'not run', r10 && r10.value.done ? r10.value.p95 < g.valueP95Ms10k : undefined]);
  rows.push([`10k jobs: server RSS after index < ${g.rssMb10k} MB`, r10 ? `${mbFmt(r10.rss.afterIndexMb)} MB` : 'not run', r10 ? r10.rss.afterIndexMb < g.rssMb10k : undefined]);
  if (r10) {
    const series = r10.rss.valueSeries;
    const last = series[series.length - 1];
    const reached = r10.value.done >= 100;
    const trend = rssTrend(series);
    const along = trend ? `; highest of the samples every 10 edits ${mbFmt(trend.highest)} MB, peak (VmHWM) of the run ${mbFmt(r10.rss.peakMb)} MB` : '';
    rows.push([
      `10k jobs: server RSS after 100 edits < ${g.rssMb10k} MB`,
      last ? `${mbFmt(last.rssMb)} MB after ${last.edits} edits${reached ? '' : ' (100 not reached within the cap)'}${along}` : 'no edit done',
      last ? (reached ? last.rssMb < g.rssMb10k : last.rssMb >= g.rssMb10k ? false : undefined) : undefined,
    ]);
    rows.push([`10k jobs, stricter reading: peak RSS (VmHWM) over the index and all edits < ${g.rssMb10k} MB`, `${mbFmt(r10.rss.peakMb)} MB`, Number.isFinite(r10.rss.peakMb) ? r10.rss.peakMb < g.rssMb10k : undefined]);
    rows.push([
      `10k jobs: no RSS growth per edit (from edit 30 on, sampled every 10 edits: the lowest sample of the second half at most ${g.rssGrowthMb} MB above the lowest of the first half)`,
      trend
        ? `lowest ${mbFmt(trend.firstFloor)} MB in edits ${trend.from}-${Math.floor((trend.from + trend.to) / 2)}, ${mbFmt(trend.secondFloor)} MB in the rest up to ${trend.to} (${trend.growthMb >= 0 ? '+' : ''}${trend.growthMb.toFixed(1)} MB); single samples: ${mbFmt(r10.rss.after30Mb)} MB after 30 edits, ${mbFmt(last.rssMb)} MB after ${last.edits}`
        : `fewer than 60 edits done (${r10.value.done})`,
      trend ? trend.growthMb <= g.rssGrowthMb : undefined,
    ]);
  } else {
    rows.push([`10k jobs: server RSS after 100 edits < ${g.rssMb10k} MB, no growth per edit`, 'not run', undefined]);
  }
  for (const [kind, s] of [['value edit', r20?.value], ['keystroke (largest file)', r20?.keystroke]] as const) {
    rows.push([`20k jobs: ${kind} p50 and p95 < ${g.editMs20k} ms`, r20 && s ? `p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms (${done(s)})` : 'not run', r20 && s && s.done ? s.p95 < g.editMs20k && s.p50 < g.editMs20k : undefined]);
  }
  const c = t.corpus;
  rows.push([`1.7 MB file keystroke p95 < ${g.corpusKeystrokeP95Ms} ms`, 'skipped' in c ? `skipped: ${c.skipped}` : `${fmt(c.keystroke.p95)} ms (${c.folder}/${c.file}, ${done(c.keystroke)})`, 'skipped' in c || !c.keystroke.done ? undefined : c.keystroke.p95 < g.corpusKeystrokeP95Ms]);
  if (growth.length) {
    const worst = growth.reduce((w, x) => Math.max(w, x.valueP50, x.keyP50), 0);
    const list = growth.map((x) => `${x.label}: value x${x.valueP50.toFixed(2)}, keystroke x${x.keyP50.toFixed(2)} (index x${x.index.toFixed(2)})`).join('; ');
    rows.push([`edit p50 growth per doubling <= x${g.growthPerDoubling} (index growth shown, not judged)`, list, Number.isFinite(worst) ? worst <= g.growthPerDoubling : undefined]);
  } else rows.push([`edit p50 growth per doubling <= x${g.growthPerDoubling}`, 'one size only', undefined]);
  return ['Goals (issue 12):', '', '| goal | measured | verdict |', '|---|---|---|', ...rows.map(([goal, measured, ok]) => `| ${goal} | ${measured} | ${verdict(ok)} |`)];
}
