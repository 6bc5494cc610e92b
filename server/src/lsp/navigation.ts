// Hover, definition, declaration, references, highlights, rename, workspace
// symbols, code lenses and document links: protocol conversion only; the
// answers come from features/.
import {
  CodeLensRequest,
  DeclarationRequest,
  DefinitionRequest,
  DocumentHighlightKind,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  HoverRequest,
  LSPErrorCodes,
  MarkupKind,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  SymbolKind,
  WorkspaceSymbolRequest,
  type CodeLens,
  type DocumentLink,
  type Location,
  type LocationLink,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { FeatureContext } from './featureContext';
import { onCheckedRequest } from './checkedHandlers';
import { positionParams, referenceParams, renameParams, textDocumentParams, workspaceSymbolParams } from './params';
import { uriToPath } from './uri';
import { definitions, highlights, references, type FileLocation } from '../features/navigation';
import { hoverAt } from '../features/hover';
import { prepareRename, rename } from '../features/rename';
import { workspaceSymbols } from '../features/workspaceSymbols';
import { codeLenses } from '../features/codeLens';
import { documentLinks } from '../features/links';
import type { NameKind } from '../features/occurrences';
import { SHOW_GRAPH_COMMAND, SHOW_REFERENCES_COMMAND, type ShowGraphArgs, type ShowReferencesArgs } from '../../../protocol/src';

const SYMBOL_KINDS: Record<NameKind, SymbolKind> = {
  job: SymbolKind.Function,
  'project-template': SymbolKind.Interface,
  nodeset: SymbolKind.Struct,
  secret: SymbolKind.Key,
  semaphore: SymbolKind.Event,
  queue: SymbolKind.Enum,
  pipeline: SymbolKind.Module,
  project: SymbolKind.Package,
  playbook: SymbolKind.File,
};

export function symbolKind(kind: NameKind): SymbolKind {
  return SYMBOL_KINDS[kind];
}

export function registerNavigation(ctx: FeatureContext): void {
  const { connection } = ctx;
  const location = (l: FileLocation): Location => ({ uri: ctx.uris.uri(l.file), range: l.range });

  onCheckedRequest(connection, HoverRequest.method, positionParams, async ({ textDocument, position }) => {
    const path = uriToPath(textDocument.uri);
    if (path === undefined) return null;
    const { markdownHover: markdown, effectiveJobLinks } = ctx.features();
    const h = await ctx.run('hover', (ws) => hoverAt(ws, path, position, markdown, markdown && effectiveJobLinks));
    return h ? { contents: { kind: h.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.contents }, range: h.range } : null;
  });

  const definitionHandler = (name: string) =>
    async ({ textDocument, position }: { textDocument: { uri: string }; position: { line: number; character: number } }): Promise<Location[] | LocationLink[] | null> => {
      const path = uriToPath(textDocument.uri);
      if (path === undefined) return null;
      const found = await ctx.run(name, (ws) => definitions(ws, path, position));
      if (!found?.length) return null;
      if (!ctx.features().definitionLinks) return found.map(location);
      return found.map((l) => ({
        targetUri: ctx.uris.uri(l.file),
        targetRange: l.targetRange ?? l.range,
        targetSelectionRange: l.range,
        ...(l.originRange ? { originSelectionRange: l.originRange } : {}),
      }));
    };
  onCheckedRequest(connection, DefinitionRequest.method, positionParams, definitionHandler('definition'));
  onCheckedRequest(connection, DeclarationRequest.method, positionParams, definitionHandler('declaration'));

  onCheckedRequest(connection, ReferencesRequest.method, referenceParams, async ({ textDocument, position, context }) => {
    const path = uriToPath(textDocument.uri);
    if (path === undefined) return null;
    const found = await ctx.run('references', (ws) => references(ws, path, position, context?.includeDeclaration ?? true));
    return found ? found.map(location) : null;
  });

  onCheckedRequest(connection, DocumentHighlightRequest.method, positionParams, async ({ textDocument, position }) => {
    const path = uriToPath(textDocument.uri);
    if (path === undefined) return null;
    const found = await ctx.run('documentHighlight', (ws) => highlights(ws, path, position));
    return found ? found.map((h) => ({ range: h.range, kind: h.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })) : null;
  });

  onCheckedRequest(connection, PrepareRenameRequest.method, positionParams, async ({ textDocument, position }) => {
    const path = uriToPath(textDocument.uri);
    if (path === undefined) return null;
    const p = await ctx.run('prepareRename', (ws) => prepareRename(ws, path, position));
    if (!p) return null;
    if ('refused' in p) return new ResponseError(LSPErrorCodes.RequestFailed, p.refused);
    return { range: p.range, placeholder: p.placeholder };
  });

  onCheckedRequest(connection, RenameRequest.method, renameParams, async ({ textDocument, position, newName }) => {
    const path = uriToPath(textDocument.uri);
    if (path === undefined) return null;
    const r = await ctx.run('rename', (ws) => rename(ws, path, position, newName));
    if (!r) return null;
    if ('refused' in r) return new ResponseError(LSPErrorCodes.RequestFailed, r.refused);
    const changes: Record<string, TextEdit[]> = {};
    for (const e of r.edits) (changes[ctx.uris.uri(e.file)] ??= []).push({ range: e.range, newText: e.newText });
    const edit: WorkspaceEdit = { changes };
    return edit;
  });

  onCheckedRequest(connection, WorkspaceSymbolRequest.method, workspaceSymbolParams, async ({ query }) => {
    const found = await ctx.run('workspaceSymbol', (ws) => workspaceSymbols(ws, query));
    return (found ?? []).map((s) => ({ name: s.name, kind: symbolKind(s.kind), location: { uri: ctx.uris.uri(s.file), range: s.range }, containerName: s.container }));
  });

  onCheckedRequest(connection, CodeLensRequest.method, textDocumentParams, async ({ textDocument }) => {
    const path = uriToPath(textDocument.uri);
    if (path === undefined) return null;
    const found = await ctx.run('codeLens', (ws) => codeLenses(ws, path));
    return (found ?? []).map((l): CodeLens => {
      if (l.command === 'graph') return { range: l.range, command: { title: l.title, command: SHOW_GRAPH_COMMAND, arguments: [{ uri: textDocument.uri, position: l.position } satisfies ShowGraphArgs] } };
      return { range: l.range, command: { title: l.title, command: SHOW_REFERENCES_COMMAND, arguments: [textDocument.uri, l.position, l.locations.map(location)] satisfies ShowReferencesArgs } };
    });
  });

  onCheckedRequest(connection, DocumentLinkRequest.method, textDocumentParams, async ({ textDocument }) => {
    const path = uriToPath(textDocument.uri);
    if (path === undefined) return null;
    const found = await ctx.run('documentLink', (ws) => documentLinks(ws, path));
    return (found ?? []).map((l): DocumentLink => ({ range: l.range, target: l.target.startsWith('https:') ? l.target : ctx.uris.uri(l.target), tooltip: l.tooltip }));
  });
}
