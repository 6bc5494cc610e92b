// "Show job graph" above each project pipeline's `jobs:` key and above each
// `- job:` stanza. A plain line scan: the client knows no Zuul semantics; the
// server works out, from the position, which project and pipeline are meant.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './languageClient';

export const SHOW_GRAPH_COMMAND = 'zuul.showJobGraph';

/** Arguments of `zuul.showJobGraph` (all optional: default the active editor and its cursor). */
export interface ShowGraphArgs {
  uri?: string;
  position?: { line: number; character: number };
}

const STANZA = /^- ([A-Za-z][\w-]*)\s*:/;
const JOBS_KEY = /^(\s+)jobs\s*:/;

/** Lines (0-based) and columns where a lens goes, from the document's text. */
export function graphLensPositions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  let stanza: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = STANZA.exec(line);
    if (m) {
      stanza = m[1];
      if (stanza === 'job') out.push({ line: i, character: 2 });
      continue;
    }
    if (/^\S/.test(line) && !line.startsWith('#')) stanza = undefined;
    const j = JOBS_KEY.exec(line);
    if (j && stanza === 'project') out.push({ line: i, character: j[1].length });
  }
  return out;
}

export class GraphLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return graphLensPositions(document.getText()).map((p) => {
      const position = new vscode.Position(p.line, p.character);
      const args: ShowGraphArgs = { uri: document.uri.toString(), position: { line: p.line, character: p.character } };
      return new vscode.CodeLens(new vscode.Range(position, position), { title: 'Show job graph', command: SHOW_GRAPH_COMMAND, arguments: [args] });
    });
  }
}

export function registerGraphLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider({ language: LANGUAGE_ID }, new GraphLensProvider());
}
