// The language server as an editor sees it, over stdio: keystroke-to-
// diagnostics latency (pull and push) and, for pull, the protocol round trip
// alone (a pull of a version already analysed), start-up time split at
// initialize and the document's settings request, and memory with a whole
// workspace open. Prints one JSON object on stdout.
//   node bench/lsp-probe.mjs typing <file> <language> <edits>
//   node bench/lsp-probe.mjs workspace <dir>
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { quantiles, typingSpots } from './keystrokes.mjs';
import { pyFiles } from './pyFiles.mjs';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node.js';

const SERVER = join(dirname(new URL(import.meta.url).pathname), '..', 'dist', 'server.js');

async function start(rootDir, pull) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  // When the server first asked the settings of each scope: for the opened file, it has the document.
  const asked = new Map();
  connection.onRequest('workspace/configuration', (params) => {
    for (const item of params.items)
      if (item.scopeUri && !asked.has(item.scopeUri)) asked.set(item.scopeUri, performance.now());
    return params.items.map(() => ({}));
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  const pushed = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => pushed.push({ ...p, at: performance.now() }));
  connection.listen();
  const capabilities = {
    workspace: { configuration: true },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true },
      ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
    },
  };
  const rootUri = pathToFileURL(rootDir).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities,
  });
  const initializeMs = performance.now() - t0;
  await connection.sendNotification(InitializedNotification.type, {});
  const stop = async () => {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    child.kill();
  };
  return { connection, child, pushed, asked, initializeMs, spawnedAt: t0, stop };
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

async function typing(file, language, edits, pull) {
  const text = readFileSync(file, 'utf8');
  const s = await start(dirname(file), pull);
  const uri = pathToFileURL(file).href;
  let version = 1;
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: language, version, text },
  });
  const openSentMs = performance.now() - s.spawnedAt;
  const waitPush = async (v) => {
    const deadline = performance.now() + 60_000;
    for (;;) {
      const hit = s.pushed.find((p) => p.uri === uri && p.version === v);
      if (hit) return hit.at;
      if (performance.now() > deadline) throw new Error(`no diagnostics pushed for v${v}`);
      await new Promise((r) => setImmediate(r));
    }
  };
  const t0 = performance.now();
  if (pull) await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  else await waitPush(version);
  const openMs = performance.now() - t0;
  // The first squiggle as a user opening the file sees it: from the server's spawn.
  const firstSquiggleMs = performance.now() - s.spawnedAt;
  // The server has the document when it asks for its settings (the analysis waits for them).
  const settingsAskedMs = s.asked.has(uri) ? s.asked.get(uri) - s.spawnedAt : undefined;
  // Bursts of five keystrokes at spots spread over the file.
  const spots = typingSpots(text, language, Math.ceil(edits / 5));
  const latencies = [];
  // The protocol round trip alone: a second pull of each version, answered from the analysis the server holds.
  const roundTrips = [];
  let count = 0;
  for (const spot of spots) {
    for (let k = 0; k < 5 && count < edits; k++, count++) {
      const at = { line: spot.line, character: spot.character + k };
      version++;
      const sent = performance.now();
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: 'abcde'[k] }],
      });
      if (pull) await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      else await waitPush(version);
      latencies.push(performance.now() - sent);
      if (pull) {
        const again = performance.now();
        const report = await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
        if (report.kind !== 'full') throw new Error(`the second pull of v${version} answered ${report.kind}`);
        roundTrips.push(performance.now() - again);
      }
    }
  }
  const lines = text.split('\n').length;
  // The server's peak over opening and typing (VmHWM: its worker threads included).
  const peakRssMb = rssOf(s.child.pid).hwmMb;
  await s.stop();
  return {
    lines,
    openMs,
    firstSquiggleMs,
    initializeMs: s.initializeMs,
    openSentMs,
    settingsAskedMs,
    peakRssMb,
    ...quantiles(latencies),
    ...(pull ? { roundTrip: quantiles(roundTrips) } : {}),
  };
}

async function workspace(dir) {
  const s = await start(dir, true);
  const before = rssOf(s.child.pid);
  const files = pyFiles(dir);
  const t0 = performance.now();
  for (const file of files) {
    const uri = pathToFileURL(file).href;
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(file, 'utf8') },
    });
    await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  }
  const openAllMs = performance.now() - t0;
  const after = rssOf(s.child.pid);
  await s.stop();
  return {
    files: files.length,
    openAllMs,
    startRssMb: before.rssMb,
    rssMb: after.rssMb,
    peakRssMb: after.hwmMb,
    initializeMs: s.initializeMs,
  };
}

const [mode, ...rest] = process.argv.slice(2);
const result =
  mode === 'typing'
    ? await typing(rest[0], rest[1], Number(rest[2] ?? 40), rest[3] !== 'push')
    : await workspace(rest[0]);
process.stdout.write(JSON.stringify(result));
