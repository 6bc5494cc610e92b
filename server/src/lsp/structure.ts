// Outline, folding and smart selection for Zuul files: the YAML extension no
// longer serves them once they carry the `zuul` language id. The features
// layer answers in our own types; this converts them to the protocol's.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type SelectionRange, type SymbolInformation } from 'vscode-languageserver';
import { documentSymbols, type FlatSymbol, type OutlineKind, type OutlineSymbol } from '../features/outline';
import { foldingRanges } from '../features/folding';
import { selectionRanges } from '../features/selection';
import type { Range } from '../zuul/types';
import type { FeatureContext } from './featureContext';
import { onCheckedRequest } from './checkedHandlers';
import { selectionRangeParams, textDocumentParams } from './params';

const KINDS: Record<OutlineKind, SymbolKind> = {
  job: SymbolKind.Class,
  project: SymbolKind.Module,
  'project-template': SymbolKind.Interface,
  pipeline: SymbolKind.Event,
  nodeset: SymbolKind.Struct,
  secret: SymbolKind.Key,
  semaphore: SymbolKind.Constant,
  queue: SymbolKind.Enum,
  pragma: SymbolKind.Property,
  image: SymbolKind.Object,
  flavor: SymbolKind.Object,
  label: SymbolKind.Object,
  section: SymbolKind.Object,
  provider: SymbolKind.Object,
  'project-pipeline': SymbolKind.Event,
  'job-ref': SymbolKind.Function,
  playbook: SymbolKind.File,
};

const toSymbol = (s: OutlineSymbol): DocumentSymbol => ({
  name: s.name,
  detail: s.detail,
  kind: KINDS[s.kind],
  range: s.range,
  selectionRange: s.selectionRange,
  children: s.children.map(toSymbol),
});

function toSelection(chain: Range[]): SelectionRange {
  let out: SelectionRange | undefined;
  for (let i = chain.length - 1; i >= 0; i--) out = out ? { range: chain[i], parent: out } : { range: chain[i] };
  return out!;
}

export function registerStructure(ctx: FeatureContext): void {
  const { connection, uris } = ctx;

  onCheckedRequest(connection, 'textDocument/documentSymbol', textDocumentParams, async (p): Promise<DocumentSymbol[] | SymbolInformation[] | null> => {
    const uri = p.textDocument.uri;
    const path = uris.remember(uri);
    if (path === undefined) return null;
    const hierarchical = ctx.features().hierarchicalSymbols;
    const syms = await ctx.run('documentSymbol', (ws) => documentSymbols(ws, path, hierarchical));
    if (!syms) return null;
    if (hierarchical) return (syms as OutlineSymbol[]).map(toSymbol);
    return (syms as FlatSymbol[]).map((s) => ({ name: s.name, kind: KINDS[s.kind], location: { uri, range: s.range }, containerName: s.containerName }));
  });

  onCheckedRequest(connection, 'textDocument/foldingRange', textDocumentParams, async (p): Promise<FoldingRange[] | null> => {
    const path = uris.remember(p.textDocument.uri);
    if (path === undefined) return null;
    const lineOnly = ctx.features().foldingLineOnly;
    const folds = await ctx.run('foldingRange', (ws) => foldingRanges(ws, path, lineOnly));
    return folds?.map((f) => (f.kind === 'comment' ? { ...f, kind: FoldingRangeKind.Comment } : f)) ?? null;
  });

  onCheckedRequest(connection, 'textDocument/selectionRange', selectionRangeParams, async (p): Promise<SelectionRange[] | null> => {
    const path = uris.remember(p.textDocument.uri);
    if (path === undefined) return null;
    const chains = await ctx.run('selectionRange', (ws) => selectionRanges(ws, path, p.positions));
    return chains?.map(toSelection) ?? null;
  });
}
