// The job graph page inside the VS Code webview. It receives the graph from
// the extension (client/src/graphPanel.ts), lays it out for the room the
// panel has (layout.ts), draws it as SVG beside a filterable list of its
// waves and above a legend, and reports clicks, picker changes and exports
// back. Pan, zoom and the selected job are kept in the webview state, so they
// survive updates, hiding and reloads.
import { html } from './escape';
import { dotText, svgText } from './exports';
import { layoutGraph, type Layout } from './layout';
import { fillLegend, LEGEND_CSS } from './legend';
import { JobList, LIST_CSS } from './listView';
import { GRAPH_CSS, render, type Drawing } from './render';
import { handleCanvasInput } from './canvasInput';
import { Viewport } from './viewport';
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
#toolbar button:focus-visible, #toolbar select:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: 1px; }
#toolbar .spacer { flex: 1; }
#status { color: var(--vscode-descriptionForeground, #999); }
#main { flex: 1; display: flex; min-height: 0; }
#list { width: 240px; flex: none; }
#canvas { flex: 1; min-width: 0; position: relative; overflow: hidden; cursor: grab; touch-action: none; }
#canvas.dragging { cursor: grabbing; }
#canvas > svg { width: 100%; height: 100%; display: block; user-select: none; }
#message { position: absolute; top: 40%; width: 100%; text-align: center; color: var(--vscode-descriptionForeground, #999); }
@media (max-width: 600px) {
  #main { flex-direction: column; }
  #list { width: auto; max-height: 28%; border-right: 0; border-bottom: 1px solid var(--vscode-panel-border, #444); }
}
` + GRAPH_CSS + LIST_CSS + LEGEND_CSS;

// ---- page skeleton -------------------------------------------------------

const style = document.createElement('style');
style.textContent = PAGE_CSS;
document.head.appendChild(style);

const projectSelect = html('select', { id: 'project', title: 'Project' });
const pipelineSelect = html('select', { id: 'pipeline', title: 'Pipeline' });
const depsButton = html('button', { id: 'view-dependencies', type: 'button', 'aria-pressed': 'true', title: 'What waits for what' }, 'Dependencies');
const inheritButton = html('button', { id: 'view-inheritance', type: 'button', 'aria-pressed': 'false', title: 'Parent chains' }, 'Inheritance');
const changesButton = html('button', { id: 'changes', type: 'button', 'aria-pressed': String(state.changes === true), title: 'Grey out the jobs the uncommitted changes do not run' }, 'Changed files');
const listButton = html('button', { id: 'toggle-list', type: 'button', 'aria-pressed': String(state.listHidden !== true), title: 'Show or hide the list of waves and jobs' }, 'List');
const fitButton = html('button', { id: 'fit', type: 'button', title: 'Fit the graph into the view, as far as its labels stay readable' }, 'Fit');
const svgButton = html('button', { id: 'export-svg', type: 'button', title: 'Save the drawing as SVG' }, 'Export SVG');
const dotButton = html('button', { id: 'export-dot', type: 'button', title: 'Save the graph as Graphviz DOT' }, 'Export DOT');
const status = html('span', { id: 'status' });
const toolbar = html('div', { id: 'toolbar' });
toolbar.append(projectSelect, pipelineSelect, depsButton, inheritButton, changesButton, status, html('span', { class: 'spacer' }), listButton, fitButton, svgButton, dotButton);
const list = new JobList((id) => pick(id, true));
list.root.hidden = state.listHidden === true;
const canvas = html('div', { id: 'canvas', title: 'Drag or scroll to move; Ctrl+wheel zooms; click a job to open it' });
const message = html('div', { id: 'message' }, 'Loading the job graph…');
canvas.append(message);
const main = html('div', { id: 'main' });
main.append(list.root, canvas);
const legend = html('div', { id: 'legend', class: 'zuul-legend', role: 'note', 'aria-label': 'Legend' });
document.body.append(toolbar, main, legend);

// ---- current graph -------------------------------------------------------

let graph: PageGraph | undefined;
let targets: ProjectPipelines[] = [];
let drawing: Drawing | undefined;
let layout: Layout | undefined;
/** The canvas size the layout was made for. */
let laidOutFor = { width: 0, height: 0 };
let view: GraphView = state.view ?? 'dependencies';
const nodesById = new Map<string, PageGraph['nodes'][number]>();

const keyOf = (g: PageGraph): string => `${g.project ?? ''}\u0000${g.pipeline ?? ''}\u0000${g.view}`;

function saveState(): void {
  vscode.setState(state);
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
const viewport = new Viewport(canvas, () => {
  const t = viewport.transform;
  drawing?.viewport.setAttribute('transform', `translate(${t.x.toFixed(1)},${t.y.toFixed(1)}) scale(${t.k.toFixed(4)})`);
  if (!graph) return;
  state = { ...state, transform: { key: keyOf(graph), ...t } };
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveState, 150);
});

function fit(): void {
  if (layout) viewport.fit(layout.bounds);
  revealSelected();
}

/** A job's box in drawing units, when it is drawn. */
function boxOf(id: string): { x: number; y: number; width: number; height: number } | undefined {
  const p = layout?.nodes.get(id);
  return p && { x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height };
}

function revealSelected(): void {
  const box = state.selected === undefined ? undefined : boxOf(state.selected);
  if (box) viewport.reveal(box);
}

/** Marks a job as selected in the drawing and the list, and scrolls the drawing to it. */
function select(id: string | undefined, scroll: boolean): void {
  if (state.selected !== undefined) drawing?.nodes.get(state.selected)?.classList.remove('selected');
  state = { ...state, selected: id };
  if (id !== undefined) drawing?.nodes.get(id)?.classList.add('selected');
  list.select(id);
  if (scroll) revealSelected();
  saveState();
}

/** A click on a job, in the drawing or the list: select it, keep it in view, open its definition. */
function pick(id: string, open: boolean): void {
  select(id, true);
  const n = nodesById.get(id);
  if (open && n?.file && n.range) post({ type: 'reveal', file: n.file, range: n.range });
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

/** Lays the graph out for the canvas as it is now and draws it. */
function draw(g: PageGraph): void {
  laidOutFor = { width: canvas.clientWidth, height: canvas.clientHeight };
  layout = laidOutFor.width > 0 && laidOutFor.height > 0 ? layoutGraph(g, laidOutFor) : layoutGraph(g);
  const next = render(g, layout);
  // What the UI test waits for after a resize: a drawing made for this canvas.
  next.root.setAttribute('data-laid-out-width', String(Math.round(laidOutFor.width)));
  if (drawing) drawing.root.replaceWith(next.root);
  else canvas.prepend(next.root);
  drawing = next;
  if (state.selected !== undefined) drawing.nodes.get(state.selected)?.classList.add('selected');
  viewport.set(viewport.transform);
}

function showGraph(g: PageGraph): void {
  const sameView = graph !== undefined && keyOf(graph) === keyOf(g);
  graph = g;
  view = g.view;
  state = { ...state, project: g.project ?? state.project, pipeline: g.pipeline ?? state.pipeline, view: g.view };
  nodesById.clear();
  for (const n of g.nodes) nodesById.set(n.id, n);
  // A job the extension asks to centre on is selected when the graph is new to the page; a selection that left the graph goes.
  if (!sameView && g.focus !== undefined) state = { ...state, selected: g.focus };
  if (state.selected !== undefined && !nodesById.has(state.selected)) state = { ...state, selected: undefined };
  fillPickers();
  status.textContent = describe(g);
  fillLegend(legend, g.view, g.changes !== undefined);

  const saved = state.transform;
  draw(g);
  message.textContent = g.nodes.length ? '' : 'This pipeline runs no jobs.';
  message.hidden = g.nodes.length > 0;
  list.show(g, layout!.bands);

  if (sameView) viewport.set(viewport.transform);
  else if (saved && saved.key === keyOf(g)) viewport.set(saved);
  else fit();
  if (!sameView && g.focus !== undefined) revealSelected();
  saveState();
}

function showError(text: string): void {
  fillPickers();
  status.textContent = '';
  message.hidden = false;
  message.textContent = text;
  drawing?.root.remove();
  drawing = undefined;
  layout = undefined;
  graph = undefined;
  list.show({ view, nodes: [], edges: [], waves: [], criticalPath: [], sharedSemaphores: [], cycles: [] }, []);
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = toPageMessage(event.data);
  if (!m) return;
  if (m.targets) targets = m.targets;
  if (m.type === 'graph') showGraph(m.graph);
  else showError(m.message);
});

// A new size of the panel (or the list shown or hidden) gets a new layout, fitted, with the selected job kept in view.
let resizeFrame = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    if (!graph || (Math.abs(canvas.clientWidth - laidOutFor.width) < 2 && Math.abs(canvas.clientHeight - laidOutFor.height) < 2)) return;
    draw(graph);
    list.show(graph, layout!.bands);
    fit();
  });
}).observe(canvas);

// ---- pickers, list and exports -------------------------------------------------

function choose(project: string, pipeline: string, v: GraphView): void {
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
  choose(project, pipeline, view);
});
pipelineSelect.addEventListener('change', () => choose(projectSelect.value, pipelineSelect.value, view));
depsButton.addEventListener('click', () => choose(projectSelect.value, pipelineSelect.value, 'dependencies'));
inheritButton.addEventListener('click', () => choose(projectSelect.value, pipelineSelect.value, 'inheritance'));
fitButton.addEventListener('click', fit);
listButton.addEventListener('click', () => {
  const shown = list.root.hidden;
  list.root.hidden = !shown;
  listButton.setAttribute('aria-pressed', String(shown));
  state = { ...state, listHidden: shown ? undefined : true };
  saveState();
  if (shown) list.select(state.selected);
});
changesButton.addEventListener('click', () => {
  const on = changesButton.getAttribute('aria-pressed') !== 'true';
  changesButton.setAttribute('aria-pressed', String(on));
  state = { ...state, changes: on };
  saveState();
  post({ type: 'changes', on });
});

svgButton.addEventListener('click', () => {
  if (drawing && layout) post({ type: 'export', format: 'svg', content: svgText(drawing.root, layout) });
});
dotButton.addEventListener('click', () => {
  if (graph) post({ type: 'export', format: 'dot', content: dotText(graph) });
});

// ---- pan, zoom, click -------------------------------------------------------

handleCanvasInput(canvas, viewport, () => drawing !== undefined, (id) => pick(id, true));

fillPickers();
fillLegend(legend, view, state.changes === true);
post({ type: 'ready' });
if (state.changes) post({ type: 'changes', on: true });
