/**
 * Quick-fixes on secrets in application config files and Kubernetes
 * manifests (see the hardcoded-secret doc page, "Quick-fixes in config and
 * deployment files"): no rewrite (the app reads the file as written; a
 * manifest's value must become a Secret made elsewhere), "Stop tracking" for
 * a tracked file that holds only secrets, and suppression comments only
 * where the format keeps them out of the values — never in a plain JSON
 * file, which a comment would break.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  type CodeAction,
} from 'vscode-languageserver-protocol/node';
import { analyzeText } from '../server/src/engine/engine';
import { extractDocument } from '../server/src/frontends/documents';
import { canWriteComments } from '../server/src/fixes/ignore';
import type { DocumentKind } from '../server/src/ir/types';
import { FIX_CAPABILITIES, pullFull, startLsp, until } from './support/lspSession';
import { tempTree } from './support/tempTree';

// Assembled here so this file holds no secret literal.
const KEY = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc9Hq2'].join('_');
const PASSWORD = ['Xk9pL2', 'mQ7vR4', 'wQ'].join('');
const SECRETS_JSON = `{\n  "stripe": { "apiKey": "${KEY}" }\n}\n`;
const SECRET_MANIFEST = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop\nstringData:\n  DB_PASSWORD: ${PASSWORD}\n`;
const DEPLOYMENT = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: DB_PASSWORD\n              value: ${PASSWORD}\n`;

function fixesOf(path: string, kind: DocumentKind, text: string, tracked?: boolean): string[][] {
  return analyzeText(text, path, kind, { tracked }).findings.map((f) => f.data?.fixes ?? []);
}

test('"Stop tracking" only on a tracked file of secrets; no config value offers a rewrite', () => {
  assert.deepEqual(fixesOf('config/secrets.json', 'json-config', SECRETS_JSON, true), [['stop-tracking']]);
  assert.deepEqual(fixesOf('credentials.production.json', 'json-config', SECRETS_JSON, true), [['stop-tracking']]);
  // Not tracked (or not known to be): nothing to stop tracking.
  assert.deepEqual(fixesOf('config/secrets.json', 'json-config', SECRETS_JSON, false), [[]]);
  assert.deepEqual(fixesOf('config/secrets.json', 'json-config', SECRETS_JSON), [[]]);
  // A config file holds the rest of the settings too: untracking it would take them out of the repository.
  assert.deepEqual(fixesOf('config/default.json', 'json-config', SECRETS_JSON, true), [[]]);
  assert.deepEqual(fixesOf('deploy/secret.yaml', 'yaml-config', SECRET_MANIFEST, true), [['stop-tracking']]);
  assert.deepEqual(fixesOf('deploy/secrets.yaml', 'yaml-config', `${SECRET_MANIFEST}---\n${SECRET_MANIFEST}`, true), [
    ['stop-tracking'],
    ['stop-tracking'],
  ]);
  // A Secret beside a Deployment: the file is more than secrets.
  assert.deepEqual(fixesOf('deploy/app.yaml', 'yaml-config', `${SECRET_MANIFEST}---\n${DEPLOYMENT}`, true), [[], []]);
  assert.deepEqual(fixesOf('settings.ini', 'ini-config', `[settings]\nSTRIPE_KEY = ${KEY}\n`, true), [[]]);
});

test('suppression comments are written only where the format keeps them out of the values', () => {
  const can = (path: string, kind: DocumentKind, text: string) =>
    canWriteComments(path, kind, extractDocument(kind, text, path));
  assert.equal(can('config.json', 'json-config', SECRETS_JSON), false, 'JSON.parse would reject the file');
  assert.equal(can('config/default.json', 'json-config', `{\n  // node-config skips comments\n  "a": "b"\n}\n`), true);
  assert.equal(can('appsettings.Production.json', 'json-config', SECRETS_JSON), true, '.NET skips comments');
  assert.equal(can('settings.yaml', 'yaml-config', 'a: b\n'), true);
  assert.equal(can('settings.ini', 'ini-config', '[s]\na = b\n'), true);
});

function repo(t: TestContext, files: Record<string, string>, track: string[]): string {
  const root = tempTree('cfgfix', files, { realPath: true });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root });
  git('init', '-q');
  git('add', ...track);
  git('commit', '-qm', 'init');
  return root;
}

test('in the editor: Stop tracking a tracked secrets.json (no Ignore in plain JSON), Ignore in a manifest', async (t) => {
  const root = repo(
    t,
    { 'config/secrets.json': SECRETS_JSON, 'k8s/secret.yaml': SECRET_MANIFEST, 'secrets.yml': `key: ${KEY}\n` },
    ['config/secrets.json', 'k8s/secret.yaml'],
  );
  const s = await startLsp(root, FIX_CAPABILITIES);
  t.after(() => s.child.kill());
  const titles = async (rel: string, languageId: string) => {
    const uri = pathToFileURL(join(root, rel)).href;
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text: readFileSync(join(root, rel), 'utf8') },
    });
    const [finding] = (await pullFull(s, uri)).items;
    assert.equal(finding?.code, 'hardcoded-secret', rel);
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: finding.range,
      context: { diagnostics: [finding] },
    })) as CodeAction[];
    return actions;
  };
  const json = await titles('config/secrets.json', 'json');
  assert.deepEqual(
    json.map((a) => a.title),
    [
      'Stop tracking secrets.json (git rm --cached), add it to .gitignore, then rotate its secrets',
      'Show documentation for hardcoded-secret',
    ],
  );
  const manifest = (await titles('k8s/secret.yaml', 'yaml')).map((a) => a.title);
  assert.ok(manifest.includes('Ignore hardcoded-secret on this line'), JSON.stringify(manifest));
  assert.ok(
    manifest.some((title) => title.startsWith('Stop tracking secret.yaml')),
    JSON.stringify(manifest),
  );
  assert.ok(!manifest.some((title) => title.startsWith('Move ')), JSON.stringify(manifest));
  // Untracked: only the suppressions and the documentation.
  const untracked = (await titles('secrets.yml', 'yaml')).map((a) => a.title);
  assert.ok(!untracked.some((title) => title.startsWith('Stop tracking')), JSON.stringify(untracked));

  await s.connection.sendRequest(ExecuteCommandRequest.type, json[0].command!);
  await until('the rotation warning', () => s.messages.find((m) => /git no longer tracks secrets\.json/.test(m)));
  const tracked = execFileSync('git', ['ls-files'], { cwd: root }).toString().split('\n').filter(Boolean);
  assert.deepEqual(tracked, ['k8s/secret.yaml']);
  assert.equal(readFileSync(join(root, 'config/secrets.json'), 'utf8'), SECRETS_JSON, 'stays on disk, untouched');
  assert.equal(readFileSync(join(root, '.gitignore'), 'utf8'), 'config/secrets.json\n');
  assert.ok(!s.wire.some((m) => m.includes(KEY) || m.includes(PASSWORD)), 'values never go over the wire');
  await s.close();
});
