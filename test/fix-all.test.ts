/**
 * `source.fixAll.twelve-factor` over the protocol, as `editor.codeActionsOnSave`
 * asks for it: one action with every safe fix of the file (the port from PORT,
 * logging to stdout), and the move of the secrets to `.env` only where that
 * is safe without a look: something loads `.env`, git does not track it, it
 * reads cleanly. Otherwise the values stay and the title says why.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { applyChanges } from '../server/src/fixes/patch';
import { LineIndex } from '../server/src/ir/lines';
import { startLsp } from './support/lspSession';
import { tempTree } from './support/tempTree';

const SECRET = ['sk', 'live', '51H8xKQ2eZvKYlo2C9aBcDeFgHiJk'].join('_');
const TOKEN = ['ghp', 'Zx8YqWv7Ut6Sr5Qp4On3Ml2Kj1Ih0Gf9Ed8C'].join('_');
const SOURCE = [
  'import logging',
  'from flask import Flask',
  '',
  `STRIPE_KEY = "${SECRET}"`,
  'app = Flask(__name__)',
  'logging.getLogger("shop").addHandler(logging.FileHandler("shop.log"))',
  '',
  'if __name__ == "__main__":',
  '    app.run(host="0.0.0.0", port=5000)',
  '',
].join('\n');
/** Two secrets: one `.env` edit holds both. */
const TWO_SECRETS = SOURCE.replace('app = Flask', `GITHUB_TOKEN = "${TOKEN}"\napp = Flask`);
const LOADER = 'from dotenv import load_dotenv\n\nload_dotenv()\n';

/** A workspace with `app.py` (and `files`), the server's fix-all action for it, and the edit applied to the disk. */
async function fixAllIn(
  t: TestContext,
  source: string,
  files: Record<string, string> = {},
  git?: (root: string) => void,
): Promise<{ root: string; action: CodeAction; fixed: () => string }> {
  const root = tempTree('fixall', { 'app.py': source, ...files });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const file = join(root, 'app.py');
  git?.(root);
  const session = await startLsp(root, {
    textDocument: { diagnostic: { dynamicRegistration: false } },
    workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  });
  t.after(() => session.child.kill());
  const uri = pathToFileURL(file).href;
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text: source },
  });
  const report = (await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  })) as FullDocumentDiagnosticReport;
  const codes = report.items.map((d) => d.code);
  for (const rule of ['hardcoded-port', 'file-logging', 'hardcoded-secret'])
    assert.ok(codes.includes(rule), `${codes}`);
  const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  })) as CodeAction[];
  assert.deepEqual(
    actions.map((a) => a.kind),
    ['source.fixAll.twelve-factor'],
  );
  applyEdit(actions[0].edit!);
  await session.close();
  return { root, action: actions[0], fixed: () => readFileSync(file, 'utf8') };
}

/** Applies a WorkspaceEdit to the disk as a client does (files created empty, then edited). */
function applyEdit(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      const path = fileURLToPath(change.uri);
      if (!existsSync(path)) writeFileSync(path, '');
      continue;
    }
    const path = fileURLToPath(change.textDocument.uri);
    const text = readFileSync(path, 'utf8');
    const lines = new LineIndex(text);
    const changes = change.edits.map((e) => ({
      start: lines.offset(e.range.start),
      end: lines.offset(e.range.end),
      newText: e.newText,
    }));
    writeFileSync(path, applyChanges(text, changes));
  }
}

/** The files the edit writes, by name, each once. */
function editedFiles(edit: WorkspaceEdit): string[] {
  return (edit.documentChanges ?? []).flatMap((c) =>
    'kind' in c ? [] : [fileURLToPath(c.textDocument.uri).split('/').pop()!],
  );
}

test('fixAll on save fixes the port and the file logging in one edit, and leaves the secret alone when nothing loads .env', async (t) => {
  const { root, action, fixed } = await fixAllIn(t, SOURCE);
  assert.deepEqual(editedFiles(action.edit!), ['app.py'], 'only the document is edited');
  assert.match(action.title, /\(values not moved to \.env: nothing in the app loads \.env into os\.environ\)$/);
  assert.match(fixed(), /os\.environ\.get\("PORT"/);
  assert.match(fixed(), /StreamHandler\(sys\.stdout\)/);
  assert.ok(fixed().includes(SECRET), 'the secret is not moved on save');
  assert.ok(!existsSync(join(root, '.env')));
});

test('fixAll moves every secret to .env in the same edit when the app loads .env: one change per file', async (t) => {
  const { root, action, fixed } = await fixAllIn(t, TWO_SECRETS, { 'wsgi.py': LOADER });
  assert.equal(action.title, 'Fix all Twelve-Factor problems that are safe to fix');
  const files = editedFiles(action.edit!);
  assert.deepEqual([...files].sort(), ['.env', '.env.example', '.gitignore', 'app.py']);
  assert.ok(files.indexOf('.gitignore') < files.indexOf('.env'), '.gitignore is written before .env');
  assert.equal(files[files.length - 1], 'app.py');
  const text = fixed();
  assert.ok(!text.includes(SECRET) && !text.includes(TOKEN), text);
  assert.match(text, /STRIPE_KEY = os\.environ\["STRIPE_\w+"\]/);
  assert.match(text, /GITHUB_TOKEN = os\.environ\["GITHUB_TOKEN"\]/);
  assert.match(text, /os\.environ\.get\("PORT"/);
  assert.equal(text.match(/^import os$/gm)?.length, 1, 'import os once for the three fixes');
  execFileSync('python3', ['-m', 'py_compile', join(root, 'app.py')]);
  const env = readFileSync(join(root, '.env'), 'utf8');
  assert.ok(env.includes(`=${SECRET}\n`) && env.includes(`GITHUB_TOKEN=${TOKEN}\n`), 'both values, once each');
  assert.equal(readFileSync(join(root, '.gitignore'), 'utf8'), '.env\n');
});

test('fixAll leaves the secrets alone when git tracks .env, and says so', async (t) => {
  const { root, action, fixed } = await fixAllIn(t, SOURCE, { 'wsgi.py': LOADER, '.env': 'DEBUG=1\n' }, (root) => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '.env'], { cwd: root });
  });
  assert.match(action.title, /\(values not moved to \.env: \.env is tracked by git: the values would be committed\)$/);
  assert.deepEqual(editedFiles(action.edit!), ['app.py']);
  assert.ok(fixed().includes(SECRET));
  assert.equal(readFileSync(join(root, '.env'), 'utf8'), 'DEBUG=1\n');
});

test('fixAll never rewrites a malformed .env', async (t) => {
  const malformed = 'DEBUG=1\nKEY="unterminated\n';
  const { root, action, fixed } = await fixAllIn(t, SOURCE, { 'wsgi.py': LOADER, '.env': malformed });
  assert.match(action.title, /\(values not moved to \.env: \.env cannot be read safely \(line 2/);
  assert.deepEqual(editedFiles(action.edit!), ['app.py']);
  assert.ok(fixed().includes(SECRET));
  assert.equal(readFileSync(join(root, '.env'), 'utf8'), malformed);
});
