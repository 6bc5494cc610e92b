// Everything that crosses the wire between the language server, the VS Code
// extension and the job graph page (the webview): the custom method names, the
// shapes of their params and results, and the messages between the extension
// and the page. Declared once, here; the server (src/lsp and the graph model),
// the client, the page and the tests all import it.
//
// Types and string constants only, and no imports: the page's browser bundle
// imports this file as much as the server does, so it must not lean on
// vscode, vscode-languageserver, yaml or Node. Each receiver still checks what
// arrives before it reads it (server/src/lsp/params.ts, client/src/protocol.ts,
// client/webview/src/protocol.ts): these types say what a well-behaved sender
// sends, not what a peer may send.

/** A place in a document, zero-based, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

// ---------------------------------------------------------------------------
// zuul/status: server -> client notification, whenever the totals change.

/** Method of the notification the server sends whenever its totals change. */
export const STATUS_NOTIFICATION = 'zuul/status';

/** Whether the server is still reading the workspace or has a complete index. */
export type IndexState = 'indexing' | 'ready';

/** Params of `zuul/status`. */
export interface ZuulStatus {
  /** Distinct jobs known to the server. */
  jobs: number;
  /** Configuration files read. */
  files: number;
  /** Repositories (workspace folders or repo roots) seen. */
  repos: number;
  /** Diagnostics across the workspace, by severity. */
  errors: number;
  warnings: number;
  infos: number;
  state: IndexState;
  /** Which tenant the workspace is checked against, and what an unknown name is taken to be (the server's describeWorld); empty from an older server. */
  world: string;
}

// ---------------------------------------------------------------------------
// zuul/graphTargets: client -> server request, every project and its pipelines.

export const GRAPH_TARGETS_REQUEST = 'zuul/graphTargets';

/** Params of `zuul/graphTargets`: nothing (VS Code sends {}; absent is fine too). */
export type GraphTargetsParams = Record<string, never>;

/** A project and its pipelines, in load order. */
export interface ProjectPipelines {
  project: string;
  pipelines: string[];
}

/** Result of `zuul/graphTargets`: every project with pipelines, in load order. */
export type GraphTargetsResult = ProjectPipelines[];

// ---------------------------------------------------------------------------
// zuul/jobGraph: client -> server request, one graph as plain JSON.

export const JOB_GRAPH_REQUEST = 'zuul/jobGraph';

export type GraphView = 'dependencies' | 'inheritance';
/** What the critical path adds up: one per job, or each job's timeout. */
export type GraphWeight = 'count' | 'timeout';
export type EdgeKind = 'hard' | 'soft' | 'parent';

/**
 * Params of `zuul/jobGraph`: a project and pipeline, or a document and a place
 * in it (the project pipeline whose job list holds the line, or a pipeline
 * that runs the job whose stanza holds it).
 */
export interface JobGraphParams {
  uri?: string;
  position?: Position;
  project?: string;
  pipeline?: string;
  /** Default dependencies. */
  view?: GraphView;
  /** A job to centre on; the inheritance view shows only its chain. */
  focus?: string;
  /** Most nodes to return, in pipeline order (a positive integer; the server's default when absent). */
  limit?: number;
  /** Default count. */
  weight?: GraphWeight;
  /** Changed files (file URIs): each job says whether the change runs it (the graph's changed-files mode). */
  changedFiles?: string[];
}

export interface GraphNode {
  id: string;
  label: string;
  /** Absolute path of the job's first definition (or of its pipeline entry when it has none). */
  file?: string;
  range?: Range;
  repo?: string;
  abstract: boolean;
  final: boolean;
  semaphores: string[];
  /** In-pipeline dependencies of this job, by kind. */
  incoming: { hard: number; soft: number };
  findings: { rule: string; severity: Severity; message: string }[];
  wave?: number;
  critical?: boolean;
  bootstrap?: boolean;
  description?: string;
  /** Parent, grandparent, ... up to the root. */
  parents?: string[];
  /** Seconds after inheritance (the pipeline's variants first), when set. */
  timeout?: number;
  /** With changed files: whether the change runs the job (absent: not known), why, and what pulls it in. */
  change?: { runs?: boolean; why: string; pulledBy?: string[] };
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

/** A project-pipeline's jobs with their dependency edges, waves (topological levels), critical path, shared semaphores and cycles; or the inheritance chains of some jobs. */
export interface JobGraph {
  project?: string;
  pipeline?: string;
  view: GraphView;
  focus?: string;
  weight: GraphWeight;
  nodes: GraphNode[];
  edges: GraphEdge[];
  waves: { index: number; jobs: string[] }[];
  criticalPath: string[];
  sharedSemaphores: { semaphore: string; jobs: string[] }[];
  cycles: string[][];
  truncated?: { shown: number; total: number; omitted: string[] };
  /** With changed files: how many there were (of the project's), how many jobs run, and the warnings. */
  changes?: { files: number; runs: number; warnings: string[] };
}

/** Why there is no graph: an answer, not a JSON-RPC error. */
export interface GraphError {
  error: string;
}

/** A node as the server sends it: with the URI of its file beside the path. */
export type JobGraphNode = GraphNode & { uri?: string };

/** Result of `zuul/jobGraph`. */
export type JobGraphResult = (Omit<JobGraph, 'nodes'> & { nodes: JobGraphNode[] }) | GraphError;

// ---------------------------------------------------------------------------
// Client commands the server puts in code lenses and code actions: the
// extension registers them (and package.json declares those a user may run).
// Each argument list is what the server sends and the command is called with.

/** The "N uses" lens: VS Code's references peek. */
export const SHOW_REFERENCES_COMMAND = 'zuul.showReferences';
export type ShowReferencesArgs = [uri: string, position: Position, locations: { uri: string; range: Range }[]];

/** The "Show job graph" lens, and the palette and editor title button (which pass nothing, or the document's Uri). */
export const SHOW_GRAPH_COMMAND = 'zuul.showJobGraph';
/** Arguments of `zuul.showJobGraph` (all optional: default the active editor and its cursor). */
export interface ShowGraphArgs {
  uri?: string;
  position?: Position;
}

/** The "Declare X as defined outside the workspace" fix: appends the name to the zuul.externalNames setting. */
export const ADD_EXTERNAL_NAME_COMMAND = 'zuul.addExternalName';
export type AddExternalNameArgs = [name: string];

// ---------------------------------------------------------------------------
// The graph page (webview) and the extension (client/src/graphPanel.ts), by postMessage.

/** Extension -> page. `graph` is the server's `zuul/jobGraph` answer as it came (the page validates it). */
export type ToPage = { type: 'graph'; graph: JobGraphResult; targets?: GraphTargetsResult } | { type: 'error'; message: string; targets?: GraphTargetsResult };

/** Page -> extension. */
export type FromPage =
  | { type: 'ready' }
  | { type: 'reveal'; file: string; range: Range }
  | { type: 'select'; project: string; pipeline: string; view: GraphView }
  | { type: 'export'; format: 'svg' | 'dot'; content: string }
  /** The changed-files toggle: grey out the jobs the working tree's changes do not run, or stop. */
  | { type: 'changes'; on: boolean };

/** What the page keeps in the webview state (survives hiding and reloads; the extension reads it back to restore the panel). */
export interface PageState {
  project?: string;
  pipeline?: string;
  view?: GraphView;
  /** Pan and zoom, per project/pipeline/view key. */
  transform?: { key: string; x: number; y: number; k: number };
  /** The changed-files mode is on. */
  changes?: boolean;
  /** The job last clicked or picked from the list (kept in view). */
  selected?: string;
  /** The list of waves beside the drawing is hidden. */
  listHidden?: boolean;
}

export * from './effectiveJob';
export * from './jobsFor';
