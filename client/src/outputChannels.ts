// An output channel that only appears in the Output view once something is
// written to it. Used for the LSP trace, which stays empty unless
// `zuul.trace.server` is turned on.
import * as vscode from 'vscode';

export class LazyOutputChannel implements vscode.OutputChannel {
  private channel: vscode.OutputChannel | undefined;

  constructor(readonly name: string) {}

  private get target(): vscode.OutputChannel {
    this.channel ??= vscode.window.createOutputChannel(this.name);
    return this.channel;
  }

  append(value: string): void {
    this.target.append(value);
  }

  appendLine(value: string): void {
    this.target.appendLine(value);
  }

  replace(value: string): void {
    this.target.replace(value);
  }

  clear(): void {
    this.channel?.clear();
  }

  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.target.show(columnOrPreserveFocus);
    else this.target.show(columnOrPreserveFocus, preserveFocus);
  }

  hide(): void {
    this.channel?.hide();
  }

  dispose(): void {
    this.channel?.dispose();
    this.channel = undefined;
  }
}
