// Sends diagnostics, but only when they changed: a keystroke can touch the
// findings of hundreds of files, and re-sending identical lists costs the
// client a re-render per file.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { ZuulWorkspace } from '../engine/workspace';
import type { Finding } from '../zuul/types';
import { toDiagnostics, type DiagnosticOptions } from './diagnostics';
import { describeWorld, worldOf } from '../zuul/tenantView';
import { STATUS_NOTIFICATION, type IndexState, type ZuulStatus } from '../../../protocol/src';

export class Publisher {
  /**
   * Path -> the diagnostics last sent, as JSON, or as the list itself when it
   * was sent without comparing (the edited file, thousands of diagnostics in a
   * large file: no JSON of them on every keystroke until a comparison needs it).
   */
  private readonly last = new Map<string, string | Diagnostic[]>();
  /** Paths whose last engine update threw; the user sees why instead of stale results. */
  private readonly failures = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    readonly options: DiagnosticOptions,
    /** The document version whose text the engine holds, for open documents. */
    private readonly versionOf: (path: string) => number | undefined,
  ) {}

  failed(path: string, e: unknown): void {
    this.failures.set(path, e instanceof Error ? e.message : String(e));
  }

  recovered(path: string): void {
    this.failures.delete(path);
  }

  /** Publishes `paths` whose diagnostics changed; `force` paths are sent regardless. */
  publish(ws: ZuulWorkspace, paths: Iterable<string>, force: Iterable<string> = []): void {
    const forced = new Set(force);
    for (const path of new Set([...paths, ...forced])) {
      const diagnostics = this.diagnosticsOf(ws, path);
      if (forced.has(path)) {
        if (diagnostics.length === 0) this.last.delete(path);
        else this.last.set(path, diagnostics);
      } else {
        const json = JSON.stringify(diagnostics);
        const prev = this.last.get(path) ?? '[]';
        if ((typeof prev === 'string' ? prev : JSON.stringify(prev)) === json) continue;
        if (json === '[]') this.last.delete(path);
        else this.last.set(path, json);
      }
      const version = this.versionOf(path);
      void this.connection.sendDiagnostics({ uri: this.options.uri(path), diagnostics, ...(version !== undefined ? { version } : {}) });
    }
  }

  /** Files whose last published list was not empty: they must be re-checked when they may have left the workspace. */
  publishedPaths(): string[] {
    return [...this.last.keys()];
  }

  /** Every tracked file, plus files that had diagnostics and may be gone from the workspace now. */
  publishAll(ws: ZuulWorkspace, extra: Iterable<string> = []): void {
    this.publish(ws, [...this.publishedPaths(), ...extra], safe(() => ws.trackedFiles(), []));
  }

  sendStatus(ws: ZuulWorkspace, state: IndexState): void {
    const s = safe(() => ws.stats(), { repos: 0, files: 0, jobs: 0, errors: 0, warnings: 0, infos: 0 });
    const world = safe(() => describeWorld(worldOf(ws.tenant)), '');
    const status: ZuulStatus = { jobs: s.jobs, files: s.files, repos: s.repos, errors: s.errors, warnings: s.warnings, infos: s.infos, state, world };
    void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  private diagnosticsOf(ws: ZuulWorkspace, path: string): Diagnostic[] {
    let findings: Finding[];
    try {
      findings = ws.findings(path);
    } catch (e) {
      this.connection.console.error(`findings(${path}) failed: ${stack(e)}`);
      this.failed(path, e);
      findings = [];
    }
    const failure = this.failures.get(path);
    if (failure !== undefined) findings = [...findings, internalError(path, failure)];
    return toDiagnostics(findings, this.options);
  }
}

function internalError(file: string, message: string): Finding {
  const zero = { line: 0, character: 0 };
  return { rule: 'internal-error', severity: 'error', file, range: { start: zero, end: zero }, message: `Zuul Authoring failed while checking this file: ${message}. Please report it.` };
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export function stack(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
