/** A minimal LSP client over stdio to the built dist/server.js, recording what the server says. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
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
  const session: LspSession = {
    connection,
    child,
    exited,
    stderr: () => stderr,
    logs: [],
    messages: [],
    published: [],
  };
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('window/logMessage', (p: { message: string }) => session.logs.push(p.message));
  connection.onNotification('window/showMessage', (p: { message: string }) => session.messages.push(p.message));
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => session.published.push(p));
  // The server may still be talking when a test kills it.
  connection.onError(() => undefined);
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'project' }],
    capabilities,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return session;
}

export const PULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true } },
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};
