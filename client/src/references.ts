// `zuul.showReferences`: the command of the server's "N uses" lens. Its
// arguments arrive as protocol JSON (uri, position, locations); VS Code's
// peek view wants its own types.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SHOW_REFERENCES_COMMAND, type ShowReferencesArgs } from '../../protocol/src';

type WirePosition = ShowReferencesArgs[1];
type WireLocation = ShowReferencesArgs[2][number];

export function registerShowReferences(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, async (uri: unknown, position: unknown, locations: unknown) => {
      const c = client();
      if (!c || typeof uri !== 'string' || !Array.isArray(locations)) return;
      const conv = c.protocol2CodeConverter;
      const at = conv.asPosition(position as WirePosition);
      const locs = (locations as WireLocation[]).map((l) => conv.asLocation(l));
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), at, locs);
    }),
  );
}
