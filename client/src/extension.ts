// Entry point of the extension (bundled to dist/client.js). Starts the Zuul
// language server (dist/server.js) over IPC and adds the commands and the
// status bar item. All Zuul knowledge lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_NAME, LANGUAGE_ID, ZuulLanguageClient } from './languageClient';
import { LazyOutputChannel } from './outputChannels';
import type { ZuulStatus } from '../../protocol/src';
import { ZuulStatusBar } from './statusBar';
import { registerExternalNames } from './externalNames';
import { registerGraphPanel, shownGraph } from './graphPanel';
import { registerEffectiveJobView } from './effectiveJobView';
import { registerJobsForView } from './jobsForView';
import { ReadOnlyDocs } from './readOnlyDocs';
import { registerShowReferences } from './references';
import { RESTART_COMMAND, SHOW_OUTPUT_COMMAND } from './statusText';

/** What `activate` returns: used by the end-to-end tests and by other parts of the client. */
export interface ZuulExtensionApi {
  /** The language client while one exists (it is replaced on restart). */
  readonly client: LanguageClient | undefined;
  /** The last `zuul/status` the server sent. */
  readonly status: ZuulStatus | undefined;
  /** Fires on every `zuul/status`. */
  readonly onDidChangeStatus: vscode.Event<ZuulStatus>;
  restart(): Promise<void>;
  /** What the job graph panel shows, while one is open. */
  readonly graph: { project?: string; pipeline?: string; nodes: number } | undefined;
}

let zuulClient: ZuulLanguageClient | undefined;

export function isZuulDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === LANGUAGE_ID || path.basename(doc.uri.path) === '.zuul-authoring.yaml';
}

export async function activate(context: vscode.ExtensionContext): Promise<ZuulExtensionApi> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME);
  const trace = new LazyOutputChannel(`${CLIENT_NAME} (Trace)`);
  const statusBar = new ZuulStatusBar(isZuulDocument);
  const statusEmitter = new vscode.EventEmitter<ZuulStatus>();
  context.subscriptions.push(output, trace, statusBar, statusEmitter);

  const client = new ZuulLanguageClient(context.asAbsolutePath(path.join('dist', 'server.js')), output, trace, {
    phase: (phase, error) => statusBar.setPhase(phase, error),
    status: (status) => {
      statusBar.setStatus(status);
      statusEmitter.fire(status);
    },
  });
  zuulClient = client;
  context.subscriptions.push(client);

  let restarting: Promise<void> | undefined;
  const restart = (): Promise<void> => {
    // A second click while a restart runs joins it instead of racing it.
    restarting ??= client.restart().finally(() => {
      restarting = undefined;
    });
    return restarting;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      try {
        await restart();
      } catch (e) {
        void vscode.window.showErrorMessage(`Zuul: restarting the language server failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
  );
  registerExternalNames(context);
  registerGraphPanel(context, () => client.client, statusEmitter.event);
  const readOnly = new ReadOnlyDocs(context);
  registerEffectiveJobView(context, () => client.client, readOnly);
  registerJobsForView(context, () => client.client, readOnly);
  registerShowReferences(context, () => client.client);

  // Not awaited: activation must not wait for the server's initial index.
  void client.start();

  return {
    get client() {
      return client.client;
    },
    get status() {
      return statusBar.lastStatus;
    },
    onDidChangeStatus: statusEmitter.event,
    restart,
    get graph() {
      return shownGraph();
    },
  };
}

export async function deactivate(): Promise<void> {
  const client = zuulClient;
  zuulClient = undefined;
  await client?.stop();
}
