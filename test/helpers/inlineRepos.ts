// A workspace of repos written from an inline fixture: `{'app/zuul.yaml':
// text, 'app/src/x.py': ''}`. YAML texts may carry `|` markers (marker.ts);
// they are removed from the files and kept as positions per path.
import { marked } from './marker';
import { remove, tree } from './tmp';
import type { Position } from '../../server/src/zuul/types';
import { runCli, type JsonFinding } from '../cli/helpers';

export interface InlineRepos {
  root: string;
  /** Marker positions of one file, in order. */
  marks(path: string): Position[];
  dispose(): void;
}

export function inlineRepos(files: Record<string, string>, prefix = 'zuul-inline-'): InlineRepos {
  const out: Record<string, string> = {};
  const marks = new Map<string, Position[]>();
  for (const [path, text] of Object.entries(files)) {
    const m = /\.ya?ml$/.test(path) ? marked(text) : { text, marks: [] };
    out[path] = m.text;
    marks.set(path, m.marks);
  }
  const root = tree(out, prefix);
  return { root, marks: (p) => marks.get(p) ?? [], dispose: () => remove(root) };
}

/** `zuul-check . --format json` in the workspace: the findings, optionally of some rules only. */
export function findings(ws: InlineRepos, rules?: string[]): JsonFinding[] {
  const r = runCli(['.', '--format', 'json'], ws.root);
  if (r.status !== 0 && r.status !== 1) throw new Error(`zuul-check exited ${r.status}: ${r.stderr}`);
  const all = JSON.parse(r.stdout) as JsonFinding[];
  return rules ? all.filter((f) => rules.includes(f.code)) : all;
}

/** Where each finding starts, as `file:line:character` (0-based), for comparing with markers. */
export function starts(fs: JsonFinding[]): string[] {
  return fs.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.character}`);
}

export function at(path: string, ps: Position[]): string[] {
  return ps.map((p) => `${path}:${p.line}:${p.character}`);
}
