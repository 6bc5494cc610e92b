// The legend under the drawing: what each colour and line style means, for
// the view shown. Its swatches take the drawing's colours (the --zg-*
// variables of render.ts's GRAPH_CSS, from the VS Code theme), so both change
// together with the theme.
import { html, svg } from './escape';
import type { GraphView } from '../../../protocol/src';

export const LEGEND_CSS = `
#legend { display: flex; flex-wrap: wrap; gap: 2px 14px; padding: 4px 8px; border-top: 1px solid var(--vscode-panel-border, #444); color: var(--vscode-foreground, #ccc); font-size: 12px; }
#legend .item { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
#legend svg { width: 30px; height: 16px; flex: none; overflow: visible; }
#legend .line { fill: none; stroke: var(--zg-edge); stroke-width: 1.4; }
#legend .soft { stroke-dasharray: 6 4; }
#legend .parent { stroke: var(--zg-parent); stroke-dasharray: 1 3; stroke-linecap: round; stroke-width: 1.8; }
#legend .critical { stroke: var(--zg-critical); stroke-width: 2.5; }
#legend .box { fill: var(--vscode-editor-background, #1e1e1e); stroke: var(--zg-edge); stroke-width: 1; }
#legend .box.warning { stroke: var(--zg-warning); stroke-width: 2; }
#legend .box.error { stroke: var(--zg-error); stroke-width: 2; }
#legend .box.bootstrap { fill: var(--vscode-editor-selectionBackground, #264f78); stroke-width: 3; }
#legend .box.abstract { stroke-dasharray: 2 2; }
#legend .box.pulled { stroke: var(--zg-pulled); stroke-dasharray: 8 2; }
#legend .box.skipped { opacity: 0.35; stroke-dasharray: 4 3; }
#legend .box.selected { stroke: var(--zg-selected); stroke-width: 3; }
#legend .mark { fill: var(--zg-critical); }
#legend .badge { fill: var(--vscode-badge-background, #4d4d4d); }
#legend .badge-text { fill: var(--vscode-badge-foreground, #fff); font-size: 11px; text-anchor: middle; dominant-baseline: central; }
`;

type Swatch = 'hard' | 'soft' | 'parent' | 'critical' | 'warning' | 'error' | 'bootstrap' | 'abstract' | 'semaphore' | 'pulled' | 'skipped' | 'selected';

const TEXT: Record<Swatch, string> = {
  hard: 'waits for (hard)',
  soft: 'waits for if it runs (soft)',
  parent: 'inherits from',
  critical: 'critical path (longest chain)',
  warning: 'job with a warning',
  error: 'job with an error',
  bootstrap: 'bootstrap job',
  abstract: 'abstract job',
  semaphore: 'holds a semaphore',
  pulled: 'runs only because a job needs it',
  skipped: 'not run by these changes',
  selected: 'selected job',
};

function swatch(kind: Swatch): SVGSVGElement {
  const s = svg('svg', { viewBox: '0 0 30 16', 'aria-hidden': 'true', 'data-swatch': kind });
  if (kind === 'hard' || kind === 'soft' || kind === 'parent' || kind === 'critical') {
    s.append(svg('path', { class: `line ${kind}`, d: 'M1,8 L24,8' }), svg('path', { class: kind === 'critical' ? 'mark' : '', d: 'M21,4 L29,8 L21,12 z', style: kind === 'critical' ? undefined : 'fill: var(--zg-edge)' }));
  } else if (kind === 'semaphore') {
    s.append(svg('circle', { class: 'badge', cx: 15, cy: 8, r: 7.5 }), svg('text', { class: 'badge-text', x: 15, y: 8.5 }, 'S'));
  } else {
    s.append(svg('rect', { class: `box ${kind}`, x: 2, y: 2, width: 26, height: 12, rx: 3 }));
  }
  return s;
}

/** The legend's items for a view (and the changed-files mode). */
export function legendItems(view: GraphView, changes: boolean): Swatch[] {
  const items: Swatch[] = view === 'dependencies' ? ['hard', 'soft', 'critical', 'bootstrap'] : ['parent', 'abstract'];
  items.push('warning', 'error', 'semaphore', 'selected');
  if (changes && view === 'dependencies') items.push('pulled', 'skipped');
  return items;
}

export function fillLegend(legend: HTMLElement, view: GraphView, changes: boolean): void {
  legend.replaceChildren();
  for (const kind of legendItems(view, changes)) {
    const item = html('span', { class: 'item', 'data-legend': kind });
    item.append(swatch(kind), html('span', {}, TEXT[kind]));
    legend.append(item);
  }
}
