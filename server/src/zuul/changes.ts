// Which job attributes an edit of one file changed, so that the rules that
// read none of them keep their findings (moved) instead of running again.
// Only an edit that leaves every item where it was, with its kind and name,
// and changes only attributes of job stanzas qualifies; anything else (a new
// or removed item, a renamed one, a project stanza, an anchor or alias, a
// suppression comment) makes every rule run again.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { ParsedFile } from './parse';
import { sameSuppressions, valueSummary } from './summary';

/** The entries of a mapping as key -> summary of the value, in order; undefined when a key is not a plain string. */
function keyed(body: YAMLMap): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (const p of body.items) {
    if (!isScalar(p.key) || typeof p.key.value !== 'string' || p.key.anchor || p.key.tag) return undefined;
    out.push([p.key.value, valueSummary(p.value)]);
  }
  return out;
}

const hasRefs = (s: string) => s.includes('\u0001*') || s.includes('\u0001&') || s.startsWith('*') || s.startsWith('&');

/** The attributes of job stanzas the change from `before` to `after` touched (possibly none); undefined when more than that changed. */
export function jobKeyChanges(before: ParsedFile, after: ParsedFile): Set<string> | undefined {
  if (before.fatal || after.fatal || !before.doc || !after.doc) return undefined;
  if (before.findings.length !== after.findings.length || before.items.length !== after.items.length) return undefined;
  const a = before.items;
  const b = after.items;
  const changed = new Set<string>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.kind !== y.kind || x.name !== y.name || x.index !== y.index) return undefined;
    if (x.body === y.body) continue;
    if (!isMap(x.body) || !isMap(y.body) || x.body.tag !== y.body.tag || x.body.anchor || y.body.anchor) return undefined;
    const kx = keyed(x.body);
    const ky = keyed(y.body);
    if (!kx || !ky) return undefined;
    const mx = new Map(kx);
    const my = new Map(ky);
    // The same keys in another order: rules may read the first of two spellings; say it all changed.
    const common = (l: [string, string][], other: Map<string, string>) => l.filter(([k]) => other.has(k)).map(([k]) => k).join('\u0001');
    if (common(kx, my) !== common(ky, mx)) return undefined;
    const here = [...kx.filter(([k, v]) => my.get(k) !== v).map(([k]) => k), ...ky.filter(([k]) => !mx.has(k)).map(([k]) => k)];
    if (here.length && x.kind !== 'job') return undefined;
    for (const k of here) {
      if (hasRefs(mx.get(k) ?? '') || hasRefs(my.get(k) ?? '')) return undefined;
      changed.add(k);
    }
  }
  return sameSuppressions(before, after) ? changed : undefined;
}
