// Quick-fixes as a client gets them: the built server over stdio in a temp
// git workspace; the returned WorkspaceEdit is applied to the files exactly as
// a client does (create-file operations, positions → offsets with the BOM
// hidden, edits at one position in array order), then the results are
// checked with the real tools: python-dotenv, npm dotenv, py_compile, tsc, git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { npmDotenv, PYTHON, pythonDotenv } from './support/dotenvOracles';
import { strictTsconfig } from './support/fixCases';
import { startLsp, FIX_CAPABILITIES } from './support/lspSession';

const PY_SECRET = 'django-insecure-8f3k2l9x0qv7m1z4n6b5c8d2e7r1t3y';
const TS_SECRET = 'sk_live_51H8xKQ2eZvKYlo2C9aBcDeFgHiJkLmNoP';
const PY = `"""Settings."""\nfrom __future__ import annotations\n\nDEBUG = False\nSECRET_KEY = "${PY_SECRET}"\n`;
const TS = `interface Config {\n  stripeKey: string;\n}\nexport const config: Config = { stripeKey: '${TS_SECRET}' };\n`;
// An existing .env: a BOM, a comment first, CRLF, no final newline.
const ENV = '\ufeff# local only\r\nDEBUG=1\r\nOTHER="a b"';

/** Applies a WorkspaceEdit to the disk as a client does. */
function applyEdit(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      const path = fileURLToPath(change.uri);
      if (!existsSync(path) || !change.options?.ignoreIfExists) writeFileSync(path, '');
      continue;
    }
    const path = fileURLToPath(change.textDocument.uri);
    const raw = readFileSync(path, 'utf8');
    const bom = raw.startsWith('\ufeff') ? '\ufeff' : '';
    const doc = TextDocument.create(change.textDocument.uri, 'plaintext', 0, raw.slice(bom.length));
    writeFileSync(path, bom + TextDocument.applyEdits(doc, change.edits as TextEdit[]));
  }
  assert.equal(edit.changes, undefined, 'documentChanges only');
}

test('move to .env, port and ignore fixes over stdio, applied as a client applies them', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-actions-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  execFileSync('git', ['init', '-q'], { cwd: root });
  writeFileSync(join(root, 'settings.py'), PY);
  writeFileSync(join(root, 'config.ts'), TS);
  writeFileSync(join(root, '.env'), ENV);

  const session = await startLsp(root, {
    textDocument: {
      diagnostic: { dynamicRegistration: false },
      codeAction: {
        disabledSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } },
      },
    },
    workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  });
  t.after(() => session.child.kill());
  const { connection, initialize: init, messages } = session;
  // What the server logged, and the action titles: none may hold a secret.
  const wire = session.logs;
  assert.ok(init.capabilities.codeActionProvider);

  let version = 1;
  const open = async (name: string, languageId: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> => {
    const uri = pathToFileURL(join(root, name)).href;
    const text = readFileSync(join(root, name), 'utf8');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: version++, text },
    });
    const report = (await connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    })) as FullDocumentDiagnosticReport;
    return { uri, diagnostics: report.items };
  };
  const actionsAt = async (uri: string, d: Diagnostic): Promise<CodeAction[]> => {
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    wire.push(JSON.stringify(actions.map((a) => a.title)));
    return actions;
  };
  const secretOf = (ds: Diagnostic[]) => {
    const d = ds.find((x) => x.code === 'hardcoded-secret');
    assert.ok(d, JSON.stringify(ds));
    return { d, name: (d.data as { envName: string }).envName };
  };

  // Python: the literal becomes os.environ[...], .env keeps its bytes and gains the value.
  const py = await open('settings.py', 'python');
  const { d: pyDiag, name: pyName } = secretOf(py.diagnostics);
  const pyActions = await actionsAt(py.uri, pyDiag);
  const titles = pyActions.map((a) => a.title);
  // Nothing in this workspace loads .env: the title says so, and a second action would add the loader.
  assert.ok(
    titles.includes(`Move "${pyName}" to .env (read via os.environ; nothing in the app loads .env into os.environ)`),
    JSON.stringify(titles),
  );
  assert.ok(titles.some((t) => t.startsWith(`Move "${pyName}" to .env and load .env with python-dotenv`)));
  for (const title of [
    'Ignore hardcoded-secret on this line',
    'Ignore hardcoded-secret in this file',
    'Show documentation for hardcoded-secret',
  ]) {
    assert.ok(titles.includes(title), title);
  }
  const move = pyActions.find((a) => a.title.startsWith('Move "'))!;
  assert.equal(move.isPreferred, true);
  const changes = move.edit!.documentChanges!;
  const uriOf = (c: (typeof changes)[number]) =>
    'kind' in c ? (c.kind === 'rename' ? c.newUri : c.uri) : c.textDocument.uri;
  const gitignoreAt = changes.findIndex((c) => uriOf(c).endsWith('/.gitignore'));
  const envAt = changes.findIndex((c) => uriOf(c).endsWith('/.env') && !('kind' in c));
  assert.ok(gitignoreAt >= 0 && gitignoreAt < envAt, '.gitignore is written before .env');
  applyEdit(move.edit!);

  const pyFixed = readFileSync(join(root, 'settings.py'), 'utf8');
  assert.equal(
    pyFixed,
    `"""Settings."""\nfrom __future__ import annotations\nimport os\n\nDEBUG = False\nSECRET_KEY = os.environ["${pyName}"]\n`,
  );
  execFileSync(PYTHON, ['-m', 'py_compile', join(root, 'settings.py')]);
  const env1 = readFileSync(join(root, '.env'), 'utf8');
  assert.ok(env1.startsWith(ENV), 'existing .env bytes are kept');
  assert.equal(env1, `${ENV}\r\n${pyName}=${PY_SECRET}\r\n`);
  assert.equal(npmDotenv(env1)[pyName], PY_SECRET);
  assert.equal(pythonDotenv([env1])[0].fromFile[pyName], PY_SECRET);
  assert.equal(readFileSync(join(root, '.env.example'), 'utf8'), `${pyName}=\n`);
  // Real git agrees that .env is now ignored.
  assert.equal(execFileSync('git', ['check-ignore', '.env'], { cwd: root, encoding: 'utf8' }).trim(), '.env');

  // TypeScript: process.env.NAME! type-checks under strict.
  const ts = await open('config.ts', 'typescript');
  const { d: tsDiag, name: tsName } = secretOf(ts.diagnostics);
  const tsMove = (await actionsAt(ts.uri, tsDiag)).find((a) => a.title.startsWith('Move "'))!;
  assert.equal(
    tsMove.title,
    `Move "${tsName}" to .env (read via process.env; nothing in the app loads .env into process.env)`,
  );
  applyEdit(tsMove.edit!);
  assert.match(readFileSync(join(root, 'config.ts'), 'utf8'), new RegExp(`stripeKey: process\\.env\\.${tsName}!`));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(strictTsconfig(['config.ts'])));
  execFileSync(
    process.execPath,
    [join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', root],
    { stdio: 'pipe' },
  );
  const env2 = readFileSync(join(root, '.env'), 'utf8');
  assert.equal(npmDotenv(env2)[tsName], TS_SECRET);
  assert.equal(pythonDotenv([env2])[0].fromFile[tsName], TS_SECRET);
  assert.equal(readFileSync(join(root, '.env.example'), 'utf8'), `${pyName}=\n${tsName}=\n`);

  // A tracked .env: the title says the value would be committed.
  writeFileSync(join(root, 'keys.py'), `API_KEY = "${TS_SECRET}"\n`);
  execFileSync('git', ['add', '-f', '.env'], { cwd: root });
  const keys = await open('keys.py', 'python');
  const tracked = (await actionsAt(keys.uri, secretOf(keys.diagnostics).d)).find((a) => a.title.startsWith('Move "'))!;
  assert.match(tracked.title, /\(\.env is tracked by git: the value would be committed\)$/);
  assert.ok(tracked.title.startsWith(`Move "${tsName}"`), 'the equal value already in .env is reused');

  // A .env the parser cannot read is not touched: a disabled action says why.
  writeFileSync(join(root, '.env'), 'GOOD=1\nnot an entry\n');
  const refused = (await actionsAt(keys.uri, secretOf(keys.diagnostics).d)).find((a) => a.title.startsWith('Move "'))!;
  assert.equal(refused.edit, undefined);
  assert.match(refused.disabled?.reason ?? '', /\.env cannot be read safely \(line 2/);

  // Show documentation: a server command; without showDocument support the link is shown.
  const docs = pyActions.find((a) => a.title === 'Show documentation for hardcoded-secret')!;
  await connection.sendRequest(ExecuteCommandRequest.type, {
    command: docs.command!.command,
    arguments: docs.command!.arguments,
  });
  assert.ok(
    messages.some((m) => /hardcoded-secret\/README\.md/.test(m)),
    JSON.stringify(messages),
  );

  for (const line of wire)
    assert.ok(!line.includes(PY_SECRET) && !line.includes(TS_SECRET), 'no value in titles or logs');
  await session.close();
});

test('a code action right after a change, before any diagnostic pull, fixes the current text', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-actions-race-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  execFileSync('git', ['init', '-q'], { cwd: root });
  writeFileSync(join(root, 'settings.py'), PY);
  const session = await startLsp(root, FIX_CAPABILITIES);
  t.after(() => session.child.kill());
  const { connection } = session;
  const uri = pathToFileURL(join(root, 'settings.py')).href;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text: PY },
  });
  const report = (await connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  })) as FullDocumentDiagnosticReport;
  const stale = report.items.find((d) => d.code === 'hardcoded-secret');
  assert.ok(stale, JSON.stringify(report.items));

  // Two lines typed above: the editor still shows the diagnostic of version 1 (no pull since).
  const inserted = '# local settings\n# keep short\n';
  void connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }],
  });
  const actions = (await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: stale.range,
    context: { diagnostics: [stale] },
  })) as CodeAction[];
  const move = actions.find((a) => a.title.startsWith('Move "'));
  assert.ok(move, `no move action in ${JSON.stringify(actions.map((a) => a.title))}`);
  const own = move.edit!.documentChanges!.find(
    (c): c is TextDocumentEdit => !('kind' in c) && c.textDocument.uri === uri,
  );
  assert.equal(own?.textDocument.version, 2, 'the edit is for the text the server holds now');
  const current = TextDocument.create(uri, 'python', 2, inserted + PY);
  const fixed = TextDocument.applyEdits(current, own.edits as TextEdit[]);
  assert.match(fixed, /^SECRET_KEY = os\.environ\["\w+"\]$/m);
  assert.ok(fixed.startsWith(inserted), 'the typed lines are kept');
  assert.ok(!fixed.includes(PY_SECRET));

  await session.close();
});
