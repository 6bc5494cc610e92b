// The "Zuul: 1,234 jobs" item on the left of the status bar. It is shown while
// a Zuul document is active, and always once the server has reported (from
// then on the numbers describe the whole workspace, whatever file is open).
import * as vscode from 'vscode';
import type { ZuulStatus } from '../../protocol/src';
import { statusView, type ClientPhase } from './statusText';

export class ZuulStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private phase: ClientPhase = 'starting';
  private status: ZuulStatus | undefined;
  private lastError: string | undefined;
  private reported = false;

  constructor(private readonly isZuulDocument: (doc: vscode.TextDocument) => boolean) {
    this.item = vscode.window.createStatusBarItem('zuul.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Zuul';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()),
      vscode.workspace.onDidOpenTextDocument(() => this.updateVisibility()),
    );
    this.render();
  }

  /** The client's life cycle changed. */
  setPhase(phase: ClientPhase, error?: string): void {
    this.phase = phase;
    if (phase === 'failed') this.lastError = error ?? this.lastError;
    else if (phase === 'running') this.lastError = undefined;
    this.render();
  }

  get currentPhase(): ClientPhase {
    return this.phase;
  }

  /** A `zuul/status` arrived. */
  setStatus(status: ZuulStatus): void {
    this.status = status;
    this.reported = true;
    // A report proves the server is up, whatever the client's events said.
    if (this.phase !== 'stopped' && this.phase !== 'failed') this.phase = 'running';
    this.render();
  }

  get lastStatus(): ZuulStatus | undefined {
    return this.status;
  }

  private render(): void {
    // After a restart the old numbers still describe the workspace best, so
    // they stay in the tooltip until the new server reports.
    const view = statusView(this.phase, this.status, this.lastError);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.command;
    this.item.backgroundColor =
      view.tone === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.tone === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: view.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    this.updateVisibility();
  }

  private updateVisibility(): void {
    const doc = vscode.window.activeTextEditor?.document;
    // A server that failed is worth showing even before it ever reported.
    const show = this.reported || this.phase === 'failed' || (doc !== undefined && this.isZuulDocument(doc));
    if (show) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
