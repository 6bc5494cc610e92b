// textDocument/completion: the features layer's entries as LSP items, shaped
// by what the client said it supports (snippets, Markdown, label details).
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { completionsAt, type CompletionEntry } from '../features/completion';
import type { FeatureContext } from './featureContext';
import { onCheckedRequest } from './checkedHandlers';
import { completionParams } from './params';
import { uriToPath } from './uri';

const KINDS: Record<CompletionEntry['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  keyword: CompletionItemKind.Keyword,
  reference: CompletionItemKind.Reference,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  module: CompletionItemKind.Module,
};

export const COMPLETION_TRIGGERS = [':', ' ', '/', '-'];

function toItem(e: CompletionEntry, markdown: boolean): CompletionItem {
  return {
    label: e.label,
    kind: KINDS[e.kind],
    textEdit: { range: e.range, newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...(e.multiline ? { insertTextMode: InsertTextMode.asIs } : {}),
    ...(e.detail !== undefined ? { detail: e.detail } : {}),
    ...(e.description !== undefined ? { labelDetails: { description: e.description } } : {}),
    ...(e.documentation !== undefined ? { documentation: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: e.documentation } } : {}),
    ...(e.sortText !== undefined ? { sortText: e.sortText } : {}),
    ...(e.filterText !== undefined ? { filterText: e.filterText } : {}),
  };
}

export function registerCompletion(ctx: FeatureContext): void {
  onCheckedRequest(ctx.connection, 'textDocument/completion', completionParams, async (params): Promise<CompletionList> => {
    const path = uriToPath(params.textDocument.uri);
    const empty: CompletionList = { isIncomplete: false, items: [] };
    if (path === undefined) return empty;
    const f = ctx.features();
    const opts = { markdown: f.markdownCompletion, snippets: f.snippets, labelDetails: f.completionLabelDetails, trigger: params.context?.triggerCharacter };
    const out = await ctx.run('completion', (ws) => completionsAt(ws, path, params.position, opts));
    if (!out) return empty;
    return { isIncomplete: out.isIncomplete, items: out.items.map((e) => toItem(e, opts.markdown)) };
  });
}
