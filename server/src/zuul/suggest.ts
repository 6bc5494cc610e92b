// "Did you mean ...?" candidates for a misspelt word (attribute, job name,
// pipeline, ...), by optimal-string-alignment distance so that a swapped pair
// of letters (`dependecies`) counts as one edit.

/**
 * Optimal string alignment (restricted Damerau-Levenshtein) distance, or
 * `limit + 1` when it exceeds `limit`. Only the diagonal band of cells that
 * can stay within `limit` is computed: O(length * limit), so that a very long
 * name costs a linear amount of work.
 */
export function editDistance(a0: string, b0: string, limit: number): number {
  if (a0 === b0) return 0;
  const over = limit + 1;
  if (Math.abs(a0.length - b0.length) > limit) return over;
  // A shared beginning or end costs no edit: a long name one letter off is then a few cells.
  let p = 0;
  const m = Math.min(a0.length, b0.length);
  while (p < m && a0.charCodeAt(p) === b0.charCodeAt(p)) p++;
  let q = 0;
  while (q < m - p && a0.charCodeAt(a0.length - 1 - q) === b0.charCodeAt(b0.length - 1 - q)) q++;
  const a = a0.slice(p, a0.length - q);
  const b = b0.slice(p, b0.length - q);
  if (a.length === 0 || b.length === 0) return Math.min(Math.max(a.length, b.length), over);
  const n = b.length;
  const band = Math.min(Math.max(a.length, n), Math.floor(limit));
  let prev2 = new Array<number>(n + 1).fill(over);
  let prev = Array.from({ length: n + 1 }, (_, j) => (j <= band ? j : over));
  let cur = new Array<number>(n + 1).fill(over);
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(n, i + band);
    // Cells just outside the band read as "too far".
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let rowMin = cur[lo - 1];
    for (let j = lo; j <= hi; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      if (d > over) d = over;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi < n) cur[hi + 1] = over;
    if (rowMin > limit) return over;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n], over);
}

// Short words get fewer edits: with 2 edits "run" would match "tags".
function budget(word: string): number {
  if (word.length <= 3) return 1;
  if (word.length <= 6) return 2;
  return 3;
}

// Case and `_`/`-` are the cheapest mistakes people make in Zuul keys.
function normalize(s: string): string {
  return s.toLowerCase().replace(/_/g, '-');
}

/**
 * A missing or extra ending is a common slip: a few letters (`nodes` for
 * `nodeset`), one last word (`post` for `post-run`), or a tail shorter than
 * half the shared name. A longer tail is another name that merely starts the
 * same way (`site` is no slip for `site-logs-upload-key`). Both are normalized.
 */
function missingEnding(w: string, n: string): boolean {
  const [short, long] = w.length < n.length ? [w, n] : [n, w];
  if (short.length < 4 || !long.startsWith(short)) return false;
  const tail = long.slice(short.length);
  return tail.length <= 3 || /^[-.][^-.]+$/.test(tail) || tail.length * 2 <= short.length;
}

/**
 * How far `candidate` is from `word` as a typo (case and `_`/`-` count half),
 * or Infinity when it is beyond the edits `suggest` allows for a word of that
 * length. A missing ending is a suggestion, not a typo: it is Infinity here.
 */
export function typoDistance(word: string, candidate: string): number {
  const w = normalize(word);
  const n = normalize(candidate);
  if (word === candidate) return 0;
  if (w === n) return 0.5;
  const limit = budget(w);
  const d = editDistance(w, n, limit);
  return d <= limit ? d : Infinity;
}

// Every re-check asks again for the same unknown names against the same
// candidates; remember the answers by content (names of the whole tenant make
// each uncached call cost thousands of edit distances).
const fingerprints = new WeakMap<readonly string[], string>();
const memo = new Map<string, string[]>();
const MEMO_LIMIT = 50_000;

/** A short content key for a list of names (cached per array). */
export function fingerprint(list: readonly string[]): string {
  let fp = fingerprints.get(list);
  if (fp === undefined) {
    let h = 2166136261;
    for (const c of list) {
      for (let i = 0; i < c.length; i++) h = Math.imul(h ^ c.charCodeAt(i), 16777619);
      h = Math.imul(h ^ 10, 16777619);
    }
    fp = `${list.length}:${h >>> 0}`;
    fingerprints.set(list, fp);
  }
  return fp;
}

/** Up to `max` candidates close to `word`, best first (ties keep the candidates' order). */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const list = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  const key = `${fingerprint(list)}\u0000${max}\u0000${word}`;
  const hit = memo.get(key);
  if (hit) return [...hit];
  const out = computeSuggestions(word, list, max);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, out);
  return [...out];
}

function computeSuggestions(word: string, candidates: readonly string[], max: number): string[] {
  const w = normalize(word);
  const limit = budget(w);
  const scored: { c: string; d: number; i: number }[] = [];
  let i = 0;
  for (const c of candidates) {
    const idx = i++;
    if (c === word) continue;
    const n = normalize(c);
    let d = n === w ? 0.5 : editDistance(w, n, limit);
    if (d > limit && missingEnding(w, n)) d = limit;
    if (d <= limit) scored.push({ c, d, i: idx });
  }
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  const out: string[] = [];
  for (const s of scored) {
    if (!out.includes(s.c)) out.push(s.c);
    if (out.length >= max) break;
  }
  return out;
}
