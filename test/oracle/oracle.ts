// Zuul's own loader (../shared/zuul-oracle), set up when needed and kept
// running in one Python process (scripts/oracle/batch.py) for every workspace.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../helpers/corpus';

export interface ZuulError {
  severity: 'error' | 'warning';
  name: string;
  project: string | null;
  path: string | null;
  /** 1-based, usually the stanza's first line. */
  line: number | null;
  short_error: string;
  error: string;
}

export interface FreezeError {
  project: string;
  pipeline: string;
  error: string;
}

export interface OracleResult {
  errors: ZuulError[];
  freeze_errors: FreezeError[];
  seconds: { load: number; total: number };
}

export function oracleDir(): string {
  return join(projectRoot(), '..', 'shared', 'zuul-oracle');
}

let ansibleVersions: { v: string[] | undefined } | undefined;

/** The Ansible versions the oracle's Zuul supports: the sections of its lib/ansible-config.conf, read once per run. */
export function oracleAnsibleVersions(): string[] | undefined {
  ansibleVersions ??= { v: readAnsibleVersions() };
  return ansibleVersions.v;
}

function readAnsibleVersions(): string[] | undefined {
  try {
    const text = readFileSync(join(oracleDir(), 'vendor', 'zuul', 'zuul', 'lib', 'ansible-config.conf'), 'utf8');
    const versions = [...text.matchAll(/^\[(\d+)\]\s*$/gm)].map((m) => m[1]);
    return versions.length ? versions : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs the oracle's setup.sh unless a run says it is ready. Returns why the
 * oracle cannot run, or undefined. setup.sh byte-compiles what it installs;
 * some vendored files that were symlinks reach us as text, so our
 * compileall stand-in (scripts/oracle/shim) lets those through.
 */
export function ensureOracle(log: (m: string) => void): string | undefined {
  const dir = oracleDir();
  if (!existsSync(join(dir, 'zuul-oracle.py'))) return `${dir} is not there`;
  if (!existsSync('/usr/bin/python3')) return 'the oracle needs Debian\'s /usr/bin/python3';
  // What setup.sh writes last; the oracle itself says when vendor/ changed since.
  const home = process.env.ZUUL_ORACLE_HOME || join(homedir(), '.cache', 'zuul-oracle');
  if (existsSync(join(home, 'site', '.vendor-fingerprint'))) return undefined;
  log('zuul-oracle is not set up: running its setup.sh');
  const shim = join(projectRoot(), 'scripts', 'oracle', 'shim');
  const setup = spawnSync('bash', [join(dir, 'setup.sh')], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: shim }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = `${setup.stdout ?? ''}${setup.stderr ?? ''}`.trim().split('\n').slice(-6).join('\n');
  if (setup.status !== 0) return `the oracle's setup.sh failed (exit ${setup.status}):\n${tail}`;
  log(tail.split('\n').filter((l) => /ready in|compileall/.test(l)).join('\n'));
  return undefined;
}

/** What Zuul froze for one job of a project-pipeline (scripts/oracle/batch.py reads it off Job.freezeJob). */
export interface FrozenJob {
  project: string;
  pipeline: string | null;
  job: string;
  /** [phase, project, path], in the order Zuul runs them. */
  playbooks: [string, string, string][];
  /** The nodeset's name ('' for an inline one). */
  nodeset: string | null;
  /** [node name, label], sorted. */
  nodes: [string, string][] | null;
  vars: Record<string, unknown>;
  error?: string;
}

interface Answer {
  id: number;
  rc: number;
  result: OracleResult | null;
  frozen?: FrozenJob[];
  error?: string;
}

/** One Python process answering oracle runs in order. */
export class Oracle {
  private child: ChildProcessWithoutNullStreams;
  private waiting = new Map<number, (a: Answer) => void>();
  private next = 0;
  private ready: Promise<void>;
  private stderr = '';

  constructor() {
    const batch = join(projectRoot(), 'scripts', 'oracle', 'batch.py');
    this.child = spawn('/usr/bin/python3', [batch, join(oracleDir(), 'zuul-oracle.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    const lines = createInterface({ input: this.child.stdout });
    let resolveReady!: () => void;
    this.ready = new Promise((r) => (resolveReady = r));
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as Answer & { ready?: boolean };
      if (msg.ready) return resolveReady();
      this.waiting.get(msg.id)?.(msg);
      this.waiting.delete(msg.id);
    });
    this.child.on('exit', (code) => {
      for (const w of this.waiting.values()) w({ id: -1, rc: 3, result: null, error: `the oracle process ended (exit ${code}): ${this.stderr}` });
      this.waiting.clear();
    });
  }

  async run(argv: string[]): Promise<OracleResult> {
    return (await this.ask(argv, false)).result;
  }

  /** A run that also answers what Zuul froze for every job it froze. */
  async runFrozen(argv: string[]): Promise<{ result: OracleResult; frozen: FrozenJob[] }> {
    const a = await this.ask(argv, true);
    return { result: a.result, frozen: a.frozen ?? [] };
  }

  private async ask(argv: string[], frozen: boolean): Promise<Answer & { result: OracleResult }> {
    await this.ready;
    const id = this.next++;
    const answer = await new Promise<Answer>((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify(frozen ? { id, argv, frozen } : { id, argv })}\n`);
    });
    if (!answer.result || answer.rc > 1) throw new Error(`zuul-oracle ${argv.join(' ')} failed (exit ${answer.rc}): ${answer.error ?? ''}`);
    return answer as Answer & { result: OracleResult };
  }

  close(): void {
    this.child.stdin.end();
  }
}
