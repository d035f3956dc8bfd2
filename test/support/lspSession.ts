/** A minimal LSP client over stdio to the built dist/server.js, recording what the server says. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type FullDocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface LspSession {
  connection: ProtocolConnection;
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
  logs: string[];
  messages: string[];
  published: PublishDiagnosticsParams[];
  initialize: InitializeResult;
  /** What the client answers to workspace/configuration (the `twelveFactor` section); tests may change it. */
  settings: Record<string, unknown>;
  /** Diagnostic refresh requests received. */
  refreshes: () => number;
  /** Every message the server sent, serialized, to check that no secret leaks. */
  wire: string[];
  /** shutdown + exit; resolves to the server's exit code. */
  close(): Promise<number | null>;
}

export async function until<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startLsp(
  root: string,
  capabilities: ClientCapabilities,
  settings: Record<string, unknown> = {},
): Promise<LspSession> {
  assert.ok(existsSync(SERVER), `${SERVER} is missing: run npm run build`);
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  let refreshes = 0;
  const wire: string[] = [];
  const heard =
    <T>(record: (params: T) => void) =>
    (params: T) => {
      wire.push(JSON.stringify(params));
      record(params);
    };
  const logs: string[] = [];
  const messages: string[] = [];
  const published: PublishDiagnosticsParams[] = [];
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
    wire.push(JSON.stringify(params));
    return params.items.map(() => settings);
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification(
    'window/logMessage',
    heard((p: { message: string }) => logs.push(p.message)),
  );
  connection.onNotification(
    'window/showMessage',
    heard((p: { message: string }) => messages.push(p.message)),
  );
  connection.onNotification(
    PublishDiagnosticsNotification.type,
    heard((p) => published.push(p)),
  );
  // The server may still be talking when a test kills it.
  connection.onError(() => undefined);
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  const initialize = await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'project' }],
    capabilities,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const session: LspSession = {
    connection,
    child,
    exited,
    stderr: () => stderr,
    logs,
    messages,
    published,
    initialize,
    settings,
    refreshes: () => refreshes,
    wire,
    async close() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
  return session;
}

export const PULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true } },
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

/** A pull client that applies fixes: quick fixes and source actions, workspace edits that create files. */
export const FIX_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
  },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
};

export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

/** A server in a fresh temporary git workspace (`dir`), killed and the workspace removed when the test ends. */
export async function startLspInTempRoot(
  t: TestContext,
  capabilities: ClientCapabilities,
  settings: Record<string, unknown> = {},
): Promise<{ s: LspSession; dir: string }> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tf-lsp-')));
  mkdirSync(join(dir, '.git'));
  const s = await startLsp(dir, capabilities, settings);
  t.after(async () => {
    s.child.kill();
    await s.exited;
    rmSync(dir, { recursive: true, force: true });
  });
  return { s, dir };
}

/** Pulls until the server gives a full report (it may ask for a retrigger while edits land). */
export async function pullFull(s: LspSession, uri: string): Promise<FullDocumentDiagnosticReport> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri },
      })) as FullDocumentDiagnosticReport;
    } catch (error) {
      if (attempt > 20) throw error;
    }
  }
}
