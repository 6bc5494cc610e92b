// What the workspace-wide rules can see of a file: every value, tag, anchor
// and alias in order, but no free text (descriptions), no comments and no
// positions. Two versions of a file with the same summary give the same
// workspace-wide findings, only at moved positions.
import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import { pushAll } from './arrays';
import type { ParsedFile } from './parse';
import { DIRECTIVE_PREFIX, mayHoldDirectives } from './suppress';

const FREE_TEXT = new Set(['description', 'variant-description']);

function walk(node: unknown, out: string[], depth: number): void {
  if (depth > 300) return;
  if (node == null) {
    out.push('~');
    return;
  }
  const n = node as Node & { anchor?: string; tag?: string };
  if (n.anchor) out.push(`&${n.anchor}`);
  if (n.tag) out.push(`!${n.tag}`);
  if (isAlias(node)) out.push(`*${node.source}`);
  else if (isScalar(node)) out.push(typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value));
  else if (isSeq(node)) {
    out.push('[');
    for (const i of node.items) walk(i, out, depth + 1);
    out.push(']');
  } else if (isMap(node)) {
    out.push('{');
    for (const p of node.items) {
      const key = isScalar(p.key) ? p.key.value : undefined;
      walk(p.key, out, depth + 1);
      if (typeof key === 'string' && FREE_TEXT.has(key)) out.push('…');
      else walk(p.value, out, depth + 1);
    }
    out.push('}');
  }
}

// Per top-level item, which holds no position: a re-parse (reparse.ts) keeps
// the nodes of the items an edit did not touch, and with them their part.
const itemCache = new WeakMap<object, string>();

function itemSummary(item: unknown): string {
  if (!item || typeof item !== 'object') return item == null ? '~' : String(item);
  let hit = itemCache.get(item);
  if (hit === undefined) {
    const out: string[] = [];
    walk(item, out, 1);
    itemCache.set(item, (hit = out.join('\u0001')));
  }
  return hit;
}

/** What the rules can see of one value (a mapping's entry), as in the file summary; aliases and anchors show as `*name` and `&name`. */
export function valueSummary(node: unknown): string {
  const out: string[] = [];
  walk(node, out, 2);
  return out.join('\u0001');
}

/** The suppression comments of a file, trimmed: they change what is reported. */
function suppressionLines(file: ParsedFile): string[] {
  if (!mayHoldDirectives(file)) return [];
  return file.text.split('\n').filter((l) => l.includes(DIRECTIVE_PREFIX)).map((l) => l.trim());
}

/** Do two versions of a file hold the same suppression comments? */
export function sameSuppressions(a: ParsedFile, b: ParsedFile): boolean {
  return suppressionLines(a).join('\n') === suppressionLines(b).join('\n');
}

const plainList = (root: unknown): root is YAMLSeq => isSeq(root) && !root.anchor && !root.tag;

/**
 * semanticSummary(a) === semanticSummary(b), item by item: items a re-parse
 * kept are the same nodes, and nothing is joined into one long string.
 */
export function sameSummary(a: ParsedFile, b: ParsedFile): boolean {
  if (a === b) return true;
  if (a.fatal !== b.fatal || a.findings.length !== b.findings.length) return false;
  const ra = a.doc?.contents;
  const rb = b.doc?.contents;
  if (plainList(ra) && plainList(rb)) {
    if (ra.items.length !== rb.items.length) return false;
    for (let i = 0; i < ra.items.length; i++) if (ra.items[i] !== rb.items[i] && itemSummary(ra.items[i]) !== itemSummary(rb.items[i])) return false;
    return sameSuppressions(a, b);
  }
  return semanticSummary(a) === semanticSummary(b);
}

export function semanticSummary(file: ParsedFile): string {
  const out: string[] = [file.fatal ? 'fatal' : 'ok', String(file.findings.length)];
  const root = file.doc?.contents;
  if (plainList(root)) {
    out.push('[');
    for (const i of root.items) out.push(itemSummary(i));
    out.push(']');
  } else walk(root, out, 0);
  pushAll(out, suppressionLines(file));
  return out.join('\u0001');
}
