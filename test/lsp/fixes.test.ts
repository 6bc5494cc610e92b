// Golden quick fixes over the protocol: for each case of test/fixtures/fixes
// the built server reports the finding, answers textDocument/codeAction for
// that diagnostic, and the action picked by its exact title, applied by the
// client, gives the expected file byte for byte; after didChange the finding
// is gone and nothing new appeared anywhere in the workspace.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { LspClient, fileUri, removeDir } from '../helpers/lspClient';
import { applyFileEdits, workspaceEditToFileEdits } from '../helpers/applyEdits';
import { copyCase, identity, listFixCases, newFindings, pickFinding } from '../helpers/fixCases';
import { STATUS_NOTIFICATION, type ZuulStatus } from '../../protocol/src';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));

/** Every published diagnostic of the workspace, as `file: rule: underlined text`, sorted. */
function identities(client: LspClient, read: (path: string) => string): string[] {
  const out: string[] = [];
  for (const [uri, diags] of client.diagnostics) {
    const path = fileURLToPath(uri);
    let text = '';
    try {
      text = read(path);
    } catch {
      // A file that is gone has no text under its diagnostics.
    }
    for (const d of diags) out.push(`${path}: ${identity(d.code, d.range, text)}`);
  }
  return out.sort();
}

/** Waits until the server has published `uri` at `version` and then reported itself ready again. */
async function settled(client: LspClient, uri: string, version: number, from: number): Promise<void> {
  let at = -1;
  await client.waitFor(
    () => {
      at = client.notifications.findIndex((n, i) => i >= from && n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string; version?: number }).uri === uri && (n.params as { version?: number }).version === version);
      return at >= 0;
    },
    15_000,
    `diagnostics of ${uri} at version ${version}`,
  );
  await client.waitForNotification<ZuulStatus>(STATUS_NOTIFICATION, (s) => s.state === 'ready', 15_000, at + 1);
}

for (const c of listFixCases()) {
  test(`code action ${c.name}: "${c.title}"`, async () => {
    const dir = copyCase(c);
    const client = new LspClient();
    cleanups.push(() => {
      client.kill();
      removeDir(dir);
    });
    await client.initialize(dir);
    await client.ready();

    const texts = new Map<string, string>();
    const read = (p: string) => texts.get(p) ?? readFileSync(p, 'utf8');
    const versions = new Map<string, number>();
    const open = async (path: string) => {
      const uri = fileUri(path);
      if (versions.has(uri)) return;
      const from = client.notifications.length;
      versions.set(uri, 1);
      client.open(uri, read(path), 1);
      await settled(client, uri, 1, from);
    };

    const path = join(dir, c.file);
    const uri = fileUri(path);
    await open(path);
    const diags = await client.waitForDiagnostics(uri, (d) => !!pickFinding(c, d, (x) => x.code));
    const diag = pickFinding(c, diags, (x) => x.code) as Diagnostic;

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    });
    const titles = actions.map((a) => `${a.isPreferred ? '* ' : ''}${a.title}`);
    if (c.offered) {
      // The case's fixes, in its order; other providers (suppress, ...) may offer more.
      const ours = titles.filter((t) => c.offered!.includes(t));
      assert.deepEqual(ours, c.offered, `offered: ${JSON.stringify(titles)}`);
    }
    const action = actions.find((a) => a.title === c.title);
    assert.ok(action?.edit, `no action titled "${c.title}" with an edit; offered: ${JSON.stringify(titles)}`);
    for (const a of actions) assert.deepEqual(a.diagnostics?.map((d) => [d.code, d.range]), [[diag.code, diag.range]], `${a.title}: the diagnostic it fixes`);

    const edits = workspaceEditToFileEdits(action.edit);
    const next = applyFileEdits(edits, read);
    const rel = (p: string) => relative(dir, p).split(sep).join('/');
    assert.deepEqual([...next.keys()].map(rel).sort(), [...c.expected.keys()].sort(), 'the files the action edits');
    for (const [file, expected] of c.expected) assert.equal(next.get(join(dir, file)), expected, `${file} after "${c.title}"`);

    for (const file of next.keys()) await open(file);
    const before = identities(client, read);
    const fixed = `${path}: ${identity(diag.code, diag.range, read(path))}`;
    assert.ok(before.includes(fixed));

    for (const [file, text] of next) {
      const fileU = fileUri(file);
      const version = versions.get(fileU)! + 1;
      versions.set(fileU, version);
      texts.set(file, text);
      const from = client.notifications.length;
      client.change(fileU, text, version);
      await settled(client, fileU, version, from);
    }
    const now = identities(client, read);
    assert.ok(!now.includes(fixed), `the diagnostic is still there: ${fixed}`);
    assert.deepEqual(newFindings(before, now, fixed), [], 'no new diagnostic');
    await client.shutdown();
  });
}
