// The list of the graph's waves and their jobs beside the drawing, with a
// filter box: in a big graph, a job is found by typing part of its name. A
// click on a job (or Enter on it) selects it in the drawing and opens it, as
// a click in the drawing does. Names go in as text (escape.ts).
import { html } from './escape';
import type { PlacedBand } from './layout';
import type { PageGraph } from './protocol';

export const LIST_CSS = `
#list { display: flex; flex-direction: column; min-width: 0; min-height: 0; border-right: 1px solid var(--vscode-panel-border, #444); }
#list[hidden] { display: none; }
#filter { margin: 6px; font: inherit; color: var(--vscode-input-foreground, inherit); background: var(--vscode-input-background, transparent); border: 1px solid var(--vscode-input-border, var(--vscode-dropdown-border, #555)); padding: 2px 4px; }
#filter:focus { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
#list-items { overflow: auto; flex: 1; padding: 0 0 6px; }
#list-items h3 { font-size: 12px; font-weight: 600; margin: 8px 8px 2px; color: var(--vscode-descriptionForeground, #999); }
#list-items ul { list-style: none; margin: 0; padding: 0; }
#list-items button.job { display: block; width: 100%; text-align: left; font: inherit; font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; color: inherit; background: none; border: 0; padding: 2px 8px 2px 14px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#list-items button.job:hover { background: var(--vscode-list-hoverBackground, rgba(128,128,128,0.15)); }
#list-items button.job:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
#list-items button.job[aria-current="true"] { background: var(--vscode-list-activeSelectionBackground, #04395e); color: var(--vscode-list-activeSelectionForeground, #fff); }
#list-items button.job.error { color: var(--vscode-editorError-foreground, #f14c4c); }
#list-items button.job.warning { text-decoration: underline wavy var(--vscode-editorWarning-foreground, #cca700); }
#list-empty { margin: 8px; color: var(--vscode-descriptionForeground, #999); }
`;

export class JobList {
  readonly root = html('div', { id: 'list', role: 'navigation', 'aria-label': 'Waves and jobs' });
  private readonly input = html('input', { id: 'filter', type: 'search', placeholder: 'Filter jobs', 'aria-label': 'Filter jobs', spellcheck: 'false' });
  private readonly items = html('div', { id: 'list-items' });
  private readonly empty = html('div', { id: 'list-empty', hidden: '' }, 'No job matches.');
  private buttons = new Map<string, HTMLButtonElement>();
  private selected: string | undefined;

  constructor(pick: (id: string) => void) {
    this.root.append(this.input, this.items, this.empty);
    this.input.addEventListener('input', () => this.filter());
    this.items.addEventListener('click', (e) => {
      const id = e.target instanceof Element ? e.target.closest('button.job')?.getAttribute('data-id') : undefined;
      if (id != null) pick(id);
    });
  }

  /** The graph's bands, each with its jobs in drawing order. */
  show(graph: PageGraph, bands: PlacedBand[]): void {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    this.items.replaceChildren();
    this.buttons.clear();
    for (const band of bands) {
      const name = graph.view === 'dependencies' ? `wave ${band.index}` : `level ${band.index}`;
      const section = html('section', { 'data-wave': band.index });
      section.append(html('h3', {}, `${name} · ${band.jobs.length} job${band.jobs.length === 1 ? '' : 's'}`));
      const ul = html('ul');
      for (const id of band.jobs) {
        const n = byId.get(id);
        const severity = n?.findings.some((f) => f.severity === 'error') ? 'error' : n?.findings.some((f) => f.severity === 'warning') ? 'warning' : undefined;
        const button = html('button', { type: 'button', class: severity ? `job ${severity}` : 'job', 'data-id': id, title: n?.label ?? id }, n?.label ?? id);
        this.buttons.set(id, button);
        const li = html('li');
        li.append(button);
        ul.append(li);
      }
      section.append(ul);
      this.items.append(section);
    }
    this.filter();
    this.select(this.selected);
  }

  /** Hides the jobs whose name does not hold the filter text (any case), and the waves left empty. */
  private filter(): void {
    const text = this.input.value.trim().toLowerCase();
    let shown = 0;
    for (const section of this.items.children) {
      let any = false;
      for (const li of section.querySelectorAll('li')) {
        const match = !text || (li.textContent ?? '').toLowerCase().includes(text);
        li.hidden = !match;
        any ||= match;
        if (match) shown++;
      }
      (section as HTMLElement).hidden = !any;
    }
    this.empty.hidden = shown > 0 || this.buttons.size === 0;
  }

  /** Marks a job as the selected one and scrolls the list to it. */
  select(id: string | undefined): void {
    if (this.selected !== undefined) this.buttons.get(this.selected)?.removeAttribute('aria-current');
    this.selected = id;
    const button = id === undefined ? undefined : this.buttons.get(id);
    if (!button) return;
    button.setAttribute('aria-current', 'true');
    if (!this.root.hidden) button.scrollIntoView({ block: 'nearest' });
  }
}
