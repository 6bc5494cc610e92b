// Seeded random edits of a configuration file, as a person typing makes
// them: a character typed or deleted, a line duplicated, moved in or out, a
// job attribute set, changed or removed, an item added or removed, an anchor
// written. Most keep the
// YAML valid; some do not, on purpose.

/** A deterministic PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edit = (text: string, lines: string[], pick: (n: number) => number) => string | undefined;


const withLines = (lines: string[]) => lines.join('\n');

const EDITS: [string, Edit][] = [
  ['type a letter', (t, _l, pick) => {
    const at = pick(t.length + 1);
    return t.slice(0, at) + 'abcxyz-_: '[pick(10)] + t.slice(at);
  }],
  ['delete a few characters', (t, _l, pick) => {
    const at = pick(t.length);
    return t.slice(0, at) + t.slice(at + 1 + pick(8));
  }],
  ['break a line', (t, _l, pick) => {
    const at = pick(t.length + 1);
    return `${t.slice(0, at)}\n${t.slice(at)}`;
  }],
  ['duplicate a line', (_t, l, pick) => {
    const i = pick(l.length);
    return withLines([...l.slice(0, i + 1), l[i], ...l.slice(i + 1)]);
  }],
  ['delete a line', (_t, l, pick) => {
    const i = pick(l.length);
    return withLines([...l.slice(0, i), ...l.slice(i + 1)]);
  }],
  ['indent a line', (_t, l, pick) => {
    const i = pick(l.length);
    return withLines([...l.slice(0, i), `  ${l[i]}`, ...l.slice(i + 1)]);
  }],
  ['dedent a line', (_t, l, pick) => {
    const i = pick(l.length);
    if (!l[i].startsWith('  ')) return undefined;
    return withLines([...l.slice(0, i), l[i].slice(2), ...l.slice(i + 1)]);
  }],
  ['a comment line', (_t, l, pick) => {
    const i = pick(l.length + 1);
    return withLines([...l.slice(0, i), '# edited', ...l.slice(i)]);
  }],
  ['a suppression comment', (_t, l, pick) => {
    const i = pick(l.length + 1);
    const rule = ['unknown-job', 'files-matcher-matches-nothing', 'python-only-regex', 'unknown-attribute', 'dependency-cycle'][pick(5)];
    const indent = /^\s*/.exec(l[i] ?? '')![0];
    return withLines([...l.slice(0, i), `${indent}# zuul-authoring: disable-${pick(4) ? 'next-line' : 'file'} ${rule}`, ...l.slice(i)]);
  }],
  ['a new item before an item', (_t, l, pick) => {
    const items = l.flatMap((x, i) => (x.startsWith('- ') ? [i] : []));
    if (!items.length) return undefined;
    const i = items[pick(items.length)];
    return withLines([...l.slice(0, i), '- job:', `    name: added-${i}`, '    voting: false', ...l.slice(i)]);
  }],
  ['remove an item', (_t, l, pick) => {
    const items = l.flatMap((x, i) => (x.startsWith('- ') ? [i] : []));
    if (items.length < 2) return undefined;
    const k = pick(items.length - 1);
    return withLines([...l.slice(0, items[k]), ...l.slice(items[k + 1])]);
  }],
  ['toggle voting: false below a name', (_t, l, pick) => {
    const names = l.flatMap((x, i) => (/^ {4}name: \S/.test(x) ? [i] : []));
    if (!names.length) return undefined;
    const i = names[pick(names.length)];
    if (l[i + 1] === '    voting: false') return withLines([...l.slice(0, i + 1), ...l.slice(i + 2)]);
    return withLines([...l.slice(0, i + 1), '    voting: false', ...l.slice(i + 1)]);
  }],
  ['change an attribute value', (_t, l, pick) => {
    const at = l.flatMap((x, i) => (/^ {4}(?!name:)[a-z-]+: [^\s|>&*!]/.test(x) ? [i] : []));
    if (!at.length) return undefined;
    const i = at[pick(at.length)];
    const next = /: \d+$/.test(l[i]) ? l[i].replace(/\d+$/, (n) => String(Number(n) + 1)) : /: (true|false)$/.test(l[i]) ? l[i].replace(/(true|false)$/, (b) => (b === 'true' ? 'false' : 'true')) : `${l[i]}x`;
    return withLines([...l.slice(0, i), next, ...l.slice(i + 1)]);
  }],
  ['remove an attribute line', (_t, l, pick) => {
    const at = l.flatMap((x, i) => (/^ {4}(?!name:)[a-z-]+: \S/.test(x) && !/^ {5}/.test(l[i + 1] ?? '') ? [i] : []));
    if (!at.length) return undefined;
    const i = at[pick(at.length)];
    return withLines([...l.slice(0, i), ...l.slice(i + 1)]);
  }],
  ['set an attribute below a name', (_t, l, pick) => {
    const names = l.flatMap((x, i) => (/^ {4}name: \S/.test(x) ? [i] : []));
    if (!names.length) return undefined;
    const i = names[pick(names.length)];
    const attr = ['timeout: 3600', 'attempts: 1', 'abstract: true', 'final: true', 'nodeset: ubuntu-noble', 'parent: base', 'post-review: true', 'semaphores: [a-semaphore]', 'dependencies: [infra-prod-bootstrap-bridge]', 'files: [^zuul.d/.*$]', 'irrelevant-files: [^doc/.*$]', 'run: playbooks/missing.yaml', 'branches: master'][pick(13)];
    return withLines([...l.slice(0, i + 1), `    ${attr}`, ...l.slice(i + 1)]);
  }],
  ['change a name', (_t, l, pick) => {
    const names = l.flatMap((x, i) => (/^ {4}name: \S/.test(x) ? [i] : []));
    if (!names.length) return undefined;
    const i = names[pick(names.length)];
    return withLines([...l.slice(0, i), `${l[i]}x`, ...l.slice(i + 1)]);
  }],
  ['an anchor and an alias', (_t, l, pick) => {
    const names = l.flatMap((x, i) => (/^ {4}name: \S/.test(x) ? [i] : []));
    if (!names.length) return undefined;
    const i = names[pick(names.length)];
    return withLines([...l.slice(0, i + 1), '    vars: &shared', '      a: 1', '    extra-vars: *shared', ...l.slice(i + 1)]);
  }],
  ['a flow list', (_t, l, pick) => {
    const i = pick(l.length);
    return withLines([...l.slice(0, i), `${l[i]} [a,`, ...l.slice(i + 1)]);
  }],
];

/** One random edit of `text`: what it was, and the new text (never equal to the old one). */
export function randomEdit(text: string, rand: () => number): [string, string] {
  const pick = (n: number) => Math.floor(rand() * n);
  const lines = text.split('\n');
  for (let tries = 0; tries < 20; tries++) {
    const [what, edit] = EDITS[pick(EDITS.length)];
    const next = edit(text, lines, pick);
    if (next !== undefined && next !== text) return [what, next];
  }
  return ['append a comment', `${text}\n# appended`];
}
