// File-system events as the engine wants them: one event per file. Editors
// report a folder that was deleted, created or moved as a single event for
// the folder, so the files inside it are expanded here.
import { basename, dirname, join, sep } from 'node:path';
import type { ZuulWorkspace } from '../engine/workspace';
import { CONFIG_ROOTS, filesUnder, isConfigCandidate, isPlainDir, repoRelative } from '../zuul/discover';
import { SETTINGS_FILE } from '../zuul/settings';
import { TENANT_FILE_IN_REPO } from '../zuul/tenantSource';

export type FileEventKind = 'created' | 'changed' | 'deleted';

export interface FileEvent {
  path: string;
  kind: FileEventKind;
}

/** LSP FileChangeType (1 created, 2 changed, 3 deleted) -> the engine's word. */
export function eventKind(type: number): FileEventKind | undefined {
  return type === 1 ? 'created' : type === 2 ? 'changed' : type === 3 ? 'deleted' : undefined;
}

/**
 * Drops an event that repeats the previous event for the same file: a client
 * with overlapping watchers (its own plus the ones we register) reports each
 * change once per watcher, in one batch.
 */
export function dedupe(events: FileEvent[]): FileEvent[] {
  const last = new Map<string, FileEventKind>();
  return events.filter((ev) => {
    if (last.get(ev.path) === ev.kind) return false;
    last.set(ev.path, ev.kind);
    return true;
  });
}

/** A content change matters only for configuration and settings files; others would cost a re-check for nothing. */
export function relevant(ws: ZuulWorkspace, ev: FileEvent): boolean {
  if (ev.kind !== 'changed') return true;
  if (ws.fileState(ev.path) || basename(ev.path) === SETTINGS_FILE || ev.path === ws.tenantFile()) return true;
  const repo = ws.repoOf(ev.path);
  if (!repo) return false;
  const rel = repoRelative(repo, ev.path);
  return rel === TENANT_FILE_IN_REPO || isConfigCandidate(rel, repo.extraConfigPaths);
}

const MAX_EXPANDED = 50_000;



export function expandEvent(ws: ZuulWorkspace, ev: FileEvent): FileEvent[] {
  if (ev.kind === 'deleted') {
    const repo = ws.repoOf(ev.path);
    if (!repo) return [ev];
    const rel = repoRelative(repo, ev.path);
    const prefix = rel ? rel + '/' : '';
    const inside = [...repo.files].filter((f) => f.startsWith(prefix));
    if (inside.length === 0) return [ev];
    return inside.map((f) => ({ path: join(repo.root, f), kind: 'deleted' }));
  }
  if (!isPlainDir(ev.path)) return [ev];
  // A changed folder says nothing about its files; a created one brings them all.
  if (ev.kind === 'changed') return [];
  return filesUnder(ev.path, MAX_EXPANDED).map((path) => ({ path, kind: 'created' }));
}

/**
 * True when an event creates Zuul configuration outside every known repo
 * (e.g. the first zuul.yaml of a folder): only a fresh discovery finds it.
 */
export function needsDiscovery(ws: ZuulWorkspace, folders: string[], ev: FileEvent): boolean {
  if (ev.kind !== 'created' || ws.repoOf(ev.path)) return false;
  if (!folders.some((f) => ev.path === f || ev.path.startsWith(f + sep))) return false;
  const names = new Set<string>(CONFIG_ROOTS);
  return names.has(basename(ev.path)) || names.has(basename(dirname(ev.path))) || basename(ev.path) === '.git';
}
