/**
 * The compliance outline in VS Code: the view, the status bar and the
 * commands (refresh, collapse, export as Markdown, open a factor's page).
 * The data always comes from the server's `twelveFactor/compliance` request.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderMarkdown } from '../../server/src/shared/render/markdown';
import {
  ComplianceChangedNotification,
  ComplianceRequest,
  scoreLabel,
  type ComplianceModel,
} from '../../server/src/shared/protocol';
import { ComplianceTreeProvider, type Node } from './complianceView';
import { ComplianceStatusBar, VIEW_ID } from './statusBar';

export function registerCompliance(context: vscode.ExtensionContext, client: LanguageClient): void {
  const provider = new ComplianceTreeProvider(vscode);
  const statusBar = new ComplianceStatusBar();
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  let pending: Promise<void> | undefined;

  const load = (refresh = false): Promise<void> => {
    const run = client.sendRequest(ComplianceRequest, { refresh }).then(
      ({ models }) => show(models),
      (error: unknown) => client.outputChannel.appendLine(`Twelve-Factor: compliance request failed: ${String(error)}`),
    );
    pending = run;
    return run;
  };
  const show = (models: ComplianceModel[]) => {
    provider.setModels(models);
    statusBar.update(models);
    // One score per folder: with several, each folder's row carries its own.
    view.description = models.length === 1 ? scoreLabel(models[0].score, models[0].unknown) : undefined;
  };

  context.subscriptions.push(
    view,
    statusBar,
    client.onNotification(ComplianceChangedNotification, () => void load()),
    vscode.commands.registerCommand('twelveFactor.refreshCompliance', () =>
      vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => load(true)),
    ),
    vscode.commands.registerCommand('twelveFactor.collapseCompliance', () =>
      vscode.commands.executeCommand(`workbench.actions.treeView.${VIEW_ID}.collapseAll`),
    ),
    vscode.commands.registerCommand('twelveFactor.exportCompliance', async () => {
      if (pending) await pending;
      const models = provider.getModels();
      if (models.length === 0) {
        void vscode.window.showInformationMessage('Twelve-Factor: no compliance outline yet (open a folder).');
        return;
      }
      const content = models
        .map((m) => renderMarkdown(m, { title: vscode.workspace.asRelativePath(m.root) }))
        .join('\n');
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(doc);
    }),
    vscode.commands.registerCommand('twelveFactor.openFactorPage', (node?: Node) => {
      if (node?.kind === 'factor') void vscode.env.openExternal(vscode.Uri.parse(node.factor.url));
    }),
  );
  if (vscode.workspace.workspaceFolders?.length) void load();
}
