// The graph page (client/webview, bundled to dist/webview.js) in a real
// Chromium: it draws the graph it is sent, escapes every name, reports clicks,
// keeps pan, zoom and the selected job, draws 500 jobs without locking up (in
// well under half a second), lists the waves with a filter, explains its
// colours in a legend, and draws the real graphs (the example workspace's and
// the OTC corpus deploy pipeline's, both views) in a 400 px and a 1400 px
// panel with no edge through a box and no label under 11 px. Needs
// `node scripts/build.mjs` (for dist/webview.js) and /usr/bin/chromium;
// without Chromium the tests are skipped with the reason printed.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { GraphEdge, GraphNode } from '../../protocol/src';
import { boxOverlaps, edgeBoxCrossings, type Polyline, type Rect } from '../helpers/graphGeometry';
import { exampleGraphs, otcGraphs } from '../helpers/realGraphs';

/** The folder of our package.json, from test/webview (sources) or out/test/webview (compiled). */
function projectRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'zuul-authoring') return dir;
  }
  throw new Error(`no zuul-authoring package.json above ${__dirname}`);
}

const root = projectRoot();
const CHROMIUM = '/usr/bin/chromium';
const BUNDLE = join(root, 'dist', 'webview.js');
const SCREENSHOT = join(root, 'test', 'webview', 'screenshots', 'graph.png');
const skipReason = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed; the graph page tests need a Chromium`;
if (skipReason) console.log(`# skipping the graph page tests: ${skipReason}`);

const EVIL = '<img src=x onerror=alert(1)>';
const loc = (file: string, line: number) => ({ file, range: { start: { line, character: 2 }, end: { line, character: 30 } } });

/** A node as the server sends it, with its place in a file. */
type Node = GraphNode & Required<Pick<GraphNode, 'file' | 'range' | 'repo'>>;

function node(id: string, wave: number, extra: Partial<Node> = {}, line = 10): Node {
  return {
    id,
    label: id,
    ...loc('/work/system-config/zuul.d/infra-prod.yaml', line),
    repo: 'opendev/system-config',
    abstract: false,
    final: false,
    semaphores: [],
    incoming: { hard: wave > 1 ? 1 : 0, soft: 0 },
    findings: [],
    wave,
    parents: ['infra-prod-playbook', 'base'],
    ...extra,
  };
}

const SMALL = {
  project: 'opendev/system-config',
  pipeline: 'deploy',
  view: 'dependencies',
  nodes: [
    node('infra-prod-bootstrap-bridge', 1, { bootstrap: true, critical: true, description: 'Sets up bridge before any deployment.' }, 3),
    node('infra-prod-base', 2, { critical: true }, 20),
    node('infra-prod-service-zuul', 3, { critical: true, semaphores: ['infra-prod-playbook'] }, 40),
    node('infra-prod-service-nodepool', 3, { semaphores: ['infra-prod-playbook'], incoming: { hard: 0, soft: 1 } }, 60),
    node('infra-prod-service-gitea', 2, { findings: [{ rule: 'unknown-parent', severity: 'error', message: 'Parent job infra-prod-playbok is not defined anywhere.' }] }, 80),
    node('infra-prod-letsencrypt', 2, {}, 100),
    node('infra-prod-service-review', 3, { findings: [{ rule: 'playbook-not-found', severity: 'warning', message: 'playbooks/service-review.yaml does not exist.' }] }, 120),
    node(EVIL, 1, { findings: [{ rule: 'missing-bootstrap-dependency', severity: 'error', message: 'Runs without waiting for infra-prod-bootstrap-bridge.' }], description: '<script>alert(2)</script>' }, 140),
  ],
  edges: [
    { from: 'infra-prod-bootstrap-bridge', to: 'infra-prod-base', kind: 'hard' },
    { from: 'infra-prod-base', to: 'infra-prod-service-zuul', kind: 'hard' },
    { from: 'infra-prod-base', to: 'infra-prod-service-nodepool', kind: 'soft' },
    { from: 'infra-prod-bootstrap-bridge', to: 'infra-prod-service-gitea', kind: 'hard' },
    { from: 'infra-prod-bootstrap-bridge', to: 'infra-prod-letsencrypt', kind: 'hard' },
    { from: 'infra-prod-letsencrypt', to: 'infra-prod-service-review', kind: 'hard' },
  ],
  waves: [
    { index: 1, jobs: ['infra-prod-bootstrap-bridge', EVIL] },
    { index: 2, jobs: ['infra-prod-base', 'infra-prod-service-gitea', 'infra-prod-letsencrypt'] },
    { index: 3, jobs: ['infra-prod-service-zuul', 'infra-prod-service-nodepool', 'infra-prod-service-review'] },
  ],
  criticalPath: ['infra-prod-bootstrap-bridge', 'infra-prod-base', 'infra-prod-service-zuul'],
  sharedSemaphores: [{ semaphore: 'infra-prod-playbook', jobs: ['infra-prod-service-zuul', 'infra-prod-service-nodepool'] }],
  cycles: [],
};
const TARGETS = [
  { project: 'opendev/system-config', pipelines: ['check', 'gate', 'deploy', 'periodic'] },
  { project: 'opendev/base-jobs', pipelines: ['check'] },
];

/** `waveCount` waves of `perWave` jobs, each waiting for two jobs of the wave before (500 jobs by default). */
function bigGraph(waveCount = 10, perWave = 50) {
  const nodes: Node[] = [];
  const edges: GraphEdge[] = [];
  const waves: { index: number; jobs: string[] }[] = [];
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let w = 0; w < waveCount; w++) {
    const jobs: string[] = [];
    for (let i = 0; i < perWave; i++) {
      const id = `infra-prod-w${w}-job-${i}`;
      jobs.push(id);
      nodes.push(node(id, w + 1, {}, w * perWave + i));
      if (w > 0) {
        const a = rnd(perWave);
        const b = (a + 1 + rnd(perWave - 1)) % perWave;
        edges.push({ from: `infra-prod-w${w - 1}-job-${a}`, to: id, kind: 'hard' }, { from: `infra-prod-w${w - 1}-job-${b}`, to: id, kind: i % 7 ? 'hard' : 'soft' });
      }
    }
    waves.push({ index: w + 1, jobs });
  }
  return { project: 'big/project', pipeline: 'deploy', view: 'dependencies', nodes, edges, waves, criticalPath: [], sharedSemaphores: [], cycles: [] };
}

/** VS Code sets its theme as CSS variables on the page; these are Dark Modern's. */
const THEME = [
  '--vscode-foreground: #cccccc',
  '--vscode-editor-background: #1f1f1f',
  '--vscode-editor-foreground: #cccccc',
  '--vscode-editorError-foreground: rgb(241, 76, 76)',
  '--vscode-editorWarning-foreground: rgb(204, 167, 0)',
  '--vscode-descriptionForeground: #9d9d9d',
  '--vscode-charts-orange: #d18616',
  '--vscode-charts-purple: #b180d7',
  '--vscode-editor-selectionBackground: #264f78',
  '--vscode-badge-background: #616161',
  '--vscode-badge-foreground: #f8f8f8',
  '--vscode-button-background: #0078d4',
  '--vscode-button-foreground: #ffffff',
  '--vscode-dropdown-background: #313131',
  '--vscode-dropdown-foreground: #cccccc',
  '--vscode-dropdown-border: #3c3c3c',
  '--vscode-panel-border: #2b2b2b',
  '--vscode-font-family: system-ui, sans-serif',
  '--vscode-editor-font-family: monospace',
].join('; ');

/** A page like the webview: the stub VS Code API records what the page posts and stores. */
const PAGE = `<!DOCTYPE html><html style="${THEME}"><head><meta charset="utf-8"></head><body>
<script>
  window.__posted = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
  });
</script></body></html>`;

let browser: Browser | undefined;
const dialogs: string[] = [];

before(async () => {
  if (skipReason) return;
  assert.ok(existsSync(BUNDLE), `${BUNDLE} is missing: run node scripts/build.mjs`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
});

async function openPage(t: TestContext, state?: unknown, viewport = { width: 1280, height: 720 }): Promise<Page | undefined> {
  if (skipReason || !browser) {
    t.skip(skipReason ?? 'no browser');
    return undefined;
  }
  const page = await browser.newPage({ viewport });
  t.after(() => page.close());
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  t.after(() => assert.deepEqual(errors, [], 'no errors in the page'));
  await page.setContent(PAGE);
  if (state !== undefined) await page.evaluate((s) => ((globalThis as unknown as { __state: unknown }).__state = s), state);
  await page.addScriptTag({ path: BUNDLE });
  return page;
}

async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'), message);
}

/** The browser's getComputedStyle (the tests compile without the DOM library). */
type Styled = { getComputedStyle(el: unknown): { stroke: string; strokeDasharray: string } };
const posted = (page: Page) => page.evaluate(() => (globalThis as unknown as { __posted: Record<string, unknown>[] }).__posted);
const stored = (page: Page) => page.evaluate(() => (globalThis as unknown as { __state: Record<string, unknown> | undefined }).__state);

test('the page says it is ready and draws the graph it is sent', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  assert.deepEqual(await posted(page), [{ type: 'ready' }]);
  await send(page, { type: 'graph', graph: SMALL, targets: TARGETS });
  await page.waitForSelector('svg g.node');

  assert.equal(await page.locator('svg g.node').count(), 8, 'one node per job');
  assert.equal(await page.locator('svg g.edge').count(), 6, 'one edge per dependency');
  assert.equal(await page.locator('svg g.edge.hard').count(), 5);

  // The soft edge is dashed, the hard ones are not.
  const soft = page.locator('svg g.edge.soft path');
  assert.equal(await soft.count(), 1);
  assert.ok(await soft.getAttribute('stroke-dasharray'), 'soft edge has a dash array');
  assert.notEqual(await soft.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).strokeDasharray), 'none');
  assert.equal(await page.locator('svg g.edge.hard path').first().evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).strokeDasharray), 'none');

  // Findings colour the node with the theme's error and warning colours.
  const gitea = page.locator('svg g.node[data-id="infra-prod-service-gitea"]');
  assert.match((await gitea.getAttribute('class')) ?? '', /\berror\b/);
  assert.equal(await gitea.locator('rect.box').evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).stroke), 'rgb(241, 76, 76)');
  const review = page.locator('svg g.node[data-id="infra-prod-service-review"]');
  assert.match((await review.getAttribute('class')) ?? '', /\bwarning\b/);
  assert.equal(await review.locator('rect.box').evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).stroke), 'rgb(204, 167, 0)');

  // Bootstrap and critical path are emphasised.
  assert.deepEqual(await page.locator('svg g.node.bootstrap').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), ['infra-prod-bootstrap-bridge']);
  assert.equal(await page.locator('svg g.node.critical').count(), 3);
  assert.equal(await page.locator('svg g.edge.critical').count(), 2);

  // Waves, semaphores, tooltips.
  const waves = await page.locator('svg text.wave').allTextContents();
  assert.ok(waves.includes('wave 2: 3 jobs in parallel'), waves.join(' | '));
  assert.equal(await page.locator('svg g.node g.badge.semaphore').count(), 2);
  const tip = (await page.locator('svg g.node[data-id="infra-prod-bootstrap-bridge"] > title').textContent()) ?? '';
  assert.match(tip, /Sets up bridge before any deployment\./);
  assert.match(tip, /Parents: infra-prod-playbook → base/);
  assert.match(tip, /opendev\/system-config: \/work\/system-config\/zuul\.d\/infra-prod\.yaml:4/);

  // Pickers show the targets.
  assert.deepEqual(await page.locator('#project option').allTextContents(), ['opendev/system-config', 'opendev/base-jobs']);
  assert.equal(await page.locator('#pipeline').inputValue(), 'deploy');
  assert.match((await page.locator('#status').textContent()) ?? '', /8 jobs · 3 waves/);

  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
});

test('a job named like markup is drawn as text, and nothing runs', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  await send(page, { type: 'graph', graph: SMALL });
  await page.waitForSelector('svg g.node');
  const evil = page.locator('svg g.node text.label', { hasText: EVIL });
  assert.equal(await evil.count(), 1, 'the name is shown as text');
  assert.equal(await evil.textContent(), EVIL);
  assert.equal(await page.locator('img').count(), 0, 'no img element');
  assert.equal(await page.locator('script').count(), 2, 'only the stub and the bundle');
  assert.equal(await page.locator('[onerror]').count(), 0);
  const tip = (await page.locator('svg g.node.error > title').allTextContents()).join('\n');
  assert.ok(tip.includes('<script>alert(2)</script>'), 'the description is text too');
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, [], 'no dialog opened');

  // Export: the DOT quotes the name, the SVG carries it escaped.
  await page.click('#export-dot');
  await page.click('#export-svg');
  const exports = (await posted(page)).filter((m) => m.type === 'export');
  assert.equal(exports.length, 2);
  const dot = String(exports[0].content);
  assert.equal(exports[0].format, 'dot');
  assert.ok(dot.includes(`"${EVIL}" [label="${EVIL}"`), dot);
  assert.ok(dot.includes('"infra-prod-base" -> "infra-prod-service-nodepool" [style=dashed];'), dot);
  const svgText = String(exports[1].content);
  assert.equal(exports[1].format, 'svg');
  assert.ok(svgText.includes('&lt;img src=x onerror=alert(1)&gt;'), 'escaped in the SVG file');
  assert.ok(!svgText.includes('<img'), 'no img tag in the SVG file');
});

test('messages that are not a graph are ignored', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  for (const bad of [null, 42, 'graph', { type: 'graph' }, { type: 'graph', graph: { nodes: 'x', edges: [] } }, { type: 'other', graph: SMALL }]) await send(page, bad);
  // Edges to unknown nodes and nodes without ids are dropped, not drawn.
  await send(page, {
    type: 'graph',
    graph: { ...SMALL, nodes: [...SMALL.nodes, { label: 'no id' }], edges: [...SMALL.edges, { from: 'infra-prod-base', to: 'nowhere', kind: 'hard' }, { from: 'infra-prod-base', to: 'infra-prod-letsencrypt', kind: 'weird' }] },
  });
  await page.waitForSelector('svg g.node');
  assert.equal(await page.locator('svg g.node').count(), 8);
  assert.equal(await page.locator('svg g.edge').count(), 6);
  await send(page, { type: 'graph', graph: { error: 'No project-pipeline here.' } });
  await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('#message')?.textContent === 'No project-pipeline here.');
  assert.equal(await page.locator('svg g.node').count(), 0);
});

test('clicking a job asks to reveal its definition; pickers ask for another graph', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  await send(page, { type: 'graph', graph: SMALL, targets: TARGETS });
  await page.waitForSelector('svg g.node');
  await page.click('svg g.node[data-id="infra-prod-service-zuul"]');
  const zuul = SMALL.nodes.find((n) => n.id === 'infra-prod-service-zuul')!;
  assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', file: zuul.file, range: zuul.range });

  await page.selectOption('#pipeline', 'periodic');
  assert.deepEqual((await posted(page)).at(-1), { type: 'select', project: 'opendev/system-config', pipeline: 'periodic', view: 'dependencies' });
  await page.click('#view-inheritance');
  assert.deepEqual((await posted(page)).at(-1), { type: 'select', project: 'opendev/system-config', pipeline: 'periodic', view: 'inheritance' });
  await page.selectOption('#project', 'opendev/base-jobs');
  assert.deepEqual((await posted(page)).at(-1), { type: 'select', project: 'opendev/base-jobs', pipeline: 'check', view: 'inheritance' });
});

test('pan and zoom survive an update and a reload', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  await send(page, { type: 'graph', graph: SMALL, targets: TARGETS });
  await page.waitForSelector('svg g.node');
  const before = await page.locator('svg g.viewport').getAttribute('transform');
  await page.mouse.move(600, 400);
  await page.mouse.wheel(0, -300);
  await page.mouse.move(500, 500);
  await page.mouse.down();
  await page.mouse.move(560, 470, { steps: 5 });
  await page.mouse.up();
  const moved = await page.locator('svg g.viewport').getAttribute('transform');
  assert.notEqual(moved, before);
  assert.equal((await posted(page)).filter((m) => m.type === 'reveal').length, 0, 'a drag is not a click');

  // An update of the same pipeline keeps the view.
  await send(page, { type: 'graph', graph: SMALL });
  assert.equal(await page.locator('svg g.viewport').getAttribute('transform'), moved);

  await page.waitForTimeout(300); // the state is saved after a short pause
  const state = await stored(page);
  assert.equal(state?.project, 'opendev/system-config');
  assert.equal(state?.pipeline, 'deploy');
  assert.equal(state?.view, 'dependencies');

  // A new page with that state (a reload) starts where the user left off.
  const again = await openPage(t, state);
  if (!again) return;
  await send(again, { type: 'graph', graph: SMALL });
  await again.waitForSelector('svg g.node');
  assert.equal(await again.locator('svg g.viewport').getAttribute('transform'), moved);
});

/**
 * Hands the page a graph message the way VS Code's postMessage does, but
 * synchronously, and times the render inside the page: `render` is the
 * message handler (layout and SVG built and attached), `frame` runs on to the
 * next animation frame, so it includes the browser's style, layout and paint.
 */
async function timedRender(page: Page, graph: unknown): Promise<{ render: number; frame: number; nodes: number }> {
  type Win = {
    dispatchEvent(e: unknown): boolean;
    MessageEvent: new (type: string, init: { data: unknown }) => unknown;
    performance: { now(): number };
    requestAnimationFrame(f: () => void): void;
    document: { querySelectorAll(s: string): { length: number } };
  };
  return page.evaluate(async (g) => {
    const w = globalThis as unknown as Win;
    const start = w.performance.now();
    w.dispatchEvent(new w.MessageEvent('message', { data: { type: 'graph', graph: g } }));
    const render = w.performance.now() - start;
    const nodes = w.document.querySelectorAll('svg g.node').length;
    await new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
    return { render, frame: w.performance.now() - start, nodes };
  }, graph);
}

/** Every node's box (top-left, drawing units) and every edge's polyline, read back from the SVG. */
async function drawn(page: Page): Promise<{ boxes: Rect[]; edges: Polyline[] }> {
  const boxes = await page.locator('#canvas svg g.node').evaluateAll((els) =>
    els.map((el) => {
      const [x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '')!.slice(1).map(Number);
      const rect = el.querySelector('rect.box')!;
      return { id: el.getAttribute('data-id') ?? '', x, y, width: Number(rect.getAttribute('width')), height: Number(rect.getAttribute('height')) };
    }),
  );
  const edges = await page.locator('#canvas svg g.edge').evaluateAll((els) =>
    els.map((el) => ({
      from: el.getAttribute('data-from') ?? '',
      to: el.getAttribute('data-to') ?? '',
      points: [...(el.querySelector('path')?.getAttribute('d') ?? '').matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
    })),
  );
  return { boxes, edges };
}

/** The smallest size, in screen pixels, at which a job's label is drawn: its font size times the drawing's scale. */
function smallestLabelPx(page: Page): Promise<number> {
  type El = { getScreenCTM(): { a: number } | null };
  type Win = { getComputedStyle(e: unknown): { fontSize: string } };
  return page.locator('#canvas svg g.node text.label').evaluateAll((els) =>
    Math.min(...els.map((el) => Number.parseFloat((globalThis as unknown as Win).getComputedStyle(el).fontSize) * ((el as unknown as El).getScreenCTM()?.a ?? 0))),
  );
}

/** Whether a job's box lies inside the canvas on screen. */
function inView(page: Page, id: string): Promise<boolean> {
  type R = { getBoundingClientRect(): { left: number; right: number; top: number; bottom: number } };
  type Doc = { querySelector(s: string): R | null };
  return page.evaluate((job) => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    const c = doc.querySelector('#canvas')!.getBoundingClientRect();
    const box = [...(doc as unknown as { querySelectorAll(s: string): (R & { getAttribute(a: string): string | null })[] }).querySelectorAll('#canvas g.node')].find((n) => n.getAttribute('data-id') === job);
    if (!box) return false;
    const r = box.getBoundingClientRect();
    return r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
  }, id);
}

test('500 jobs are drawn without locking the panel', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  const big = bigGraph();
  const timed = await timedRender(page, big);
  t.diagnostic(`500 jobs, ${big.edges.length} edges: render ${timed.render.toFixed(1)} ms, to the next frame ${timed.frame.toFixed(1)} ms`);
  assert.equal(timed.nodes, 500, 'all drawn by the time the message handler returns');
  assert.ok(timed.render < 500, `render took ${timed.render.toFixed(1)} ms`);
  assert.ok(timed.frame < 500, `render and first frame took ${timed.frame.toFixed(1)} ms`);
  assert.equal(await page.locator('svg g.edge').count(), big.edges.length);

  // Each wave is a band of its own, the bands one after the other; no two jobs on top of each other, no edge through a job.
  const { boxes, edges } = await drawn(page);
  const lr = (await page.locator('#canvas svg').getAttribute('data-direction')) === 'LR';
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const along = (id: string) => (lr ? byId.get(id)!.x : byId.get(id)!.y);
  const extent = (id: string) => along(id) + (lr ? byId.get(id)!.width : byId.get(id)!.height);
  for (let w = 1; w < big.waves.length; w++) assert.ok(Math.max(...big.waves[w - 1].jobs.map(extent)) < Math.min(...big.waves[w].jobs.map(along)), `wave ${w + 1} after wave ${w}`);
  assert.deepEqual(boxOverlaps(boxes), []);
  assert.deepEqual(edgeBoxCrossings(boxes, edges).slice(0, 5), []);
  // Labels stay readable: the page scrolls instead of shrinking them.
  assert.ok((await smallestLabelPx(page)) >= 11 - 0.01, `labels at ${await smallestLabelPx(page)} px`);
  // The page still answers.
  assert.equal(await page.evaluate(() => 1 + 1), 2);
});

for (const width of [400, 1400]) {
  test(`real graphs in a ${width} px panel: no edge through a box, labels at 11 px or more, the selected job kept in view`, async (t) => {
    const otc = await otcGraphs();
    if (!otc) t.diagnostic('the corpus is absent (expected at ../shared/corpus): only the example workspace is drawn');
    for (const g of [...(await exampleGraphs()), ...(otc ?? [])]) {
      const page = await openPage(t, undefined, { width, height: 800 });
      if (!page) return;
      await send(page, { type: 'graph', graph: g.graph });
      await page.waitForSelector('#canvas svg g.node');
      const { boxes, edges } = await drawn(page);
      assert.deepEqual(edgeBoxCrossings(boxes, edges), [], `${g.name} ${g.view}`);
      assert.deepEqual(boxOverlaps(boxes), [], `${g.name} ${g.view}`);
      const px = await smallestLabelPx(page);
      assert.ok(px >= 11 - 0.01, `${g.name} ${g.view}: labels drawn at ${px.toFixed(2)} px`);
      const direction = await page.locator('#canvas svg').getAttribute('data-direction');
      t.diagnostic(`${g.name} ${g.view} at ${width} px: ${direction}, smallest label ${px.toFixed(2)} px, ${edges.length} edges, 0 through a box`);
      if (g.name !== 'examples' && g.view === 'dependencies') {
        assert.equal(direction, width < 700 ? 'TD' : 'LR');
        // The last job of the list, far down a narrow panel: picked from the list, it is selected in the drawing and scrolled into view.
        const last = g.graph.nodes.at(-1)!.id;
        await page.locator('#list button.job', { hasText: last }).first().click();
        await page.waitForSelector(`#canvas g.node.selected[data-id="${last}"]`);
        assert.ok(await inView(page, last), `${last} in view once picked`);
        assert.deepEqual((await posted(page)).at(-1)?.type, 'reveal');
        if (width === 400) {
          mkdirSync(dirname(SCREENSHOT), { recursive: true });
          await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-otc-400.png') });
        }
      }
    }
  });
}

test('the list of waves filters by name, and a job picked from it is selected in the drawing and opened', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  await send(page, { type: 'graph', graph: SMALL, targets: TARGETS });
  await page.waitForSelector('#list button.job');
  assert.deepEqual(await page.locator('#list h3').allTextContents(), ['wave 1 · 2 jobs', 'wave 2 · 3 jobs', 'wave 3 · 3 jobs']);
  assert.equal(await page.locator('#list button.job', { hasText: EVIL }).count(), 1, 'names are text in the list too');
  await page.locator('#filter').fill('SERVICE-Z');
  assert.deepEqual(await page.locator('#list button.job:visible').allTextContents(), ['infra-prod-service-zuul']);
  assert.deepEqual(await page.locator('#list h3:visible').allTextContents(), ['wave 3 · 3 jobs']);
  await page.locator('#filter').fill('no such job');
  assert.equal(await page.locator('#list button.job:visible').count(), 0);
  assert.ok(await page.locator('#list-empty').isVisible());
  await page.locator('#filter').fill('zuul');
  await page.locator('#list button.job', { hasText: 'infra-prod-service-zuul' }).click();
  const zuul = SMALL.nodes.find((n) => n.id === 'infra-prod-service-zuul')!;
  assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', file: zuul.file, range: zuul.range });
  assert.deepEqual(await page.locator('#canvas g.node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), ['infra-prod-service-zuul']);
  assert.equal(await page.locator('#list button.job[aria-current="true"]').textContent(), 'infra-prod-service-zuul');
  // The selection is kept across an update and a reload; the list can be hidden, and stays so.
  await send(page, { type: 'graph', graph: SMALL });
  assert.equal(await page.locator('#canvas g.node.selected').count(), 1);
  await page.locator('#toggle-list').click();
  assert.equal(await page.locator('#list').isVisible(), false);
  const again = await openPage(t, await stored(page));
  if (!again) return;
  await send(again, { type: 'graph', graph: SMALL });
  await again.waitForSelector('#canvas g.node.selected[data-id="infra-prod-service-zuul"]');
  assert.equal(await again.locator('#list').isVisible(), false);
  assert.equal(await again.locator('#toggle-list').getAttribute('aria-pressed'), 'false');
});

test('a graph centred on a job selects it and scrolls it into view', async (t) => {
  const page = await openPage(t, undefined, { width: 400, height: 600 });
  if (!page) return;
  const graph = bigGraph(6, 25);
  const focus = graph.nodes.at(-1)!.id;
  await send(page, { type: 'graph', graph: { ...graph, focus } });
  await page.waitForSelector(`#canvas g.node.selected[data-id="${focus}"]`);
  assert.ok(await inView(page, focus), `${focus} in view`);
  assert.ok(!(await inView(page, graph.nodes[0].id)), 'the graph is bigger than the panel: it scrolled');
});

test('the legend says what each colour and line means; the critical path and the warning differ in colour', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  await send(page, { type: 'graph', graph: SMALL });
  await page.waitForSelector('svg g.node');
  assert.ok(await page.locator('#legend').isVisible());
  const items = await page.locator('#legend .item').allInnerTexts();
  for (const want of ['waits for (hard)', 'waits for if it runs (soft)', 'critical path (longest chain)', 'job with a warning', 'job with an error', 'bootstrap job']) assert.ok(items.includes(want), `${want} in ${items.join(' | ')}`);
  type Styled = { getComputedStyle(el: unknown): { stroke: string; fill: string } };
  const style = (sel: string, prop: 'stroke' | 'fill') => page.locator(sel).first().evaluate((el, p) => (globalThis as unknown as Styled).getComputedStyle(el)[p], prop);
  const critical = await style('#canvas g.edge.critical path', 'stroke');
  const warning = await style('#canvas g.node.warning rect.box', 'stroke');
  assert.notEqual(critical, warning);
  assert.equal(await style('#canvas g.node.critical rect.critical-mark', 'fill'), critical, 'a critical job is marked in the path colour');
  // The legend's swatches are the drawing's colours.
  assert.equal(await style('#legend [data-swatch="critical"] path.line', 'stroke'), critical);
  assert.equal(await style('#legend [data-swatch="warning"] rect', 'stroke'), warning);
  assert.equal(await style('#legend [data-swatch="error"] rect', 'stroke'), await style('#canvas g.node.error rect.box', 'stroke'));
  // A critical job with a warning keeps the warning border.
  const marked = { ...SMALL, nodes: SMALL.nodes.map((n) => (n.id === 'infra-prod-base' ? { ...n, findings: [{ rule: 'x', severity: 'warning', message: 'w' }] } : n)) };
  await send(page, { type: 'graph', graph: marked });
  assert.equal(await style('#canvas g.node[data-id="infra-prod-base"] rect.box', 'stroke'), warning);
  await page.click('#view-inheritance');
  await send(page, { type: 'graph', graph: { ...SMALL, view: 'inheritance', edges: [{ from: 'infra-prod-base', to: 'infra-prod-bootstrap-bridge', kind: 'parent' }], waves: [], criticalPath: [] } });
  await page.waitForSelector('#legend [data-legend="parent"]');
  assert.ok((await page.locator('#legend .item').allInnerTexts()).includes('inherits from'));
});

test('changed-files mode: the toggle asks for it and is kept; skipped jobs are greyed, pulled-in ones marked, each saying why', async (t) => {
  const page = await openPage(t);
  if (!page) return;
  await page.locator('#changes').click();
  assert.deepEqual((await posted(page)).slice(-1), [{ type: 'changes', on: true }]);
  assert.equal((await stored(page))?.changes, true);
  const nodes = (SMALL as { nodes: { id: string }[] }).nodes.map((n, i) => ({
    ...n,
    change: i === 0 ? { runs: true, why: 'needed', pulledBy: ['x'] } : i === 1 ? { runs: false, why: 'no changed file matches its files (^web/)' } : { runs: true, why: 'it has no file matchers' },
  }));
  await send(page, { type: 'graph', graph: { ...(SMALL as object), nodes, changes: { files: 2, runs: 7, warnings: ['late runs without waiting for docs'] } }, targets: TARGETS });
  await page.waitForSelector('svg g.node.skipped');
  const skipped = page.locator('svg g.node.skipped');
  assert.equal(await skipped.count(), 1);
  assert.equal(await skipped.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el).opacity), '0.35');
  assert.match((await skipped.locator('> title').textContent()) ?? '', /Does not run for these changes: no changed file matches its files \(\^web\/\)/);
  assert.equal(await page.locator('svg g.node.pulled').count(), 1);
  assert.match((await page.locator('#status').textContent()) ?? '', /changed files: 2, 7 jobs run · late runs without waiting for docs/);
  // A reload restores the mode and asks for it again.
  const again = await openPage(t, await stored(page));
  if (!again) return;
  assert.equal(await again.locator('#changes').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await posted(again), [{ type: 'ready' }, { type: 'changes', on: true }]);
});
