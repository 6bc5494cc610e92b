// Inputs shaped to hit a cost or a limit: each returns the text of one
// zuul.d file. Used by the fuzz test (small scales) and `npm run bench`
// (large ones); `scale` is roughly the number of repeated units.

export interface Shape {
  name: string;
  /** What it attacks, for reports. */
  what: string;
  text(scale: number): string;
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');

export const SHAPES: Shape[] = [
  {
    name: 'long-name',
    what: 'one job name of `scale` characters and a parent one letter off (edit distance)',
    text: (n) => `- job:\n    name: ${'n'.repeat(n)}\n- job:\n    name: other\n    parent: ${'n'.repeat(n - 1)}m\n`,
  },
  {
    name: 'many-keys',
    what: 'a vars mapping with `scale` keys and one duplicate (duplicate-key check)',
    text: (n) => `- job:\n    name: a\n    vars:\n${lines(n, (i) => `      key_${i}: ${i}\n`)}      key_1: again\n`,
  },
  {
    name: 'flow-list',
    what: 'a flow list of `scale` job names in a project pipeline',
    text: (n) => `- job:\n    name: job-0\n- project:\n    check:\n      jobs: [${lines(n, (i) => `${i ? ', ' : ''}job-${i % 50}`)}]\n`,
  },
  {
    name: 'long-pattern',
    what: 'files: patterns of up to 10,000 characters, `scale` in all, that match nothing',
    text: (n) => {
      const each = Math.min(n, 10_000);
      const pattern = (i: number) => `      - src/${'.?'.repeat(Math.max(1, Math.floor(each / 2)))}x${i}\n`;
      return `- job:\n    name: a\n    files:\n${lines(Math.max(1, Math.round(n / each)), pattern)}- project:\n    check:\n      jobs: [a]\n`;
    },
  },
  {
    name: 'many-findings',
    what: '`scale` one-line jobs, each with an unknown parent',
    text: (n) => lines(n, (i) => `- job: {name: j${i}, parent: nope-parent}\n`),
  },
  {
    name: 'alias-bomb',
    what: 'nested lists of aliases that expand to 9^`scale` nodes',
    text: (n) => `- job:\n    name: bomb\n    vars:\n      a0: &a0 [x, x, x, x, x, x, x, x, x]\n${lines(n, (i) => `      a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]\n`)}`,
  },
  {
    name: 'merge-bomb',
    what: 'a chain of `scale` mappings, each merging the one before five times',
    text: (n) => `- job:\n    name: m0\n    vars: &v0 {k0: 0}\n${lines(n, (i) => `- job:\n    name: m${i + 1}\n    vars: &v${i + 1}\n      <<: [${Array(5).fill(`*v${i}`).join(', ')}]\n      k${i + 1}: ${i}\n`)}`,
  },
  {
    name: 'deep-flow',
    what: 'flow sequences nested `scale` levels deep',
    text: (n) => `- job:\n    name: a\n    vars:\n      x: ${'['.repeat(n)}${']'.repeat(n)}\n`,
  },
  {
    name: 'deep-block',
    what: 'block mappings nested `scale` levels deep',
    text: (n) => `- job:\n    name: a\n    vars:\n${lines(n, (i) => `${' '.repeat(6 + 2 * i)}k${i}:\n`)}`,
  },
  {
    name: 'long-line',
    what: 'a description of `scale` characters on one line',
    text: (n) => `- job:\n    name: a\n    description: ${'x'.repeat(n)}\n`,
  },
  {
    name: 'quote-in-plain',
    what: "an apostrophe in a plain flow scalar, then `scale` brackets",
    text: (n) => `- job:\n    name: a\n    tags: [a'b, ${'['.repeat(n)}${']'.repeat(n)}]\n`,
  },
];

export function shape(name: string): Shape {
  const s = SHAPES.find((x) => x.name === name);
  if (!s) throw new Error(`no hostile shape ${name}`);
  return s;
}
