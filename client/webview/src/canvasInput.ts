// The drawing's mouse and keyboard input: a drag pans, the wheel scrolls or
// (with Ctrl) zooms, a click or Enter on a job picks it. A drag that starts
// on a job is a pan, not a click.
import type { Viewport } from './viewport';

function nodeIdAt(target: EventTarget | null): string | undefined {
  const el = target instanceof Element ? target.closest('g.node') : null;
  return el?.getAttribute('data-id') ?? undefined;
}

export function handleCanvasInput(canvas: HTMLElement, viewport: Viewport, drawn: () => boolean, pick: (id: string) => void): void {
  canvas.addEventListener(
    'wheel',
    (e: WheelEvent) => {
      if (!drawn()) return;
      e.preventDefault();
      viewport.wheel(e);
    },
    { passive: false },
  );

  let drag: { x: number; y: number; tx: number; ty: number; moved: boolean; node?: string; pointer: number } | undefined;
  canvas.addEventListener('pointerdown', (e: PointerEvent) => {
    if (e.button !== 0 || !drawn()) return;
    const t = viewport.transform;
    drag = { x: e.clientX, y: e.clientY, tx: t.x, ty: t.y, moved: false, node: nodeIdAt(e.target), pointer: e.pointerId };
  });
  canvas.addEventListener('pointermove', (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      canvas.classList.add('dragging');
      canvas.setPointerCapture(e.pointerId);
    }
    viewport.set({ ...viewport.transform, x: drag.tx + dx, y: drag.ty + dy });
  });
  const endDrag = (e: PointerEvent): void => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const d = drag;
    drag = undefined;
    canvas.classList.remove('dragging');
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    if (!d.moved && d.node !== undefined && e.type === 'pointerup') pick(d.node);
  };
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const id = nodeIdAt(e.target);
    if (id !== undefined) {
      e.preventDefault();
      pick(id);
    }
  });
}
