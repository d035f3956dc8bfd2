// "Stop tracking .env" over the protocol: the built server over stdio in a
// temp git repository offers the command on a tracked .env's finding; run
// (workspace/executeCommand) it leaves the file on disk, out of the index and
// in .gitignore, and warns to rotate; refused with the reason, changing
// nothing, when the file is not tracked or not in a git repository.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  type CodeAction,
} from 'vscode-languageserver-protocol/node';
import { FIX_CAPABILITIES, pullFull, startLsp, until, type LspSession } from './support/lspSession';

// Assembled here so this file holds no secret literal.
const PASSWORD = ['Xk9pL2', 'mQ7vR4', 'wQ'].join('');
const ENV = `DEBUG=1\nDB_PASSWORD=${PASSWORD}\n`;
const COMMAND = 'twelve-factor.stopTracking';

function repo(t: TestContext, options: { git: boolean; track: boolean; gitignore?: string }): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tf-untrack-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, '.env'), ENV);
  writeFileSync(join(root, 'app.py'), 'import os\n');
  if (options.gitignore !== undefined) writeFileSync(join(root, '.gitignore'), options.gitignore);
  if (!options.git) return root;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root }).toString();
  git('init', '-q');
  git('add', 'app.py', ...(options.track ? ['-f', '.env'] : []));
  git('commit', '-qm', 'init');
  return root;
}

function tracked(root: string): string[] {
  return execFileSync('git', ['ls-files'], { cwd: root }).toString().split('\n').filter(Boolean);
}

async function session(t: TestContext, root: string): Promise<{ s: LspSession; uri: string }> {
  const s = await startLsp(root, FIX_CAPABILITIES);
  t.after(() => s.child.kill());
  const uri = pathToFileURL(join(root, '.env')).href;
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'dotenv', version: 1, text: ENV },
  });
  return { s, uri };
}

const run = (s: LspSession, uri: string) =>
  s.connection.sendRequest(ExecuteCommandRequest.type, { command: COMMAND, arguments: [uri] });

test('a tracked .env: the finding offers "Stop tracking", which untracks, ignores and warns to rotate', async (t) => {
  const root = repo(t, { git: true, track: true, gitignore: 'node_modules/\n' });
  const { s, uri } = await session(t, root);
  assert.ok(s.initialize.capabilities.executeCommandProvider?.commands.includes(COMMAND));
  const [finding] = (await pullFull(s, uri)).items;
  assert.equal(finding?.code, 'hardcoded-secret');
  const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: finding.range,
    context: { diagnostics: [finding] },
  })) as CodeAction[];
  const stop = actions.find((a) => a.command?.command === COMMAND);
  assert.ok(stop, JSON.stringify(actions.map((a) => a.title)));
  assert.match(stop.title, /^Stop tracking \.env \(git rm --cached\)/);
  assert.equal(stop.edit, undefined, 'git and the disk change on the server, not through an edit');

  await s.connection.sendRequest(ExecuteCommandRequest.type, stop.command!);
  const warning = await until('the rotation warning', () => s.messages.find((m) => /rotate/.test(m)));
  assert.match(warning, /git no longer tracks \.env .*\.gitignore now lists it.*rotate every secret/);
  assert.ok(!s.wire.some((m) => m.includes(PASSWORD)), 'the value never goes over the wire');
  assert.deepEqual(tracked(root), ['app.py']);
  assert.equal(readFileSync(join(root, '.env'), 'utf8'), ENV, '.env stays on disk, untouched');
  assert.equal(readFileSync(join(root, '.gitignore'), 'utf8'), 'node_modules/\n.env\n');
  // An untracked .env is where secrets belong: the finding goes.
  const deadline = Date.now() + 30_000;
  let items = (await pullFull(s, uri)).items;
  while (items.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    items = (await pullFull(s, uri)).items;
  }
  assert.deepEqual(items, []);
  await s.close();
});

test('a .env that git does not track: refused with the reason, nothing changes', async (t) => {
  const root = repo(t, { git: true, track: false });
  const { s, uri } = await session(t, root);
  await run(s, uri);
  const error = await until('the refusal', () => s.messages.find((m) => /cannot stop tracking/.test(m)));
  assert.equal(error, 'Twelve-Factor: cannot stop tracking .env: git does not track it.');
  assert.equal(existsSync(join(root, '.gitignore')), false);
  assert.deepEqual(tracked(root), ['app.py']);
  await s.close();
});

test('a .env outside any git repository: refused with the reason', async (t) => {
  const root = repo(t, { git: false, track: false });
  const { s, uri } = await session(t, root);
  await run(s, uri);
  const error = await until('the refusal', () => s.messages.find((m) => /cannot stop tracking/.test(m)));
  assert.match(error, /it is not in a git repository/);
  assert.equal(existsSync(join(root, '.gitignore')), false);
  await s.close();
});

test('a .gitignore that is a symbolic link: refused before git is touched', async (t) => {
  const root = repo(t, { git: true, track: true });
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'tf-untrack-out-')));
  t.after(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(join(outside, 'target'), 'x\n');
  execFileSync('ln', ['-s', join(outside, 'target'), join(root, '.gitignore')]);
  const { s, uri } = await session(t, root);
  await run(s, uri);
  const error = await until('the refusal', () => s.messages.find((m) => /cannot stop tracking/.test(m)));
  assert.match(error, /symbolic link/);
  assert.deepEqual(tracked(root), ['.env', 'app.py']);
  assert.equal(readFileSync(join(outside, 'target'), 'utf8'), 'x\n');
  await s.close();
});
