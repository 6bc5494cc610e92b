// Geometry checks of a drawn job graph, shared by the layout tests (on the
// layout's numbers) and the browser test (on the SVG's): which edge segments
// pass through a box that is not one of the edge's ends, and which boxes overlap.

export interface Rect {
  id: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Polyline {
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

/** How far inside a box a segment must reach to count as crossing it: touching a border is not crossing. */
const EPS = 0.5;

/** Whether the segment a-b passes through the inside of r (Liang–Barsky clipping against r shrunk by EPS). */
export function segmentCrossesRect(a: { x: number; y: number }, b: { x: number; y: number }, r: Rect): boolean {
  const x0 = r.x + EPS;
  const x1 = r.x + r.width - EPS;
  const y0 = r.y + EPS;
  const y1 = r.y + r.height - EPS;
  if (x0 >= x1 || y0 >= y1) return false;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, a.x - x0],
    [dx, x1 - a.x],
    [-dy, a.y - y0],
    [dy, y1 - a.y],
  ]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t0 < t1;
}

/** "from -> to crosses box" for every edge segment that passes through a box other than its own two. */
export function edgeBoxCrossings(boxes: Rect[], edges: Polyline[]): string[] {
  const found: string[] = [];
  for (const e of edges) {
    const seen = new Set<string>();
    for (let i = 1; i < e.points.length; i++) {
      for (const r of boxes) {
        if (r.id === e.from || r.id === e.to || seen.has(r.id)) continue;
        if (segmentCrossesRect(e.points[i - 1], e.points[i], r)) {
          seen.add(r.id);
          found.push(`${e.from} -> ${e.to} crosses ${r.id}`);
        }
      }
    }
  }
  return found;
}

/** Segments of an edge that run inside one of its own end boxes (an edge drawn over the job it starts or ends at). */
export function edgeOwnBoxOverlaps(boxes: Rect[], edges: Polyline[]): string[] {
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const found: string[] = [];
  for (const e of edges) {
    for (const id of new Set([e.from, e.to])) {
      const r = byId.get(id);
      if (!r) continue;
      for (let i = 1; i < e.points.length; i++) {
        if (segmentCrossesRect(e.points[i - 1], e.points[i], r)) {
          found.push(`${e.from} -> ${e.to} runs inside ${id}`);
          break;
        }
      }
    }
  }
  return found;
}

/** Pairs of boxes that overlap. */
export function boxOverlaps(all: Rect[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i];
      const b = all[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.id} / ${b.id}`);
    }
  return found;
}

/** Edges that end at the same point of the same box (arrows drawn on top of each other). */
export function sharedEndpoints(edges: Polyline[]): string[] {
  const seen = new Map<string, string>();
  const found: string[] = [];
  for (const e of edges) {
    const p = e.points.at(-1);
    if (!p) continue;
    const key = `${e.to}@${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    const other = seen.get(key);
    if (other) found.push(`${other} and ${e.from} -> ${e.to} end at the same point`);
    else seen.set(key, `${e.from} -> ${e.to}`);
  }
  return found;
}
