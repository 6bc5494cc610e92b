// The tenant-size rows of the bench (issue 12): synthetic OpenDev-shaped
// tenants (generateTenant.ts) of growing size, checked by the CLI and served
// by the real built server (dist/server.js, a child process over stdio, as an
// editor runs it). Per size: the CLI's wall time and peak RSS; the server's
// index time (`initialized` sent -> zuul/status `ready` after the load and the
// publication of every file's diagnostics); the latency of value edits in
// service files and of keystrokes in the largest file (didChange sent -> the
// publishDiagnostics of that document carrying that version); the server's
// RSS after the index and along the edits. Every size's server stays up
// after its index, and the sizes take turns edit by edit, so that the host's
// load falls on all of them alike. Plus keystrokes in the 1.7 MB
// projects.yaml of the corpus. The debounce is set to 0 ms
// (ZUUL_LSP_DEBOUNCE_MS=0): the figures are the engine's work, not the wait
// for a pause in typing (150 ms by default).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { FULL_CAPABILITIES, LspClient, SERVER_JS } from '../test/helpers/lspClient';
import { corpusDir, materialize, projectRoot, scratchDir } from '../test/helpers/corpus';
import { generateTenant } from './generateTenant';
import { rng } from '../test/helpers/randomEdits';
import { hostInfo, tenantReport, type CorpusRow, type EditStats, type HostInfo, type SizeRow, type TenantSection } from './tenantReport';
import { STATUS_NOTIFICATION, type ZuulStatus } from '../protocol/src';
import { pct } from './stats';
import { diffStrings } from '../server/src/zuul/shift';

export const DEFAULT_SIZES = [1000, 5000, 10_000, 20_000];
export const DEFAULT_EDITS = 100;
/** Wall-clock budget of one edit series (value edits, or keystrokes), so that a slow engine still ends the bench. */
export const DEFAULT_CAP_S = 120;
export const CORPUS_FILE = ['project-config-e1547b0', 'zuul.d/projects.yaml'] as const;
const SEED = 12;
const OPEN_SERVICE_FILES = 5;
const DEBOUNCE_ENV = { ZUUL_LSP_DEBOUNCE_MS: '0' };
/** Longest wait for one index or one edit before the bench gives up on the server. */
const WAIT_MS = 15 * 60_000;
const CLI_JS = join(projectRoot(), 'dist', 'cli.js');
const TIME_BIN = '/usr/bin/time';
const fileUri = (path: string) => pathToFileURL(path).href;

export interface TenantOptions {
  sizes: number[];
  valueEdits: number;
  keystrokes: number;
  capS: number;
  corpus: boolean;
}

export const defaultTenantOptions = (): TenantOptions => ({ sizes: DEFAULT_SIZES, valueEdits: DEFAULT_EDITS, keystrokes: DEFAULT_EDITS, capS: DEFAULT_CAP_S, corpus: true });

interface Memory {
  rssMb: number;
  hwmMb: number;
}

/** VmRSS and VmHWM (the peak) of a live process, from /proc. */
function memoryOf(pid: number | undefined): Memory | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}


function stats(times: number[], requested: number, wallMs: number, capped: boolean): EditStats {
  return { requested, done: times.length, p50: pct(times, 50), p95: pct(times, 95), max: times.length ? Math.max(...times) : NaN, wallMs, capped, times: times.map((x) => Math.round(x * 10) / 10) };
}

export interface CliResult {
  wallMs: number;
  maxRssMb: number;
  exitCode: number | null;
  summary: string;
  /** How the peak RSS was taken. */
  method: string;
}

/** A preload for when /usr/bin/time is missing: the CLI's own maxRSS, written at exit. */
const RSS_PRELOAD = `process.on('exit', () => require('fs').writeFileSync(process.env.ZUUL_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`;

/** `node dist/cli.js ROOT`: wall time and peak RSS of that one process. */
export function runCli(target: string, scratch: string): CliResult {
  const args = [CLI_JS, target];
  if (existsSync(TIME_BIN)) {
    const t = performance.now();
    const r = spawnSync(TIME_BIN, ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallMs = performance.now() - t;
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    // The CLI's summary line goes to stderr, before what time(1) appends.
    return { wallMs, maxRssMb: kb / 1024, exitCode: r.status, summary: lastLine(r.stderr.split('\tCommand being timed:')[0]), method: '/usr/bin/time -v' };
  }
  const preload = join(scratch, 'rss-preload.js');
  const rssFile = join(scratch, 'rss.txt');
  writeFileSync(preload, RSS_PRELOAD);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ZUUL_BENCH_RSS_FILE: rssFile } });
  const wallMs = performance.now() - t;
  const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
  return { wallMs, maxRssMb: kb / 1024, exitCode: r.status, summary: lastLine(r.stderr), method: 'process.resourceUsage().maxRSS at exit' };
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').pop() ?? '';
}

/** Line and UTF-16 column of an offset, as LSP counts them. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** The one incremental change that turns `before` into `after` (common prefix and suffix kept, found as the engine finds them). */
function changeBetween(before: string, after: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  const d = diffStrings(before, after);
  return { range: { start: positionAt(before, d.start), end: positionAt(before, d.oldEnd) }, text: after.slice(d.start, d.newEnd) };
}

/** Adds `voting: false` under a random job's name line, or takes it away again: only the rules that read `voting` (none) run again. */
export function valueEdit(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const names: number[] = [];
  for (let i = 1; i < lines.length; i++) if (/^ {4}name: \S/.test(lines[i]) && lines[i - 1].startsWith('- job:')) names.push(i);
  if (!names.length) throw new Error('valueEdit: no job in the file');
  const i = names[Math.floor(rand() * names.length)];
  if (lines[i + 1] === '    voting: false') lines.splice(i + 1, 1);
  else lines.splice(i + 1, 0, '    voting: false');
  return lines.join('\n');
}

/**
 * A keystroke the rules see no change in: half the time the case of one
 * letter flips in a comment or a one-line description, else a comment line
 * is typed above a random item (moving every line below it).
 */
export function keystroke(text: string, rand: () => number, n: number): string {
  const lines = text.split('\n');
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  if (rand() < 0.5) {
    const spots: number[] = [];
    for (let i = 0; i < lines.length; i++) if (/^\s*#/.test(lines[i]) || /^\s+description: [^|>\s]/.test(lines[i])) spots.push(i);
    if (spots.length) {
      const i = pick(spots);
      const line = lines[i];
      const from = line.includes('#') ? line.indexOf('#') + 1 : line.indexOf('description: ') + 13;
      const letters: number[] = [];
      for (let j = from; j < line.length; j++) if (/[a-zA-Z]/.test(line[j]) && line[j - 1] !== '\\') letters.push(j);
      if (letters.length) {
        const at = pick(letters);
        const c = line[at];
        lines[i] = line.slice(0, at) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + line.slice(at + 1);
        return lines.join('\n');
      }
    }
  }
  const items: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].startsWith('- ')) items.push(i);
  lines.splice(items.length ? pick(items) : lines.length, 0, `# bench edit ${n}`);
  return lines.join('\n');
}

/** The built server with the bench's client; one workspace folder. */
class Server {
  readonly client: LspClient = new LspClient({ env: DEBOUNCE_ENV });
  private readonly texts = new Map<string, string>();
  private readonly versions = new Map<string, number>();

  get pid(): number | undefined {
    return this.client.proc.pid;
  }

  memory(): Memory | undefined {
    return memoryOf(this.pid);
  }

  /** initialize, then `initialized` until zuul/status says ready: the index time and the status. */
  async index(folder: string): Promise<{ ms: number; status: ZuulStatus }> {
    this.client.workspaceFolders = [{ uri: fileUri(folder), name: 'tenant' }];
    await this.client.request('initialize', { processId: process.pid, rootUri: fileUri(folder), capabilities: FULL_CAPABILITIES, workspaceFolders: this.client.workspaceFolders }, 60_000);
    const from = this.client.notifications.length;
    const t = performance.now();
    this.client.notify('initialized', {});
    const status = await this.client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready', WAIT_MS, from);
    return { ms: performance.now() - t, status };
  }

  /** Resolves when the server publishes `uri` with `version`; `from` is where to start looking in `published`. */
  private published(uri: string, version: number, from: number): Promise<void> {
    let i = from;
    const list = this.client.published;
    return this.client.waitFor(
      () => {
        for (; i < list.length; i++) if (list[i].uri === uri && list[i].version === version) return true;
        return false;
      },
      WAIT_MS,
      `diagnostics of ${uri} version ${version}`,
    );
  }

  async open(path: string): Promise<void> {
    const text = readFileSync(path, 'utf8');
    const uri = fileUri(path);
    this.texts.set(path, text);
    this.versions.set(path, 1);
    const from = this.client.published.length;
    this.client.open(uri, text, 1);
    await this.published(uri, 1, from);
  }

  /** One incremental didChange to `next`; the time until its diagnostics arrive. */
  async edit(path: string, next: string): Promise<number> {
    const before = this.texts.get(path);
    if (before === undefined) throw new Error(`not open: ${path}`);
    const version = this.versions.get(path)! + 1;
    const change = changeBetween(before, next);
    const uri = fileUri(path);
    this.texts.set(path, next);
    this.versions.set(path, version);
    const from = this.client.published.length;
    const t = performance.now();
    this.client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await this.published(uri, version, from);
    return performance.now() - t;
  }

  text(path: string): string {
    return this.texts.get(path)!;
  }

  /** The incremental changes must leave the server with our text: a YAML error on an edited file says they did not. */
  assertInSync(paths: string[]): void {
    for (const p of paths) {
      const bad = (this.client.diagnostics.get(fileUri(p)) ?? []).find((d) => d.code === 'yaml-syntax');
      if (bad) throw new Error(`tenant bench: the server's text of ${p} differs from the bench's (${bad.message})`);
    }
  }

  async stop(): Promise<void> {
    const exited = Promise.race([this.client.shutdown(), new Promise((res) => setTimeout(res, 10_000).unref())]);
    await exited.catch(() => undefined);
    this.client.kill();
  }
}

interface SeriesResult {
  stats: EditStats;
  /** Server RSS after this many edits of the series (every 10, and the last). */
  rss: { edits: number; rssMb: number }[];
}

/**
 * One size's series of edits (each after the previous one's diagnostics),
 * taken one edit at a time so that the sizes can take turns; it stops after
 * `capS` seconds of its own edits.
 */
class Series {
  private readonly rand: () => number;
  private readonly times: number[] = [];
  private readonly rss: { edits: number; rssMb: number }[] = [];
  private spentMs = 0;
  private capped = false;

  constructor(
    private readonly server: Server,
    private readonly files: string[],
    private readonly count: number,
    private readonly capS: number,
    private readonly make: (text: string, rand: () => number, n: number) => string,
    seed: number,
  ) {
    this.rand = rng(seed);
  }

  get finished(): boolean {
    return this.capped || this.times.length >= this.count;
  }

  async step(): Promise<void> {
    if (this.spentMs > this.capS * 1000) {
      this.capped = true;
      return;
    }
    const t = performance.now();
    const n = this.times.length;
    const file = this.files[Math.floor(this.rand() * this.files.length)];
    this.times.push(await this.server.edit(file, this.make(this.server.text(file), this.rand, n)));
    if (this.times.length % 10 === 0 || n === this.count - 1) this.sampleRss();
    this.spentMs += performance.now() - t;
  }

  private sampleRss(): void {
    const m = this.server.memory();
    if (m) this.rss.push({ edits: this.times.length, rssMb: m.rssMb });
  }

  result(): SeriesResult {
    this.server.assertInSync(this.files);
    if (this.times.length && this.rss[this.rss.length - 1]?.edits !== this.times.length) this.sampleRss();
    return { stats: stats(this.times, this.count, this.spentMs, this.capped), rss: this.rss };
  }
}

/**
 * The series in turns, one edit of each per round. The host's load comes and
 * goes within seconds; taking turns puts a slow second on every size alike,
 * so the growth from one size to the next is the engine's, not the host's.
 */
async function inTurns(list: Series[]): Promise<SeriesResult[]> {
  while (list.some((s) => !s.finished)) for (const s of list) if (!s.finished) await s.step();
  return list.map((s) => s.result());
}

const log = (s: string) => process.stderr.write(`tenant bench: ${s}\n`);

/** A size made ready for its edits: generated, checked by the CLI, indexed by a server that stays up, its service files open. */
interface Prepared {
  root: string;
  gen: ReturnType<typeof generateTenant>;
  generateMs: number;
  cli: CliResult;
  server: Server;
  indexMs: number;
  status: ZuulStatus;
  afterIndex?: Memory;
  afterOpen?: Memory;
  edited: string[];
}

/** One size: generate, CLI, server index, open the files its value edits go to. */
async function prepareSize(size: number, scratch: string, server: Server): Promise<Prepared> {
  const root = join(scratch, `tenant-${size}`);
  const tg = performance.now();
  const gen = generateTenant(root, size, SEED);
  const generateMs = performance.now() - tg;
  log(`${size} jobs: generated ${gen.repos.length} repos, ${gen.files} files, ${Math.round(gen.bytes / 1024)} KB in ${Math.round(generateMs)} ms; running the CLI`);
  const cli = runCli(root, scratch);
  log(`${size} jobs: CLI ${Math.round(cli.wallMs)} ms, ${cli.maxRssMb.toFixed(0)} MB (${cli.summary}); starting the server`);
  const { ms: indexMs, status } = await server.index(root);
  const afterIndex = server.memory();
  log(`${size} jobs: indexed in ${Math.round(indexMs)} ms (${status.jobs} jobs, ${status.errors} errors, ${status.warnings} warnings, ${status.infos} infos), RSS ${afterIndex?.rssMb.toFixed(0)} MB`);
  const rand = rng(SEED + size);
  const pool = [...gen.serviceJobFiles];
  const edited: string[] = [];
  while (edited.length < Math.min(OPEN_SERVICE_FILES, pool.length)) edited.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  for (const f of edited) await server.open(f);
  return { root, gen, generateMs, cli, server, indexMs, status, afterIndex, afterOpen: server.memory(), edited };
}

/**
 * Every size is indexed in turn and its server kept up; then the value
 * edits of all sizes take turns, then the keystrokes (see inTurns).
 */
async function measureSizes(opts: TenantOptions, scratch: string): Promise<SizeRow[]> {
  const ready: Prepared[] = [];
  try {
    for (const size of opts.sizes) {
      const server = new Server();
      try {
        ready.push(await prepareSize(size, scratch, server));
      } catch (e) {
        await server.stop();
        throw e;
      }
    }
    log(`value edits, the ${ready.length} sizes taking turns`);
    const values = await inTurns(ready.map((p) => new Series(p.server, p.edited, opts.valueEdits, opts.capS, (text, r) => valueEdit(text, r), SEED + 1)));
    const afterValue = ready.map((p) => p.server.memory());
    for (const p of ready) await p.server.open(p.gen.largestFile.path);
    log(`keystrokes in each size's largest file, taking turns`);
    const keys = await inTurns(ready.map((p) => new Series(p.server, [p.gen.largestFile.path], opts.keystrokes, opts.capS, keystroke, SEED + 2)));
    return ready.map((p, i) => {
      const value = values[i];
      const end = p.server.memory();
      const rssAt = (n: number) => value.rss.find((r) => r.edits === n)?.rssMb;
      log(`${p.gen.jobs} jobs: ${value.stats.done} value edits, p50 ${value.stats.p50.toFixed(1)} ms, p95 ${value.stats.p95.toFixed(1)} ms; ${keys[i].stats.done} keystrokes in ${relative(p.root, p.gen.largestFile.path)}, p50 ${keys[i].stats.p50.toFixed(1)} ms, p95 ${keys[i].stats.p95.toFixed(1)} ms; RSS ${end?.rssMb.toFixed(0)} MB`);
      return {
        jobs: p.gen.jobs,
        repos: p.gen.repos.length,
        files: p.gen.files,
        bytes: p.gen.bytes,
        largestFile: { path: relative(p.root, p.gen.largestFile.path), bytes: p.gen.largestFile.bytes },
        generateMs: p.generateMs,
        cli: p.cli,
        indexMs: p.indexMs,
        status: p.status,
        value: value.stats,
        keystroke: keys[i].stats,
        editedFiles: p.edited.map((f) => relative(p.root, f)),
        rss: {
          afterIndexMb: p.afterIndex?.rssMb ?? NaN,
          afterOpenMb: p.afterOpen?.rssMb ?? NaN,
          after30Mb: rssAt(30) ?? NaN,
          afterValueEditsMb: afterValue[i]?.rssMb ?? NaN,
          afterKeystrokesMb: end?.rssMb ?? NaN,
          peakMb: end?.hwmMb ?? NaN,
          valueSeries: value.rss,
          keystrokeSeries: keys[i].rss,
        },
      };
    });
  } finally {
    for (const p of ready) {
      await p.server.stop();
      rmSync(p.root, { recursive: true, force: true });
    }
  }
}

/** Keystrokes in the corpus's 1.7 MB projects.yaml, that snapshot alone open in the server. */
export async function measureCorpus(opts: TenantOptions, scratch: string): Promise<CorpusRow | { skipped: string }> {
  if (!corpusDir()) return { skipped: 'the corpus (../shared/corpus) is not present' };
  const [folder, rel] = CORPUS_FILE;
  if (!existsSync(join(corpusDir()!, folder, rel))) return { skipped: `the corpus has no ${folder}/${rel}` };
  const dir = materialize(folder, join(scratch, 'corpus'));
  const file = join(dir, rel);
  const server = new Server();
  try {
    const { ms: indexMs, status } = await server.index(dir);
    await server.open(file);
    const [keys] = await inTurns([new Series(server, [file], opts.keystrokes, opts.capS, keystroke, SEED + 3)]);
    const m = server.memory();
    log(`corpus ${folder}/${rel}: indexed in ${Math.round(indexMs)} ms, ${keys.stats.done} keystrokes, p50 ${keys.stats.p50.toFixed(1)} ms, p95 ${keys.stats.p95.toFixed(1)} ms`);
    return { folder, file: rel, bytes: readFileSync(file).length, indexMs, status, keystroke: keys.stats, rssMb: m?.rssMb ?? NaN, peakMb: m?.hwmMb ?? NaN };
  } finally {
    await server.stop();
  }
}

/** Every size, then the corpus row; the report lines and the rows for results.json. */
export async function tenantSection(opts: TenantOptions = defaultTenantOptions()): Promise<{ section: TenantSection; lines: string[] }> {
  if (!existsSync(SERVER_JS) || !existsSync(CLI_JS)) throw new Error(`tenant bench: build first (node scripts/build.mjs): ${SERVER_JS} or ${CLI_JS} is missing`);
  const start: HostInfo = hostInfo();
  const scratch = scratchDir('zuul-tenant-bench-');
  try {
    const sizes = await measureSizes(opts, scratch);
    const corpus = opts.corpus ? await measureCorpus(opts, scratch) : { skipped: 'not asked for (--no-corpus)' };
    const section: TenantSection = { start, end: hostInfo(), options: { ...opts, seed: SEED, debounceMs: 0, openServiceFiles: OPEN_SERVICE_FILES }, sizes, corpus };
    return { section, lines: tenantReport(section) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Reads `--sizes 1000,5000`, `--edits N` (both series), `--value-edits N`, `--keystrokes N`, `--cap-s S`, `--no-corpus`, `--json FILE`. */
export function tenantArgs(argv: string[]): { opts: TenantOptions; json?: string } {
  const opts = defaultTenantOptions();
  let json: string | undefined;
  const num = (s: string | undefined, what: string) => {
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0) throw new Error(`tenant bench: ${what} needs a number, got ${s}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') opts.sizes = (argv[++i] ?? '').split(',').map((s) => num(s, '--sizes'));
    else if (a === '--edits') opts.valueEdits = opts.keystrokes = num(argv[++i], '--edits');
    else if (a === '--value-edits') opts.valueEdits = num(argv[++i], '--value-edits');
    else if (a === '--keystrokes') opts.keystrokes = num(argv[++i], '--keystrokes');
    else if (a === '--cap-s') opts.capS = num(argv[++i], '--cap-s');
    else if (a === '--no-corpus') opts.corpus = false;
    else if (a === '--json') json = argv[++i];
    else if (a !== '--tenant') throw new Error(`tenant bench: unknown argument ${a}`);
  }
  return { opts, json };
}

/** `node out/bench/run.js --tenant [...]`: only this section; prints markdown, optionally writes the rows as JSON. */
export async function tenantOnly(argv: string[]): Promise<void> {
  const { opts, json } = tenantArgs(argv);
  const { section, lines } = await tenantSection(opts);
  console.log(lines.join('\n'));
  if (json) {
    writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), tenant: section }, null, 2) + '\n');
    console.log(`\nwrote ${json}`);
  }
}
