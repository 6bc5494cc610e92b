// The SVG drawing of a laid-out job graph. Built in a detached fragment and
// attached once, so 500 nodes cost one layout pass of the browser. Every name
// reaches the DOM through textContent or setAttribute (see escape.ts).
import { svg } from './escape';
import type { Layout, Point } from './layout';
import type { PageGraph, PageNode } from './protocol';

/** Colours come from the VS Code theme; the fallbacks serve exported SVG files. */
export const GRAPH_CSS = `
svg.zuul-graph, .zuul-legend {
  --zg-edge: var(--vscode-editor-foreground, #cccccc);
  --zg-critical: var(--vscode-charts-green, #89d185);
  --zg-warning: var(--vscode-editorWarning-foreground, #cca700);
  --zg-error: var(--vscode-editorError-foreground, #f14c4c);
  --zg-parent: var(--vscode-charts-purple, #b180d7);
  --zg-pulled: var(--vscode-charts-yellow, #cca700);
  --zg-selected: var(--vscode-focusBorder, #007fd4);
}
svg.zuul-graph { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
svg.zuul-graph .node rect.box { fill: var(--vscode-editor-background, #1e1e1e); stroke: var(--vscode-editor-foreground, #cccccc); stroke-width: 1; }
svg.zuul-graph .node text.label { fill: var(--vscode-editor-foreground, #cccccc); dominant-baseline: central; }
svg.zuul-graph .node.abstract rect.box { stroke-dasharray: 2 2; }
svg.zuul-graph .node.warning rect.box { stroke: var(--zg-warning); stroke-width: 2; }
svg.zuul-graph .node.error rect.box { stroke: var(--zg-error); stroke-width: 2; }
svg.zuul-graph .node.error text.label { fill: var(--zg-error); }
svg.zuul-graph .node.bootstrap rect.box { fill: var(--vscode-editor-selectionBackground, #264f78); stroke-width: 3; }
svg.zuul-graph .node.bootstrap text.label { font-weight: bold; }
svg.zuul-graph .node { cursor: pointer; }
svg.zuul-graph .node:hover rect.box, svg.zuul-graph .node:focus-visible rect.box { stroke: var(--zg-selected); }
svg.zuul-graph .node:focus { outline: none; }
svg.zuul-graph .node.selected rect.box { stroke: var(--zg-selected); stroke-width: 3; }
svg.zuul-graph .badge circle { fill: var(--vscode-badge-background, #4d4d4d); }
svg.zuul-graph .badge text { fill: var(--vscode-badge-foreground, #ffffff); font-size: 12px; text-anchor: middle; dominant-baseline: central; }
svg.zuul-graph .edge path { fill: none; stroke: var(--zg-edge); stroke-opacity: 0.6; stroke-width: 1.2; }
svg.zuul-graph .edge.soft path { stroke-dasharray: 6 4; }
svg.zuul-graph .edge.parent path { stroke: var(--zg-parent); stroke-dasharray: 1 3; stroke-linecap: round; stroke-width: 1.6; stroke-opacity: 0.9; }
svg.zuul-graph .edge.critical path { stroke: var(--zg-critical); stroke-opacity: 1; stroke-width: 2.5; }
svg.zuul-graph .node rect.critical-mark { fill: var(--zg-critical); }
svg.zuul-graph marker path { fill: var(--zg-edge); }
svg.zuul-graph marker.critical path { fill: var(--zg-critical); }
svg.zuul-graph .node.skipped { opacity: 0.35; }
svg.zuul-graph .node.skipped rect.box { stroke-dasharray: 4 3; }
svg.zuul-graph .node.pulled rect.box { stroke: var(--zg-pulled); stroke-dasharray: 8 2; }
svg.zuul-graph text.wave { fill: var(--vscode-descriptionForeground, #9d9d9d); font-size: 12px; paint-order: stroke; stroke: var(--vscode-editor-background, #1e1e1e); stroke-width: 4px; stroke-linejoin: round; }
`;

export interface Drawing {
  root: SVGSVGElement;
  viewport: SVGGElement;
  /** Each job's group, by id. */
  nodes: Map<string, SVGGElement>;
}

function pathData(points: Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

function worstSeverity(n: PageNode): 'error' | 'warning' | undefined {
  if (n.findings.some((f) => f.severity === 'error')) return 'error';
  if (n.findings.some((f) => f.severity === 'warning')) return 'warning';
  return undefined;
}

/** The hover text: what the job is, where it comes from, where it is defined, what is wrong. */
export function tooltip(n: PageNode): string {
  const lines = [n.label];
  if (n.abstract || n.final) lines[0] += ` (${[n.abstract && 'abstract', n.final && 'final'].filter(Boolean).join(', ')})`;
  if (n.bootstrap) lines.push('Bootstrap job: the others wait for it');
  if (n.description) lines.push(n.description.trim());
  if (n.parents?.length) lines.push(`Parents: ${n.parents.join(' → ')}`);
  if (n.file) lines.push(`Defined in ${n.repo ? `${n.repo}: ` : ''}${n.file}${n.range ? `:${n.range.start.line + 1}` : ''}`);
  if (n.wave !== undefined) lines.push(`Wave ${n.wave}; waits for ${n.incoming.hard} hard, ${n.incoming.soft} soft`);
  if (n.semaphores.length) lines.push(`Semaphores: ${n.semaphores.join(', ')}`);
  for (const f of n.findings) lines.push(`${f.severity}: ${f.message} [${f.rule}]`);
  if (n.change) lines.push(`${n.change.runs === true ? (n.change.pulledBy ? 'Runs (pulled in)' : 'Runs') : n.change.runs === false ? 'Does not run' : 'Not known whether it runs'} for these changes: ${n.change.why}`);
  return lines.join('\n');
}

export function render(graph: PageGraph, layout: Layout): Drawing {
  const root = svg('svg', { class: 'zuul-graph', xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'data-direction': layout.direction });
  root.appendChild(svg('title', {}, `${graph.project ?? ''} ${graph.pipeline ?? ''} (${graph.view})`.trim()));
  const defs = svg('defs');
  // One arrowhead per colour: a marker takes its fill from its own rules, not from the edge.
  for (const [id, cls] of [['arrow', undefined], ['arrow-critical', 'critical']] as const) {
    const marker = svg('marker', { id, class: cls, viewBox: '0 0 10 10', refX: 10, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9, orient: 'auto-start-reverse' });
    marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z' }));
    defs.appendChild(marker);
  }
  root.appendChild(defs);
  const viewport = svg('g', { class: 'viewport' });
  root.appendChild(viewport);

  const critical = new Set(graph.criticalPath);
  const criticalEdges = new Set<string>();
  for (let i = 1; i < graph.criticalPath.length; i++) criticalEdges.add(`${graph.criticalPath[i - 1]}\u0000${graph.criticalPath[i]}`);

  // Each wave's label beside the band it names (the inheritance view's levels go unlabelled).
  const waves = svg('g', { class: 'waves' });
  if (graph.view === 'dependencies') {
    for (const band of layout.bands) {
      const count = band.jobs.length;
      const text = count === 1 ? `wave ${band.index}: 1 job` : `wave ${band.index}: ${count} jobs in parallel`;
      waves.appendChild(svg('text', { class: 'wave', x: band.label.x, y: band.label.y, 'text-anchor': band.label.anchor, 'data-wave': band.index }, text));
    }
  }

  const edges = svg('g', { class: 'edges' });
  for (const e of layout.edges) {
    const isCritical = e.kind !== 'parent' && criticalEdges.has(`${e.from}\u0000${e.to}`);
    const g = svg('g', { class: `edge ${e.kind}${isCritical ? ' critical' : ''}`, 'data-from': e.from, 'data-to': e.to, 'data-kind': e.kind });
    g.appendChild(svg('title', {}, `${e.to} ${e.kind === 'parent' ? 'inherits from' : `waits for (${e.kind})`} ${e.from}`));
    g.appendChild(
      svg('path', {
        d: pathData(e.points),
        'marker-end': isCritical ? 'url(#arrow-critical)' : 'url(#arrow)',
        'stroke-dasharray': e.kind === 'soft' ? '6 4' : e.kind === 'parent' ? '1 3' : undefined,
      }),
    );
    edges.appendChild(g);
  }

  const nodes = svg('g', { class: 'nodes' });
  const byId = new Map<string, SVGGElement>();
  for (const n of graph.nodes) {
    const p = layout.nodes.get(n.id);
    if (!p) continue;
    const severity = worstSeverity(n);
    const run = n.change?.runs === false ? 'skipped' : n.change?.pulledBy ? 'pulled' : undefined;
    const classes = ['node', severity, n.bootstrap && 'bootstrap', (n.critical || critical.has(n.id)) && 'critical', n.abstract && 'abstract', n.final && 'final', run];
    const g = svg('g', { class: classes.filter(Boolean).join(' '), 'data-id': n.id, transform: `translate(${(p.x - p.width / 2).toFixed(1)},${(p.y - p.height / 2).toFixed(1)})`, tabindex: 0 });
    g.appendChild(svg('title', {}, tooltip(n)));
    const rect = svg('rect', { class: 'box', width: p.width, height: p.height, rx: 5, ry: 5 });
    if (severity) rect.setAttribute('stroke', severity === 'error' ? 'var(--vscode-editorError-foreground)' : 'var(--vscode-editorWarning-foreground)');
    g.appendChild(rect);
    // The critical path marks a job with a stripe of its colour, so the border keeps the finding's colour.
    if (classes.includes('critical')) g.appendChild(svg('rect', { class: 'critical-mark', x: 1.5, y: 4, width: 4, height: p.height - 8, rx: 2 }));
    g.appendChild(svg('text', { class: 'label', x: 10, y: p.height / 2 }, n.label));
    if (n.semaphores.length) {
      const badge = svg('g', { class: 'badge semaphore', transform: `translate(${p.width - 12},${p.height / 2})` });
      badge.appendChild(svg('title', {}, `Semaphore: ${n.semaphores.join(', ')}`));
      badge.appendChild(svg('circle', { r: 8 }));
      badge.appendChild(svg('text', {}, n.semaphores.length > 1 ? String(n.semaphores.length) : 'S'));
      g.appendChild(badge);
    }
    nodes.appendChild(g);
    byId.set(n.id, g);
  }

  // Wave labels over the edges (their outline in the background colour keeps them legible), jobs over both.
  viewport.append(edges, waves, nodes);
  return { root, viewport, nodes: byId };
}
