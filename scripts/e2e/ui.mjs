// The UI part of `npm run test:e2e` (called by scripts/e2e/run.mjs): a person's
// view of the installed extension in code-server, driven by Playwright in
// headless Chromium. Opens the fixture workspace, opens the file with the
// deliberate mistake, and checks the squiggle under the exact word, the
// Problems panel row with the rule id, the hover with the message and the
// status bar counts. Screenshots go to `shots`; the one with the hover open
// is the README's picture.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The fixture (test/e2e/workspace): the mistake, where it is, and the workspace totals.
const MISTAKE = 'timout';
const MISTAKE_LINE = /timout:\s*3600/;
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../../test/e2e/workspace/deploy-config/zuul.d/jobs.yaml');
const POSITION = (() => {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const i = lines.findIndex((l) => MISTAKE_LINE.test(l));
  return `Ln ${i + 1}, Col ${lines[i].indexOf(MISTAKE) + 1}`;
})();
const RULE = 'unknown-attribute';
const MESSAGE = 'Unknown attribute "timout" for a job';
const STATUS = /Zuul: 8 jobs, 4 errors, 3 warnings/;
// The light-bulb step: where the missing dependency is, the fix, and the counts once it is applied.
const SERVICES = join(dirname(fileURLToPath(import.meta.url)), '../../test/e2e/workspace/deploy-config/zuul.d/services.yaml');
const QUICKFIX_AT = (() => {
  const lines = readFileSync(SERVICES, 'utf8').split('\n');
  const i = lines.findIndex((l) => /^\s+- deploy-service-dns$/.test(l));
  return { line: i + 1, column: lines[i].indexOf('deploy-service-dns') + 1 };
})();
const QUICKFIX_TITLE = 'Add dependency on deploy-bootstrap-bastion';
const STATUS_AFTER_FIX = /Zuul: 8 jobs, 4 errors, 2 warnings/;
// The graph step: the job to click and the line of its definition.
const GRAPH_JOB = 'deploy-service-web';
const GRAPH_JOB_LINE = readFileSync(FIXTURE, 'utf8').split('\n').findIndex((l) => l.includes(`name: ${GRAPH_JOB}`)) + 1;

/**
 * @param {{ browser: import('playwright-core').Browser, base: string, workspaceFile: string, examplesFolder: string, shots: string,
 *           log: (...a: unknown[]) => void, check: (ok: boolean, label: string, detail?: string) => void }} o
 * @returns {Promise<{ ok: boolean, bestShot?: string }>}
 */
export async function runUi({ browser, base, workspaceFile, examplesFolder, shots, log, check }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => log('ui pageerror:', String(e).slice(0, 200)));
  const shot = async (name) => {
    const path = join(shots, name);
    await page.screenshot({ path });
    return path;
  };
  const editor = page.locator('.part.editor .monaco-editor').first();
  let bestShot;
  let graphShot;

  const steps = [
    [
      'the workbench opens the multi-root workspace',
      async () => {
        await page.goto(`${base}/?workspace=${encodeURIComponent(workspaceFile)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        for (const name of ['deploy-config', 'job-library']) {
          await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60_000 });
        }
      },
    ],
    [
      'the status bar shows the jobs and problem counts',
      async () => {
        const item = page.locator('.statusbar-item', { hasText: 'Zuul:' }).first();
        await item.waitFor({ timeout: 60_000 });
        // Indexing first, then the totals; a server that failed to start says so for good.
        const deadline = Date.now() + 60_000;
        let text = '';
        while (!STATUS.test(text)) {
          text = (await item.innerText().catch(() => '')).trim();
          if (/server failed/.test(text) || Date.now() > deadline) throw new Error(`status bar says "${text}", expected ${STATUS}`);
          await page.waitForTimeout(200);
        }
        return (await item.innerText()).trim();
      },
    ],
    [
      'deploy-config/zuul.d/jobs.yaml opens in the zuul language mode',
      async () => {
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 300 } });
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
        await page.keyboard.type('zuul.d/jobs.yaml');
        // Two repos have one: take deploy-config's.
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'deploy-config' }).filter({ hasText: 'jobs.yaml' }).first();
        await row.waitFor({ timeout: 30_000 });
        await row.click();
        await page.locator('.tab.active', { hasText: 'jobs.yaml' }).waitFor({ timeout: 15_000 });
        await editor.locator('.view-line', { hasText: MISTAKE_LINE }).first().waitFor({ timeout: 15_000 });
        const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
        await page.waitForFunction(() => /Zuul/.test(globalThis.document.getElementById('status.editor.mode')?.textContent ?? ''), null, { timeout: 15_000 }).catch(async () => {
          throw new Error(`language mode is "${await mode.innerText().catch(() => '?')}"`);
        });
      },
    ],
    [
      `the mistake "${MISTAKE}" is underlined as an error, and only that word`,
      async () => {
        await editor.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
        // The editor may still be laying out its lines (a zero-sized box): wait until the word has a place.
        let box;
        let squiggle;
        const deadline = Date.now() + 20_000;
        do {
          await lensesSettled(editor);
          box = await mistakeBox(editor);
          squiggle = box.width > 0 ? await squiggleOver(editor, box) : undefined;
          if (squiggle) break;
          await page.waitForTimeout(100);
        } while (Date.now() < deadline);
        if (!squiggle) throw new Error(`no error squiggle over "${MISTAKE}" at ${JSON.stringify(box)}`);
        // The underline covers the key, not the line.
        if (Math.abs(squiggle.width - box.width) > box.width * 0.25) throw new Error(`squiggle ${squiggle.width}px wide, the word ${box.width}px`);
        await shot('ui-squiggle.png');
      },
    ],
    [
      `the Problems panel lists ${RULE} with its position`,
      async () => {
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first();
        await row.waitFor({ timeout: 30_000 });
        const text = (await row.innerText()).replace(/\s+/g, ' ');
        for (const want of [MESSAGE, 'zuul', POSITION]) if (!text.includes(want)) throw new Error(`row "${text}" lacks "${want}"`);
        await shot('ui-problems.png');
        return text.slice(0, 120);
      },
    ],
    [
      'hovering the squiggle shows the message',
      async () => {
        // The Problems panel took space (and CodeLenses add lines): bring the mistake back into view.
        await editor.click({ position: { x: 300, y: 40 } });
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
        await page.keyboard.type(POSITION.replace(/^Ln (\d+), Col (\d+)$/, '$1:$2'));
        await page.keyboard.press('Enter');
        await editor.locator('.view-line', { hasText: MISTAKE_LINE }).first().waitFor({ timeout: 15_000 });
        const hover = page.locator('.monaco-hover:visible', { hasText: MESSAGE }).first();
        // Move onto the word from outside, as a person would; retry if the hover was missed.
        // CodeLenses arrive after the text and push lines down, so measure the word each time.
        for (let attempt = 0; attempt < 5; attempt++) {
          await lensesSettled(editor);
          const box = await mistakeBox(editor);
          await page.mouse.move(box.x + box.width / 2, box.y - 40);
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
          try {
            await hover.waitFor({ timeout: 5_000 });
            break;
          } catch (e) {
            if (attempt === 4) throw e;
          }
        }
        const text = (await hover.innerText()).replace(/\s+/g, ' ');
        if (!text.includes('Did you mean "timeout"')) throw new Error(`hover says "${text}"`);
        bestShot = await shot('ui-hover.png');
        return text.slice(0, 120);
      },
    ],
    [
      'the light bulb on a missing dependency applies "Add dependency on deploy-bootstrap-bastion"',
      async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
        await page.keyboard.type('zuul.d/services.yaml');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'services.yaml' }).first().click();
        await page.locator('.tab.active', { hasText: 'services.yaml' }).waitFor({ timeout: 15_000 });
        // The project's entry for the job (its second mention in the file).
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
        await page.keyboard.type(`${QUICKFIX_AT.line}:${QUICKFIX_AT.column}`);
        await page.keyboard.press('Enter');
        await page.locator('.part.editor .lightBulbWidget').first().waitFor({ timeout: 30_000 });
        const item = page
          .locator('.action-widget .monaco-list-row', { hasText: QUICKFIX_TITLE })
          .filter({ hasNotText: '(soft)' })
          .first();
        // The menu can miss a key press made while the editor is still settling: ask again.
        for (let attempt = 0; ; attempt++) {
          await page.keyboard.press('Control+.');
          try {
            await item.waitFor({ timeout: 10_000 });
            break;
          } catch (e) {
            if (attempt === 2) throw e;
            await page.keyboard.press('Escape');
          }
        }
        await shot('ui-quickfix-menu.png');
        await item.click();
        await editor.locator('.view-line', { hasText: /^\s*dependencies:\s*$/ }).first().waitFor({ timeout: 15_000 });
        const status = page.locator('.statusbar-item', { hasText: STATUS_AFTER_FIX }).first();
        await status.waitFor({ timeout: 30_000 });
        await shot('ui-quickfix-applied.png');
        return (await status.innerText()).trim();
      },
    ],
    [
      'the job graph opens beside the editor, and a click on a job opens its definition',
      async () => {
        await page.keyboard.press('Control+Shift+P');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
        await page.keyboard.type('Zuul: Show Job Graph');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Job Graph' }).first().click();
        // A webview is an iframe in an iframe; the page draws an SVG node per job.
        const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        const node = frame.locator(`g.node[data-id="${GRAPH_JOB}"]`);
        await node.waitFor({ timeout: 60_000 });
        await frame.locator('g.node.bootstrap').first().waitFor({ timeout: 15_000 });
        await node.click();
        await page.locator('.tab.active', { hasText: 'jobs.yaml' }).waitFor({ timeout: 15_000 });
        const where = page.locator('.statusbar-item', { hasText: `Ln ${GRAPH_JOB_LINE},` }).first();
        await where.waitFor({ timeout: 15_000 });
        return `${GRAPH_JOB} opened at ${(await where.innerText()).trim()}`;
      },
    ],
    [
      'the example workspace: the deploy graph shows the job that does not wait for the bootstrap job',
      async () => {
        // Leaving a window with an unsaved buffer (the quick fix above) asks first: yes, leave.
        page.on('dialog', (d) => void d.accept().catch(() => {}));
        await page.goto(`${base}/?folder=${encodeURIComponent(examplesFolder)}`);
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'system-config' }).first().waitFor({ timeout: 60_000 });
        await page.locator('.statusbar-item', { hasText: /Zuul: \d+ jobs/ }).first().waitFor({ timeout: 60_000 });
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
        await page.keyboard.type('system-config/zuul.d/project.yaml');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'project.yaml' }).first().click();
        await page.locator('.tab.active', { hasText: 'project.yaml' }).waitFor({ timeout: 15_000 });
        // The lens above the deploy pipeline's jobs: opens that pipeline's graph.
        const lens = page.locator('.part.editor .codelens-decoration a', { hasText: 'Show job graph' }).first();
        await lens.waitFor({ timeout: 30_000 });
        await lens.click();
        const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await frame.locator('g.node.bootstrap[data-id="infra-prod-bootstrap-bridge"]').waitFor({ timeout: 60_000 });
        // The story's mistake shows: infra-prod-service-zuul starts in wave 1 beside the bootstrap job, marked with its warning.
        await frame.locator('g.node.warning[data-id="infra-prod-service-zuul"]').waitFor({ timeout: 15_000 });
        const waves = await frame.locator('text.wave').allTextContents();
        if (!/^wave 1: 2 jobs/.test(waves[0] ?? '') || waves.length < 3) throw new Error(`waves: ${waves.join(' | ')}`);
        // For the README: the graph alone, fitted to the window.
        await page.keyboard.press('Control+B');
        // Close the YAML editor: its group goes, and the graph's group takes the width.
        await page.locator('.tab', { hasText: 'project.yaml' }).first().click();
        await page.keyboard.press('Control+W');
        await page.locator('.tab', { hasText: 'project.yaml' }).first().waitFor({ state: 'detached', timeout: 15_000 });
        await frame.locator('button', { hasText: 'Fit' }).first().click();
        await frame.locator('g.node.bootstrap').first().waitFor({ state: 'visible' });
        graphShot = await shot('ui-graph.png');
        return waves.join(' | ');
      },
    ],
  ];

  let ok = true;
  for (const [label, fn] of steps) {
    if (!ok) {
      check(false, label, 'not reached');
      continue;
    }
    try {
      const detail = await fn();
      check(true, label, typeof detail === 'string' ? detail : undefined);
    } catch (e) {
      ok = false;
      check(false, label, (e instanceof Error ? e.message : String(e)).split('\n')[0]);
      await shot('ui-failure.png').catch(() => {});
    }
  }
  await context.close();
  return { ok, bestShot, graphShot };
}

/** The bounding box of the mistaken key in the editor. */
/** Waits until the editor shows its CodeLenses (they shift the lines below them when they arrive). */
async function lensesSettled(editor) {
  await editor.locator('.codelens-decoration').first().waitFor({ timeout: 10_000 }).catch(() => {});
}

async function mistakeBox(editor) {
  const line = editor.locator('.view-line', { hasText: MISTAKE_LINE }).first();
  const word = line.locator('span > span', { hasText: new RegExp(`^${MISTAKE}$`) }).first();
  const box = (await word.count()) ? await word.boundingBox() : null;
  if (box) return box;
  // Tokens may split differently: measure the word inside the line's text instead.
  return line.evaluate((el, w) => {
    const doc = el.ownerDocument;
    const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent.indexOf(w);
      if (i >= 0) {
        const r = doc.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + w.length);
        const b = r.getBoundingClientRect();
        return { x: b.x, y: b.y, width: b.width, height: b.height };
      }
    }
    throw new Error(`"${w}" not found on its line`);
  }, MISTAKE);
}

/** The error squiggle on the same line as `box` that overlaps it most, if any. */
async function squiggleOver(editor, box) {
  let best;
  for (const s of await editor.locator('.squiggly-error').all()) {
    const b = await s.boundingBox();
    if (!b) continue;
    const sameLine = Math.abs(b.y + b.height / 2 - (box.y + box.height / 2)) < box.height;
    const overlap = Math.min(b.x + b.width, box.x + box.width) - Math.max(b.x, box.x);
    if (sameLine && overlap > 0 && (!best || overlap > best.overlap)) best = { ...b, overlap };
  }
  return best;
}
