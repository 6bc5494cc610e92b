// "Zuul: Show Effective Job": asks the server (`zuul/effectiveJob`) what Zuul
// would freeze for the job under the cursor, and shows it as a read-only YAML
// document whose `# from repo/file:line` comments link to the lines they name.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EFFECTIVE_JOB_REQUEST, SHOW_EFFECTIVE_JOB_COMMAND, type EffectiveJobParams } from '../../protocol/src';
import { LANGUAGE_ID } from './languageClient';
import type { ReadOnlyDocs } from './readOnlyDocs';

interface Shown {
  text: string;
  links: vscode.DocumentLink[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPosition = (v: unknown): v is { line: number; character: number } => isObject(v) && isCount(v.line) && isCount(v.character);
const isRange = (v: unknown): v is { start: { line: number; character: number }; end: { line: number; character: number } } => isObject(v) && isPosition(v.start) && isPosition(v.end);
const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** What the server answered, checked before use: the text, and the links whose targets are file URIs. */
export function toShown(raw: unknown): Shown | { error: string } {
  if (!isObject(raw)) return { error: 'the server sent no answer' };
  if (typeof raw.error === 'string') return { error: raw.error };
  if (typeof raw.text !== 'string') return { error: 'the server sent no text' };
  const links: vscode.DocumentLink[] = [];
  for (const l of Array.isArray(raw.links) ? raw.links : []) {
    if (!isObject(l) || !isRange(l.range) || !isRange(l.target) || typeof l.uri !== 'string') continue;
    let target: vscode.Uri;
    try {
      target = vscode.Uri.parse(l.uri, true);
    } catch {
      continue;
    }
    if (target.scheme !== 'file') continue;
    const link = new vscode.DocumentLink(toRange(l.range), target.with({ fragment: `L${l.target.start.line + 1},${l.target.start.character + 1}` }));
    link.tooltip = 'Open the line that sets this value';
    links.push(link);
  }
  return { text: raw.text, links };
}

/** The cursor's job when a Zuul file is active; else the job (and branch) typed in. */
async function paramsFor(args: EffectiveJobParams | undefined): Promise<EffectiveJobParams | undefined> {
  if (args && (args.job !== undefined || args.uri !== undefined)) return args;
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === LANGUAGE_ID) {
    const p = editor.selection.active;
    return { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character } };
  }
  const job = await vscode.window.showInputBox({ title: 'Zuul: Show Effective Job', prompt: 'Job name', ignoreFocusOut: true });
  if (!job) return undefined;
  const branch = await vscode.window.showInputBox({ title: 'Zuul: Show Effective Job', prompt: 'Branch (empty: any branch)', ignoreFocusOut: true });
  return branch ? { job, branch } : { job };
}

export function registerEffectiveJobView(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, docs: ReadOnlyDocs): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_EFFECTIVE_JOB_COMMAND, async (args?: EffectiveJobParams) => {
      const c = client();
      if (!c) {
        void vscode.window.showErrorMessage('Zuul: the language server is not running.');
        return undefined;
      }
      const params = await paramsFor(args);
      if (!params) return undefined;
      const answer = toShown(await c.sendRequest(EFFECTIVE_JOB_REQUEST, params));
      if ('error' in answer) {
        void vscode.window.showWarningMessage(`Zuul: ${answer.error}`);
        return undefined;
      }
      const job = /^job: (.+)$/m.exec(answer.text)?.[1] ?? 'job';
      return docs.show(`${job}.effective.yaml`, answer.text, answer.links, 'yaml');
    }),
  );
}
