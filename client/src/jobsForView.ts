// "Zuul: Jobs for These Changes": from Source Control (the selected changes,
// or every change of the repository), the palette (every change git knows)
// or a caller's list of files, asks the server (`zuul/jobsForChanges`) which
// jobs they run and shows the answer read-only beside the editor.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { JOBS_FOR_CHANGES_COMMAND, JOBS_FOR_CHANGES_REQUEST, type JobsForChangesParams } from '../../protocol/src';
import type { ReadOnlyDocs } from './readOnlyDocs';
import { gitChanges } from './gitChanges';

const isState = (v: unknown): v is vscode.SourceControlResourceState => !!v && typeof v === 'object' && (v as { resourceUri?: unknown }).resourceUri instanceof vscode.Uri;

/** The files the command was run on, from whichever place called it. */
async function filesOf(args: unknown[]): Promise<string[]> {
  const [first, second] = args;
  if (first && typeof first === 'object' && Array.isArray((first as JobsForChangesParams).files)) return (first as JobsForChangesParams).files.filter((f) => typeof f === 'string');
  // A Source Control resource: the selection arrives second, the clicked one first.
  const states = Array.isArray(second) ? second.filter(isState) : isState(first) ? [first] : [];
  if (states.length) return states.map((s) => s.resourceUri.toString());
  const root = first && typeof first === 'object' && (first as { rootUri?: unknown }).rootUri instanceof vscode.Uri ? (first as { rootUri: vscode.Uri }).rootUri : undefined;
  const changed = await gitChanges(root).catch(() => []);
  if (changed.length) return [...new Set(changed.map((u) => u.toString()))];
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === 'file' ? [active.toString()] : [];
}

export function registerJobsForView(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, docs: ReadOnlyDocs): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(JOBS_FOR_CHANGES_COMMAND, async (...args: unknown[]) => {
      const c = client();
      if (!c) {
        void vscode.window.showErrorMessage('Zuul: the language server is not running.');
        return undefined;
      }
      const files = await filesOf(args);
      if (!files.length) {
        void vscode.window.showInformationMessage('Zuul: no changed files to look at.');
        return undefined;
      }
      const params: JobsForChangesParams = { files };
      const raw: unknown = await c.sendRequest(JOBS_FOR_CHANGES_REQUEST, params);
      const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      if (typeof r.error === 'string' || typeof r.text !== 'string') {
        void vscode.window.showWarningMessage(`Zuul: ${typeof r.error === 'string' ? r.error : 'the server sent no answer'}`);
        return undefined;
      }
      return docs.show('jobs-for-changes.txt', r.text, [], 'plaintext');
    }),
  );
}
