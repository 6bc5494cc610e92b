// The job graph page inside the VS Code webview. It receives the graph from
// the extension (client/src/graphPanel.ts), lays it out with dagre, draws it
// as SVG, and reports clicks, picker changes and exports back. Pan and zoom
// are kept in the webview state, so they survive updates, hiding and reloads.
import { dotQuote, html } from './escape';
import { layoutGraph } from './layout';
import { GRAPH_CSS, render, type Drawing } from './render';
import type { FromPage, GraphView, PageState, ProjectPipelines } from '../../../protocol/src';
import { toPageMessage, toPageState, type PageGraph } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: FromPage): void => vscode.postMessage(m);
let state: PageState = toPageState(vscode.getState());

const PAGE_CSS = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { display: flex; flex-direction: column; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); }
#toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #444); }
#toolbar select, #toolbar button { font: inherit; color: var(--vscode-dropdown-foreground, inherit); background: var(--vscode-dropdown-background, transparent); border: 1px solid var(--vscode-dropdown-border, #555); padding: 2px 6px; }
#toolbar button[aria-pressed="true"] { background: var(--vscode-button-background, #0e639c); color: var(--vscode-button-foreground, #fff); }
#toolbar .spacer { flex: 1; }
#status { color: var(--vscode-descriptionForeground, #999); }
#canvas { flex: 1; position: relative; overflow: hidden; cursor: grab; touch-action: none; }
#canvas.dragging { cursor: grabbing; }
#canvas > svg { width: 100%; height: 100%; display: block; user-select: none; }
#message { position: absolute; top: 40%; width: 100%; text-align: center; color: var(--vscode-descriptionForeground, #999); }
#legend { position: absolute; left: 8px; bottom: 6px; color: var(--vscode-descriptionForeground, #999); font-size: 11px; pointer-events: none; white-space: pre; }
` + GRAPH_CSS;

// ---- page skeleton -------------------------------------------------------

const style = document.createElement('style');
style.textContent = PAGE_CSS;
document.head.appendChild(style);

const projectSelect = html('select', { id: 'project', title: 'Project' });
const pipelineSelect = html('select', { id: 'pipeline', title: 'Pipeline' });
const depsButton = html('button', { id: 'view-dependencies', type: 'button', 'aria-pressed': 'true', title: 'What waits for what' }, 'Dependencies');
const inheritButton = html('button', { id: 'view-inheritance', type: 'button', 'aria-pressed': 'false', title: 'Parent chains' }, 'Inheritance');
const changesButton = html('button', { id: 'changes', type: 'button', 'aria-pressed': String(state.changes === true), title: 'Grey out the jobs the uncommitted changes do not run' }, 'Changed files');
const fitButton = html('button', { id: 'fit', type: 'button', title: 'Fit the graph into the view' }, 'Fit');
const svgButton = html('button', { id: 'export-svg', type: 'button', title: 'Save the drawing as SVG' }, 'Export SVG');
const dotButton = html('button', { id: 'export-dot', type: 'button', title: 'Save the graph as Graphviz DOT' }, 'Export DOT');
const status = html('span', { id: 'status' });
const toolbar = html('div', { id: 'toolbar' });
toolbar.append(projectSelect, pipelineSelect, depsButton, inheritButton, changesButton, status, html('span', { class: 'spacer' }), fitButton, svgButton, dotButton);
const canvas = html('div', { id: 'canvas' });
const message = html('div', { id: 'message' }, 'Loading the job graph…');
const legend = html('div', { id: 'legend' }, '── hard   ╌╌ soft   ·· parent   S semaphore   click a job to open it');
canvas.append(message, legend);
document.body.append(toolbar, canvas);

// ---- current graph -------------------------------------------------------

let graph: PageGraph | undefined;
let targets: ProjectPipelines[] = [];
let drawing: Drawing | undefined;
let size = { width: 0, height: 0 };
let transform = { x: 0, y: 0, k: 1 };
let view: GraphView = state.view ?? 'dependencies';
const nodesById = new Map<string, PageGraph['nodes'][number]>();

const keyOf = (g: PageGraph): string => `${g.project ?? ''}\u0000${g.pipeline ?? ''}\u0000${g.view}`;

function saveState(): void {
  vscode.setState(state);
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function applyTransform(persist = true): void {
  drawing?.viewport.setAttribute('transform', `translate(${transform.x.toFixed(1)},${transform.y.toFixed(1)}) scale(${transform.k.toFixed(4)})`);
  if (!persist || !graph) return;
  state = { ...state, transform: { key: keyOf(graph), ...transform } };
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveState, 150);
}

function fit(): void {
  const w = canvas.clientWidth || 800;
  const h = canvas.clientHeight || 600;
  if (!size.width || !size.height) {
    transform = { x: 0, y: 0, k: 1 };
  } else {
    const k = Math.min(1.5, Math.max(0.05, Math.min(w / size.width, h / size.height) * 0.95));
    transform = { k, x: (w - size.width * k) / 2, y: (h - size.height * k) / 2 };
  }
  applyTransform();
}

function option(value: string, selected: boolean): HTMLOptionElement {
  const o = html('option', { value }, value);
  o.selected = selected;
  return o;
}

/** Replaces a picker's options (a tenant has thousands of projects: no spread into one call). */
function fill(select: HTMLSelectElement, options: HTMLOptionElement[]): void {
  select.replaceChildren();
  for (const o of options) select.append(o);
}

function fillPickers(): void {
  const project = graph?.project ?? state.project;
  const pipeline = graph?.pipeline ?? state.pipeline;
  const projects = targets.map((t) => t.project);
  if (project !== undefined && !projects.includes(project)) projects.unshift(project);
  fill(projectSelect, projects.map((p) => option(p, p === project)));
  const pipelines = [...(targets.find((t) => t.project === project)?.pipelines ?? [])];
  if (pipeline !== undefined && !pipelines.includes(pipeline)) pipelines.unshift(pipeline);
  fill(pipelineSelect, pipelines.map((p) => option(p, p === pipeline)));
  projectSelect.disabled = projects.length === 0;
  pipelineSelect.disabled = pipelines.length === 0;
  depsButton.setAttribute('aria-pressed', String(view === 'dependencies'));
  inheritButton.setAttribute('aria-pressed', String(view === 'inheritance'));
}

function describe(g: PageGraph): string {
  const parts = [`${g.nodes.length} job${g.nodes.length === 1 ? '' : 's'}`];
  if (g.view === 'dependencies' && g.waves.length) parts.push(`${g.waves.length} wave${g.waves.length === 1 ? '' : 's'}`);
  if (g.criticalPath.length > 1) parts.push(`critical path ${g.criticalPath.length} jobs`);
  if (g.sharedSemaphores.length) parts.push(g.sharedSemaphores.map((s) => `semaphore ${s.semaphore}: ${s.jobs.length} jobs`).join(', '));
  if (g.cycles.length) parts.push(`cycle: ${g.cycles.map((c) => c.join(' → ')).join('; ')}`);
  if (g.truncated) parts.push(`showing ${g.truncated.shown} of ${g.truncated.total}`);
  if (g.changes) {
    parts.push(`changed files: ${g.changes.files}, ${g.changes.runs} job${g.changes.runs === 1 ? '' : 's'} run${g.changes.runs === 1 ? 's' : ''}`);
    for (const w of g.changes.warnings) parts.push(w);
  }
  return parts.join(' · ');
}

function showGraph(g: PageGraph): void {
  const sameView = graph !== undefined && keyOf(graph) === keyOf(g);
  graph = g;
  view = g.view;
  state = { ...state, project: g.project ?? state.project, pipeline: g.pipeline ?? state.pipeline, view: g.view };
  nodesById.clear();
  for (const n of g.nodes) nodesById.set(n.id, n);
  fillPickers();
  status.textContent = describe(g);

  const layout = layoutGraph(g);
  size = { width: layout.width, height: layout.height };
  const next = render(g, layout);
  if (drawing) drawing.root.replaceWith(next.root);
  else canvas.prepend(next.root);
  drawing = next;
  message.textContent = g.nodes.length ? '' : 'This pipeline runs no jobs.';
  message.hidden = g.nodes.length > 0;

  const saved = state.transform;
  if (sameView) applyTransform();
  else if (saved && saved.key === keyOf(g)) {
    transform = { x: saved.x, y: saved.y, k: saved.k };
    applyTransform();
  } else fit();
  saveState();
}

function showError(text: string): void {
  fillPickers();
  status.textContent = '';
  message.hidden = false;
  message.textContent = text;
  drawing?.root.remove();
  drawing = undefined;
  graph = undefined;
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = toPageMessage(event.data);
  if (!m) return;
  if (m.targets) targets = m.targets;
  if (m.type === 'graph') showGraph(m.graph);
  else showError(m.message);
});

// ---- pickers and exports ----------------------------------------------------

function select(project: string, pipeline: string, v: GraphView): void {
  view = v;
  state = { ...state, project, pipeline, view: v };
  saveState();
  depsButton.setAttribute('aria-pressed', String(v === 'dependencies'));
  inheritButton.setAttribute('aria-pressed', String(v === 'inheritance'));
  post({ type: 'select', project, pipeline, view: v });
}

projectSelect.addEventListener('change', () => {
  const project = projectSelect.value;
  const pipelines = targets.find((t) => t.project === project)?.pipelines ?? [];
  const pipeline = pipelines.includes(pipelineSelect.value) ? pipelineSelect.value : (pipelines[0] ?? '');
  fill(pipelineSelect, pipelines.map((p) => option(p, p === pipeline)));
  select(project, pipeline, view);
});
pipelineSelect.addEventListener('change', () => select(projectSelect.value, pipelineSelect.value, view));
depsButton.addEventListener('click', () => select(projectSelect.value, pipelineSelect.value, 'dependencies'));
inheritButton.addEventListener('click', () => select(projectSelect.value, pipelineSelect.value, 'inheritance'));
fitButton.addEventListener('click', fit);
changesButton.addEventListener('click', () => {
  const on = changesButton.getAttribute('aria-pressed') !== 'true';
  changesButton.setAttribute('aria-pressed', String(on));
  state = { ...state, changes: on };
  saveState();
  post({ type: 'changes', on });
});

/** The drawing as a standalone SVG file: the whole graph, styles inlined with fallback colours. */
export function svgText(): string | undefined {
  if (!drawing) return undefined;
  const copy = drawing.root.cloneNode(true) as SVGSVGElement;
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

svgButton.addEventListener('click', () => {
  const content = svgText();
  if (content) post({ type: 'export', format: 'svg', content });
});
dotButton.addEventListener('click', () => {
  if (graph) post({ type: 'export', format: 'dot', content: dotText(graph) });
});

// ---- pan, zoom, click -------------------------------------------------------

canvas.addEventListener(
  'wheel',
  (e: WheelEvent) => {
    if (!drawing) return;
    e.preventDefault();
    const r = canvas.getBoundingClientRect();
    const mx = e.clientX - r.left;
    const my = e.clientY - r.top;
    const k = Math.min(4, Math.max(0.03, transform.k * Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015))));
    transform = { k, x: mx - ((mx - transform.x) * k) / transform.k, y: my - ((my - transform.y) * k) / transform.k };
    applyTransform();
  },
  { passive: false },
);

let drag: { x: number; y: number; tx: number; ty: number; moved: boolean; node?: string; pointer: number } | undefined;

function nodeIdAt(target: EventTarget | null): string | undefined {
  const el = target instanceof Element ? target.closest('g.node') : null;
  return el?.getAttribute('data-id') ?? undefined;
}

canvas.addEventListener('pointerdown', (e: PointerEvent) => {
  if (e.button !== 0 || !drawing) return;
  drag = { x: e.clientX, y: e.clientY, tx: transform.x, ty: transform.y, moved: false, node: nodeIdAt(e.target), pointer: e.pointerId };
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
  transform = { ...transform, x: drag.tx + dx, y: drag.ty + dy };
  applyTransform();
});
function endDrag(e: PointerEvent): void {
  if (!drag || e.pointerId !== drag.pointer) return;
  const d = drag;
  drag = undefined;
  canvas.classList.remove('dragging');
  if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
  if (!d.moved && d.node !== undefined && e.type === 'pointerup') reveal(d.node);
}
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);
canvas.addEventListener('keydown', (e: KeyboardEvent) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const id = nodeIdAt(e.target);
  if (id !== undefined) {
    e.preventDefault();
    reveal(id);
  }
});

function reveal(id: string): void {
  const n = nodesById.get(id);
  if (n?.file && n.range) post({ type: 'reveal', file: n.file, range: n.range });
}

window.addEventListener('resize', () => {
  if (graph && !state.transform) fit();
});

fillPickers();
post({ type: 'ready' });
if (state.changes) post({ type: 'changes', on: true });
