// Shared by the extension-host tests. Only the `vscode` API (and node:assert) is
// used at run time; the extension's API type is imported for type checking only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ZuulExtensionApi } from '../../../client/src/extension';

export type { ZuulExtensionApi };
export const EXTENSION_ID = 'zuul-authoring.zuul-authoring';

/** How long a condition may take before a test fails (server start, indexing, a re-check). */
export const WAIT_MS = 20_000;

/**
 * Polls `probe` until it returns something other than undefined/false/null,
 * and returns that. Fails after `ms` with `what` and the last `explain()`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  explain: () => string = () => '',
  ms = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) {
      const why = explain();
      throw new Error(`timed out after ${ms} ms waiting for ${what}${why ? `; last seen: ${why}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The workspace folder of that name (deploy-config, job-library). */
export function folder(name: string): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  if (!f) throw new Error(`no workspace folder ${name}; folders: ${vscode.workspace.workspaceFolders?.map((w) => w.name).join(', ')}`);
  return f.uri;
}

export function file(folderName: string, ...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(folder(folderName), ...segments);
}

/** A diagnostic's rule id, whether `code` is a plain value or `{value, target}`. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function zuulDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'zuul' && (rule === undefined || ruleOf(d) === rule));
}

/** Every zuul diagnostic in the workspace, by URI. */
export function allZuulDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, ds]): [vscode.Uri, vscode.Diagnostic[]] => [uri, ds.filter((d) => d.source === 'zuul')])
    .filter(([, ds]) => ds.length > 0);
}

export function show(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return 'no diagnostics';
  return ds
    .map((d) => `${ruleOf(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${vscode.DiagnosticSeverity[d.severity]}`)
    .join('; ');
}

export function showAll(): string {
  const all = allZuulDiagnostics();
  return all.length ? all.map(([u, ds]) => `${vscode.workspace.asRelativePath(u)}: ${show(ds)}`).join(' | ') : 'no diagnostics anywhere';
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The range of the first occurrence of `needle` in `text` (0-based, like VS Code's). */
export function rangeOf(text: string, needle: string, occurrence = 0): vscode.Range {
  let at = text.indexOf(needle);
  for (let i = 0; i < occurrence && at >= 0; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not found in the fixture`);
  const before = text.slice(0, at).split('\n');
  const line = before.length - 1;
  const character = before[line].length;
  return new vscode.Range(line, character, line, character + needle.length);
}

export function sameRange(a: vscode.Range, b: vscode.Range): boolean {
  return a.start.isEqual(b.start) && a.end.isEqual(b.end);
}

export function extension(): vscode.Extension<ZuulExtensionApi> {
  const ext = vscode.extensions.getExtension<ZuulExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed; have: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
  return ext;
}

// Each test file is its own bundle with its own copy of this module: the
// shared promise lives on the global object.
const READY = Symbol.for('zuul-authoring.e2e.serverReady');
const shared = globalThis as { [READY]?: Promise<ZuulExtensionApi> };

/**
 * The extension's API once the server has indexed the workspace. Waited for
 * once per run: when the server never reports, every test that needs it fails
 * at once with the same reason instead of each waiting out its own timeout.
 */
export function serverReady(): Promise<ZuulExtensionApi> {
  shared[READY] ??= (async () => {
    const api = await extension().activate();
    await waitFor(
      'the language server to report a complete index (zuul/status with state "ready")',
      () => api.status?.state === 'ready',
      () => JSON.stringify(api.status ?? 'no zuul/status yet'),
      45_000,
    );
    return api;
  })();
  return shared[READY];
}

/**
 * Fails at once, saying which branch is missing, when the server does not
 * advertise `capability` (e.g. completionProvider): tests written ahead of a
 * feature then fail with that reason instead of an empty answer.
 */
export async function requireCapability(capability: string, feature: string): Promise<void> {
  const api = await serverReady();
  const caps = (api.client?.initializeResult?.capabilities ?? {}) as Record<string, unknown>;
  assert.ok(caps[capability], `the server does not advertise ${capability}: ${feature} is not in this build yet`);
}
