// Smart selection: from the word under the cursor outwards through its
// scalar, its `key: value` pair, the mapping, the list item (with its dash),
// up to the config item and the whole file. Each step strictly contains the
// one before, as the protocol requires.
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ParsedFile } from '../zuul/parse';
import type { Position, Range } from '../zuul/types';
import type { ZuulWorkspace } from '../engine/workspace';
import { contains, dashBefore, spanOf, trimEnd, type Span } from './spans';

/** For each position, its ranges innermost first; undefined for a file the workspace does not track. */
export function selectionRanges(ws: ZuulWorkspace, path: string, positions: Position[]): Range[][] | undefined {
  const state = ws.fileState(path);
  return state ? positions.map((p) => selectionChain(state.parsed, p)) : undefined;
}

export function selectionChain(file: ParsedFile, pos: Position): Range[] {
  const { text, lines } = file;
  const at = lines.offset(pos);
  const outward: Span[] = [[0, text.length]];
  const root = file.doc?.contents;
  if (file.doc && root && !text.includes('\u0000')) descend(text, root, at, outward);
  else {
    const line = lines.lineText(lines.position(at).line);
    const start = at - lines.position(at).character;
    outward.push([start, start + line.length]);
  }
  const word = wordAt(text, at);
  if (word && contains(outward[outward.length - 1], word)) outward.push(word);
  // Innermost first, each strictly inside the next.
  const out: Span[] = [];
  for (let i = outward.length - 1; i >= 0; i--) {
    const s = outward[i];
    const prev = out[out.length - 1];
    if (prev && (!contains(s, prev) || (s[0] === prev[0] && s[1] === prev[1]))) continue;
    out.push(s);
  }
  return out.map((s) => lines.range(s[0], s[1]));
}

const inside = (s: Span | undefined, at: number): s is Span => !!s && s[0] <= at && at <= s[1];

/** Pushes, outermost first, every node around `at`: collection, list item, pair, key or value. */
function descend(text: string, start: Node, at: number, out: Span[]): void {
  let node: Node | undefined = start;
  for (let depth = 0; node && depth < 1000; depth++) {
    const s = spanOf(text, node);
    if (!inside(s, at)) return;
    out.push(s);
    if (isAlias(node) || isScalar(node)) return;
    let next: Node | undefined;
    if (isSeq(node)) {
      for (const item of node.items as Node[]) {
        const is = spanOf(text, item);
        if (!is) continue;
        const withDash: Span = [dashBefore(text, is[0]) ?? is[0], is[1]];
        if (inside(withDash, at)) {
          out.push(withDash);
          next = item;
          break;
        }
      }
    } else if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const ks = spanOf(text, pair.key as Node | null);
        const vs = spanOf(text, pair.value as Node | null);
        if (!ks) continue;
        // A key without a value still owns its colon.
        const colon = text.indexOf(':', ks[1]);
        const end = vs ? vs[1] : colon >= 0 && colon - ks[1] < 3 ? colon + 1 : ks[1];
        const ps: Span = [ks[0], trimEnd(text, ks[0], end)];
        if (!inside(ps, at)) continue;
        out.push(ps);
        next = inside(ks, at) ? (pair.key as Node) : vs && inside(vs, at) ? (pair.value as Node) : undefined;
        break;
      }
    }
    node = next;
  }
}

/** The run of letters, digits, `_` and `-` around `at` (a job name is one word; a path is several). */
function wordAt(text: string, at: number): Span | undefined {
  const isWord = (c: string | undefined) => !!c && /[A-Za-z0-9_-]/.test(c);
  let a = at;
  let b = at;
  while (isWord(text[a - 1])) a--;
  while (isWord(text[b])) b++;
  return b > a ? [a, b] : undefined;
}
