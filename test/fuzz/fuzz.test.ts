// Fuzz: mutated corpus files and hostile shapes, through the built CLI (check
// and --fix) and the built server (open, code actions, job graph). Fails on
// a crash, an internal error, an error in the server's log, a fix that breaks
// a file's YAML, or a file over its time budget. Seeded: FUZZ_SEED (default
// 1), FUZZ_COUNT cases for the CLI (default 40) and four times as many for
// the server; FUZZ_ONLY=N replays case N. `npm run fuzz -- --count N` runs longer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver';
import { CLI, ROOT } from '../cli/helpers';
import { corpusDir } from '../helpers/corpus';
import { LspClient, fileUri } from '../helpers/lspClient';
import { corpusConfigFiles, makeCase, rng, type FuzzCase } from './cases';
import { JOB_GRAPH_REQUEST } from '../../protocol/src';

const SEED = Number(process.env.FUZZ_SEED ?? 1);
const COUNT = Number(process.env.FUZZ_COUNT ?? 40);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const FAILURES = join(ROOT, 'out', 'fuzz-failures');

/** Generous: ten times what a quiet machine needs for the bare YAML parse, plus start-up. */
const budgetMs = (bytes: number) => Math.round(10_000 + 20_000 * (bytes / 1024 / 1024));

// A small world for the case file to refer to, so that the workspace-wide rules run too.
const BASE = `- job:
    name: base
    parent: null
    run: playbooks/base.yaml
- job:
    name: deploy-bootstrap
    files: [playbooks/]
- job:
    name: deploy-service
    dependencies: [deploy-bootstrap]
- project:
    check:
      jobs: [base, deploy-service]
    deploy:
      jobs:
        - deploy-bootstrap
        - deploy-service:
            dependencies: [{name: deploy-bootstrap, soft: true}]
`;

const corpus = corpusDir();
if (!corpus) console.log('# fuzz: ../shared/corpus is absent; only the hostile shapes are used');
const corpusFiles = corpusConfigFiles(corpus);
const indices = (n: number) => (ONLY !== undefined ? [ONLY] : Array.from({ length: n }, (_, i) => i));
const cases = new Map<number, FuzzCase>();
const caseOf = (i: number) => {
  let c = cases.get(i);
  if (!c) cases.set(i, (c = makeCase(SEED, i, corpusFiles, corpus ?? '')));
  return c;
};

let scratch = '';
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'zuul-fuzz-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function repoWith(name: string, c: FuzzCase): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'zuul.d'), { recursive: true });
  mkdirSync(join(dir, 'playbooks'), { recursive: true });
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(join(dir, 'playbooks', 'base.yaml'), '- hosts: all\n');
  writeFileSync(join(dir, 'zuul.d', 'base.yaml'), BASE);
  writeFileSync(join(dir, 'zuul.d', 'case.yaml'), c.bytes);
  return dir;
}

interface Finding {
  code: string;
  file: string;
  message: string;
}

/** One CLI run; the problem with it, or its findings. */
function cli(args: string[], c: FuzzCase): { problem?: string; findings: Finding[]; ms: number } {
  const budget = budgetMs(c.bytes.length);
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: budget, killSignal: 'SIGKILL' });
  const ms = performance.now() - t;
  if (r.error || r.status === null) return { problem: `killed after ${Math.round(ms)} ms (budget ${Math.round(budget)} ms)`, findings: [], ms };
  if (r.status !== 0 && r.status !== 1) return { problem: `exit status ${r.status}: ${r.stderr.slice(0, 500)}`, findings: [], ms };
  if (/internal error|\n {4}at /.test(r.stderr)) return { problem: `stderr: ${r.stderr.slice(0, 500)}`, findings: [], ms };
  let findings: Finding[];
  try {
    findings = JSON.parse(r.stdout) as Finding[];
  } catch {
    return { problem: `stdout is not JSON: ${r.stdout.slice(0, 200)}`, findings: [], ms };
  }
  const internal = findings.find((f) => f.code === 'internal-error');
  if (internal) return { problem: `internal-error: ${internal.message}`, findings, ms };
  return { findings, ms };
}

const FATAL = new Set(['yaml-syntax', 'duplicate-key', 'unknown-tag']);

function record(failures: string[], target: string, c: FuzzCase, problem: string): void {
  mkdirSync(FAILURES, { recursive: true });
  const path = join(FAILURES, `seed-${SEED}-case-${c.index}.yaml`);
  writeFileSync(path, c.bytes);
  failures.push(`${target}, case ${c.index} (${c.label}): ${problem}\n  input: ${path}\n  replay: FUZZ_SEED=${SEED} FUZZ_ONLY=${c.index} node --test out/test/fuzz/fuzz.test.js`);
}

test(`CLI: ${ONLY !== undefined ? `case ${ONLY}` : `${COUNT} cases`} of seed ${SEED}, every fourth also with --fix`, { timeout: Infinity }, () => {
  const failures: string[] = [];
  let slowest = 0;
  for (const i of indices(COUNT)) {
    const c = caseOf(i);
    const dir = repoWith(`cli-${i}`, c);
    const run = cli([dir], c);
    slowest = Math.max(slowest, run.ms);
    if (run.problem) {
      record(failures, 'zuul-check', c, run.problem);
      continue;
    }
    if (i % 4 !== 0) continue;
    const copy = `${dir}-fix`;
    cpSync(dir, copy, { recursive: true });
    const fixed = cli(['--fix', copy], c);
    if (fixed.problem) {
      record(failures, 'zuul-check --fix', c, fixed.problem);
      continue;
    }
    const again = cli([copy], c);
    const wasSound = !run.findings.some((f) => FATAL.has(f.code));
    const broken = again.findings.filter((f) => FATAL.has(f.code));
    if (again.problem) record(failures, 'zuul-check after --fix', c, again.problem);
    else if (wasSound && broken.length) record(failures, 'zuul-check --fix', c, `the fixes broke the file: ${broken[0].code} ${broken[0].message}`);
  }
  console.log(`# fuzz CLI: slowest run ${Math.round(slowest)} ms`);
  assert.deepEqual(failures, []);
});

test(`server: ${ONLY !== undefined ? `case ${ONLY}` : `${COUNT * 4} cases`} of seed ${SEED}, opened, with code actions and job graphs`, { timeout: Infinity }, async () => {
  const dir = repoWith('server', { index: -1, label: 'base', bytes: Buffer.from('') });
  const client = new LspClient({ env: { ZUUL_LSP_DEBOUNCE_MS: '0' } });
  const failures: string[] = [];
  let slowest = 0;
  try {
    await client.initialize(dir);
    await client.ready(120_000);
    const r = rng(SEED);
    for (const i of indices(COUNT * 4)) {
      const c = caseOf(i);
      // As an editor decodes it: bytes that are not UTF-8 become U+FFFD.
      const text = c.bytes.toString('utf8');
      const uri = fileUri(join(dir, 'zuul.d', `fuzz-${i}.yaml`));
      const budget = budgetMs(c.bytes.length);
      const t = performance.now();
      client.open(uri, text, 1);
      try {
        await client.waitFor(() => client.published.some((p) => p.uri === uri && p.version === 1) || !client.alive, budget, `diagnostics of case ${i}`);
      } catch {
        record(failures, 'server', c, `no diagnostics within ${Math.round(budget)} ms`);
        break;
      }
      slowest = Math.max(slowest, performance.now() - t);
      if (!client.alive) {
        record(failures, 'server', c, `the server exited: ${client.stderr.slice(-500)}`);
        break;
      }
      const diags = client.published.filter((p) => p.uri === uri && p.version === 1).pop()?.diagnostics ?? [];
      const internal = diags.find((d: Diagnostic) => d.code === 'internal-error');
      if (internal) record(failures, 'server', c, `internal-error: ${internal.message}`);
      if (i % 5 === 0) {
        const lines = text.split('\n');
        const line = Math.floor(r() * lines.length);
        const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
        for (const [method, params] of [
          ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: diags } }],
          ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: [], only: ['source.fixAll.zuul'] } }],
          [JOB_GRAPH_REQUEST, { uri, position: { line, character: 0 } }],
        ] as const) {
          try {
            const res = await client.requestRaw(method, params, budget);
            if (res.error) record(failures, `server ${method}`, c, `${res.error.code} ${res.error.message}`);
          } catch (e) {
            record(failures, `server ${method}`, c, (e as Error).message.split('\n')[0]);
          }
        }
      }
      client.close(uri);
    }
    const errors = client.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1);
    for (const e of errors.slice(0, 5)) failures.push(`server log: ${(e.params as { message: string }).message.slice(0, 800)}`);
  } finally {
    client.kill();
  }
  console.log(`# fuzz server: slowest case ${Math.round(slowest)} ms`);
  assert.deepEqual(failures, []);
});
