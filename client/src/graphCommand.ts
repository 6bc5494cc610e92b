// `zuul.showJobGraph`, run from the palette or from the server's "Show job
// graph" lenses (above each job and each project pipeline's job list).

/** Keep in step with SHOW_GRAPH_COMMAND in server/src/lsp/navigation.ts. */
export const SHOW_GRAPH_COMMAND = 'zuul.showJobGraph';

/** Arguments of `zuul.showJobGraph` (all optional: default the active editor and its cursor). */
export interface ShowGraphArgs {
  uri?: string;
  position?: { line: number; character: number };
}
