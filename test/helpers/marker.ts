// Inline fixtures mark positions with `|` directly before a token (e.g.
// `    |dependecies: x`). A `|` that starts a YAML block scalar is followed by a
// line break, a space, `-`, `+` or a digit, so it is never taken for a marker.
import type { Position } from '../../server/src/zuul/types';

export interface Marked {
  text: string;
  /** Positions of the markers, in order. */
  marks: Position[];
}

export function marked(src: string): Marked {
  const marks: Position[] = [];
  let text = '';
  let line = 0;
  let col = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '|' && /[A-Za-z_'"!*&[{.^/]/.test(src[i + 1] ?? '')) {
      marks.push({ line, character: col });
      continue;
    }
    text += c;
    if (c === '\n') {
      line++;
      col = 0;
    } else col++;
  }
  return { text, marks };
}

/** Strips the common leading indentation of a template literal and its first blank line. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
