// Seeded fuzz cases: real corpus files mutated at random, and the hostile
// shapes of test/helpers/hostile.ts at random scales, each possibly given a
// BOM, CRLF line ends, NUL bytes or bytes that are not UTF-8. The same seed
// gives the same cases, so a failure can be replayed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SHAPES } from '../helpers/hostile';

export interface FuzzCase {
  index: number;
  /** How it was made, e.g. `corpus zuul-jobs-79fe3eb/zuul.d/jobs.yaml + 3 mutations, crlf`. */
  label: string;
  bytes: Buffer;
}

export type Rand = () => number;

/** mulberry32: small, fast and good enough to pick mutations. */
export function rng(seed: number): Rand {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Scales small enough for the test run, large enough to reach each shape's old failure. */
const SCALES: Record<string, [number, number]> = {
  'long-name': [2_000, 40_000],
  'many-keys': [500, 20_000],
  'flow-list': [500, 20_000],
  'long-pattern': [100, 10_000],
  'many-findings': [100, 5_000],
  'alias-bomb': [2, 12],
  'merge-bomb': [2, 24],
  'deep-flow': [50, 3_000],
  'deep-block': [20, 400],
  'long-line': [1_000, 1_000_000],
  'quote-in-plain': [100, 2_000],
};

// Pieces that change YAML's structure: brackets, quotes, indicators, tags, anchors, merge keys.
const TOKENS = ['[', ']', '{', '}', "'", '"', ', ', ': ', '- ', '? ', '#', '|', '>', '&a ', '*a', '<<: *a', '!inherit ', '!override ', '!unsafe ', '!encrypted/pkcs1-oaep ', '---\n', '...\n', '%YAML 1.1\n', '\t', '\n', '\r', '\\', '~', 'null', 'yes', '0o17', '1:30', '2024-01-01', '\u2028', '\ud800', 'é'];

function mutateText(r: Rand, text: string): string {
  const at = () => int(r, 0, text.length);
  switch (int(r, 0, 7)) {
    case 0: {
      const i = at();
      return text.slice(0, i) + pick(r, TOKENS) + text.slice(i);
    }
    case 1: {
      const i = at();
      return text.slice(0, i) + text.slice(Math.min(text.length, i + int(r, 1, 64)));
    }
    case 2: {
      const i = at();
      const j = Math.min(text.length, i + int(r, 1, 400));
      return text.slice(0, j) + text.slice(i, j) + text.slice(j);
    }
    case 3: {
      const ls = text.split('\n');
      const k = int(r, 0, ls.length - 1);
      ls[k] = r() < 0.5 ? ` ${ls[k]}` : ls[k].replace(/^ /, '');
      return ls.join('\n');
    }
    case 4: {
      const ls = text.split('\n');
      const a = int(r, 0, ls.length - 1);
      const b = int(r, 0, ls.length - 1);
      [ls[a], ls[b]] = [ls[b], ls[a]];
      return ls.join('\n');
    }
    case 5: {
      // A word grown long: names, paths and patterns run through edit distances and RE2.
      const m = /[A-Za-z][\w./-]{2,}/g;
      const words = [...text.matchAll(m)];
      if (!words.length) return text;
      const w = pick(r, words);
      const i = w.index ?? 0;
      return text.slice(0, i) + w[0].repeat(int(r, 2, 400)) + text.slice(i + w[0].length);
    }
    case 6: {
      const i = at();
      return text.slice(0, i) + pick(r, ['[', '{', '- ']).repeat(int(r, 10, 400)) + text.slice(i);
    }
    default: {
      const i = at();
      const c = text.charCodeAt(i);
      return Number.isNaN(c) ? text : text.slice(0, i) + String.fromCharCode((c + int(r, 1, 94)) % 127 || 32) + text.slice(i + 1);
    }
  }
}

function encode(r: Rand, text: string, notes: string[]): Buffer {
  let t = text;
  if (r() < 0.1) {
    t = t.replace(/\r?\n/g, '\r\n');
    notes.push('crlf');
  }
  if (r() < 0.08) {
    t = `\ufeff${t}`;
    notes.push('bom');
  }
  let bytes = Buffer.from(t, 'utf8');
  if (r() < 0.05) {
    const i = int(r, 0, bytes.length);
    bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([0]), bytes.subarray(i)]);
    notes.push('nul');
  }
  if (r() < 0.1) {
    const i = int(r, 0, bytes.length);
    const junk = Buffer.from(Array.from({ length: int(r, 1, 8) }, () => int(r, 0x80, 0xff)));
    bytes = Buffer.concat([bytes.subarray(0, i), junk, bytes.subarray(i)]);
    notes.push('invalid utf-8');
  }
  return bytes;
}

/** Config files of the corpus (paths), in a stable order. */
export function corpusConfigFiles(corpus: string | undefined): string[] {
  if (!corpus) return [];
  const out: string[] = [];
  const walk = (dir: string, inConfig: boolean) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, inConfig || /^\.?zuul\.d$/.test(name));
      else if ((inConfig && name.endsWith('.yaml')) || /^\.?zuul\.yaml$/.test(name)) out.push(p);
    }
  };
  walk(corpus, false);
  return out;
}

const MAX_CORPUS_SLICE = 48 * 1024;

/** Case `index` of the run with `seed`: the same pair always gives the same bytes. */
export function makeCase(seed: number, index: number, corpusFiles: string[], corpusRoot = ''): FuzzCase {
  const r = rng(seed * 1_000_003 + index);
  const notes: string[] = [];
  let text: string;
  let label: string;
  if (corpusFiles.length && r() < 0.7) {
    const file = pick(r, corpusFiles);
    let t = readFileSync(file, 'utf8');
    if (t.length > MAX_CORPUS_SLICE) {
      const from = t.lastIndexOf('\n- ', int(r, 0, t.length - MAX_CORPUS_SLICE)) + 1;
      t = t.slice(from, from + MAX_CORPUS_SLICE);
    }
    const n = int(r, 1, 6);
    for (let k = 0; k < n; k++) t = mutateText(r, t);
    text = t;
    label = `corpus ${file.slice(corpusRoot.length + 1)} + ${n} mutation${n === 1 ? '' : 's'}`;
  } else {
    const s = pick(r, SHAPES);
    const [lo, hi] = SCALES[s.name] ?? [10, 100];
    // Log-uniform: small scales often, the largest now and then.
    const scale = Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))));
    text = s.text(scale);
    if (r() < 0.3) text = mutateText(r, text);
    label = `shape ${s.name}(${scale})`;
  }
  const bytes = encode(r, text, notes);
  return { index, label: notes.length ? `${label}, ${notes.join(', ')}` : label, bytes };
}
