/**
 * A cloned repository's `.git/config` must not run anything: every git call
 * of CLI and server goes through workspace/git.ts. The repository here sets
 * fsmonitor, a pager, an external diff, a textconv and a filter driver and
 * installs hooks, each a script that writes a marker file; the real code
 * paths run (code actions over the protocol, `check --format json` with its
 * compliance gather, the walk) and the marker must never appear.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { gitEnvironment, gitListFiles } from '../server/src/workspace/git';
import { listProjectFiles } from '../server/src/workspace/walker';
import { startLsp, until } from './support/lspSession';
import { actionsAtSecret } from './support/secretActions';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const SECRET = ['sk', 'live', '51H8xKQ2eZvKYlo2C9aBcDeFgHiJk'].join('_');

/** A committed repository whose config and hooks would all write `marker` if git ran them. */
function hostileRepo(options: { envText?: string } = {}): { root: string; marker: string } {
  const root = mkdtempSync(join(tmpdir(), 'tf-git-hostile-'));
  const marker = join(root, 'marker');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: gitEnvironment() });
  git('init', '-q');
  writeFileSync(join(root, 'settings.py'), `API_KEY = "${SECRET}"\n`);
  writeFileSync(join(root, '.env'), options.envText ?? 'DEBUG=1\n');
  writeFileSync(join(root, '.gitattributes'), '* diff=evil filter=evil\n');
  // With a text given, the .env is committed: the scan then asks git whether it is tracked.
  git('add', 'settings.py', '.gitattributes', ...(options.envText ? ['.env'] : []));
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
  const script = join(root, 'evil.sh');
  writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat\n`);
  chmodSync(script, 0o755);
  for (const [key, value] of [
    ['core.fsmonitor', script],
    ['core.pager', script],
    ['pager.ls-files', script],
    ['diff.external', script],
    ['diff.evil.textconv', script],
    ['filter.evil.clean', script],
    ['filter.evil.smudge', script],
    ['filter.evil.process', script],
    ['core.sshCommand', script],
    ['credential.helper', `!${script}`],
  ]) {
    git('config', key, value);
  }
  mkdirSync(join(root, '.git', 'hooks'), { recursive: true });
  for (const hook of ['post-index-change', 'post-checkout', 'pre-commit', 'reference-transaction']) {
    writeFileSync(join(root, '.git', 'hooks', hook), `#!/bin/sh\necho hook >> '${marker}'\n`);
    chmodSync(join(root, '.git', 'hooks', hook), 0o755);
  }
  // Committing and configuring ran nothing of ours yet: only what follows counts.
  rmSync(marker, { force: true });
  return { root, marker };
}

test('code actions on a secret in a hostile repository run none of its git commands', async (t) => {
  const { root, marker } = hostileRepo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const session = await startLsp(root, {
    textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { disabledSupport: true } },
    workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  });
  t.after(() => session.child.kill());
  const actions = await actionsAtSecret(session, join(root, 'settings.py'));
  // The fix asked git whether .env is tracked (it exists): the action is there, the answer "no".
  const move = actions.find((a) => a.title.startsWith('Move "'));
  assert.ok(move && !move.title.includes('tracked'), JSON.stringify(actions.map((a) => a.title)));
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  await session.close();
});

test('"Stop tracking .env" in a hostile repository runs none of its commands (git rm --cached would run its clean filter)', async (t) => {
  const { root, marker } = hostileRepo({ envText: `API_KEY=${SECRET}\n` });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const session = await startLsp(root, { workspace: { configuration: true } });
  t.after(() => session.child.kill());
  const uri = pathToFileURL(join(root, '.env')).href;
  await session.connection.sendRequest(ExecuteCommandRequest.type, {
    command: 'twelve-factor.stopTracking',
    arguments: [uri],
  });
  await until('the rotation warning', () => session.messages.find((m) => /rotate/.test(m)));
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  // Asked through the hardened helper: a plain `git ls-files` here would run the repository's fsmonitor.
  assert.deepEqual(await gitListFiles(root, ['--cached']), ['.gitattributes', 'settings.py']);
  await session.close();
});

test('check --format json (walk and compliance gather) runs none of the repository git commands', (t) => {
  const { root, marker } = hostileRepo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 1, r.stderr);
  const json = JSON.parse(r.stdout) as { findings: { file: string; rule: string }[] };
  assert.ok(json.findings.some((f) => f.file === 'settings.py' && f.rule === 'hardcoded-secret'));
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
});

test('check on a tracked .env asks git without running the repository commands', (t) => {
  const { root, marker } = hostileRepo({ envText: `DEBUG=1\nSTRIPE_SECRET_KEY=${SECRET}\n` });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const json = JSON.parse(r.stdout) as { findings: { file: string; rule: string }[] };
  assert.ok(
    json.findings.some((f) => f.file === '.env' && f.rule === 'hardcoded-secret'),
    r.stdout,
  );
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
});

test('the walk asks git for its listing without running the repository commands', async (t) => {
  const { root, marker } = hostileRepo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const files = await listProjectFiles(root, { cwd: root });
  assert.ok(files.some((f) => f.relPath === '.env'));
  assert.equal(existsSync(marker), false);
});

test('git calls ignore GIT_DIR, GIT_WORK_TREE and the other GIT_* variables they were started with', async (t) => {
  const { root: hostile, marker } = hostileRepo();
  const other = mkdtempSync(join(tmpdir(), 'tf-git-other-'));
  t.after(() => {
    rmSync(hostile, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  });
  execFileSync('git', ['init', '-q'], { cwd: other, env: gitEnvironment() });
  writeFileSync(join(other, 'mine.py'), '');
  execFileSync('git', ['add', 'mine.py'], { cwd: other, env: gitEnvironment() });
  const saved = { ...process.env };
  t.after(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  // An environment that points git at the hostile repository and at a config adding fsmonitor.
  Object.assign(process.env, {
    GIT_DIR: join(hostile, '.git'),
    GIT_WORK_TREE: hostile,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'core.fsmonitor',
    GIT_CONFIG_VALUE_0: join(hostile, 'evil.sh'),
  });
  assert.deepEqual(await gitListFiles(other, ['--cached']), ['mine.py']);
  assert.equal(existsSync(marker), false);
  const env = gitEnvironment({ GIT_DIR: '/x', git_work_tree: '/y', PATH: '/bin' });
  assert.equal(env.GIT_DIR, undefined);
  assert.equal(env.git_work_tree, undefined);
  assert.equal(env.PATH, '/bin');
  assert.equal(env.GIT_CONFIG_NOSYSTEM, '1');
});

test('a git call is bounded in output: past the limit it fails instead of buffering', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-git-big-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  execFileSync('git', ['init', '-q'], { cwd: root, env: gitEnvironment() });
  for (let i = 0; i < 50; i++) writeFileSync(join(root, `file_${i}.py`), '');
  assert.equal((await gitListFiles(root, ['--others']))?.length, 50);
  assert.equal(await gitListFiles(root, ['--others'], { maxBytes: 100 }), undefined);
});
