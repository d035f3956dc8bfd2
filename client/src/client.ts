/** The language client: how the server is started and which documents it sees. */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DOCUMENT_PATTERNS, EDITOR_LANGUAGE_IDS } from '../../server/src/shared/languages';
import { docsMiddleware } from './docs';
import { fixEditsMiddleware } from './fixEdits';

/** Also the prefix of the `twelveFactor.trace.server` setting the client honours. */
export const CLIENT_ID = 'twelveFactor';

/** The editor language ids the server analyses (server/src/shared/languages.ts). */
export const LANGUAGES = Object.keys(EDITOR_LANGUAGE_IDS);

export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.twelve-factor.json,.twelve-factor-baseline.json}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.map((language) => ({ scheme: 'file', language })),
      // A key pasted into a new buffer is reported before it is ever saved.
      ...LANGUAGES.map((language) => ({ scheme: 'untitled', language })),
      ...DOCUMENT_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
      // Python cells of Jupyter notebooks: synchronised through the notebook (the server's
      // notebookDocumentSync); listed here so the cells get the code actions too.
      { notebook: 'jupyter-notebook', language: 'python' },
    ],
    synchronize: { fileEvents: watcher },
    // The server registers no watcher of its own when the client already watches.
    initializationOptions: { clientWatchesConfig: true },
    outputChannel: output,
    traceOutputChannel: output,
    middleware: { ...docsMiddleware(context.extensionUri), ...fixEditsMiddleware },
  };
  return new LanguageClient(CLIENT_ID, 'Twelve-Factor', serverOptions, clientOptions);
}
