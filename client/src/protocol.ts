// Custom messages between this client and the language server. The server
// defines the same shapes on its side; nothing here imports server code, so
// keep the two in step by hand (method names and field names are the contract).

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
  /** Which tenant the workspace is checked against, and what an unknown name is taken to be; empty from an older server. */
  world: string;
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * Accepts whatever arrived over the wire: a server that sends a partial or
 * malformed status must not break the status bar. Returns undefined when the
 * value is not an object at all.
 */
export function toZuulStatus(raw: unknown): ZuulStatus | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  return {
    jobs: count(r.jobs),
    files: count(r.files),
    repos: count(r.repos),
    errors: count(r.errors),
    warnings: count(r.warnings),
    infos: count(r.infos),
    state: r.state === 'indexing' ? 'indexing' : 'ready',
    world: typeof r.world === 'string' ? r.world.slice(0, 300) : '',
  };
}
