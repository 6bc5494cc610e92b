// The top-level stanzas of a configuration file with their lines, so that an
// error of Zuul's (reported at a stanza's first line) and a finding of ours
// (at the offending word inside it) can be found to be about the same stanza.
import { LineCounter, parseDocument, isMap, isScalar, isSeq } from 'yaml';

export interface Stanza {
  /** `job infra-prod-base`, `project openstack/nova`, `nodeset#3` when it has no name. */
  id: string;
  /** 0-based, inclusive; `last` takes in the comments and blank lines before the next stanza, `end` does not. */
  first: number;
  last: number;
  end: number;
}

export function stanzasOf(text: string): Stanza[] {
  const lc = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, maxAliasCount: -1 } as never);
  } catch {
    return [];
  }
  const seq = doc.contents;
  if (!isSeq(seq)) return [];
  const out: Stanza[] = [];
  seq.items.forEach((item, i) => {
    const range = (item as { range?: [number, number, number] }).range;
    if (!range) return;
    let id = `item#${i}`;
    if (isMap(item) && item.items.length >= 1) {
      const pair = item.items[0];
      const kind = isScalar(pair.key) ? String(pair.key.value) : '?';
      id = `${kind}#${i}`;
      if (isMap(pair.value)) {
        const name = pair.value.get('name');
        if (typeof name === 'string') id = `${kind} ${name}`;
      }
    }
    const first = lc.linePos(range[0]).line - 1;
    const end = lc.linePos(Math.max(range[0], range[1] - 1)).line - 1;
    out.push({ id, first, last: end, end });
  });
  // A stanza runs to the next one: comments and blank lines between belong to the one above.
  for (let i = 0; i + 1 < out.length; i++) out[i].last = Math.max(out[i].last, out[i + 1].first - 1);
  return out;
}

/** The stanza holding a 0-based line, or the file itself. */
export function stanzaAt(stanzas: Stanza[], line: number): string {
  for (const s of stanzas) if (line >= s.first && line <= s.last) return s.id;
  return '(file)';
}
