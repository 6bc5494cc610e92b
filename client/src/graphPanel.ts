// The job graph panel (issue #6): a WebviewPanel beside the editor that asks
// the language server for `zuul/jobGraph`, posts the answer to the page
// (client/webview/src, bundled to dist/webview.js), follows edits, and opens
// the source of a job the user clicks. The requests and the page's messages
// are declared in protocol/src. The page is untrusted: strict CSP with a
// nonce, no remote resources, and every message from it is validated.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './languageClient';
import { gitChanges } from './gitChanges';
import {
  GRAPH_TARGETS_REQUEST,
  JOB_GRAPH_REQUEST,
  SHOW_GRAPH_COMMAND,
  type FromPage,
  type GraphTargetsParams,
  type GraphTargetsResult,
  type GraphView,
  type JobGraphParams,
  type JobGraphResult,
  type PageState,
  type Position,
  type Range,
  type ShowGraphArgs,
  type ToPage,
  type ZuulStatus,
} from '../../protocol/src';

export const GRAPH_VIEW_TYPE = 'zuulJobGraph';
const REFRESH_DELAY_MS = 300;
/** Largest export the page may hand us (a 500-node SVG is well under 2 MB). */
const MAX_EXPORT_CHARS = 32 * 1024 * 1024;

/** What the panel asks for: a place in a document, or an explicit project and pipeline. */
interface Selection {
  uri?: string;
  position?: Position;
  project?: string;
  pipeline?: string;
  view: GraphView;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function toPos(v: unknown): Position | undefined {
  return isObj(v) && isNat(v.line) && isNat(v.character) ? { line: v.line, character: v.character } : undefined;
}
function toRange(v: unknown): Range | undefined {
  if (!isObj(v)) return undefined;
  const start = toPos(v.start);
  const end = toPos(v.end);
  return start && end ? { start, end } : undefined;
}
const toView = (v: unknown): GraphView | undefined => (v === 'dependencies' || v === 'inheritance' ? v : undefined);
const isZuulDocument = (doc: vscode.TextDocument): boolean => doc.languageId === LANGUAGE_ID || path.basename(doc.uri.path) === '.zuul-authoring.yaml';
const optString = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length < 1000 ? v : undefined);

/** A file the page asks to open: an absolute path or file: URI inside a workspace folder. */
export function workspaceFile(file: unknown): vscode.Uri | undefined {
  if (typeof file !== 'string' || file.length === 0 || file.length > 4096) return undefined;
  let uri: vscode.Uri;
  try {
    if (/^file:/i.test(file)) uri = vscode.Uri.parse(file, true);
    else if (path.isAbsolute(file)) uri = vscode.Uri.file(path.normalize(file));
    else return undefined;
  } catch {
    return undefined;
  }
  if (uri.scheme !== 'file') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const rel = path.relative(folder.uri.fsPath, uri.fsPath);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? uri : undefined;
}

function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

class GraphPanel {
  static current: GraphPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  /** The last graph posted to the page. */
  lastGraph: unknown;
  private ready = false;
  private dirty = false;
  /** The changed-files mode: each job says whether the working tree's changes run it. */
  private changes = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly getClient: () => LanguageClient | undefined,
    onStatus: vscode.Event<ZuulStatus>,
    private selection: Selection,
    private editorColumn: vscode.ViewColumn = vscode.ViewColumn.One,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = this.html(panel.webview, dist);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.dirty) this.schedule();
      }),
      onStatus(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && isZuulDocument(e.document)) this.schedule();
      }),
    );
  }

  private html(webview: vscode.Webview, dist: vscode.Uri): string {
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
    const csp = [`default-src 'none'`, `script-src 'nonce-${n}'`, `style-src ${webview.cspSource} 'unsafe-inline'`, `img-src ${webview.cspSource} data:`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Zuul Job Graph</title>
</head>
<body>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  get view(): GraphView {
    return this.selection.view;
  }

  /** Show a new place or pipeline in this panel. */
  show(selection: Selection, column?: vscode.ViewColumn): void {
    this.selection = selection;
    if (column) this.editorColumn = column;
    this.panel.reveal(undefined, true);
    void this.refresh();
  }

  private schedule(): void {
    if (!this.panel.visible) {
      this.dirty = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private post(message: ToPage): void {
    void this.panel.webview.postMessage(message);
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.ready) return;
    this.dirty = false;
    const seq = ++this.seq;
    const client = this.getClient();
    if (!client || !client.isRunning()) {
      this.post({ type: 'error', message: 'The Zuul language server is starting; the graph appears when it is ready.' });
      this.dirty = true;
      return;
    }
    const s = this.selection;
    const params: JobGraphParams = { uri: s.uri, position: s.position, project: s.project, pipeline: s.pipeline, view: s.view };
    if (this.changes) params.changedFiles = [...new Set((await gitChanges().catch(() => [])).map((u) => u.toString()))];
    const noParams: GraphTargetsParams = {};
    try {
      // Typed as the protocol says; the page validates the graph, and targets are checked below.
      const [graph, targets] = await Promise.all([
        client.sendRequest<JobGraphResult>(JOB_GRAPH_REQUEST, params),
        client.sendRequest<GraphTargetsResult>(GRAPH_TARGETS_REQUEST, noParams).catch(() => undefined),
      ]);
      if (seq !== this.seq) return;
      // Once the server has resolved a place to a project and pipeline, keep
      // showing that pipeline while the user edits elsewhere.
      if (isObj(graph) && typeof graph.project === 'string' && typeof graph.pipeline === 'string') {
        this.selection = { project: graph.project, pipeline: graph.pipeline, view: s.view };
      }
      this.post({ type: 'graph', graph, targets: Array.isArray(targets) ? targets : undefined });
      this.lastGraph = graph;
    } catch (e) {
      if (seq !== this.seq) return;
      this.post({ type: 'error', message: `The job graph could not be computed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isObj(m)) return;
    // The cast only lets the compiler hold the cases to FromPage's types; each case checks its fields, and anything else falls to default.
    switch (m.type as FromPage['type'] | undefined) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        return;
      case 'reveal': {
        const uri = workspaceFile(m.file);
        const range = toRange(m.range);
        if (!uri || !range) return;
        const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
        const editor = await vscode.window.showTextDocument(uri, { viewColumn: this.editorColumn, selection: r, preserveFocus: false });
        editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      case 'select': {
        const view = toView(m.view);
        if (!view) return;
        this.selection = { project: optString(m.project), pipeline: optString(m.pipeline), view };
        await this.refresh();
        return;
      }
      case 'changes':
        this.changes = m.on === true;
        await this.refresh();
        return;
      case 'export': {
        if ((m.format !== 'svg' && m.format !== 'dot') || typeof m.content !== 'string' || m.content.length > MAX_EXPORT_CHARS) return;
        const base = [this.selection.project, this.selection.pipeline].filter(Boolean).join('-').replace(/[^\w.-]+/g, '_') || 'zuul-job-graph';
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.${m.format}`) : undefined,
          filters: m.format === 'svg' ? { 'SVG image': ['svg'] } : { 'Graphviz DOT': ['dot', 'gv'] },
        });
        if (target) await vscode.workspace.fs.writeFile(target, Buffer.from(m.content, 'utf8'));
        return;
      }
      default:
        return; // unknown messages are ignored
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** The selection a command invocation asks for: its arguments, else the active editor and cursor. */
function selectionFromArgs(arg: unknown): { selection: Selection; column?: vscode.ViewColumn } {
  const editor = vscode.window.activeTextEditor;
  const view: GraphView = GraphPanel.current?.view ?? 'dependencies';
  // The editor title button passes the document's Uri.
  if (arg instanceof vscode.Uri) {
    const pos = editor && editor.document.uri.toString() === arg.toString() ? editor.selection.active : undefined;
    return { selection: { uri: arg.toString(), position: pos && { line: pos.line, character: pos.character }, view }, column: editor?.viewColumn };
  }
  if (isObj(arg)) {
    const a = arg as ShowGraphArgs & Obj;
    const uri = typeof a.uri === 'string' ? a.uri : (a.uri as unknown) instanceof vscode.Uri ? (a.uri as unknown as vscode.Uri).toString() : undefined;
    const position = a.position instanceof vscode.Position ? { line: a.position.line, character: a.position.character } : toPos(a.position);
    if (uri) return { selection: { uri, position, view }, column: editor?.viewColumn };
  }
  if (editor) {
    const pos = editor.selection.active;
    return { selection: { uri: editor.document.uri.toString(), position: { line: pos.line, character: pos.character }, view }, column: editor.viewColumn };
  }
  return { selection: { view } };
}

/** Registers the command, the panel serializer and the CodeLens. */
/** What the open panel last showed (for the extension's API, which the end-to-end tests read). */
export function shownGraph(): { project?: string; pipeline?: string; nodes: number } | undefined {
  const g = GraphPanel.current?.lastGraph;
  if (!isObj(g)) return undefined;
  return { project: optString(g.project), pipeline: optString(g.pipeline), nodes: Array.isArray(g.nodes) ? g.nodes.length : 0 };
}

export function registerGraphPanel(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined, onStatus: vscode.Event<ZuulStatus>): void {
  const open = (selection: Selection, column?: vscode.ViewColumn): void => {
    if (GraphPanel.current) {
      GraphPanel.current.show(selection, column);
      return;
    }
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, 'Zuul Job Graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    });
    GraphPanel.current = new GraphPanel(panel, context.extensionUri, getClient, onStatus, selection, column);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, (arg?: unknown) => {
      const { selection, column } = selectionFromArgs(arg);
      open(selection, column);
    }),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const s: { [K in keyof PageState]?: unknown } = isObj(state) ? state : {};
        const selection: Selection = { project: optString(s.project), pipeline: optString(s.pipeline), view: toView(s.view) ?? 'dependencies' };
        GraphPanel.current?.dispose();
        GraphPanel.current = new GraphPanel(panel, context.extensionUri, getClient, onStatus, selection);
      },
    }),
    { dispose: () => GraphPanel.current?.dispose() },
  );
}
