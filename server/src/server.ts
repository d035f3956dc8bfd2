/**
 * The language server: wiring only. Each handler hands its message to a
 * module under lsp/ that can be used (and tested) without a connection.
 *
 * `twelve-factor lsp --stdio` imports `startServer`; the bundle dist/server.js
 * starts itself when run directly (`node dist/server.js --stdio|--node-ipc`).
 */
import { Console } from 'node:console';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  type Connection,
} from 'vscode-languageserver/node';
import { initParsers } from './engine/engine';
import { Analyzer } from './lsp/analyzer';
import { codeActions, FIX_ALL_KIND, MOVE_ALL_KIND } from './lsp/codeActions';
import { COMMANDS, executeCommand } from './lsp/commands';
import { stopTracking } from './lsp/stopTracking';
import { clientFeatures, serverCapabilities, WATCHED_FILES, type ClientFeatures } from './lsp/capabilities';
import { DocumentStore } from './lsp/documents';
import { NotebookStore } from './lsp/notebooks';
import { FrameGuard } from './lsp/frameGuard';
import { COMPLIANCE_WATCHERS, ComplianceService, openDocument, progressFactory } from './lsp/compliance';
import { WorkspaceState, filePathOf } from './lsp/workspaceState';
import {
  CheckWorkspaceRequest,
  ComplianceChangedNotification,
  ComplianceRequest,
  WriteBaselineRequest,
} from './shared/protocol';
import { WorkspaceDiagnostics } from './lsp/workspaceDiagnostics';
import { writeFolderBaseline } from './lsp/baselineWriter';
import { logStartup } from './lsp/startup';
import { version } from '../../package.json';
import { createLogger } from './lsp/logging';
import { analysisBudgetMs, analysisWorkerScript, OffThreadAnalyzer } from './lsp/offThread';
import { pullDiagnostics } from './lsp/pullDiagnostics';
import { PushScheduler } from './lsp/pushDiagnostics';
import { SETTINGS_SECTION } from './lsp/settings';
import { editSupport, type EditSupport } from './lsp/workspaceEdit';
import { workspaceFiles } from './lsp/workspaceFiles';
import { DotenvLoaderFacts } from './lsp/dotenvLoaders';

export function startServer(): void {
  // The transport (--stdio, --node-ipc, --socket=, --pipe=) comes from process.argv.
  if (!process.argv.some((a) => /^--(stdio|node-ipc|socket=|pipe=)/.test(a))) {
    process.stderr.write('twelve-factor language server: pass --stdio, --node-ipc, --socket=PORT or --pipe=NAME\n');
    process.exit(2);
  }
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  wire(connection);
  connection.listen();
}

/**
 * Over stdio the input goes through a FrameGuard, so a malformed header is
 * reported on stderr and skipped instead of silently ending all reading.
 * Given streams, the library no longer keeps `console` off stdout: it is
 * pointed at stderr here (a stray console.log would corrupt the protocol).
 */
function stdioConnection(): Connection {
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  const guard = new FrameGuard((problem) => process.stderr.write(`twelve-factor language server: ${problem}\n`));
  process.stdin.pipe(guard);
  return createConnection(ProposedFeatures.all, guard, process.stdout);
}

function wire(connection: Connection): void {
  const log = createLogger(connection.console);
  const documents = new DocumentStore();
  const notebooks = new NotebookStore(documents);
  let features: ClientFeatures | undefined;
  let edits: EditSupport = editSupport(undefined);
  const push = () => !features?.pullDiagnostics;

  const workspaceState = new WorkspaceState(documents, {
    // A notification, not showWarningMessage's request: Neovim answers requests with a blocking prompt.
    showProblem: (message) =>
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Twelve-Factor: ${message}`,
      }),
    refresh: () => {
      if (push()) scheduler.scheduleAll();
      else {
        if (features?.diagnosticRefresh) connection.languages.diagnostics.refresh();
        for (const cell of notebooks.cellUris()) scheduler.schedule(cell, 0);
      }
    },
    log,
  });
  const ready = initParsers().catch((error) => log.error('could not load the Python parser', error));
  const script = analysisWorkerScript();
  const offThread = script ? new OffThreadAnalyzer(script, analysisBudgetMs()) : undefined;
  const analyzer = new Analyzer({ documents, workspaceState, log, ready, offThread, notebooks });
  const scheduler = new PushScheduler(documents, analyzer, (p) => void connection.sendDiagnostics(p), log);
  let workDoneProgress = false;
  const workspaceDiagnostics = new WorkspaceDiagnostics({
    isOpen: (fsPath) => documents.all().some((d) => filePathOf(d.uri) === fsPath),
    publish: (uri, diagnostics) => {
      if (push()) void connection.sendDiagnostics({ uri, diagnostics });
      return push();
    },
  });
  const compliance = new ComplianceService({
    log,
    beginProgress: progressFactory(connection.window, () => workDoneProgress),
    changed: (score, total) => {
      void connection.sendNotification(ComplianceChangedNotification, { score, total });
      workspaceDiagnostics.update(compliance.fileFindings());
    },
    folderSettings: (root) => workspaceState.folderSettings(root),
  });
  const dotenvLoaders = new DotenvLoaderFacts(documents, log, ready);
  let folderPaths: string[] = [];
  const paths = (uris: readonly string[]) => uris.flatMap((u) => filePathOf(u) ?? []);

  connection.onInitialize((params) => {
    features = clientFeatures(params);
    edits = editSupport(params.capabilities);
    if (features.configuration) {
      workspaceState.fetchSettings = (scopeUri) =>
        connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION });
    }
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceState.updateWorkspaceFolders(folders);
    workDoneProgress = !!params.capabilities.window?.workDoneProgress;
    folderPaths = paths(folders);
    compliance.updateFolders(folderPaths);
    const capabilities = {
      ...serverCapabilities(features),
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, MOVE_ALL_KIND, FIX_ALL_KIND] },
      executeCommandProvider: { commands: COMMANDS },
    };
    return { capabilities, serverInfo: { name: 'twelve-factor', version } };
  });

  connection.onInitialized(() => {
    void logStartup(version, folderPaths, (root) => workspaceState.folderSettings(root), log);
    if (features?.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (features?.watchedFilesRegistration && !features.clientWatchesConfig) {
      const watchers = WATCHED_FILES.map((globPattern) => ({ globPattern }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    }
    if (features?.watchedFilesRegistration) {
      // Source and project files: the compliance outline updates file by file.
      const watchers = COMPLIANCE_WATCHERS.map((globPattern) => ({ globPattern }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    }
    if (features?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        workspaceState.updateWorkspaceFolders(
          added.map((f) => f.uri),
          removed.map((f) => f.uri),
        );
        workspaceState.changed('workspace folders');
        const [gone, come] = [paths(removed.map((f) => f.uri)), paths(added.map((f) => f.uri))];
        folderPaths = [...folderPaths.filter((p) => !gone.includes(p)), ...come];
        compliance.updateFolders(come, gone);
      });
    }
  });

  connection.onDidOpenTextDocument((params) => {
    const state = documents.open(params);
    analyzer.opened(state);
    if (push()) scheduler.schedule(state.uri, 0);
    const fsPath = filePathOf(state.uri);
    if (fsPath) compliance.documentOpened(fsPath, openDocument(state));
    const folder = fsPath && workspaceState.folderOf(fsPath);
    if (folder) dotenvLoaders.warm(folder);
  });
  connection.onDidChangeTextDocument((params) => {
    const state = documents.change(params);
    if (!state) log.debug(`ignored an out-of-order or unknown change (v${params.textDocument.version})`);
    else if (push()) scheduler.schedule(state.uri);
    const fsPath = state && filePathOf(state.uri);
    if (state && fsPath) compliance.documentChanged(fsPath, openDocument(state));
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.close(textDocument.uri);
    offThread?.forget(textDocument.uri);
    if (push()) scheduler.closed(textDocument.uri);
    const fsPath = filePathOf(textDocument.uri);
    if (fsPath) compliance.documentClosed(fsPath);
    workspaceDiagnostics.documentClosed(textDocument.uri);
  });

  // Notebook cells: always pushed, every cell of the notebook after any change (notebooks.ts).
  const scheduleCells = (cells: readonly { document: string }[], delayMs?: number) => {
    for (const cell of cells) scheduler.schedule(cell.document, delayMs);
  };
  connection.notebooks.synchronization.onDidOpenNotebookDocument((params) => {
    scheduleCells(notebooks.open(params).cells, 0);
  });
  connection.notebooks.synchronization.onDidChangeNotebookDocument((params) => {
    const notebook = notebooks.change(params);
    for (const closed of params.change.cells?.structure?.didClose ?? []) scheduler.closed(closed.uri);
    if (notebook) scheduleCells(notebook.cells);
  });
  connection.notebooks.synchronization.onDidCloseNotebookDocument((params) => {
    for (const uri of notebooks.close(params)) scheduler.closed(uri);
  });

  connection.languages.diagnostics.on((params, token) =>
    pullDiagnostics(params, token, documents, analyzer, workspaceState),
  );
  connection.languages.diagnostics.onWorkspace((params, token) => workspaceDiagnostics.pull(params, token));
  connection.onCodeAction((params, token) =>
    codeActions(
      params,
      {
        documents,
        analyzer,
        workspaceState,
        support: () => edits,
        files: workspaceFiles(documents),
        dotenvLoaders,
        log,
      },
      token,
    ),
  );
  connection.onExecuteCommand(({ command, arguments: args }) =>
    executeCommand(command, args, {
      showDocument: edits.showDocument
        ? (uri) => connection.window.showDocument({ uri, external: true }).then((r) => r.success)
        : undefined,
      showMessage: (message) =>
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message }),
      checkWorkspace: () => workspaceDiagnostics.check(compliance),
      stopTracking: (args) =>
        stopTracking(args, {
          documents,
          folderOf: (path) => workspaceState.folderOf(path),
          support: () => edits,
          applyEdit: (edit) => connection.workspace.applyEdit(edit).then((r) => r.applied),
          showMessage: (type, message) =>
            void connection.sendNotification(ShowMessageNotification.type, { type, message }),
          untracked: (path) => {
            const state = documents.get(pathToFileURL(path).href);
            if (state) state.tracked = undefined;
            workspaceState.changed('git index');
            compliance.fileChanged(path, false);
          },
        }),
    }),
  );
  connection.onRequest(CheckWorkspaceRequest, () => workspaceDiagnostics.check(compliance));
  connection.onRequest(WriteBaselineRequest, async ({ folder, overwrite }) => {
    const root = filePathOf(folder);
    if (!root || !folderPaths.includes(root)) {
      return { written: false, file: folder, reason: 'error', message: 'not a workspace folder on disk' } as const;
    }
    return writeFolderBaseline(root, await workspaceState.folderSettings(root), overwrite === true);
  });
  connection.onDidChangeConfiguration(({ settings }) => {
    workspaceState.configurationChanged(settings);
    compliance.settingsChanged();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    // Source files are watched for the compliance outline; only config files change every diagnostic.
    if (changes.some((c) => /\/\.twelve-factor(?:-baseline)?\.json$/.test(c.uri)))
      workspaceState.changed('project files');
    for (const change of changes) {
      const fsPath = filePathOf(change.uri);
      if (fsPath) compliance.fileChanged(fsPath, change.type === FileChangeType.Deleted);
      if (fsPath) dotenvLoaders.changed(fsPath);
    }
  });
  connection.onRequest(ComplianceRequest, async (params, token) => {
    const result = { models: await compliance.models(params?.refresh === true) };
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return result;
  });
  connection.onShutdown(() => {
    scheduler.dispose();
    compliance.dispose();
    workspaceDiagnostics.dispose();
    offThread?.dispose();
  });
}

// Only the server bundle starts itself: the CLI bundle contains this module too.
if (require.main === module && /^server\.[cm]?[jt]s$/.test(basename(__filename))) startServer();
