// The UI part of `npm run test:e2e` (called by scripts/e2e/run.mjs): a person's
// view of the installed extension in code-server, driven by Playwright in
// headless Chromium. Opens the fixture workspace, opens the file with the
// deliberate mistake, and checks the squiggle under the exact word, the
// Problems panel row with the rule id, the hover with the message, the status
// bar counts, the light bulb's fix and the job graph panel; then a job's hover,
// F12 into the other repo, Shift+F12's peek, F2 across both repos, Ctrl+Space's
// documented attribute and the Outline (those two need the completion and
// structure branches of issue 10). Screenshots go to
// `shots`, an ignored folder; `npm run screenshots` copies those named in
// README_PICTURES to docs/images/.
//
// Each step waits for the state its action produces, never for a side effect
// or a fixed time. Editors are read from their DOM, which does not depend on
// where the keyboard focus is: the view of each editor carries its file's URI
// (data-uri) and language (data-mode-id), and its margin marks the cursor's
// line (active-line-number) and shows where text is selected.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphInThemes, setUserSetting, THEMES } from './uiGraphThemes.mjs';

/** Screenshot (in `shots`) -> the README's picture of the same name in docs/images/. */
export const README_PICTURES = {
  'ui-hover.png': 'diagnostic.png',
  'ui-graph-1400-dark.png': 'graph.png',
  'ui-graph-400-light.png': 'graph-narrow.png',
  'ui-graph-400-hc.png': 'graph-narrow-high-contrast.png',
  'ui-hover-job.png': 'hover-job.png',
  'ui-completion.png': 'completion.png',
  'ui-references.png': 'references.png',
  'ui-effective-job.png': 'effective-job.png',
  'ui-graph-changes.png': 'graph-changes.png',
};

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../../test/e2e/workspace');
const linesOf = (rel) => readFileSync(join(FIXTURE, rel), 'utf8').split('\n');
/** 1-based line and column of the first line matching `re`, and of `word` on it. */
function findIn(rel, re, word) {
  const lines = linesOf(rel);
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`${re} not found in ${rel}`);
  return { line: i + 1, column: lines[i].indexOf(word) + 1 };
}

// The fixture (test/e2e/workspace): the mistake, where it is, and the workspace totals.
const JOBS = 'deploy-config/zuul.d/jobs.yaml';
const MISTAKE = 'timout';
const MISTAKE_AT = findIn(JOBS, /timout:\s*3600/, MISTAKE);
const POSITION = `Ln ${MISTAKE_AT.line}, Col ${MISTAKE_AT.column}`;
const RULE = 'unknown-attribute';
const MESSAGE = 'Unknown attribute "timout" for a job';
const STATUS = /Zuul: 8 jobs, 5 errors, 3 warnings/;
// The light-bulb step: where the missing dependency is (the project's entry for the job), the fix, and the counts once it is applied.
const SERVICES = 'deploy-config/zuul.d/services.yaml';
const QUICKFIX_AT = findIn(SERVICES, /^\s+- deploy-service-dns$/, 'deploy-service-dns');
const QUICKFIX_TITLE = 'Add dependency on deploy-bootstrap-bastion';
const STATUS_AFTER_FIX = /Zuul: 8 jobs, 5 errors, 2 warnings/;
// The graph step: the job to click and the line of its definition.
const GRAPH_JOB = 'deploy-service-web';
const GRAPH_JOB_LINE = findIn(JOBS, new RegExp(`name: ${GRAPH_JOB}$`), GRAPH_JOB).line;
// The navigation steps: a job's hover, its parent in the other repo, the lint job both repos run and its new name.
const LIBRARY_JOBS = 'job-library/zuul.d/jobs.yaml';
const HOVER_JOB_AT = findIn(JOBS, new RegExp(`name: ${GRAPH_JOB}$`), GRAPH_JOB);
const HOVER_DESCRIPTION = 'Deploy the web servers.';
const HOVER_CHAIN = 'deploy-playbook → deploy-base → base';
const PARENT_AT = findIn(JOBS, /parent: deploy-base$/, 'deploy-base');
const PARENT_NAME_LINE = findIn(LIBRARY_JOBS, /name: deploy-base$/, 'deploy-base').line;
const LINT_JOB = 'deploy-lint';
const LINT_AT = findIn(LIBRARY_JOBS, new RegExp(`name: ${LINT_JOB}$`), LINT_JOB);
const LINT_RENAMED = 'repo-lint';
/** Every file that names the lint job, in both repos: the rename must change each. */
const LINT_FILES = [LIBRARY_JOBS, 'job-library/zuul.d/project.yaml', 'deploy-config/zuul.d/project.yaml'];
// Completion on a new line of a job stanza that has no timeout.
const COMPLETION_AFTER = findIn(JOBS, /description: Deploy the mail relay\.$/, 'description');
// The example workspace's file with the deploy pipeline.
const EXAMPLE_PROJECT = 'system-config/zuul.d/project.yaml';

/**
 * @param {{ browser: import('playwright-core').Browser, base: string, workspaceFile: string, examplesFolder: string, settingsFile: string, shots: string,
 *           log: (...a: unknown[]) => void, check: (ok: boolean, label: string, detail?: string) => void }} o
 * @returns {Promise<{ ok: boolean }>}
 */
export async function runUi({ browser, base, workspaceFile, examplesFolder, settingsFile, shots, log, check }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => log('ui pageerror:', String(e).slice(0, 200)));
  const shot = (name) => page.screenshot({ path: join(shots, name) });
  const inWorkspace = (rel) => join(dirname(workspaceFile), rel);
  const jobs = inWorkspace(JOBS);
  const services = inWorkspace(SERVICES);
  const libraryJobs = inWorkspace(LIBRARY_JOBS);

  /** Opens a file through Quick Open (Ctrl+P) and waits until an editor shows it. */
  const quickOpen = async (typed, rowText, path) => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(typed);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).filter({ hasText: typed.split('/').pop() }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    return waitForEditor(page, { path });
  };
  /** Moves the cursor with Go to Line (Ctrl+G) and waits until the editor's cursor is on that line. */
  const goToLine = async (path, { line, column }) => {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    return waitForEditor(page, { path, cursorLine: line });
  };
  /** Runs a command by its title through the command palette (F1). */
  const runCommand = async (title) => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  };
  /** Focuses the editor tab of `path` (a tab's title is only the file name: two repos have a jobs.yaml). */
  const focusTab = async (path) => {
    const name = path.split('/').pop();
    const tabs = page.locator(`.part.editor .tab[data-resource-name="${name}"]`);
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      if (await editorShown(page, path)) return;
    }
    throw new Error(`no editor tab shows ${path}`);
  };
  /** Moves the cursor to `word` at `at` in jobs.yaml, puts the mouse on it and waits for the hover holding `hasText`. */
  const hoverOn = async (at, word, hasText) => {
    await goToLine(jobs, at);
    // CodeLenses arrive after the text, all at once, and push the lines below them down: measure the word once they are there.
    await waitForEditor(page, { path: jobs, cursorLine: at.line, lenses: true }, 30_000);
    const box = await waitInPage(page, `"${word}" on screen`, wordOnLine, { path: jobs, line: at.line, word });
    // Onto the word from above, as a person moves the mouse.
    await page.mouse.move(box.x + box.width / 2, box.y - 40);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    const hover = page.locator('.monaco-hover:visible', { hasText }).first();
    await hover.waitFor({ timeout: 15_000 });
    return hover;
  };
  /** The hover of the graph job's name in jobs.yaml. */
  const hoverJob = async () => {
    await focusTab(jobs);
    return hoverOn(HOVER_JOB_AT, GRAPH_JOB, HOVER_DESCRIPTION);
  };
  const graphFrame = () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

  const steps = [
    [
      'the workbench opens the multi-root workspace',
      async () => {
        await page.goto(`${base}/?workspace=${encodeURIComponent(workspaceFile)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        // Once in a clean-clone CI run code-server opened the workspace with none of its folders
        // ("No Folder Opened"); a reload read them. Reload once when that view shows, and say so.
        const folders = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'deploy-config' }).first();
        const empty = page.locator('.part.sidebar', { hasText: 'No Folder Opened' }).first();
        await folders.or(empty).waitFor({ timeout: 60_000 });
        if (await empty.isVisible()) {
          log('ui: the workbench opened the workspace without its folders; reloading once');
          await page.reload();
          await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        }
        for (const name of ['deploy-config', 'job-library']) {
          await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60_000 });
        }
      },
    ],
    [
      'the status bar shows the jobs and problem counts',
      async () => {
        // Indexing first, then the totals; a server that failed to start says so for good.
        const item = page.locator('.statusbar-item', { hasText: STATUS }).or(page.locator('.statusbar-item', { hasText: /Zuul:.*server failed/ })).first();
        await item.waitFor({ timeout: 90_000 });
        const text = (await item.innerText()).trim();
        if (!STATUS.test(text)) throw new Error(`status bar says "${text}", expected ${STATUS}`);
        return text;
      },
    ],
    [
      'deploy-config/zuul.d/jobs.yaml opens in the zuul language mode',
      async () => {
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 300 } });
        // Two repos have one: take deploy-config's.
        await quickOpen('zuul.d/jobs.yaml', 'deploy-config', jobs);
        const shown = await waitForEditor(page, { path: jobs, mode: 'zuul' });
        return `language ${shown.mode}`;
      },
    ],
    [
      `the mistake "${MISTAKE}" is underlined as an error, and only that word`,
      async () => {
        // Word and squiggle are measured in one go in the page, so a layout change cannot fall between them.
        const { word, squiggle } = await waitInPage(page, `an error squiggle over "${MISTAKE}" on line ${MISTAKE_AT.line}`, squiggleUnderWord, { path: jobs, line: MISTAKE_AT.line, word: MISTAKE }, 60_000);
        // The underline covers the key, not the line.
        if (Math.abs(squiggle.width - word.width) > word.width * 0.25) throw new Error(`squiggle ${squiggle.width}px wide, the word ${word.width}px`);
        await shot('ui-squiggle.png');
        return `squiggle ${Math.round(squiggle.width)}px under a ${Math.round(word.width)}px word`;
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
        // Back to the editor (the Problems panel has the focus), and the mistake back into view.
        await page.locator('.part.editor .tab.active[data-resource-name="jobs.yaml"]').click();
        const hover = await hoverOn(MISTAKE_AT, MISTAKE, MESSAGE);
        const text = (await hover.innerText()).replace(/\s+/g, ' ');
        if (!text.includes('Did you mean "timeout"')) throw new Error(`hover says "${text}"`);
        await shot('ui-hover.png');
        return text.slice(0, 120);
      },
    ],
    [
      'the light bulb on a missing dependency applies "Add dependency on deploy-bootstrap-bastion"',
      async () => {
        await page.keyboard.press('Escape');
        await quickOpen('zuul.d/services.yaml', 'deploy-config', services);
        await goToLine(services, QUICKFIX_AT);
        // The light bulb of that line (not one left from where the cursor was): a click shows the actions it was computed with.
        await waitInPage(page, `the light bulb on line ${QUICKFIX_AT.line}`, lightBulbOnLine, { path: services, line: QUICKFIX_AT.line }, 30_000);
        await page.locator('.part.editor .lightBulbWidget:visible').first().click();
        const item = page
          .locator('.action-widget .monaco-list-row', { hasText: QUICKFIX_TITLE })
          .filter({ hasNotText: '(soft)' })
          .first();
        await item.waitFor({ timeout: 15_000 });
        await shot('ui-quickfix-menu.png');
        await item.click();
        await page.locator('.part.editor .view-line', { hasText: /^\s*dependencies:\s*$/ }).first().waitFor({ timeout: 15_000 });
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
        const frame = graphFrame();
        const node = frame.locator(`g.node[data-id="${GRAPH_JOB}"]`);
        await node.waitFor({ timeout: 60_000 });
        await frame.locator('g.node.bootstrap').first().waitFor({ timeout: 15_000 });
        await node.click();
        // The definition is open and selected, whether or not the focus left the graph.
        const shown = await waitForEditor(page, { path: jobs, cursorLine: GRAPH_JOB_LINE, selectedLine: GRAPH_JOB_LINE });
        return `${GRAPH_JOB} opened: ${JOBS} with line ${shown.cursorLine} selected`;
      },
    ],
    [
      'hovering a job name shows its description and its parent chain into job-library',
      async () => {
        // The Problems panel and the graph's panel go, for a picture of the editor alone.
        await page.keyboard.press('Control+J');
        await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 15_000 });
        const graphTab = page.locator('.part.editor .tab', { hasText: 'Zuul Job Graph' }).first();
        await graphTab.hover();
        await graphTab.locator('.tab-actions .action-label').first().click();
        await graphTab.waitFor({ state: 'detached', timeout: 15_000 });
        const hover = await hoverJob();
        const text = (await hover.innerText()).replace(/\s+/g, ' ');
        if (!text.includes(HOVER_CHAIN)) throw new Error(`hover says "${text}", without the chain ${HOVER_CHAIN}`);
        await shot('ui-hover-job.png');
        return text.slice(0, 120);
      },
    ],
    [
      'the job hover\'s "Show effective job" link opens what Zuul freezes for the job beside the editor',
      async () => {
        const hover = await hoverJob();
        await hover.locator('a', { hasText: 'Show effective job' }).first().click();
        const tab = page.locator('.part.editor .tab', { hasText: `${GRAPH_JOB}.effective.yaml` }).first();
        await tab.waitFor({ timeout: 15_000 });
        const line = page.locator('.part.editor .view-line', { hasText: `job: ${GRAPH_JOB}` }).first();
        await line.waitFor({ timeout: 15_000 });
        // The document, not the hover over it, for the picture.
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await page.locator('.monaco-hover:visible').first().waitFor({ state: 'hidden', timeout: 15_000 });
        await shot('ui-effective-job.png');
        const title = (await tab.innerText()).replace(/\s+/g, ' ');
        await tab.hover();
        await tab.locator('.tab-actions .action-label').first().click();
        await tab.waitFor({ state: 'detached', timeout: 15_000 });
        return `opened ${title}`;
      },
    ],
    [
      'F12 on a parent opens job-library\'s file at the parent job\'s name',
      async () => {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await goToLine(jobs, PARENT_AT);
        await page.keyboard.press('F12');
        const shown = await waitForEditor(page, { path: libraryJobs, cursorLine: PARENT_NAME_LINE });
        const tab = await page.locator('.part.editor .tab.active').first().getAttribute('data-resource-name');
        return `${LIBRARY_JOBS} line ${shown.cursorLine}, active tab ${tab}`;
      },
    ],
    [
      `Shift+F12 on ${LINT_JOB} shows its references from both repositories in the peek view`,
      async () => {
        await goToLine(libraryJobs, LINT_AT);
        await page.keyboard.press('Shift+F12');
        const peek = page.locator('.part.editor .reference-zone-widget:visible').first();
        await peek.waitFor({ timeout: 15_000 });
        const tree = peek.locator('.ref-tree');
        // A row per file, each with its folder: both repos are there.
        for (const repo of ['deploy-config', 'job-library']) await tree.locator('.monaco-list-row', { hasText: repo }).first().waitFor({ timeout: 15_000 });
        const text = (await peek.locator('.peekview-title').innerText()).replace(/\s+/g, ' ');
        if (!/References \(3\)|\b3 references/i.test(text)) throw new Error(`the peek's title says "${text}"`);
        await shot('ui-references.png');
        await page.keyboard.press('Escape');
        await peek.waitFor({ state: 'hidden', timeout: 15_000 });
        return text;
      },
    ],
    [
      `F2 renames ${LINT_JOB} to ${LINT_RENAMED} in both repositories`,
      async () => {
        await goToLine(libraryJobs, LINT_AT);
        await page.keyboard.press('F2');
        const input = page.locator('.part.editor .rename-box input').first();
        await input.waitFor({ timeout: 15_000 });
        // The box shows before it takes the keyboard: typed earlier, the keys would edit the file.
        await page.waitForFunction((el) => el.ownerDocument.activeElement === el, await input.elementHandle(), { timeout: 15_000 });
        if ((await input.inputValue()) !== LINT_JOB) throw new Error(`the rename box offers "${await input.inputValue()}"`);
        await page.keyboard.press('Control+A');
        await page.keyboard.type(LINT_RENAMED);
        await shot('ui-rename.png');
        await page.keyboard.press('Enter');
        await input.waitFor({ state: 'hidden', timeout: 15_000 });
        await page.locator('.part.editor .view-line', { hasText: `name: ${LINT_RENAMED}` }).first().waitFor({ timeout: 15_000 });
        // On disk, every file that named the job, once everything is saved.
        await runCommand('File: Save All');
        const changed = await waitForFiles(LINT_FILES.map(inWorkspace), (text) => text.includes(LINT_RENAMED) && !text.includes(LINT_JOB));
        return `changed on disk: ${changed.map((p) => p.slice(dirname(workspaceFile).length + 1)).join(', ')}`;
      },
    ],
    [
      'Ctrl+Space on a new line of a job stanza offers timeout with its documentation (needs the completion provider)',
      async () => {
        // Its tab is open since the hover; Quick Open could pick job-library's jobs.yaml while its list re-sorts.
        await focusTab(jobs);
        await goToLine(jobs, COMPLETION_AFTER);
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await waitForEditor(page, { path: jobs, cursorLine: COMPLETION_AFTER.line + 1 });
        try {
          await page.keyboard.press('Control+Space');
          const widget = page.locator('.part.editor .suggest-widget:visible').first();
          await widget.locator('.monaco-list-row').first().waitFor({ timeout: 15_000 }).catch(() => {
            throw new Error('no suggestions at all: the server offers no completion (it comes with the completion branch of issue 10)');
          });
          // Narrowed as a person types: the attribute is then the focused suggestion.
          await page.keyboard.type('timeo');
          await widget.locator('.monaco-list-row.focused', { hasText: /^\s*timeout\b/ }).first().waitFor({ timeout: 15_000 }).catch(() => {
            throw new Error('no "timeout" among the suggestions: the server offers no completion (it comes with the completion branch of issue 10)');
          });
          // The documentation beside the list: a fresh profile has it folded away, and Ctrl+Space unfolds it.
          if (!(await widget.evaluate((el) => el.classList.contains('shows-details')))) await page.keyboard.press('Control+Space');
          const docs = page.locator('.part.editor .suggest-details:visible .docs').first();
          await docs.waitFor({ timeout: 15_000 }).catch(() => {
            throw new Error('"timeout" is suggested without documentation (a word of the file, not the server\'s attribute)');
          });
          const doc = (await docs.innerText()).trim();
          if (!doc) throw new Error('"timeout" is suggested with empty documentation');
          await shot('ui-completion.png');
          return doc.replace(/\s+/g, ' ').slice(0, 120);
        } finally {
          // The typed line goes again.
          await page.keyboard.press('Escape');
          await runCommand('File: Revert File');
        }
      },
      { recover: () => page.keyboard.press('Escape') },
    ],
    [
      'the Outline lists the jobs of the file (needs the document symbols)',
      async () => {
        await page.keyboard.press('Escape');
        await focusTab(jobs);
        await runCommand('Explorer: Focus on Outline View');
        const outline = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /outline/i }) }).first();
        for (const job of [GRAPH_JOB, 'deploy-service-mail', 'deploy-bootstrap-bastion']) {
          await outline.locator('.monaco-list-row', { hasText: job }).first().waitFor({ timeout: 15_000 }).catch(() => {
            throw new Error(`the Outline does not list ${job}: the server offers no document symbols (they come with the structure branch of issue 10)`);
          });
        }
        // The folders' pane folds away, so that the Outline takes the side bar's height.
        const folders = page.locator('.part.sidebar .pane-header', { hasText: 'e2e (Workspace)' }).first();
        await folders.click();
        await page.locator('.part.sidebar .pane-header[aria-expanded="false"]', { hasText: 'e2e (Workspace)' }).first().waitFor({ timeout: 15_000 });
        await outline.locator('.monaco-list-row', { hasText: 'deploy-service-mail' }).first().waitFor({ state: 'visible', timeout: 15_000 });
        await shot('ui-outline.png');
        const rows = (await outline.locator('.monaco-list-row').allInnerTexts()).map((t) => t.trim());
        return rows.join(' | ').slice(0, 160);
      },
      { recover: () => page.keyboard.press('Escape') },
    ],
    [
      'the example workspace: the deploy graph shows the job that does not wait for the bootstrap job',
      async () => {
        // Leaving a window with an unsaved buffer (the quick fix above) asks first: yes, leave.
        page.on('dialog', (d) => void d.accept().catch(() => {}));
        await page.goto(`${base}/?folder=${encodeURIComponent(examplesFolder)}`);
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'system-config' }).first().waitFor({ timeout: 60_000 });
        await page.locator('.statusbar-item', { hasText: /Zuul: \d+ jobs/ }).first().waitFor({ timeout: 60_000 });
        const project = join(examplesFolder, EXAMPLE_PROJECT);
        await quickOpen(EXAMPLE_PROJECT, 'system-config', project);
        // The lens above the deploy pipeline's jobs: opens that pipeline's graph.
        const lens = page.locator('.part.editor .codelens-decoration a', { hasText: 'Show job graph' }).first();
        await lens.waitFor({ timeout: 30_000 });
        await lens.click();
        const frame = graphFrame();
        await frame.locator('g.node.bootstrap[data-id="infra-prod-bootstrap-bridge"]').waitFor({ timeout: 60_000 });
        // The story's mistake shows: infra-prod-service-zuul starts in wave 1 beside the bootstrap job, marked with its warning.
        await frame.locator('g.node.warning[data-id="infra-prod-service-zuul"]').waitFor({ timeout: 15_000 });
        const waves = await frame.locator('text.wave').allTextContents();
        if (!/^wave 1: 2 jobs/.test(waves[0] ?? '') || waves.length < 3) throw new Error(`waves: ${waves.join(' | ')}`);
        // For the README: the graph alone, fitted to the window. The side bar goes...
        await page.keyboard.press('Control+B');
        await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 15_000 });
        // ...and the YAML editor: its group goes, and the graph's group takes the width. By keyboard:
        // a mouse left on the tabs would leave a tab's tooltip in the picture.
        await page.keyboard.press('Control+1');
        await page.locator('.editor-group-container.active .tab.active[data-resource-name="project.yaml"]').waitFor({ timeout: 15_000 });
        await page.keyboard.press('Control+W');
        await page.locator('.tab', { hasText: 'project.yaml' }).first().waitFor({ state: 'detached', timeout: 15_000 });
        const width = (await page.locator('.part.editor').boundingBox())?.width ?? 0;
        await waitInPage(page, 'the graph panel to take the editor area\'s width', webviewWiderThan, width - 8);
        const graphPage = await contentOf(await contentOf(page.mainFrame(), 'iframe.webview.ready'), 'iframe#active-frame');
        await waitInFrame(graphPage, 'the graph page to be laid out at that width', (w) => globalThis.innerWidth >= w, width - 8);
        await frame.locator('button', { hasText: 'Fit' }).first().click();
        const fitted = await waitInFrame(graphPage, 'the graph to fit the panel, every job inside it', graphFitted);
        await page.locator('.workbench-hover:visible, .monaco-hover:visible').first().waitFor({ state: 'hidden', timeout: 15_000 });
        await shot('ui-graph.png');
        return `${waves.join(' | ')}; ${fitted}`;
      },
    ],
    [
      'the graph panel at 400 and 1400 px in the light, dark and high-contrast themes: labels readable, no edge through a box, the legend shown, the critical path in its own colour',
      async () => {
        const graphPage = async () => contentOf(await contentOf(page.mainFrame(), 'iframe.webview.ready'), 'iframe#active-frame');
        /** Picks a theme with "Preferences: Color Theme"; returns the one it replaces (the picker opens on it). */
        const pickTheme = async (label) => {
          // The workbench, not the webview, takes the keys: a click on the activity bar's empty part moves the focus there.
          await page.mouse.click(26, 500);
          // "Preferences: Color Theme" by its keys (typed into the palette, its name also matches the marketplace's command, listed first).
          await page.keyboard.press('Control+K');
          await page.keyboard.press('Control+T');
          await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
          const current = page.locator('.quick-input-list .monaco-list-row.focused .label-name').first();
          await current.waitFor({ timeout: 15_000 });
          const was = (await current.innerText()).trim();
          await page.keyboard.type(label);
          await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first().waitFor({ timeout: 15_000 });
          await page.keyboard.press('Enter');
          await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
          return was;
        };
        const original = await pickTheme(THEMES[0].label);
        try {
          return (await graphInThemes({ page, settingsFile, graphPage, pickTheme, shot, waitInFrame })).join(' | ');
        } finally {
          await pickTheme(original).catch(() => setUserSetting(settingsFile, 'workbench.colorTheme', undefined));
          await page.setViewportSize({ width: 1280, height: 800 });
        }
      },
    ],
    [
      'the graph\'s changed-files mode greys out the deploy jobs an uncommitted change to the bootstrap playbook does not run',
      async () => {
        const frame = graphFrame();
        const button = frame.locator('#changes');
        const skipped = frame.locator('g.node.skipped[data-id="infra-prod-service-zuul"]');
        // The git extension finds the checkout's change a moment after the window opens: ask again until it has.
        for (let i = 0; ; i++) {
          await button.click();
          if (await skipped.waitFor({ timeout: 10_000 }).then(() => true, () => false)) break;
          if (i === 5) throw new Error(`no job greyed out; the status says ${await frame.locator('#status').textContent()}`);
          await button.click();
        }
        await frame.locator('g.node.pulled[data-id="infra-prod-bootstrap-bridge"]').waitFor({ timeout: 15_000 });
        await frame.locator('button', { hasText: 'Fit' }).first().click();
        await shot('ui-graph-changes.png');
        return (await frame.locator('#status').textContent()) ?? '';
      },
    ],
  ];

  // After a failure the page is in an unknown state and the later steps are not
  // run, unless the failed step can put it back (`recover`).
  let ok = true;
  for (const [label, fn, { recover } = {}] of steps) {
    if (!ok) {
      check(false, label, 'not reached');
      continue;
    }
    try {
      const detail = await fn();
      check(true, label, typeof detail === 'string' ? detail : undefined);
    } catch (e) {
      check(false, label, (e instanceof Error ? e.message : String(e)).split('\n')[0]);
      await shot('ui-failure.png').catch(() => {});
      ok = recover ? await recover().then(() => true, () => false) : false;
    }
  }
  await context.close();
  return { ok };
}

// --- reading the page -----------------------------------------------------------
// The functions below run in the page (sent as source): they use nothing from
// this module, and reach the editors through `views`, which is editorViews.

/**
 * In the page: the editors on screen. Each reports its file's path, language,
 * cursor line, the lines with selected text and how many CodeLenses it shows;
 * `el`, `lineBox(n)` and `wordBox(n, word)` are there for the probes, not for reports.
 */
function editorViews() {
  const views = [];
  for (const el of globalThis.document.querySelectorAll('.part.editor [data-uri]')) {
    if (!el.checkVisibility()) continue;
    let path;
    try {
      path = decodeURIComponent(new URL(el.getAttribute('data-uri')).pathname);
    } catch {
      continue;
    }
    const numbers = [...el.querySelectorAll('.line-numbers')];
    const numberOf = (e) => Number(e.textContent.trim());
    const lineBox = (n) => numbers.find((e) => numberOf(e) === n)?.getBoundingClientRect();
    const lineAt = (y) => {
      const e = numbers.find((x) => {
        const r = x.getBoundingClientRect();
        return y >= r.top && y < r.bottom;
      });
      return e ? numberOf(e) : undefined;
    };
    const selected = new Set();
    for (const s of el.querySelectorAll('.selected-text')) {
      const r = s.getBoundingClientRect();
      const n = r.width > 0 ? lineAt((r.top + r.bottom) / 2) : undefined;
      if (n !== undefined) selected.add(n);
    }
    const active = el.querySelector('.line-numbers.active-line-number');
    const wordBox = (n, word) => {
      const lb = lineBox(n);
      if (!lb) return undefined;
      const line = [...el.querySelectorAll('.view-line')].find((l) => {
        const r = l.getBoundingClientRect();
        return Math.abs((r.top + r.bottom) / 2 - (lb.top + lb.bottom) / 2) < 2;
      });
      if (!line) return undefined;
      const walker = globalThis.document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const i = t.textContent.indexOf(word);
        if (i < 0) continue;
        const range = globalThis.document.createRange();
        range.setStart(t, i);
        range.setEnd(t, i + word.length);
        const b = range.getBoundingClientRect();
        return b.width > 0 ? { x: b.x, y: b.y, width: b.width, height: b.height } : undefined;
      }
      return undefined;
    };
    const view = {
      path,
      mode: el.closest('[data-mode-id]')?.getAttribute('data-mode-id') ?? undefined,
      cursorLine: active ? numberOf(active) : undefined,
      selectedLines: [...selected],
      lenses: el.querySelectorAll('.codelens-decoration').length,
    };
    Object.defineProperties(view, { el: { value: el }, lineBox: { value: lineBox }, wordBox: { value: wordBox } });
    views.push(view);
  }
  return views;
}

/** In the page: the editor showing want.path with every state `want` names (language, cursor line, a selection on a line, CodeLenses). */
function editorMatching(want, views) {
  return views().find(
    (v) =>
      v.path === want.path &&
      (want.mode === undefined || v.mode === want.mode) &&
      (want.cursorLine === undefined || v.cursorLine === want.cursorLine) &&
      (want.selectedLine === undefined || v.selectedLines.includes(want.selectedLine)) &&
      (!want.lenses || v.lenses > 0),
  );
}

/** In the page: the box of `word` on line `line` of the editor showing `path`. */
function wordOnLine({ path, line, word }, views) {
  return views().find((v) => v.path === path)?.wordBox(line, word);
}

/** In the page: that word's box and the error squiggle on its line that overlaps it most. */
function squiggleUnderWord({ path, line, word }, views) {
  const v = views().find((x) => x.path === path);
  const box = v?.wordBox(line, word);
  if (!box) return undefined;
  let best;
  for (const s of v.el.querySelectorAll('.squiggly-error')) {
    const b = s.getBoundingClientRect();
    const sameLine = Math.abs(b.y + b.height / 2 - (box.y + box.height / 2)) < box.height;
    const overlap = Math.min(b.x + b.width, box.x + box.width) - Math.max(b.x, box.x);
    if (sameLine && overlap > 0 && (!best || overlap > best.overlap)) best = { x: b.x, y: b.y, width: b.width, height: b.height, overlap };
  }
  return best && { word: box, squiggle: best };
}

/** In the page: the light bulb shown on line `line` of the editor showing `path`, where the cursor is. */
function lightBulbOnLine({ path, line }, views) {
  const v = views().find((x) => x.path === path && x.cursorLine === line);
  const lb = v?.lineBox(line);
  if (!lb) return undefined;
  for (const b of globalThis.document.querySelectorAll('.part.editor .lightBulbWidget')) {
    const r = b.getBoundingClientRect();
    const middle = (r.top + r.bottom) / 2;
    if (b.checkVisibility() && r.height > 0 && middle >= lb.top && middle < lb.bottom) return { x: r.x, y: r.y };
  }
  return undefined;
}

/** In the page: the job graph's webview, once it is at least `min` pixels wide. */
function webviewWiderThan(min) {
  const w = globalThis.document.querySelector('iframe.webview.ready')?.getBoundingClientRect().width ?? 0;
  return w >= min && w;
}

/** In the graph's page, once fitted: every job's box lies inside the canvas, and the graph fills most of it along one side. */
function graphFitted() {
  const doc = globalThis.document;
  const canvas = doc.getElementById('canvas');
  const viewport = doc.querySelector('g.viewport');
  const nodes = [...doc.querySelectorAll('g.node')];
  if (!canvas || !viewport || nodes.length === 0) return false;
  const c = canvas.getBoundingClientRect();
  const g = viewport.getBoundingClientRect();
  const inside = nodes.every((n) => {
    const r = n.getBoundingClientRect();
    return r.width > 0 && r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
  });
  const fill = Math.max(g.width / c.width, g.height / c.height);
  return inside && fill >= 0.8 && `fills ${Math.round(fill * 100)}% of the panel`;
}

// --- waiting ----------------------------------------------------------------------

/** Polls `probe(arg, editorViews)` in the page until it returns something truthy, and returns that; on a timeout, says what the editors showed. */
async function waitInPage(page, what, probe, arg, timeout = 15_000) {
  try {
    const handle = await page.waitForFunction(`(${probe})(${JSON.stringify(arg)}, ${editorViews})`, undefined, { timeout });
    return await handle.jsonValue();
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'TimeoutError') throw e;
    const seen = await page.evaluate(`JSON.stringify((${editorViews})())`).catch(() => '?');
    throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}; editors on screen: ${seen}`, { cause: e });
  }
}

/** Waits until an editor shows want.path in every state `want` names, and returns that editor's report. */
function waitForEditor(page, want, timeout = 15_000) {
  const { path, ...state } = want;
  return waitInPage(page, `an editor showing ${path}${Object.keys(state).length ? ` with ${JSON.stringify(state)}` : ''}`, editorMatching, want, timeout);
}

/** Whether an editor on screen shows `path` now. */
async function editorShown(page, path) {
  return page.evaluate(`(${editorMatching})(${JSON.stringify({ path })}, ${editorViews}) !== undefined`);
}

/** Polls files on disk until each one's text satisfies `ok`; returns their paths. */
async function waitForFiles(paths, ok, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const bad = paths.filter((p) => !ok(readFileSync(p, 'utf8')));
    if (bad.length === 0) return paths;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${bad.join(', ')} to change on disk`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The document of the iframe that `selector` finds in `frame`. */
async function contentOf(frame, selector) {
  const inner = await (await frame.locator(selector).elementHandle()).contentFrame();
  if (!inner) throw new Error(`${selector} has no document`);
  return inner;
}

/** Polls `probe(arg)` in a frame (a webview's page) until it is truthy, and returns that. */
async function waitInFrame(frame, what, probe, arg, timeout = 15_000) {
  try {
    return await (await frame.waitForFunction(probe, arg, { timeout })).jsonValue();
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'TimeoutError') throw e;
    throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`, { cause: e });
  }
}
