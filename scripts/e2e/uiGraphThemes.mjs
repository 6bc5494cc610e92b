// The job graph panel of the UI test (scripts/e2e/ui.mjs) at two panel widths
// (400 px, a narrow panel beside the editor; 1400 px, a wide one) in the
// three kinds of theme code-server ships (light, dark, high contrast). A
// theme is picked as a person does, with "Preferences: Color Theme", which
// sets `workbench.colorTheme` in the user settings (checked: code-server does
// not pick up a change written to that file while it runs). Each picture is
// taken once the panel is that wide and the page has the theme, and each is
// checked in the page's DOM: every job label drawn at 11 px or more, no edge
// segment through a box other than its ends, the legend on screen, the
// critical path's colour not the warning's, and both readable on the
// background.
import { readFileSync, writeFileSync } from 'node:fs';

/** The label in the theme picker, the setting's value (the theme's id in code-server's theme-defaults), the webview body's class for its kind, a file-name word. */
export const THEMES = [
  { label: 'Light Modern', id: 'Light Modern', body: 'vscode-light', name: 'light' },
  { label: 'Dark Modern', id: 'Dark Modern', body: 'vscode-dark', name: 'dark' },
  { label: 'Dark High Contrast', id: 'Default High Contrast', body: 'vscode-high-contrast', name: 'hc' },
];
export const WIDTHS = [400, 1400];
const HEIGHT = 800;
/** The least contrast (WCAG ratio) of the critical path and the warning colour against the background: that of graphics and large text. */
const MIN_CONTRAST = 3;

/** One user setting, from the settings file. */
export function userSetting(settingsFile, key) {
  return JSON.parse(readFileSync(settingsFile, 'utf8'))[key];
}

/** Sets one user setting in the settings file (read when code-server starts). */
export function setUserSetting(settingsFile, key, value) {
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
  if (value === undefined) delete settings[key];
  else settings[key] = value;
  writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
}

/**
 * The pictures and their checks. `graphPage` returns the graph page's frame
 * (found anew: a theme change may reload nothing, but a resize re-lays out).
 * @returns {Promise<string[]>} one line per picture
 */
export async function graphInThemes({ page, settingsFile, graphPage, pickTheme, shot, waitInFrame }) {
  const lines = [];
  const offset = (await page.viewportSize()).width - (await page.locator('iframe.webview.ready').boundingBox()).width;
  for (const theme of THEMES) {
    await pickTheme(theme.label);
    // The workbench writes the setting a moment after the pick.
    for (const deadline = Date.now() + 15_000; userSetting(settingsFile, 'workbench.colorTheme') !== theme.id; ) {
      if (Date.now() > deadline) throw new Error(`picking ${theme.label} left workbench.colorTheme at ${JSON.stringify(userSetting(settingsFile, 'workbench.colorTheme'))}, not "${theme.id}"`);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const width of WIDTHS) {
      await page.setViewportSize({ width: Math.round(width + offset), height: HEIGHT });
      const frame = await graphPage();
      await waitInFrame(frame, `the graph page ${width} px wide in the ${theme.name} theme`, ({ width: w, body }) => Math.abs(globalThis.innerWidth - w) <= 1 && globalThis.document.body.classList.contains(body), { width, body: theme.body }, 30_000);
      // The page lays out again for its new size on the next frame: wait for a layout made for this canvas.
      const report = await waitInFrame(frame, 'a layout for that width', graphReport, undefined, 15_000);
      const file = `ui-graph-${width}-${theme.name}.png`;
      await shot(file);
      const faults = [];
      if (report.minLabelPx < 11 - 0.01) faults.push(`a label drawn at ${report.minLabelPx.toFixed(2)} px`);
      if (report.crossings.length) faults.push(`edges through boxes: ${report.crossings.slice(0, 3).join('; ')}`);
      if (!report.legend) faults.push('no legend on screen');
      if (width < 600 && report.direction !== 'TD') faults.push(`laid out ${report.direction} in a narrow panel, not top down`);
      if (report.critical === report.warning) faults.push(`critical path and warning both ${report.critical}`);
      if (report.criticalContrast < MIN_CONTRAST) faults.push(`critical path ${report.critical} on ${report.background}: contrast ${report.criticalContrast.toFixed(2)}`);
      if (report.warningContrast < MIN_CONTRAST) faults.push(`warning ${report.warning} on ${report.background}: contrast ${report.warningContrast.toFixed(2)}`);
      if (faults.length) throw new Error(`${file}: ${faults.join(', ')}`);
      lines.push(`${file}: ${report.direction}, ${report.jobs} jobs, labels >= ${report.minLabelPx.toFixed(1)} px, ${report.edges} edges none through a box, critical ${report.critical} (contrast ${report.criticalContrast.toFixed(1)}) / warning ${report.warning} (${report.warningContrast.toFixed(1)}) on ${report.background}`);
    }
  }
  return lines;
}

/**
 * In the graph's page: what the pictures are checked on, once the drawing is
 * laid out for the canvas as it is (undefined before). Sent as source: it uses
 * nothing from this module.
 */
function graphReport() {
  const doc = globalThis.document;
  const canvas = doc.getElementById('canvas');
  const svg = canvas?.querySelector('svg');
  const nodes = [...(canvas?.querySelectorAll('g.node') ?? [])];
  if (!svg || nodes.length === 0) return undefined;
  const c = canvas.getBoundingClientRect();
  // The layout is made for the canvas's size; the page redraws on a resize, so an old drawing is one whose jobs do not match that size's Fit.
  if (Number(svg.getAttribute('data-laid-out-width')) !== Math.round(c.width)) return undefined;
  const style = (el) => globalThis.getComputedStyle(el);
  const minLabelPx = Math.min(...[...canvas.querySelectorAll('g.node text.label')].map((t) => Number.parseFloat(style(t).fontSize) * t.getScreenCTM().a));
  const boxes = nodes.map((n) => {
    const [x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(n.getAttribute('transform')).slice(1).map(Number);
    const r = n.querySelector('rect.box');
    return { id: n.getAttribute('data-id'), x, y, w: Number(r.getAttribute('width')), h: Number(r.getAttribute('height')) };
  });
  const crosses = (a, b, r) => {
    // Liang–Barsky against the box shrunk by half a pixel: touching a border is not crossing.
    const x0 = r.x + 0.5, x1 = r.x + r.w - 0.5, y0 = r.y + 0.5, y1 = r.y + r.h - 0.5;
    const dx = b.x - a.x, dy = b.y - a.y;
    let t0 = 0, t1 = 1;
    for (const [p, q] of [[-dx, a.x - x0], [dx, x1 - a.x], [-dy, a.y - y0], [dy, y1 - a.y]]) {
      if (p === 0) {
        if (q < 0) return false;
      } else if (p < 0) t0 = Math.max(t0, q / p);
      else t1 = Math.min(t1, q / p);
    }
    return t0 < t1;
  };
  const edges = [...canvas.querySelectorAll('g.edge')];
  const crossings = [];
  for (const e of edges) {
    const from = e.getAttribute('data-from'), to = e.getAttribute('data-to');
    const pts = [...(e.querySelector('path')?.getAttribute('d') ?? '').matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    for (let i = 1; i < pts.length; i++) for (const r of boxes) if (r.id !== from && r.id !== to && crosses(pts[i - 1], pts[i], r)) crossings.push(`${from} -> ${to} through ${r.id}`);
  }
  const legend = doc.getElementById('legend');
  const lr = legend?.getBoundingClientRect();
  const rgb = (s) => (/rgba?\(([\d.]+), ([\d.]+), ([\d.]+)/.exec(s) ?? [0, 0, 0, 0]).slice(1).map(Number);
  const luminance = (s) => {
    const [r, g, b] = rgb(s).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = style(doc.body).backgroundColor;
  const critical = style(canvas.querySelector('g.edge.critical path') ?? legend.querySelector('[data-swatch="critical"] path.line')).stroke;
  const warning = style(legend.querySelector('[data-swatch="warning"] rect')).stroke;
  return {
    direction: svg.getAttribute('data-direction'),
    jobs: nodes.length,
    edges: edges.length,
    minLabelPx,
    crossings,
    legend: Boolean(lr && lr.width > 0 && lr.height > 0 && lr.bottom <= globalThis.innerHeight + 1 && legend.checkVisibility()),
    background,
    critical,
    warning,
    criticalContrast: contrast(critical, background),
    warningContrast: contrast(warning, background),
  };
}
