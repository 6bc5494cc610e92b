// The changes the built-in git extension knows (staged, unstaged and
// untracked), for "Jobs for These Changes" and the graph's changed-files mode.
// Without the git extension there are none.
import * as vscode from 'vscode';

interface GitChange {
  uri: vscode.Uri;
}
interface GitRepository {
  rootUri: vscode.Uri;
  state: { workingTreeChanges: GitChange[]; indexChanges: GitChange[]; untrackedChanges?: GitChange[] };
}
interface GitApi {
  repositories: GitRepository[];
}

/** The changes the git extension knows, of one repository (by its root) or of all; it is started if it has not yet. */
export async function gitChanges(root?: vscode.Uri): Promise<vscode.Uri[]> {
  const git = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
  if (!git) return [];
  const api = (git.isActive ? git.exports : await git.activate()).getAPI(1);
  const repos = api.repositories.filter((r) => !root || r.rootUri.toString() === root.toString());
  return repos.flatMap((r) => [...r.state.indexChanges, ...r.state.workingTreeChanges, ...(r.state.untrackedChanges ?? [])].map((c) => c.uri));
}
