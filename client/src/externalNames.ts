// `zuul.addExternalName`: the client half of the "Declare X as defined outside
// the workspace" quick fix. The server cannot change editor settings, so its
// code action carries this command, which appends the name to the
// `zuul.externalJobs` setting of the workspace. Not shown in the command
// palette (package.json hides it): it needs a name as its argument.
import * as vscode from 'vscode';
import { ADD_EXTERNAL_NAME_COMMAND } from '../../protocol/src';

/** Adds `name` to zuul.externalJobs; false when it is not a name or is already there. */
export async function addExternalName(name: unknown): Promise<boolean> {
  if (typeof name !== 'string' || name.trim() === '') return false;
  const config = vscode.workspace.getConfiguration('zuul');
  const current = config.get<unknown>('externalJobs');
  const list = Array.isArray(current) ? current.filter((x): x is string => typeof x === 'string') : [];
  if (list.includes(name)) return false;
  // Without a folder open there is no workspace scope to write to.
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  try {
    await config.update('externalJobs', [...list, name], target);
  } catch (e) {
    void vscode.window.showErrorMessage(`Zuul: could not add "${name}" to zuul.externalJobs: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  return true;
}

export function registerExternalNames(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(ADD_EXTERNAL_NAME_COMMAND, (name: unknown) => addExternalName(name)));
}
