// One run of zuul-check: arguments -> workspace -> report -> exit code.
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_ROOTS, findRepoRoots, unloadedConfigDirs } from '../zuul/discover';
import type { Finding } from '../zuul/types';
import { fixAll, type FixAllResult } from '../fixes/fixAll';
import { writeFilesAtomically, type WriteOutcome } from './writeFiles';
import { MAX_FILE_BYTES, ZuulWorkspace } from '../engine/workspace';
import { parseArgs, USAGE, UsageError } from './args';
import { displayPath, formatJson, TOOL_NAME } from './format';
import { formatGroupedText, formatSummary, type RunFacts } from './textReport';
import { formatSarif } from './sarif';
import { preferredFix } from '../fixes/registry';
import { readTextFile } from '../zuul/readFile';
import { readRulesFiles } from './rulesFile';
import { describeWorld, worldOf } from '../zuul/tenantView';
import { describeFsError } from '../zuul/readFile';
import { pushAll } from '../zuul/arrays';
import { explainInWorkspace } from '../engine/explain';
import type { ExplainQuery } from '../zuul/effectiveJob';
import { renderEffectiveJob } from '../features/effectiveJobText';
import { runJobsFor } from './jobsFor';
import { rulesFor } from '../engine/settingWhere';

export interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    return await runChecked(argv, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${TOOL_NAME}: ${e.message} (see ${TOOL_NAME} --help)\n`);
    return EXIT.usage;
  }
}

async function runChecked(argv: string[], io: Io): Promise<number> {
  const opts = parseArgs(argv);
  if (opts.help) {
    io.out(USAGE + '\n');
    return EXIT.ok;
  }
  if (opts.version) {
    io.out(`${TOOL_NAME} ${version()}\n`);
    return EXIT.ok;
  }
  const rules = rulesFor(ZuulWorkspace.rules(), 'cli');
  if (opts.listRules) {
    const list = [...rules.values()].map(({ id, severity, summary, docs }) => ({ id, severity, summary, ...(docs ? { docs } : {}) }));
    io.out(opts.format === 'text' ? list.map((r) => `${r.id}\t${r.severity}\t${r.summary}\n`).join('') : `${JSON.stringify(list, null, 2)}\n`);
    return EXIT.ok;
  }
  const settings = readRulesFiles(opts.rulesFiles, io.cwd, new Set(rules.keys()), (m) => io.err(`${TOOL_NAME}: warning: ${m}\n`));

  const dirs: string[] = [];
  const files: string[] = [];
  for (const p of opts.paths.length ? opts.paths : ['.']) {
    const abs = resolve(io.cwd, p);
    if (statPath(abs, p) === 'dir') dirs.push(abs);
    else files.push(abs);
  }
  const folders: string[] = [];
  for (const d of dirs) {
    // A folder inside a repository (`zuul-check zuul.d`) means that repository,
    // reported for the files below the folder only.
    const inside = findRepoRoots(d).length === 0 ? repoRootOf(d) : undefined;
    folders.push(inside ?? d);
  }
  for (const f of files) {
    const root = repoRootOf(f);
    if (root) folders.push(root);
  }

  if (opts.tenant !== undefined) settings.tenantConfig = resolve(io.cwd, opts.tenant);
  if (opts.tenantName !== undefined) settings.tenantName = opts.tenantName;
  const ws = new ZuulWorkspace([...new Set(folders)], settings, 'cli');
  await ws.load();
  if (ws.repos.length === 0) io.err(`${TOOL_NAME}: note: no Zuul configuration (zuul.yaml, zuul.d/, .zuul.yaml, .zuul.d/) found\n`);

  if (opts.explain) return explain(ws, opts.explain, opts.format, io);
  if (opts.jobsFor) return runJobsFor(ws, opts.jobsFor, opts.format, io.cwd, (t) => io.out(t), (t) => io.err(t));

  const tracked = new Set(ws.trackedFiles());
  for (const f of files) if (!tracked.has(f)) io.err(`${TOOL_NAME}: note: ${displayPath(f, io.cwd)} is not a Zuul configuration file of any repository; nothing to check in it\n`);
  const tenantFile = ws.tenantFile();
  if (opts.tenant !== undefined && !ws.tenant && !ws.allFindings().get(tenantFile ?? '')?.length) io.err(`${TOOL_NAME}: note: ${opts.tenant} defines no tenant\n`);
  // What the tenant file says about the workspace is reported with any path given.
  const wanted = (file: string) => file === tenantFile || files.includes(file) || dirs.some((d) => file === d || file.startsWith(d.endsWith(sep) ? d : d + sep));

  let writeFailed = false;
  if (opts.fix) {
    const { places, written, refused } = applyFixes(ws, [...ws.allFindings().keys()].filter(wanted));
    const done = new Set(written);
    for (const p of places) if (done.has(p.file)) io.err(`${displayPath(p.file, io.cwd)}:${p.line + 1}: fixed: ${p.title}\n`);
    for (const r of refused) io.err(`${TOOL_NAME}: not written: ${displayPath(r.file, io.cwd)}: ${r.reason}\n`);
    const n = places.filter((p) => done.has(p.file)).length;
    if (n) io.err(`${TOOL_NAME}: ${n} fix${n === 1 ? '' : 'es'} written to ${written.map((f) => displayPath(f, io.cwd)).join(', ')}\n`);
    writeFailed = refused.length > 0;
  }

  let reported: Finding[] = [];
  for (const [file, list] of ws.allFindings()) if (wanted(file)) pushAll(reported, list);
  if (opts.quiet) reported = reported.filter((f) => f.severity === 'error');

  if (opts.format === 'json') io.out(formatJson(reported, io.cwd));
  else if (opts.format === 'sarif') {
    const textOf = (file: string) => {
      const held = ws.fileText(file);
      if (held !== undefined) return held;
      const read = readTextFile(file, { maxBytes: MAX_FILE_BYTES });
      return 'text' in read ? read.text : undefined;
    };
    const fixOf = (f: Finding) => preferredFix(ws, f);
    io.out(formatSarif(reported, rules, version(), io.cwd, { textOf, fixOf }));
  }
  else {
    // The findings on stdout, the summary on stderr: a pipe or a problem matcher reads only findings, and a CI log shows both.
    io.out(formatGroupedText(reported, io.cwd));
    if (!opts.quiet) io.err(formatSummary(reported, runFacts(ws, io.cwd)));
  }
  return writeFailed || reported.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

/** What the summary says about the run besides the findings: what was opened, what was not loaded, what the tenant misses. */
function runFacts(ws: ZuulWorkspace, cwd: string): RunFacts {
  const shown = (dir: string) => relative(cwd, dir) || '.';
  const notLoaded: string[] = [];
  for (const repo of ws.repos) {
    const project = ws.tenant?.projectOf.get(repo.root);
    const why = project ? `the tenant's extra-config-paths for ${project.name} do not name it` : repo.extraConfigPaths.length ? 'extraConfigPaths does not name it' : 'extra-config-paths not set';
    for (const d of unloadedConfigDirs(repo)) notLoaded.push(`${shown(join(repo.root, d))}/ (${why})`);
  }
  const view = ws.tenant;
  return {
    world: describeWorld(worldOf(view)),
    repos: ws.repos.map((r) => shown(r.root)),
    notLoaded,
    ...(view ? { tenantMissing: { names: view.missing.map((p) => p.name), of: view.tenant.projects.length } } : {}),
  };
}

function explain(ws: ZuulWorkspace, q: ExplainQuery, format: string, io: Io): number {
  if (format === 'sarif') throw new UsageError('explain prints text or json');
  const r = explainInWorkspace(ws, q);
  if ('error' in r) {
    io.err(`${TOOL_NAME}: ${r.error}\n`);
    return EXIT.usage;
  }
  io.out(format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : renderEffectiveJob(r).text);
  return EXIT.ok;
}

/** Writes the preferred fixes to disk (as the editor's fix-all would): all of them, or none when a write fails. */
function applyFixes(ws: ZuulWorkspace, files: string[]): { places: FixAllResult['places'] } & WriteOutcome {
  const result = fixAll(ws, files);
  const requests = [...result.texts].map(([file, text]) => ({ file, text, before: ws.fileText(file) ?? '' }));
  const outcome = writeFilesAtomically(requests, ws.repos.map((r) => r.root));
  ws.fileEvents(outcome.written.map((file) => ({ path: file, kind: 'changed' as const })));
  return { places: result.places, ...outcome };
}

function statPath(abs: string, shown: string): 'dir' | 'file' {
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
    accessSync(abs, constants.R_OK);
    if (isDir) readdirSync(abs);
  } catch (e) {
    throw new UsageError(`cannot read ${shown}: ${describeFsError(e)}`);
  }
  return isDir ? 'dir' : 'file';
}

/** The nearest folder above `path` that the engine would take for a repository. */
function repoRootOf(path: string): string | undefined {
  let dir = dirname(path);
  for (;;) {
    if (existsSync(join(dir, '.git')) || CONFIG_ROOTS.some((r) => existsSync(join(dir, r)))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

let cachedVersion: string | undefined;

/** The bundle sits in dist/ beside the package's package.json, which ships with it. */
export function version(): string {
  if (cachedVersion === undefined) {
    cachedVersion = 'unknown';
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'zuul-authoring' && typeof pkg.version === 'string') cachedVersion = pkg.version;
    } catch {
      // A copied or repackaged bundle still runs; only --version loses detail.
    }
  }
  return cachedVersion;
}
