// Runs the built CLI on an inline workspace whose files mark positions with
// `|` (test/helpers/marker.ts): every top folder becomes a repo.
import { cpSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runCli, type JsonFinding } from './helpers';
import { marked } from '../helpers/marker';
import { remove, tree } from '../helpers/tmp';
import type { Position, Range } from '../../server/src/zuul/types';

export interface InlineRun {
  status: number | null;
  stderr: string;
  all: JsonFinding[];
  /** Findings of one rule, in output order. */
  of(rule: string): JsonFinding[];
  /** The i-th mark of a file (repo-relative path as given). */
  mark(file: string, i?: number): Position;
  /** The range from the i-th mark of a file over `text`, which must be written there. */
  span(file: string, i: number, text: string): Range;
}

/** `files` maps paths like `app/.zuul.yaml` to marked YAML; `settings` is a .zuul-authoring.yaml text passed with -r. */
export function runInline(files: Record<string, string>, settings?: string): InlineRun {
  const texts: Record<string, string> = {};
  const marks: Record<string, Position[]> = {};
  for (const [rel, src] of Object.entries(files)) {
    const m = marked(src);
    texts[rel] = m.text;
    marks[rel] = m.marks;
    texts[`${rel.split('/')[0]}/.git/HEAD`] = '';
  }
  if (settings !== undefined) texts['rules.yaml'] = settings;
  const root = tree(texts, 'zuul-inline-');
  try {
    const repos = [...new Set(Object.keys(files).map((f) => f.split('/')[0]))];
    const r = runCli(['--format', 'json', ...(settings !== undefined ? ['-r', join(root, 'rules.yaml')] : []), ...repos], root);
    const all = JSON.parse(r.stdout) as JsonFinding[];
    const mark = (file: string, i = 0): Position => {
      const p = marks[file]?.[i];
      if (!p) throw new Error(`${file} has no mark ${i}`);
      return p;
    };
    return {
      status: r.status,
      stderr: r.stderr,
      all,
      of: (rule) => all.filter((f) => f.code === rule),
      mark,
      span(file, i, text) {
        const start = mark(file, i);
        const line = texts[file].split('\n')[start.line];
        if (line.slice(start.character, start.character + text.length) !== text) throw new Error(`"${text}" is not at mark ${i} of ${file}: ${line}`);
        return { start, end: { line: start.line, character: start.character + text.length } };
      },
    };
  } finally {
    // ZUUL_INLINE_KEEP=folder keeps each workspace there, to run Zuul's own loader on it.
    const keep = process.env.ZUUL_INLINE_KEEP;
    if (keep) cpSync(root, join(keep, basename(root)), { recursive: true });
    remove(root);
  }
}

/** rule@file:line:col for compact comparisons (1-based line and column, as people read them). */
export function where(f: JsonFinding): string {
  return `${f.code}@${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
}
