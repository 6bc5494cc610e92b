// The client's check of the `zuul/status` params the server sends. The
// notification's name and shape are declared once, in protocol/src, which the
// server imports too.
import type { ZuulStatus } from '../../protocol/src';

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
