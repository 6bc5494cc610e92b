// `zuul.addExternalName`: the client half of the "Declare X as defined outside
// the workspace" quick fix. The server cannot change editor settings, so its
// code action carries this command, which appends the name to the
// `zuul.externalNames` setting of the workspace. Not shown in the command
// palette (package.json hides it): it needs a name as its argument.
import * as vscode from 'vscode';
import { ADD_EXTERNAL_NAME_COMMAND } from '../../protocol/src';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Adds `name` to zuul.externalNames; false when it is not a name or is already declared. */
export async function addExternalName(name: unknown): Promise<boolean> {
  if (typeof name !== 'string' || name.trim() === '') return false;
  const config = vscode.workspace.getConfiguration('zuul');
  const list = strings(config.get<unknown>('externalNames'));
  // The deprecated zuul.externalJobs is still read by the server: a name there is declared already.
  if (list.includes(name) || strings(config.get<unknown>('externalJobs')).includes(name)) return false;
  // Without a folder open there is no workspace scope to write to.
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  try {
    await config.update('externalNames', [...list, name], target);
  } catch (e) {
    void vscode.window.showErrorMessage(`Zuul: could not add "${name}" to zuul.externalNames: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  return true;
}

export function registerExternalNames(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(ADD_EXTERNAL_NAME_COMMAND, (name: unknown) => addExternalName(name)));
}
