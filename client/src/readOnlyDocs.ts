// Read-only documents the extension writes itself (the effective job, the
// jobs of a change): one content provider and one link provider for the
// scheme, the texts kept until their documents close.
import * as vscode from 'vscode';

export const READ_ONLY_SCHEME = 'zuul-view';

interface Shown {
  text: string;
  links: vscode.DocumentLink[];
}

export class ReadOnlyDocs {
  private readonly shown = new Map<string, Shown>();
  private serial = 0;

  constructor(context: vscode.ExtensionContext) {
    context.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, { provideTextDocumentContent: (uri) => this.shown.get(uri.toString())?.text ?? '' }),
      vscode.languages.registerDocumentLinkProvider({ scheme: READ_ONLY_SCHEME }, { provideDocumentLinks: (doc) => this.shown.get(doc.uri.toString())?.links ?? [] }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === READ_ONLY_SCHEME) this.shown.delete(doc.uri.toString());
      }),
    );
  }

  /** Opens `text` beside the active editor under a name made of `title`; answers the document's URI. */
  async show(title: string, text: string, links: vscode.DocumentLink[], language: string): Promise<string> {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${title.replace(/[^\w.-]+/g, '_')}`, query: String(++this.serial) });
    this.shown.set(uri.toString(), { text, links });
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return uri.toString();
  }
}
