// Offsets of YAML nodes as an editor shows them: a block node's range in the
// `yaml` package runs on to the next line (and over trailing blank lines), so
// its end is pulled back to its last character; a list item starts at its dash.
import type { YNode } from '../zuul/yamlNodes';

export type Span = [number, number];

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** `end` moved back over trailing whitespace, never before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

/** A node's own text without trailing whitespace; undefined for a node without a range. */
export function spanOf(text: string, node: YNode | null | undefined): Span | undefined {
  const r = node?.range;
  if (!r) return undefined;
  const start = Math.min(r[0], text.length);
  return [start, Math.max(start, trimEnd(text, start, r[1]))];
}

/** The offset of the `-` that introduces the node at `start` (after its anchor or tag, if any), when the node is a block list item. */
export function dashBefore(text: string, start: number): number | undefined {
  const blank = (i: number) => text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9;
  let i = start - 1;
  for (let props = 0; ; props++) {
    const end = i;
    while (i >= 0 && blank(i)) i--;
    if (i === end) return undefined;
    if (text[i] === '-' && (i === 0 || blank(i - 1) || text[i - 1] === '\n' || text[i - 1] === '\r')) return i;
    // `- &anchor value`, `- !tag value`: step over the property.
    let p = i;
    while (p >= 0 && !blank(p) && text[p] !== '\n') p--;
    if (props >= 2 || (text[p + 1] !== '&' && text[p + 1] !== '!')) return undefined;
    i = p;
  }
}

export const contains = (outer: Span, inner: Span) => outer[0] <= inner[0] && inner[1] <= outer[1];
