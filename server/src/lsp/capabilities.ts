// What the client said it can do, read once at initialize (lsp-sample style),
// and what this server offers in return.
import { TextDocumentSyncKind, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver';
import { uriToPath } from './uri';
import { CODE_ACTION_KINDS } from './codeActions';

export interface ClientFeatures {
  configuration: boolean;
  workDoneProgress: boolean;
  relatedInformation: boolean;
  codeDescription: boolean;
  versionedDiagnostics: boolean;
  dynamicConfiguration: boolean;
  dynamicWatchedFiles: boolean;
}

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const c = params.capabilities ?? {};
  const pd = c.textDocument?.publishDiagnostics;
  return {
    configuration: !!c.workspace?.configuration,
    workDoneProgress: !!c.window?.workDoneProgress,
    relatedInformation: !!pd?.relatedInformation,
    codeDescription: !!pd?.codeDescriptionSupport,
    versionedDiagnostics: !!pd?.versionSupport,
    dynamicConfiguration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    dynamicWatchedFiles: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
  };
}

/** Workspace folders as absolute paths: `workspaceFolders`, else the deprecated `rootUri` / `rootPath`. */
export function initialFolders(params: InitializeParams): string[] {
  const fromUris = (uris: string[]) => uris.map(uriToPath).filter((p): p is string => !!p);
  if (params.workspaceFolders?.length) return fromUris(params.workspaceFolders.map((f) => f.uri));
  if (params.rootUri) return fromUris([params.rootUri]);
  return params.rootPath ? [params.rootPath] : [];
}

export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
  };
}
