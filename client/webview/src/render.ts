// The SVG drawing of a laid-out job graph. Built in a detached fragment and
// attached once, so 500 nodes cost one layout pass of the browser. Every name
// reaches the DOM through textContent or setAttribute (see escape.ts).
import { svg } from './escape';
import type { Layout, Point } from './layout';
import type { PageGraph, PageNode } from './protocol';

/** Colours come from the VS Code theme; the fallbacks serve exported SVG files. */
export const GRAPH_CSS = `
svg.zuul-graph { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
svg.zuul-graph .node rect.box { fill: var(--vscode-editor-background, #1e1e1e); stroke: var(--vscode-editor-foreground, #cccccc); stroke-width: 1; }
svg.zuul-graph .node text.label { fill: var(--vscode-editor-foreground, #cccccc); dominant-baseline: central; }
svg.zuul-graph .node.abstract rect.box { stroke-dasharray: 2 2; }
svg.zuul-graph .node.warning rect.box { stroke: var(--vscode-editorWarning-foreground, #cca700); stroke-width: 2; }
svg.zuul-graph .node.error rect.box { stroke: var(--vscode-editorError-foreground, #f14c4c); stroke-width: 2; }
svg.zuul-graph .node.error text.label { fill: var(--vscode-editorError-foreground, #f14c4c); }
svg.zuul-graph .node.critical rect.box { stroke-width: 3; }
svg.zuul-graph .node.bootstrap rect.box { fill: var(--vscode-editor-selectionBackground, #264f78); stroke-width: 3; }
svg.zuul-graph .node.bootstrap text.label { font-weight: bold; }
svg.zuul-graph .node { cursor: pointer; }
svg.zuul-graph .node:hover rect.box { stroke: var(--vscode-focusBorder, #007fd4); }
svg.zuul-graph .badge circle { fill: var(--vscode-badge-background, #4d4d4d); }
svg.zuul-graph .badge text { fill: var(--vscode-badge-foreground, #ffffff); font-size: 10px; text-anchor: middle; dominant-baseline: central; }
svg.zuul-graph .edge path { fill: none; stroke: var(--vscode-editor-foreground, #cccccc); stroke-opacity: 0.55; stroke-width: 1.2; }
svg.zuul-graph .edge.soft path { stroke-dasharray: 6 4; }
svg.zuul-graph .edge.parent path { stroke: var(--vscode-charts-purple, #b180d7); stroke-dasharray: 1 3; stroke-linecap: round; stroke-width: 1.6; stroke-opacity: 0.9; }
svg.zuul-graph .edge.critical path { stroke: var(--vscode-charts-orange, #d18616); stroke-opacity: 1; stroke-width: 2.5; }
svg.zuul-graph .node.critical rect.box { stroke: var(--vscode-charts-orange, #d18616); }
svg.zuul-graph .node.critical.error rect.box { stroke: var(--vscode-editorError-foreground, #f14c4c); }
svg.zuul-graph marker path { fill: var(--vscode-editor-foreground, #cccccc); }
svg.zuul-graph .node.skipped { opacity: 0.35; }
svg.zuul-graph .node.skipped rect.box { stroke-dasharray: 4 3; }
svg.zuul-graph .node.pulled rect.box { stroke: var(--vscode-charts-yellow, #cca700); stroke-dasharray: 8 2; }
svg.zuul-graph text.wave { fill: var(--vscode-descriptionForeground, #9d9d9d); font-size: 11px; text-anchor: middle; }
`;

export interface Drawing {
  root: SVGSVGElement;
  viewport: SVGGElement;
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
  const root = svg('svg', { class: 'zuul-graph', xmlns: 'http://www.w3.org/2000/svg', role: 'img' });
  root.appendChild(svg('title', {}, `${graph.project ?? ''} ${graph.pipeline ?? ''} (${graph.view})`.trim()));
  const defs = svg('defs');
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9, orient: 'auto-start-reverse' });
  marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z' }));
  defs.appendChild(marker);
  root.appendChild(defs);
  const viewport = svg('g', { class: 'viewport' });
  root.appendChild(viewport);

  const critical = new Set(graph.criticalPath);
  const criticalEdges = new Set<string>();
  for (let i = 1; i < graph.criticalPath.length; i++) criticalEdges.add(`${graph.criticalPath[i - 1]}\u0000${graph.criticalPath[i]}`);

  // Wave labels above the columns they name.
  const waves = svg('g', { class: 'waves' });
  const labelled = new Map<number, number>();
  let top = Infinity;
  for (const p of layout.nodes.values()) top = Math.min(top, p.y - p.height / 2);
  for (const w of graph.waves) {
    const xs = w.jobs.map((j) => layout.nodes.get(j)?.x).filter((x): x is number => x !== undefined);
    if (!xs.length) continue;
    const x = Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    const stack = labelled.get(x) ?? 0;
    labelled.set(x, stack + 1);
    const text = w.jobs.length === 1 ? `wave ${w.index}: 1 job` : `wave ${w.index}: ${w.jobs.length} jobs in parallel`;
    waves.appendChild(svg('text', { class: 'wave', x, y: (Number.isFinite(top) ? top : 0) - 10 - stack * 14, 'data-wave': w.index }, text));
  }

  const edges = svg('g', { class: 'edges' });
  for (const e of layout.edges) {
    const isCritical = e.kind !== 'parent' && criticalEdges.has(`${e.from}\u0000${e.to}`);
    const g = svg('g', { class: `edge ${e.kind}${isCritical ? ' critical' : ''}`, 'data-from': e.from, 'data-to': e.to, 'data-kind': e.kind });
    g.appendChild(svg('title', {}, `${e.to} ${e.kind === 'parent' ? 'inherits from' : `waits for (${e.kind})`} ${e.from}`));
    g.appendChild(
      svg('path', {
        d: pathData(e.points),
        'marker-end': 'url(#arrow)',
        'stroke-dasharray': e.kind === 'soft' ? '6 4' : e.kind === 'parent' ? '1 3' : undefined,
      }),
    );
    edges.appendChild(g);
  }

  const nodes = svg('g', { class: 'nodes' });
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
    g.appendChild(svg('text', { class: 'label', x: 10, y: p.height / 2 }, n.label));
    if (n.semaphores.length) {
      const badge = svg('g', { class: 'badge semaphore', transform: `translate(${p.width - 12},${p.height / 2})` });
      badge.appendChild(svg('title', {}, `Semaphore: ${n.semaphores.join(', ')}`));
      badge.appendChild(svg('circle', { r: 8 }));
      badge.appendChild(svg('text', {}, n.semaphores.length > 1 ? String(n.semaphores.length) : 'S'));
      g.appendChild(badge);
    }
    nodes.appendChild(g);
  }

  viewport.append(waves, edges, nodes);
  return { root, viewport };
}
