// LSP wiring only: the Zuul knowledge lives in zuul/ and checks/, driven
// through ZuulWorkspace. Every handler is guarded and sees only params that
// passed their check (lsp/params.ts), and every change to the engine goes
// through one queue, so one bad file, a malformed message or a failing
// handler never takes the server down or sees a half-loaded workspace.
import {
  CodeActionRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  ProposedFeatures,
  TextDocuments,
  WatchKind,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoRelative } from './zuul/discover';
import { ZuulWorkspace } from './engine/workspace';
import type { Settings } from './zuul/settings';
import { clientFeatures, initialFolders, serverCapabilities, type ClientFeatures } from './lsp/capabilities';
import { Debouncer, SerialQueue, debounceDelay } from './lsp/scheduler';
import { fetchSettings, toEngineSettings } from './lsp/settings';
import { Publisher, stack } from './lsp/publisher';
import { UriMap, uriToPath } from './lsp/uri';
import { codeActions } from './lsp/codeActions';
import type { CodeAction } from 'vscode-languageserver';
import { dedupe, eventKind, expandEvent, needsDiscovery, relevant, type FileEvent } from './lsp/fileEvents';
import { registerGraphRequests } from './lsp/graphRequests';
import { registerEffectiveJobRequest } from './lsp/effectiveJobRequest';
import { registerJobsForRequest } from './lsp/jobsForRequest';
import { checkedDocumentEvents, onCheckedNotification, onCheckedRequest } from './lsp/checkedHandlers';
import { registerFeatures } from './lsp/features';
import { codeActionParams, didChangeConfigurationParams, didChangeWatchedFilesParams, didChangeWorkspaceFoldersParams } from './lsp/params';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const uris = new UriMap();
/** Path -> version of the open document whose text the engine holds. */
const applied = new Map<string, number>();
const queue = new SerialQueue((e) => connection.console.error(`Zuul: ${stack(e)}`));
const debouncer = new Debouncer(debounceDelay());

let features: ClientFeatures;
let folders: string[] = [];
let initializationOptions: unknown;
/** Settings pushed by a client that cannot answer workspace/configuration. */
let pushedSettings: unknown;
let lastSettingsWarning = '';
/** JSON of the editor settings the current workspace was given. */
let appliedSettings = '';
let ws = new ZuulWorkspace([]);
let publisher: Publisher;

function guard<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      // eslint-disable-next-line no-restricted-syntax -- a handler's own few arguments
      return fn(...args);
    } catch (e) {
      connection.console.error(`Zuul: ${name} failed: ${stack(e)}`);
      return undefined;
    }
  };
}

connection.onInitialize((params) => {
  features = clientFeatures(params);
  folders = initialFolders(params);
  initializationOptions = params.initializationOptions;
  publisher = new Publisher(
    connection,
    { relatedInformation: features.relatedInformation, codeDescription: features.codeDescription, uri: (p) => uris.uri(p), rules: ZuulWorkspace.rules() },
    (path) => applied.get(path),
  );
  // Replaces the handler the library registered for this notification during initialize, which reads params unchecked.
  onCheckedNotification(
    connection,
    DidChangeWorkspaceFoldersNotification.method,
    didChangeWorkspaceFoldersParams,
    guard('didChangeWorkspaceFolders', ({ event }) => {
      const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
      const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
      folders = [...new Set([...folders.filter((f) => !removed.has(f)), ...added])];
      void queue.run(rebuild);
    }),
  );
  return { capabilities: serverCapabilities(features), serverInfo: { name: 'zuul-authoring' } };
});

connection.onInitialized(
  guard('initialized', () => {
    if (features.dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'zuul' });
    // Existence checks (playbooks, files: matchers) need every created or deleted file; contents matter only for YAML.
    if (features.dynamicWatchedFiles) {
      const watchers = [
        { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
        { globPattern: '**/*.yaml', kind: WatchKind.Change },
      ];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    }
    void queue.run(rebuild);
  }),
);

async function readSettings(): Promise<Partial<Settings>> {
  const raw = await fetchSettings({ connection, pull: features.configuration, initializationOptions }, pushedSettings);
  const { settings, problems } = toEngineSettings(raw);
  if (problems.unknown.length) connection.console.warn(`Zuul: ignoring unknown settings: ${problems.unknown.map((k) => `zuul.${k}`).join(', ')}`);
  const warning = problems.invalid.length ? `Zuul: ignoring invalid settings: ${problems.invalid.join('; ')}` : '';
  // Re-reading unchanged settings must not pop the same warning again.
  if (warning && warning !== lastSettingsWarning) void connection.window.showWarningMessage(warning);
  lastSettingsWarning = warning;
  return settings;
}

async function startProgress(): Promise<WorkDoneProgressReporter | undefined> {
  if (!features.workDoneProgress) return undefined;
  try {
    const p = await connection.window.createWorkDoneProgress();
    p.begin('Indexing Zuul configuration', 0, 'discovering files', false);
    return p;
  } catch (e) {
    connection.console.error(`Zuul: progress unavailable: ${stack(e)}`);
    return undefined;
  }
}

/** A fresh workspace from the current folders and settings, with the open buffers replayed. */
async function rebuild(): Promise<void> {
  const settings = await readSettings();
  const next = new ZuulWorkspace(folders, settings);
  const versions = new Map<string, number>();
  for (const doc of documents.all()) {
    const path = uris.remember(doc.uri);
    if (path === undefined) continue;
    update(path, () => next.setOverlay(path, doc.getText()));
    versions.set(path, doc.version);
  }
  publisher.sendStatus(next, 'indexing');
  const progress = await startProgress();
  try {
    await next.load((done, total, message) => progress?.report(total ? Math.min(100, Math.floor((done * 100) / total)) : 100, message));
    // load() lists the files on disk: a buffer never saved joins its repo as its first keystroke made it join.
    const unsaved = [...versions.keys()].filter((path) => {
      const repo = next.repoOf(path);
      return !!repo && !repo.files.has(repoRelative(repo, path));
    });
    if (unsaved.length) update(unsaved[0], () => next.fileEvents(unsaved.map((path) => ({ path, kind: 'changed' }))));
    ws = next;
    appliedSettings = JSON.stringify(settings);
    applied.clear();
    for (const [path, version] of versions) applied.set(path, version);
  } catch (e) {
    // Keep serving the previous workspace rather than none.
    connection.console.error(`Zuul: loading the workspace failed: ${stack(e)}`);
  } finally {
    progress?.done();
  }
  publisher.publishAll(ws, [...applied.keys()]);
  publisher.sendStatus(ws, 'ready');
}

/** One engine update; a failure is shown on the file it concerns. */
function update(path: string, fn: () => Set<string>): Set<string> {
  try {
    const changed = fn();
    publisher.recovered(path);
    return changed;
  } catch (e) {
    connection.console.error(`Zuul: update of ${path} failed: ${stack(e)}`);
    publisher.failed(path, e);
    return new Set([path]);
  }
}

function applyEdit(uri: string, path: string, version: number): void {
  const doc = documents.get(uri);
  // A newer change is already scheduled (or the document closed): this text is stale.
  if (!doc || doc.version !== version || applied.get(path) === version) return;
  const changed = update(path, () => ws.setOverlay(path, doc.getText()));
  applied.set(path, version);
  publisher.publish(ws, changed, [path]);
  publisher.sendStatus(ws, 'ready');
}

documents.onDidChangeContent(
  guard('didChange', ({ document }) => {
    const path = uris.remember(document.uri);
    if (path === undefined) return;
    const { uri, version } = document;
    debouncer.schedule(uri, () => void queue.run(() => applyEdit(uri, path, version)));
  }),
);

documents.onDidClose(
  guard('didClose', ({ document }) => {
    debouncer.cancel(document.uri);
    const path = uriToPath(document.uri);
    if (path === undefined) return;
    void queue.run(() => {
      applied.delete(path);
      // Closed files fall back to their disk contents; untracked ones get an empty list.
      const changed = update(path, () => ws.setOverlay(path, undefined));
      publisher.publish(ws, changed, [path]);
      publisher.sendStatus(ws, 'ready');
    });
  }),
);

onCheckedNotification(
  connection,
  DidChangeWatchedFilesNotification.method,
  didChangeWatchedFilesParams,
  guard('didChangeWatchedFiles', (params) => {
    void queue.run(() => {
      const changed = new Set<string>();
      let rediscover = false;
      const events: FileEvent[] = [];
      for (const change of params.changes) {
        const path = uriToPath(change.uri);
        const kind = eventKind(change.type);
        if (path !== undefined && kind !== undefined) events.push({ path, kind });
      }
      const batch: FileEvent[] = [];
      for (const ev of dedupe(events).flatMap((e) => expandEvent(ws, e))) {
        if (needsDiscovery(ws, folders, ev)) rediscover = true;
        else if (relevant(ws, ev)) batch.push(ev);
      }
      if (rediscover) return rebuild();
      if (batch.length) for (const p of update(batch[0].path, () => ws.fileEvents(batch))) changed.add(p);
      publisher.publish(ws, changed);
      publisher.sendStatus(ws, 'ready');
    });
  }),
);

onCheckedNotification(
  connection,
  DidChangeConfigurationNotification.method,
  didChangeConfigurationParams,
  guard('didChangeConfiguration', (params) => {
    if (!features.configuration) pushedSettings = params.settings;
    void queue.run(async () => {
      const settings = await readSettings();
      // Clients with both a static and a dynamic registration notify twice per change.
      const json = JSON.stringify(settings);
      if (json === appliedSettings) return;
      appliedSettings = json;
      publisher.publish(ws, ws.setEditorSettings(settings));
      publisher.sendStatus(ws, 'ready');
    });
  }),
);

/**
 * Requests (fixes, the graph) must be answered on the text the client shows,
 * not on a debounced older one: apply every pending edit now. Runs on the queue.
 */
function flushEdits(): void {
  for (const doc of documents.all()) {
    const path = uris.remember(doc.uri);
    if (path === undefined || applied.get(path) === doc.version) continue;
    debouncer.cancel(doc.uri);
    applyEdit(doc.uri, path, doc.version);
  }
}

onCheckedRequest(connection, CodeActionRequest.method, codeActionParams, (params) => {
  const path = uriToPath(params.textDocument.uri);
  if (path === undefined) return [];
  return queue.run((): CodeAction[] => {
    try {
      flushEdits();
      return codeActions(ws, path, params, publisher.options);
    } catch (e) {
      connection.console.error(`Zuul: codeAction failed: ${stack(e)}`);
      return [];
    }
  });
});

const runFlushed = <T>(fn: () => T): Promise<T | undefined> =>
  queue.run(() => {
    flushEdits();
    return fn();
  });
registerGraphRequests(connection, () => ws, runFlushed);
registerEffectiveJobRequest(connection, () => ws, runFlushed);
registerJobsForRequest(connection, () => ws, runFlushed);

registerFeatures({
  connection,
  features: () => features,
  uris,
  run: (name, fn) =>
    queue.run(() => {
      try {
        flushEdits();
        return fn(ws);
      } catch (e) {
        connection.console.error(`Zuul: ${name} failed: ${stack(e)}`);
        return undefined;
      }
    }),
});

connection.onShutdown(() => debouncer.cancelAll());

// A bug that escapes a handler (a timer, a promise) is logged; the editor keeps its server.
process.on('uncaughtException', (e) => connection.console.error(`Zuul: uncaught: ${stack(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Zuul: unhandled rejection: ${stack(e)}`));

documents.listen(checkedDocumentEvents(connection));
connection.listen();
