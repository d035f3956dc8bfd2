// Config and deployment documents in the editor: the built server over stdio
// in a temp git workspace gives diagnostics for a compose file, a Dockerfile
// and a tracked .env (whatever language id the editor sends), none for an
// untracked .env, and offers the suppression fixes in `#` comment syntax
// (on a line of its own in a Dockerfile, where `#` after an instruction is
// part of it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startLsp, FIX_CAPABILITIES } from './support/lspSession';

// Credential-shaped values assembled here so this file holds no secret literal.
const PASSWORD = ['Xk9pL2', 'mQ7vR4'].join('');
const TOKEN = ['Zq8rT5vW', '2yB6nM3k'].join('');

const FILES: Record<string, string> = {
  'docker-compose.yml': `services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${PASSWORD}\n`,
  Dockerfile: `FROM python:3.12\nENV API_TOKEN=${TOKEN}\nCMD gunicorn -b :5000 app:app\n`,
  '.env': `DEBUG=1\nDB_PASSWORD=${PASSWORD}\n`,
  '.env.local': `DB_PASSWORD=${PASSWORD}\n`,
};

test('diagnostics and suppression fixes for compose, Dockerfile and a tracked .env', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-lsp-docs-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  execFileSync('git', ['init', '-q'], { cwd: root });
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(root, name), text);
  execFileSync('git', ['add', '--', 'docker-compose.yml', 'Dockerfile', '.env'], { cwd: root });

  const session = await startLsp(root, {
    textDocument: {
      diagnostic: { dynamicRegistration: false },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    },
    workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  });
  t.after(() => session.child.kill());
  const { connection } = session;
  let version = 1;
  const open = async (name: string, languageId: string) => {
    const uri = pathToFileURL(join(root, name)).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: version++, text: FILES[name] },
    });
    const report = (await connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    })) as FullDocumentDiagnosticReport;
    return { uri, diagnostics: report.items };
  };
  const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${String(d.code)}:${d.severity}`);

  const compose = await open('docker-compose.yml', 'dockercompose');
  assert.deepEqual(codes(compose.diagnostics), ['3:hardcoded-secret:1']);
  const docker = await open('Dockerfile', 'dockerfile');
  assert.deepEqual(codes(docker.diagnostics), ['1:hardcoded-secret:1', '2:hardcoded-port:2']);
  const env = await open('.env', 'dotenv');
  assert.deepEqual(codes(env.diagnostics), ['1:hardcoded-secret:1']);
  assert.match(env.diagnostics[0].message, /git tracks/);
  const local = await open('.env.local', 'properties');
  assert.deepEqual(local.diagnostics, []);
  for (const d of [...compose.diagnostics, ...docker.diagnostics, ...env.diagnostics]) {
    assert.ok(!d.message.includes(PASSWORD) && !d.message.includes(TOKEN), 'masked');
  }

  const applyIgnore = async (name: string, uri: string, d: Diagnostic): Promise<string> => {
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Ignore ${String(d.code)} on this line`), JSON.stringify(titles));
    assert.ok(titles.includes(`Show documentation for ${String(d.code)}`));
    // A compose value and a one-variable Dockerfile ENV can be moved to .env.
    assert.ok(
      titles.some((t) => t.startsWith('Move ')),
      JSON.stringify(titles),
    );
    const ignore = actions.find((a) => a.title === `Ignore ${String(d.code)} on this line`)!;
    const change = ignore.edit!.documentChanges![0] as TextDocumentEdit;
    const doc = TextDocument.create(uri, 'plaintext', 0, readFileSync(join(root, name), 'utf8'));
    return TextDocument.applyEdits(doc, change.edits as TextEdit[]);
  };
  assert.equal(
    await applyIgnore('docker-compose.yml', compose.uri, compose.diagnostics[0]),
    `services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${PASSWORD}  # twelve-factor: ignore[hardcoded-secret]\n`,
  );
  assert.equal(
    await applyIgnore('Dockerfile', docker.uri, docker.diagnostics[0]),
    `FROM python:3.12\n# twelve-factor: ignore-next-line[hardcoded-secret]\nENV API_TOKEN=${TOKEN}\nCMD gunicorn -b :5000 app:app\n`,
  );
  await session.close();
});

/** Applies a WorkspaceEdit to the disk as a client does (create operations, then text edits). */
function applyEdit(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`a ${change.kind} operation: only creates are expected`);
      const path = fileURLToPath(change.uri);
      if (!existsSync(path)) writeFileSync(path, '');
      continue;
    }
    const path = fileURLToPath(change.textDocument.uri);
    const doc = TextDocument.create(change.textDocument.uri, 'plaintext', 0, readFileSync(path, 'utf8'));
    writeFileSync(path, TextDocument.applyEdits(doc, change.edits as TextEdit[]));
  }
}

test('compose: "Move to .env" writes the value to the .env beside the file and leaves ${NAME}', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-lsp-compose-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  execFileSync('git', ['init', '-q'], { cwd: root });
  // Two different values: an equal one would reuse the first name (as for code).
  const text = `x-env: &env\n  DB_PASSWORD: "${PASSWORD}"\nservices:\n  web:\n    environment:\n      <<: *env\n  db:\n    environment:\n      - POSTGRES_PASSWORD=${TOKEN}\n`;
  writeFileSync(join(root, 'docker-compose.yml'), text);
  const session = await startLsp(root, FIX_CAPABILITIES);
  t.after(() => session.child.kill());
  const uri = pathToFileURL(join(root, 'docker-compose.yml')).href;
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'yaml', version: 1, text },
  });
  const report = (await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  })) as FullDocumentDiagnosticReport;
  assert.deepEqual(
    report.items.map((d) => d.range.start.line),
    [1, 8],
  );
  for (const d of report.items) {
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const move = actions.find((a) => a.title.startsWith('Move '));
    assert.ok(move?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(!move.title.includes(PASSWORD) && !move.title.includes(TOKEN));
    applyEdit(move.edit);
    // The next request sees the edited file, as a client's would after applying the edit.
    const next = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 + report.items.indexOf(d) },
      contentChanges: [{ text: next }],
    });
  }
  assert.equal(
    readFileSync(join(root, 'docker-compose.yml'), 'utf8'),
    'x-env: &env\n  DB_PASSWORD: ${DB_PASSWORD}\nservices:\n  web:\n    environment:\n      <<: *env\n  db:\n    environment:\n      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\n',
  );
  assert.equal(readFileSync(join(root, '.env'), 'utf8'), `DB_PASSWORD=${PASSWORD}\nPOSTGRES_PASSWORD=${TOKEN}\n`);
  assert.match(readFileSync(join(root, '.gitignore'), 'utf8'), /^\.env$/m);
  assert.equal(readFileSync(join(root, '.env.example'), 'utf8'), 'DB_PASSWORD=\nPOSTGRES_PASSWORD=\n');
  await session.close();
});
