/** The status-bar score (`12F 9/12`), warning-coloured when a factor fails; opens the view. */
import * as vscode from 'vscode';
import type { ComplianceModel } from '../../server/src/shared/protocol';
import { statusText } from './complianceView';

export const VIEW_ID = 'twelveFactor.compliance';

export class ComplianceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('twelveFactor.score', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Twelve-Factor score';
    this.item.command = `${VIEW_ID}.focus`;
  }

  private models: readonly ComplianceModel[] = [];
  private readonly onEditor = vscode.window.onDidChangeActiveTextEditor(() => this.update(this.models));

  update(models: readonly ComplianceModel[]): void {
    this.models = models;
    const active = vscode.window.activeTextEditor?.document.uri;
    const status = statusText(models, active?.scheme === 'file' ? active.fsPath : undefined);
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = `$(checklist) ${status.text}`;
    const of = models.length > 1 ? ` of ${status.folder}` : '';
    this.item.tooltip = status.failing
      ? `Twelve-Factor${of}: at least one factor fails. Click to open the outline.`
      : `Twelve-Factor${of}: factors passing. Click to open the outline.`;
    this.item.backgroundColor = status.failing ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.onEditor.dispose();
    this.item.dispose();
  }
}
