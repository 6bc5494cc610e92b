// A minimal LSP client for protocol tests: spawns the built server over stdio,
// frames JSON-RPC with Content-Length headers, answers the server's own
// requests (workspace/configuration, progress, registrations) and lets tests
// wait on conditions instead of sleeping.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './corpus';
import { SERVER_NODE_FLAGS } from '../../client/src/serverProcess';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';

/** The repository root, found by its package.json: the client is also bundled into out/bench/run.js, one level higher than the tests. */
export const REPO_ROOT = projectRoot();
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');

export interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export interface Notification {
  method: string;
  params: unknown;
}

/** Everything a capable client (VS Code) declares that the server looks at. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    definition: { linkSupport: true },
    rename: { prepareSupport: true },
    foldingRange: { lineFoldingOnly: false },
  },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true },
};

export const fileUri = (path: string) => pathToFileURL(path).href;

/** Copies test/fixtures/<name> to a fresh temporary directory; returns its real path. */
export function copyFixture(name: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `zuul-lsp-${name}-`)));
  cpSync(join(REPO_ROOT, 'test', 'fixtures', name), dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface StartOptions {
  env?: Record<string, string>;
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly notifications: Notification[] = [];
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Requests the server sent to us, in order. */
  readonly serverRequests: Notification[] = [];
  /** What we answer to workspace/configuration for section `zuul`. */
  settings: unknown = {};
  workspaceFolders: { uri: string; name: string }[] = [];
  stderr = '';
  readonly exitCode: Promise<number | null>;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: RpcMessage) => void }>();
  private readonly listeners = new Set<() => void>();
  private exited = false;

  constructor(opts: StartOptions = {}) {
    this.proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_JS, '--stdio'], { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    // A dead server must fail the waiting test at once, not at its timeout.
    this.proc.stdin.on('error', () => {});
    this.exitCode = new Promise((res) =>
      this.proc.on('exit', (code) => {
        this.exited = true;
        res(code);
        this.wake();
      }),
    );
  }

  get alive(): boolean {
    return !this.exited;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad header from server: ${header}`);
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body) as RpcMessage);
    }
  }

  private dispatch(msg: RpcMessage): void {
    if (msg.method !== undefined && msg.id !== undefined && msg.id !== null) {
      this.serverRequests.push({ method: msg.method, params: msg.params });
      this.answer(msg);
    } else if (msg.method !== undefined) {
      this.notifications.push({ method: msg.method, params: msg.params });
      if (msg.method === 'textDocument/publishDiagnostics') {
        const p = msg.params as PublishDiagnosticsParams;
        this.published.push(p);
        this.diagnostics.set(p.uri, p.diagnostics);
      }
    } else if (typeof msg.id === 'number') {
      this.pending.get(msg.id)?.resolve(msg);
      this.pending.delete(msg.id);
    }
    this.wake();
  }

  private answer(msg: RpcMessage): void {
    const reply = (result: unknown) => this.send({ jsonrpc: '2.0', id: msg.id, result });
    switch (msg.method) {
      case 'workspace/configuration': {
        const items = (msg.params as { items: { section?: string }[] }).items;
        return reply(items.map((i) => (i.section === 'zuul' ? this.settings : null)));
      }
      case 'workspace/workspaceFolders':
        return reply(this.workspaceFolders);
      case 'window/workDoneProgress/create':
      case 'client/registerCapability':
      case 'client/unregisterCapability':
      case 'window/showMessageRequest':
        return reply(null);
      default:
        this.send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: `test client does not handle ${msg.method}` } });
    }
  }

  private wake(): void {
    for (const l of [...this.listeners]) l();
  }

  private send(msg: RpcMessage): void {
    if (!this.alive) return;
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Sends a request; resolves with the whole response message (result or error). */
  requestRaw(method: string, params?: unknown, timeoutMs = 10_000): Promise<RpcMessage> {
    const id = this.nextId++;
    const response = new Promise<RpcMessage>((res) => this.pending.set(id, { resolve: res }));
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.waitFor(() => !this.pending.has(id), timeoutMs, `response to ${method}`).then(() => response);
  }

  async request<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T> {
    const r = await this.requestRaw(method, params, timeoutMs);
    if (r.error) throw new Error(`${method} failed: ${r.error.message}`);
    return r.result as T;
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves once `cond` holds, re-testing after every message from the server. */
  waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((res, rej) => {
      const check = () => {
        let ok: boolean;
        try {
          ok = cond();
        } catch {
          // A condition that reads a value not yet there is simply not met yet.
          ok = false;
        }
        if (ok) {
          done();
          res();
        } else if (!this.alive) {
          done();
          rej(new Error(`server exited while waiting for ${what}\n--- server stderr ---\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        rej(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n--- server stderr ---\n${this.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Waits until the latest diagnostics published for `uri` satisfy `predicate`; returns them. */
  async waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 15_000): Promise<Diagnostic[]> {
    await this.waitFor(() => this.diagnostics.has(uri) && predicate(this.diagnostics.get(uri)!), timeoutMs, `diagnostics for ${uri}; latest: ${JSON.stringify(this.diagnostics.get(uri))}`);
    return this.diagnostics.get(uri)!;
  }

  /** Waits for a notification after position `from` of `notifications`; returns it. */
  async waitForNotification<T = unknown>(method: string, predicate: (p: T) => boolean = () => true, timeoutMs = 15_000, from = 0): Promise<T> {
    let hit: T | undefined;
    await this.waitFor(
      () => {
        for (let i = from; i < this.notifications.length; i++) {
          const n = this.notifications[i];
          if (n.method === method && predicate(n.params as T)) {
            hit = n.params as T;
            return true;
          }
        }
        return false;
      },
      timeoutMs,
      `notification ${method}`,
    );
    return hit as T;
  }

  /** Waits for a request from the server after position `from` of `serverRequests`; returns its params. */
  async waitForServerRequest<T = unknown>(method: string, predicate: (p: T) => boolean = () => true, timeoutMs = 15_000, from = 0): Promise<T> {
    let hit: T | undefined;
    await this.waitFor(
      () => {
        const r = this.serverRequests.slice(from).find((q) => q.method === method && predicate(q.params as T));
        hit = r?.params as T | undefined;
        return !!r;
      },
      timeoutMs,
      `server request ${method}`,
    );
    return hit as T;
  }

  /** initialize + initialized for one workspace folder. */
  async initialize(folder: string, capabilities: ClientCapabilities = FULL_CAPABILITIES, initializationOptions?: unknown): Promise<unknown> {
    this.workspaceFolders = [{ uri: fileUri(folder), name: 'ws' }];
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(folder),
      capabilities,
      workspaceFolders: this.workspaceFolders,
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  /** Waits for the first `zuul/status` with state `ready`. */
  ready(timeoutMs = 30_000): Promise<unknown> {
    return this.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (p) => p.state === 'ready', timeoutMs);
  }

  open(uri: string, text: string, version = 1, languageId = 'zuul'): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, text: string, version: number): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async shutdown(): Promise<number | null> {
    if (this.alive) {
      await this.request('shutdown');
      this.notify('exit');
    }
    return this.exitCode;
  }

  /** Last resort for `after` hooks: never leave a server behind. */
  kill(): void {
    if (this.alive) this.proc.kill();
  }
}
