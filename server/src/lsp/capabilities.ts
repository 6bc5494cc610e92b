// What the client said it can do, read once at initialize (lsp-sample style),
// and what this server offers in return.
import { COMMAND_LINKS_CAPABILITY, SHOW_EFFECTIVE_JOB_COMMAND } from '../../../protocol/src';
import { TextDocumentSyncKind, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver';
import { uriToPath } from './uri';
import { CODE_ACTION_KINDS } from './codeActions';
import { COMPLETION_TRIGGERS } from './completion';

export interface ClientFeatures {
  configuration: boolean;
  workDoneProgress: boolean;
  relatedInformation: boolean;
  codeDescription: boolean;
  versionedDiagnostics: boolean;
  dynamicConfiguration: boolean;
  dynamicWatchedFiles: boolean;
  /** Hover and completion documentation may be Markdown (else plain text). */
  markdownHover: boolean;
  markdownCompletion: boolean;
  snippets: boolean;
  /** Completion items may carry `labelDetails` (where a name is defined). */
  completionLabelDetails: boolean;
  hierarchicalSymbols: boolean;
  definitionLinks: boolean;
  prepareRename: boolean;
  /** Folding ranges may end mid-line (else whole lines only). */
  foldingLineOnly: boolean;
  /** The client runs zuul.showEffectiveJob from a hover link. */
  effectiveJobLinks: boolean;
}

/** The client commands a client runs from Markdown links, as it declares them (capabilities.experimental). */
function commandLinks(experimental: unknown): string[] {
  const v = experimental && typeof experimental === 'object' ? (experimental as Record<string, unknown>)[COMMAND_LINKS_CAPABILITY] : undefined;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const c = params.capabilities ?? {};
  const td = c.textDocument;
  const pd = td?.publishDiagnostics;
  const markdown = (formats: readonly string[] | undefined) => !!formats?.includes('markdown');
  return {
    configuration: !!c.workspace?.configuration,
    workDoneProgress: !!c.window?.workDoneProgress,
    relatedInformation: !!pd?.relatedInformation,
    codeDescription: !!pd?.codeDescriptionSupport,
    versionedDiagnostics: !!pd?.versionSupport,
    dynamicConfiguration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    dynamicWatchedFiles: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    markdownHover: markdown(td?.hover?.contentFormat),
    markdownCompletion: markdown(td?.completion?.completionItem?.documentationFormat),
    snippets: !!td?.completion?.completionItem?.snippetSupport,
    completionLabelDetails: !!td?.completion?.completionItem?.labelDetailsSupport,
    hierarchicalSymbols: !!td?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    definitionLinks: !!td?.definition?.linkSupport,
    prepareRename: !!td?.rename?.prepareSupport,
    foldingLineOnly: !!td?.foldingRange?.lineFoldingOnly,
    effectiveJobLinks: commandLinks(c.experimental).includes(SHOW_EFFECTIVE_JOB_COMMAND),
  };
}

/** Workspace folders as absolute paths: `workspaceFolders`, else the deprecated `rootUri` / `rootPath`. */
export function initialFolders(params: InitializeParams): string[] {
  const fromUris = (uris: string[]) => uris.map(uriToPath).filter((p): p is string => !!p);
  if (params.workspaceFolders?.length) return fromUris(params.workspaceFolders.map((f) => f.uri));
  if (params.rootUri) return fromUris([params.rootUri]);
  return params.rootPath ? [params.rootPath] : [];
}

/** What this server offers; rename options only for a client that can ask prepareRename (LSP 3.12). */
export function serverCapabilities(client: Pick<ClientFeatures, 'prepareRename'>): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
    hoverProvider: true,
    definitionProvider: true,
    declarationProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: client.prepareRename ? { prepareProvider: true } : true,
    workspaceSymbolProvider: true,
    codeLensProvider: { resolveProvider: false },
    documentLinkProvider: { resolveProvider: false },
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    documentSymbolProvider: { label: 'Zuul' },
    foldingRangeProvider: true,
    selectionRangeProvider: true,
  };
}
