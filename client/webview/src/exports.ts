// The two files the page exports: the drawing as a standalone SVG, and the
// graph as Graphviz DOT. Names reach the SVG escaped by the serializer and
// the DOT through dotQuote.
import { dotQuote } from './escape';
import { GRAPH_CSS } from './render';
import type { PageGraph } from './protocol';

/** The drawing as a standalone SVG file: the whole graph, unscrolled, styles inlined with fallback colours. */
export function svgText(root: SVGSVGElement, size: { width: number; height: number }): string {
  const copy = root.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(Math.ceil(size.width)));
  copy.setAttribute('height', String(Math.ceil(size.height)));
  copy.setAttribute('viewBox', `0 0 ${Math.ceil(size.width)} ${Math.ceil(size.height)}`);
  copy.querySelector('g.viewport')?.removeAttribute('transform');
  const css = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  css.textContent = GRAPH_CSS;
  copy.insertBefore(css, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** Graphviz DOT from the graph data; every id and label quoted by dotQuote. */
export function dotText(g: PageGraph): string {
  const lines = [`digraph ${dotQuote(`${g.project ?? 'zuul'} ${g.pipeline ?? ''} ${g.view}`.trim())} {`, '  rankdir=LR;', '  node [shape=box, style=rounded];'];
  for (const n of g.nodes) {
    const attrs = [`label=${dotQuote(n.label)}`];
    if (n.findings.some((f) => f.severity === 'error')) attrs.push('color="red"');
    else if (n.findings.some((f) => f.severity === 'warning')) attrs.push('color="orange"');
    if (n.bootstrap) attrs.push('penwidth=3');
    if (n.critical || g.criticalPath.includes(n.id)) attrs.push('peripheries=2');
    if (n.semaphores.length) attrs.push(`tooltip=${dotQuote(`semaphores: ${n.semaphores.join(', ')}`)}`);
    lines.push(`  ${dotQuote(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of g.edges) {
    const attrs = e.kind === 'soft' ? ' [style=dashed]' : e.kind === 'parent' ? ' [style=dotted, arrowhead=empty]' : '';
    lines.push(`  ${dotQuote(e.from)} -> ${dotQuote(e.to)}${attrs};`);
  }
  lines.push('}', '');
  return lines.join('\n');
}
