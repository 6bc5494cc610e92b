// Owns the LanguageClient: creates it, restarts it, and turns its life cycle
// and the server's `zuul/status` into events for the status bar. Knows the
// server's module path and transport, nothing about Zuul itself.
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type Message,
  type ServerOptions,
  type StaticFeature,
} from 'vscode-languageclient/node';
import { toZuulStatus } from './protocol';
import { COMMAND_LINKS_CAPABILITY, SHOW_EFFECTIVE_JOB_COMMAND, STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';
import type { ClientPhase } from './statusText';
import { SERVER_NODE_FLAGS } from './serverProcess';

/** Also the prefix of the `zuul.trace.server` setting, which the client library reads. */
export const CLIENT_ID = 'zuul';
export const CLIENT_NAME = 'Zuul';
export const LANGUAGE_ID = 'zuul';
export const SETTINGS_FILE_PATTERN = '**/.zuul-authoring.yaml';
/** Files whose edits (not only creation and deletion) the server must hear about. */
export const CONFIG_FILES_GLOB = '**/{zuul.yaml,.zuul.yaml,zuul.d/**,.zuul.d/**,zuul-tests.d/**,.zuul-authoring.yaml,zuul/main.yaml}';
/** How often the server may crash within three minutes before it is left stopped. */
const MAX_RESTARTS = 4;

/** Tells the server which of our commands its Markdown may link to (experimental capability). */
const commandLinksFeature: StaticFeature = {
  fillClientCapabilities(capabilities) {
    capabilities.experimental = { ...(capabilities.experimental as object | undefined), [COMMAND_LINKS_CAPABILITY]: [SHOW_EFFECTIVE_JOB_COMMAND] };
  },
  initialize() {},
  getState: () => ({ kind: 'static' }),
  clear() {},
};

export const documentSelector = [{ language: LANGUAGE_ID }, { scheme: 'file', pattern: SETTINGS_FILE_PATTERN }];

export interface ClientListener {
  phase(phase: ClientPhase, error?: string): void;
  status(status: ZuulStatus): void;
}

/** The library's default crash policy, with a way to tell the status bar what it decided. */
class ReportingErrorHandler implements ErrorHandler {
  constructor(
    private readonly inner: ErrorHandler,
    private readonly decided: (restart: boolean, message?: string) => void,
  ) {}

  error(error: Error, message: Message | undefined, count: number | undefined): ErrorHandlerResult | Promise<ErrorHandlerResult> {
    return this.inner.error(error, message, count);
  }

  async closed(): Promise<CloseHandlerResult> {
    const result = await this.inner.closed();
    this.decided(result.action === CloseAction.Restart, result.message);
    return result;
  }
}

export class ZuulLanguageClient implements vscode.Disposable {
  private current: LanguageClient | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly fileEvents: vscode.FileSystemWatcher[];
  /** Set while we stop the client ourselves, so that its Stopped event is not taken for a crash. */
  private stopping = false;
  /** Set during a restart: the stop in between is not worth showing. */
  private restarting = false;
  private everRan = false;
  private gaveUp: string | undefined;
  private stopPromise: Promise<void> | undefined;

  constructor(
    private readonly serverModule: string,
    private readonly output: vscode.OutputChannel,
    private readonly traceOutput: vscode.OutputChannel,
    private readonly listener: ClientListener,
  ) {
    // The server keeps every repo's file list (for playbook and `files:` checks),
    // so it needs to hear of every created or deleted file, but edits only of
    // the configuration files; watching changes of `**/*` would flood it.
    this.fileEvents = [
      vscode.workspace.createFileSystemWatcher('**/*', false, true, false),
      vscode.workspace.createFileSystemWatcher(CONFIG_FILES_GLOB, true, false, true),
    ];
    for (const w of this.fileEvents) this.subscriptions.push(w);
  }

  /** The running client, for features that send requests (e.g. the job graph). */
  get client(): LanguageClient | undefined {
    return this.current;
  }

  private create(): LanguageClient {
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
    };
    // Filled in once the client exists: the default handler needs the client.
    const errors: { handler?: ErrorHandler } = {};
    const clientOptions: LanguageClientOptions = {
      documentSelector,
      synchronize: { configurationSection: CLIENT_ID, fileEvents: this.fileEvents },
      // Read at every (re)start, so a restarted server sees the current settings.
      initializationOptions: () => plainSettings(vscode.workspace.getConfiguration(CLIENT_ID)),
      outputChannel: this.output,
      traceOutputChannel: this.traceOutput,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: CLIENT_ID,
      // The job hover links to "Show Effective Job"; no other command runs from the server's Markdown.
      markdown: { isTrusted: { enabledCommands: [SHOW_EFFECTIVE_JOB_COMMAND] } },
      errorHandler: {
        error: (error, message, count) => errors.handler!.error(error, message, count),
        closed: () => errors.handler!.closed(),
      },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    client.registerFeature(commandLinksFeature);
    errors.handler = new ReportingErrorHandler(client.createDefaultErrorHandler(MAX_RESTARTS), (restart, message) => {
      if (client !== this.current) return;
      if (restart) this.listener.phase('restarting');
      else {
        this.gaveUp = message ?? 'The language server crashed too often and was not restarted.';
        this.listener.phase('failed', this.gaveUp);
      }
    });
    client.onDidChangeState(({ newState }) => {
      if (client !== this.current) return;
      switch (newState) {
        case State.Starting:
          this.gaveUp = undefined;
          this.listener.phase(this.everRan ? 'restarting' : 'starting');
          break;
        case State.Running:
          this.everRan = true;
          this.listener.phase('running');
          break;
        case State.Stopped:
          // A crash that will be restarted was already reported by the error
          // handler; a crash that will not, too. What is left is a stop we asked for.
          if (this.gaveUp) this.listener.phase('failed', this.gaveUp);
          else if (this.stopping && !this.restarting) this.listener.phase('stopped');
          break;
      }
    });
    client.onNotification(STATUS_NOTIFICATION, (params: unknown) => {
      if (client !== this.current) return;
      const status = toZuulStatus(params);
      if (status) this.listener.status(status);
    });
    return client;
  }

  async start(): Promise<void> {
    const client = this.create();
    this.current = client;
    this.gaveUp = undefined;
    this.listener.phase(this.everRan ? 'restarting' : 'starting');
    try {
      await client.start();
    } catch (e) {
      if (client !== this.current) return;
      const message = `The Zuul language server could not start: ${errorText(e)}`;
      this.output.appendLine(message);
      this.gaveUp = message;
      this.listener.phase('failed', message);
    }
  }

  /** Stops and disposes the current client; concurrent calls share one stop. */
  stop(): Promise<void> {
    this.stopPromise ??= this.doStop().finally(() => {
      this.stopPromise = undefined;
    });
    return this.stopPromise;
  }

  private async doStop(): Promise<void> {
    const client = this.current;
    if (!client) return;
    this.stopping = true;
    try {
      // dispose = stop for good; a restart makes a fresh client (fresh crash
      // counts, fresh initialization options).
      await client.dispose();
    } catch (e) {
      this.output.appendLine(`Stopping the Zuul language server failed: ${errorText(e)}`);
    } finally {
      this.stopping = false;
      if (this.current === client) this.current = undefined;
    }
  }

  async restart(): Promise<void> {
    this.output.appendLine(`[${new Date().toLocaleTimeString()}] Restarting the Zuul language server.`);
    this.restarting = true;
    this.listener.phase('restarting');
    try {
      await this.stop();
    } finally {
      this.restarting = false;
    }
    await this.start();
  }

  dispose(): void {
    void this.stop();
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** WorkspaceConfiguration carries methods; the server gets plain data. */
function plainSettings(config: vscode.WorkspaceConfiguration): unknown {
  try {
    return JSON.parse(JSON.stringify(config)) as unknown;
  } catch {
    return {};
  }
}
