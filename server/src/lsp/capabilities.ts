/** What the client can do, read once in `initialize`, and what the server offers in return. */
import {
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeParams,
  type ServerCapabilities,
} from 'vscode-languageserver';

export interface ClientFeatures {
  /** `textDocument/diagnostic` (LSP 3.17); otherwise diagnostics are pushed. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** `workspace/configuration` with a scope URI. */
  configuration: boolean;
  configurationRegistration: boolean;
  watchedFilesRegistration: boolean;
  /** `workspace/didChangeWorkspaceFolders`. */
  workspaceFolders: boolean;
  /** The client watches `.twelve-factor.json` itself (the VS Code extension does). */
  clientWatchesConfig: boolean;
}

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const caps: ClientCapabilities = params.capabilities ?? {};
  const options = params.initializationOptions as { clientWatchesConfig?: unknown } | null | undefined;
  return {
    pullDiagnostics: !!caps.textDocument?.diagnostic,
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
    configuration: !!caps.workspace?.configuration,
    configurationRegistration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchedFilesRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workspaceFolders: !!caps.workspace?.workspaceFolders,
    clientWatchesConfig: options?.clientWatchesConfig === true,
  };
}

export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    // Python cells of Jupyter notebooks (VS Code's ipynb type); their diagnostics are pushed (server.ts).
    notebookDocumentSync: {
      notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
    },
    diagnosticProvider: features.pullDiagnostics
      ? // Workspace reports stay empty until the user checks the workspace (workspaceDiagnostics.ts).
        { identifier: 'twelve-factor', interFileDependencies: false, workspaceDiagnostics: true }
      : undefined,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** Project files whose change changes every document's diagnostics. */
export const WATCHED_FILES = ['**/.twelve-factor.json', '**/.twelve-factor-baseline.json'];
