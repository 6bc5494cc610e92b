// Shared by the CLI tests: they run the built bundle exactly as a user would.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Compiled to out/test/cli, so the project root is three levels up. */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; a run that takes longer than `timeoutMs` is killed and fails the test (a hang must not hang the suite). */
export function runCli(args: string[], cwd: string, timeoutMs = 300_000): RunResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run node scripts/build.mjs first`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new Error(`zuul-check ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`);
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A private copy of the fixtures, so that paths are short and nothing above them is a repo. */
export function copyFixtures(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'zuul-check-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
  related?: { file: string; range: JsonFinding['range']; message: string }[];
}

const isPos = (p: unknown) =>
  !!p && typeof p === 'object' && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character) && (p as { line: number }).line >= 0 && (p as { character: number }).character >= 0;

/** Why an entry of `--format json` output is malformed, or undefined when it is fine. */
export function jsonShapeProblem(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return 'not an object';
  const f = e as Record<string, unknown>;
  for (const k of ['file', 'severity', 'code', 'message']) if (typeof f[k] !== 'string') return `${k} is not a string`;
  if (!['error', 'warning', 'info', 'hint'].includes(f.severity as string)) return `bad severity ${String(f.severity)}`;
  const r = f.range as Record<string, unknown> | undefined;
  if (!r || !isPos(r.start) || !isPos(r.end)) return 'bad range';
  const file = f.file as string;
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file) || file.includes('\\')) return `file ${file} is not a relative path with / separators`;
  return undefined;
}
