// Pan and zoom of the drawing inside the canvas. The zoom never goes below
// MIN_ZOOM, where a job's 12 px label is still drawn at 11 px: a graph that
// does not fit is scrolled (wheel, drag) rather than shrunk until no label
// can be read. Ctrl+wheel (or a pinch) zooms.
export const LABEL_PX = 12;
export const MIN_LABEL_PX = 11;
export const MIN_ZOOM = MIN_LABEL_PX / LABEL_PX;
export const MAX_ZOOM = 4;
/** The largest zoom Fit picks: a small graph is not blown up. */
const FIT_MAX_ZOOM = 1.5;
/** Room kept around a job scrolled into view. */
const REVEAL_MARGIN = 24;

export interface Transform {
  x: number;
  y: number;
  k: number;
}

export interface Box {
  /** Top-left corner, in drawing units. */
  x: number;
  y: number;
  width: number;
  height: number;
}

const clampZoom = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

export class Viewport {
  transform: Transform = { x: 0, y: 0, k: 1 };

  constructor(
    private readonly canvas: HTMLElement,
    private readonly changed: () => void,
  ) {}

  private get room(): { w: number; h: number } {
    return { w: this.canvas.clientWidth || 800, h: this.canvas.clientHeight || 600 };
  }

  set(t: Transform): void {
    this.transform = { x: t.x, y: t.y, k: clampZoom(t.k) };
    this.changed();
  }

  /** The whole drawing in view when it fits at a readable size; else its start, at the smallest readable size, to scroll from. */
  fit(drawn: Box): void {
    const { w, h } = this.room;
    if (!drawn.width || !drawn.height) return this.set({ x: 0, y: 0, k: 1 });
    const k = clampZoom(Math.min(FIT_MAX_ZOOM, Math.min(w / drawn.width, h / drawn.height) * 0.95));
    const along = (room: number, start: number, extent: number) => (extent * k <= room ? (room - extent * k) / 2 : Math.min(REVEAL_MARGIN, room / 10)) - start * k;
    this.set({ k, x: along(w, drawn.x, drawn.width), y: along(h, drawn.y, drawn.height) });
  }

  /** Scrolls as little as needed to bring a box wholly into view (its top-left corner when it is bigger than the view). */
  reveal(box: Box): void {
    const { w, h } = this.room;
    const { k } = this.transform;
    const axis = (offset: number, start: number, extent: number, room: number): number => {
      const lo = offset + start * k;
      const hi = lo + extent * k;
      const margin = Math.min(REVEAL_MARGIN, Math.max(0, (room - extent * k) / 2));
      if (lo < margin || hi - lo > room - 2 * margin) return offset + margin - lo;
      if (hi > room - margin) return offset - (hi - (room - margin));
      return offset;
    };
    const x = axis(this.transform.x, box.x, box.width, w);
    const y = axis(this.transform.y, box.y, box.height, h);
    if (x !== this.transform.x || y !== this.transform.y) this.set({ x, y, k });
  }

  /** Whether a box lies wholly inside the view. */
  shows(box: Box): boolean {
    const { w, h } = this.room;
    const { x, y, k } = this.transform;
    return x + box.x * k >= -0.5 && y + box.y * k >= -0.5 && x + (box.x + box.width) * k <= w + 0.5 && y + (box.y + box.height) * k <= h + 0.5;
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.transform, x: this.transform.x + dx, y: this.transform.y + dy });
  }

  /** Zooms by `factor` around a point of the canvas. */
  zoomAt(mx: number, my: number, factor: number): void {
    const t = this.transform;
    const k = clampZoom(t.k * factor);
    this.set({ k, x: mx - ((mx - t.x) * k) / t.k, y: my - ((my - t.y) * k) / t.k });
  }

  /** Wheel: scrolls (Shift: sideways); with Ctrl or Cmd (a pinch on a touchpad), zooms. */
  wheel(e: WheelEvent): void {
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.room.h : 1;
    if (e.ctrlKey || e.metaKey) {
      const r = this.canvas.getBoundingClientRect();
      this.zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * unit * 0.0015));
    } else if (e.shiftKey && !e.deltaX) this.panBy(-e.deltaY * unit, 0);
    else this.panBy(-e.deltaX * unit, -e.deltaY * unit);
  }
}
