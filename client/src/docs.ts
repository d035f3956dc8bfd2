/**
 * Rule pages offline. The .vsix bundles every rule's page as
 * dist/docs/<rule>.md (esbuild.mjs writes them). The server links diagnostics
 * and "Show documentation" to the pages' web address, for every LSP client;
 * in VS Code those links open the bundled page instead (the Markdown preview
 * for the command, the page itself from a diagnostic's code), so they work
 * without a network and whatever becomes of the repository's hosting.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { ResponseError, type Middleware } from 'vscode-languageclient/node';
import { ruleOfDocsUrl } from '../../server/src/shared/protocol';

/** The bundled page of the rule `url` links to, when the extension ships it. */
export function bundledPage(extensionUri: vscode.Uri, url: string): vscode.Uri | undefined {
  const rule = ruleOfDocsUrl(url);
  if (!rule) return undefined;
  const page = vscode.Uri.joinPath(extensionUri, 'dist', 'docs', `${rule}.md`);
  return existsSync(page.fsPath) ? page : undefined;
}

function localised(extensionUri: vscode.Uri, d: vscode.Diagnostic): vscode.Diagnostic {
  const code = d.code;
  if (typeof code !== 'object' || code === null) return d;
  const page = bundledPage(extensionUri, code.target.toString(true));
  if (page) d.code = { value: code.value, target: page };
  return d;
}

export function docsMiddleware(extensionUri: vscode.Uri): Middleware {
  const local = (ds: vscode.Diagnostic[]) => ds.map((d) => localised(extensionUri, d));
  return {
    window: {
      showDocument: async (params, next) => {
        const page = bundledPage(extensionUri, params.uri);
        if (page) {
          await vscode.commands.executeCommand('markdown.showPreview', page);
          return { success: true };
        }
        const result = await next(params, new vscode.CancellationTokenSource().token);
        return result instanceof ResponseError ? { success: false } : result;
      },
    },
    handleDiagnostics: (uri, diagnostics, next) => next(uri, local(diagnostics)),
    provideDiagnostics: async (document, previousResultId, token, next) => {
      const report = await next(document, previousResultId, token);
      if (report && report.kind === 'full') report.items = local(report.items);
      return report;
    },
  };
}
