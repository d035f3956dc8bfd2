/**
 * "Move to environment" in a hostile workspace, over the protocol: a `.env`,
 * `.env.example` or `.gitignore` that is a symbolic link (to outside the
 * workspace, dangling, or even to a file inside it) makes the action
 * disabled with the reason, so no secret is appended to a link's target and
 * no dangling target is created. And a `.twelve-factor.json` above the
 * workspace folder does not move where `.env` is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, CodeAction } from 'vscode-languageserver-protocol/node';
import { startLsp, type LspSession } from './support/lspSession';
import { actionsAtSecret } from './support/secretActions';

const SECRET = ['sk', 'live', '51H8xKQ2eZvKYlo2C9aBcDeFgHiJk'].join('_');
const CAPABILITIES: ClientCapabilities = {
  textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { disabledSupport: true } },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
};

/** The "Move to .env" action for the secret in `file`. */
async function moveAction(session: LspSession, file: string): Promise<CodeAction> {
  const actions = await actionsAtSecret(session, file);
  const move = actions.find((a) => a.title.startsWith('Move "'));
  assert.ok(move, JSON.stringify(actions.map((a) => a.title)));
  return move;
}

test('a .env, .env.example or .gitignore that is any symbolic link disables the move', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-writes-'));
  const outside = mkdtempSync(join(tmpdir(), 'tf-writes-outside-'));
  t.after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const cases: { dir: string; file: string; link: 'outside' | 'dangling' | 'inside' }[] = [];
  for (const file of ['.env', '.env.example', '.gitignore']) {
    for (const link of ['outside', 'dangling', 'inside'] as const) {
      const dir = join(root, `${file.slice(1).replace('.', '-')}-${link}`);
      mkdirSync(dir);
      // Its own project: the fix writes next to this config, inside the workspace folder.
      writeFileSync(join(dir, '.twelve-factor.json'), '{}\n');
      writeFileSync(join(dir, 'settings.py'), `API_KEY = "${SECRET}"\n`);
      const target =
        link === 'outside'
          ? join(outside, `${file}-${link}`)
          : link === 'dangling'
            ? join(outside, `missing-${file}`)
            : join(dir, 'real-file');
      // Contents the fix could otherwise use: only the link itself is the reason to refuse.
      if (link !== 'dangling') writeFileSync(target, file === '.gitignore' ? 'node_modules/\n' : 'DEBUG=1\n');
      symlinkSync(target, join(dir, file));
      cases.push({ dir, file, link });
    }
  }
  const control = join(root, 'control');
  mkdirSync(control);
  writeFileSync(join(control, '.twelve-factor.json'), '{}\n');
  writeFileSync(join(control, 'settings.py'), `API_KEY = "${SECRET}"\n`);

  const session = await startLsp(root, CAPABILITIES);
  t.after(() => session.child.kill());
  const allowed = await moveAction(session, join(control, 'settings.py'));
  assert.equal(allowed.disabled, undefined, 'without links the move is offered');
  assert.ok(allowed.edit);
  for (const { dir, file, link } of cases) {
    const move = await moveAction(session, join(dir, 'settings.py'));
    const what = `${file} as a ${link} link`;
    assert.equal(move.edit, undefined, `${what}: no edit`);
    assert.ok(move.disabled, `${what}: disabled`);
    assert.match(move.disabled.reason, new RegExp(`^\\${file} is a symbolic link`), what);
    assert.ok(!move.disabled.reason.includes(SECRET));
  }
  await session.close();
  // Nothing was written through a link, and no dangling target was created.
  assert.equal(readFileSync(join(outside, '.env-outside'), 'utf8'), 'DEBUG=1\n');
  assert.equal(readFileSync(join(outside, '.gitignore-outside'), 'utf8'), 'node_modules/\n');
  for (const file of ['.env', '.env.example', '.gitignore']) {
    assert.throws(() => readFileSync(join(outside, `missing-${file}`)), /ENOENT/);
  }
});

test('a .twelve-factor.json above the workspace folder does not move where .env is written', async (t) => {
  const outer = mkdtempSync(join(tmpdir(), 'tf-writes-above-'));
  t.after(() => rmSync(outer, { recursive: true, force: true }));
  writeFileSync(join(outer, '.twelve-factor.json'), '{}\n');
  const folder = join(outer, 'app');
  mkdirSync(folder);
  writeFileSync(join(folder, 'settings.py'), `API_KEY = "${SECRET}"\n`);
  const session = await startLsp(folder, CAPABILITIES);
  t.after(() => session.child.kill());
  const move = await moveAction(session, join(folder, 'settings.py'));
  const uris = (move.edit?.documentChanges ?? []).map((c) =>
    'kind' in c ? (c.kind === 'rename' ? c.newUri : c.uri) : c.textDocument.uri,
  );
  const inFolder = pathToFileURL(folder).href + '/';
  assert.ok(uris.includes(`${inFolder}.env`), JSON.stringify(uris));
  for (const uri of uris) assert.ok(uri.startsWith(inFolder), `${uri} is outside the workspace folder`);
  await session.close();
});

/** Where each document change of the action goes, as paths relative to `root`. */
function changedPaths(move: CodeAction, root: string): string[] {
  const base = pathToFileURL(root).href + '/';
  return (move.edit?.documentChanges ?? []).map((c) =>
    ('kind' in c ? (c.kind === 'rename' ? c.newUri : c.uri) : c.textDocument.uri).slice(base.length),
  );
}

test('two apps of one repository each get their own .env beside their manifest', async (t) => {
  const repo = mkdtempSync(join(tmpdir(), 'tf-writes-apps-'));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
  const apps = { 'services/api': 'requirements.txt', 'services/worker': 'pyproject.toml' };
  for (const [dir, manifest] of Object.entries(apps)) {
    mkdirSync(join(repo, dir, 'app'), { recursive: true });
    writeFileSync(join(repo, dir, manifest), '');
    writeFileSync(join(repo, dir, 'app', 'settings.py'), `API_KEY = "${SECRET}"\n`);
  }
  // The worker's .env already holds another STRIPE_API_KEY: only the worker's name changes.
  writeFileSync(join(repo, 'services/worker/.env'), 'STRIPE_API_KEY=other\n');
  const session = await startLsp(repo, CAPABILITIES);
  t.after(() => session.child.kill());
  const api = await moveAction(session, join(repo, 'services/api/app/settings.py'));
  assert.deepEqual(changedPaths(api, repo), [
    'services/api/.gitignore',
    'services/api/.gitignore',
    'services/api/.env',
    'services/api/.env',
    'services/api/.env.example',
    'services/api/.env.example',
    'services/api/app/settings.py',
  ]);
  const worker = await moveAction(session, join(repo, 'services/worker/app/settings.py'));
  assert.ok(changedPaths(worker, repo).includes('services/worker/.env'), JSON.stringify(changedPaths(worker, repo)));
  const envEdit = (worker.edit?.documentChanges ?? []).find(
    (c) => 'textDocument' in c && c.textDocument.uri.endsWith('/services/worker/.env'),
  );
  assert.ok(
    envEdit && 'edits' in envEdit && /^STRIPE_API_KEY_2=/m.test(envEdit.edits[0].newText),
    JSON.stringify(envEdit),
  );
  await session.close();
});

test("a .env the repository's .gitignore already ignores gets no .gitignore of its own", async (t) => {
  const repo = mkdtempSync(join(tmpdir(), 'tf-writes-ignored-'));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  writeFileSync(join(repo, '.gitignore'), '.env\n');
  mkdirSync(join(repo, 'api'));
  writeFileSync(join(repo, 'api', 'package.json'), '{}\n');
  writeFileSync(join(repo, 'api', 'settings.py'), `API_KEY = "${SECRET}"\n`);
  const session = await startLsp(repo, CAPABILITIES);
  t.after(() => session.child.kill());
  const paths = changedPaths(await moveAction(session, join(repo, 'api', 'settings.py')), repo);
  assert.ok(paths.includes('api/.env'), JSON.stringify(paths));
  assert.ok(!paths.some((p) => p.endsWith('.gitignore')), JSON.stringify(paths));
  await session.close();
});

test('a created file is one edit of its whole content, and the command names each file with whether it is created', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-writes-created-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'requirements.txt'), '');
  writeFileSync(join(root, '.gitignore'), 'build/\n');
  writeFileSync(join(root, 'settings.py'), `API_KEY = "${SECRET}"\n`);
  const session = await startLsp(root, {
    ...CAPABILITIES,
    workspace: {
      ...CAPABILITIES.workspace,
      workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: {} },
    },
  });
  t.after(() => session.child.kill());
  const move = await moveAction(session, join(root, 'settings.py'));
  const changes = move.edit?.documentChanges ?? [];
  const envEdit = changes.find((c) => 'textDocument' in c && c.textDocument.uri.endsWith('/.env'));
  assert.ok(envEdit && 'edits' in envEdit);
  // Up to the start of line 1: Neovim replaces the empty file's one line instead of leaving a blank one.
  assert.deepEqual(envEdit.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  assert.equal(envEdit.edits[0].newText, `STRIPE_API_KEY=${SECRET}\n`);
  const annotation = move.edit?.changeAnnotations?.['twelve-factor.fix'];
  assert.deepEqual(annotation, { label: move.title, needsConfirmation: false });
  const base = pathToFileURL(root).href;
  assert.deepEqual(move.command?.arguments, [
    { uri: `${base}/.gitignore`, created: false },
    { uri: `${base}/.env`, created: true },
    { uri: `${base}/.env.example`, created: true },
  ]);
  await session.close();
});
