/**
 * The language server's compliance service without a connection: progress,
 * cancellation and incremental updates (one file re-analysed, no rescan).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComplianceService, type ComplianceDeps, type Progress } from '../server/src/lsp/compliance';
import { resolveFolderSettings } from '../server/src/lsp/projectSettings';
import { DEFAULT_CLIENT_SETTINGS, type ClientSettings } from '../server/src/lsp/settings';
import { createLogger } from '../server/src/lsp/logging';
import { prepareWorkspace, WORKSPACES } from './complianceWorkspaces';

const SECRET_LINE = `API_TOKEN = "${['f3a9c2e7b1d8', '4f6a9e0c5b2d7a1f8e3c'].join('')}"\n`;

function service(options: { cancel?: boolean; folderSettings?: ComplianceDeps['folderSettings'] } = {}) {
  const events = { begun: 0, reports: [] as number[], done: 0, changed: [] as number[] };
  const log = createLogger(
    { error: () => undefined, warn: () => undefined, info: () => undefined, log: () => undefined },
    false,
  );
  const svc = new ComplianceService({
    log,
    debounceMs: 10,
    beginProgress: async () => {
      events.begun++;
      let cancel: (() => void) | undefined;
      const progress: Progress = {
        report: (p) => events.reports.push(p),
        done: () => events.done++,
        onCancel: (listener) => {
          cancel = listener;
          if (options.cancel) cancel();
        },
      };
      return progress;
    },
    changed: (score) => events.changed.push(score),
    folderSettings: options.folderSettings,
  });
  return { svc, events };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

test('one background scan with progress; later requests reuse it', async () => {
  const { root } = prepareWorkspace('compliant-app', { git: true });
  const { svc, events } = service();
  svc.updateFolders([root]);
  const [model] = await svc.models();
  assert.equal(model.score, 12);
  assert.equal(events.begun, 1);
  assert.equal(events.done, 1);
  assert.equal(events.reports.at(-1), 100);
  await svc.models();
  assert.equal(events.begun, 1, 'no second scan');
  svc.dispose();
});

test('a changed file on disk is re-analysed alone and the model recomputed', async () => {
  const { root } = prepareWorkspace('compliant-app', { git: true });
  const { svc, events } = service();
  svc.updateFolders([root]);
  await svc.models();
  const before = events.changed.length;
  writeFileSync(join(root, 'app.py'), `${SECRET_LINE}`, { flag: 'a' });
  svc.fileChanged(join(root, 'app.py'), false);
  await until(() => events.changed.length > before, 'the change notification');
  const [model] = await svc.models();
  assert.equal(model.factors[2].status, 'fail');
  assert.equal(model.factors[2].files[0].file, 'app.py');
  assert.equal(events.begun, 1, 'no rescan');
  svc.dispose();
});

test('an edited open document updates the model from its text; a project file re-reads the project', async () => {
  const { root } = prepareWorkspace('compliant-app', { git: true });
  const { svc, events } = service();
  svc.updateFolders([root]);
  await svc.models();
  let before = events.changed.length;
  svc.documentChanged(join(root, 'scripts', 'migrate.py'), {
    text: () => 'import logging\nlogging.basicConfig(filename="admin.log")\n',
  });
  await until(() => events.changed.length > before, 'the document update');
  let [model] = await svc.models();
  assert.equal(model.factors[10].status, 'warn');
  before = events.changed.length;
  writeFileSync(join(root, 'Procfile'), 'web: gunicorn app:app\n');
  svc.fileChanged(join(root, 'Procfile'), false);
  await until(() => events.changed.length > before, 'the project update');
  [model] = await svc.models();
  const xii = model.factors[11].checks.find((c) => c.id === 'admin-as-commands');
  assert.deepEqual(xii?.files, ['scripts/migrate.py'], 'the release process is gone');
  assert.equal(events.begun, 1);
  svc.dispose();
});

test('a cancelled scan yields no model and is retried by the next request', async () => {
  const { root } = prepareWorkspace('compliant-app', { git: true });
  const { svc, events } = service({ cancel: true });
  svc.updateFolders([root]);
  assert.deepEqual(await svc.models(), []);
  assert.equal(events.done, 1);
  await svc.models();
  assert.equal(events.begun, 2, 'retried');
  svc.dispose();
});

const READS_DJANGO_KEY = 'import os\nSECRET = os.environ["DJANGO_SECRET_KEY"]\n';

function envExampleMessage(model: { factors: { checks: { id: string; message: string }[] }[] }): string {
  const check = model.factors[2].checks.find((c) => c.id === 'env-example');
  assert.ok(check, 'the env-example check runs');
  return check.message;
}

/** compliant-app whose .env.example declares DJANGO_SECRET_KEY, which no file on disk reads. */
function djangoKeyWorkspace(): string {
  const example = readFileSync(join(WORKSPACES, 'compliant-app', '.env.example'), 'utf8');
  return prepareWorkspace('compliant-app', { git: true, files: { '.env.example': `${example}DJANGO_SECRET_KEY=\n` } })
    .root;
}

test('an unsaved edit that reads a declared variable updates the env-example check, also after a refresh', async () => {
  const root = djangoKeyWorkspace();
  const { svc, events } = service();
  svc.updateFolders([root]);
  let [model] = await svc.models();
  assert.match(envExampleMessage(model), /declared but never read: DJANGO_SECRET_KEY/);
  const file = join(root, 'settings.py');
  let text = 'import os\n';
  svc.documentOpened(file, { text: () => text });
  text = READS_DJANGO_KEY;
  const before = events.changed.length;
  svc.documentChanged(file, { text: () => text });
  await until(() => events.changed.length > before, 'the change notification');
  [model] = await svc.models();
  assert.doesNotMatch(envExampleMessage(model), /DJANGO_SECRET_KEY/);
  assert.equal(existsSync(file), false, 'nothing was saved');
  // A full rescan reads the disk, but the open document's text still wins.
  [model] = await svc.models(true);
  assert.doesNotMatch(envExampleMessage(model), /DJANGO_SECRET_KEY/);
  svc.dispose();
});

test('a document edited while the scan runs is not lost: the scan uses its text', async () => {
  const root = djangoKeyWorkspace();
  const { svc } = service();
  svc.updateFolders([root]);
  const scanning = svc.models();
  const appPy = join(root, 'app.py');
  const onDisk = readFileSync(appPy, 'utf8');
  svc.documentChanged(appPy, { text: () => `${onDisk}${READS_DJANGO_KEY}` });
  const [model] = await scanning;
  assert.doesNotMatch(envExampleMessage(model), /DJANGO_SECRET_KEY/);
  assert.equal(readFileSync(appPy, 'utf8'), onDisk, 'the disk still lacks the read');
  svc.dispose();
});

test('closing an unsaved document goes back to the disk; an open .env.example counts its text', async () => {
  const root = djangoKeyWorkspace();
  const { svc, events } = service();
  svc.updateFolders([root]);
  await svc.models();
  const appPy = join(root, 'app.py');
  const onDisk = readFileSync(appPy, 'utf8');
  let before = events.changed.length;
  svc.documentChanged(appPy, { text: () => `${onDisk}${READS_DJANGO_KEY}` });
  await until(() => events.changed.length > before, 'the change notification');
  assert.doesNotMatch(envExampleMessage((await svc.models())[0]), /DJANGO_SECRET_KEY/);
  before = events.changed.length;
  svc.documentClosed(appPy);
  await until(() => events.changed.length > before, 'the close notification');
  assert.match(envExampleMessage((await svc.models())[0]), /declared but never read: DJANGO_SECRET_KEY/);

  // The example file edited in the editor, unsaved: the declaration is gone.
  const example = join(root, '.env.example');
  const declared = readFileSync(example, 'utf8');
  before = events.changed.length;
  svc.documentChanged(example, { text: () => declared.replace('DJANGO_SECRET_KEY=\n', '') });
  await until(() => events.changed.length > before, 'the example update');
  const message = envExampleMessage((await svc.models())[0]);
  assert.doesNotMatch(message, /DJANGO_SECRET_KEY/);
  assert.equal(readFileSync(example, 'utf8'), declared);
  svc.dispose();
});

test("the client's settings decide the outline as they decide the diagnostics, and a change applies without a restart", async () => {
  const { root } = prepareWorkspace('compliant-app', { git: true });
  writeFileSync(join(root, 'app.py'), readFileSync(join(root, 'app.py'), 'utf8') + SECRET_LINE);
  let client: ClientSettings = { ...DEFAULT_CLIENT_SETTINGS };
  const { svc, events } = service({ folderSettings: async (r) => resolveFolderSettings(r, client) });
  svc.updateFolders([root]);
  const status = (m: { factors: { factor: string; status: string; checks: { id: string; status: string }[] }[] }) =>
    m.factors.find((f) => f.factor === 'III');
  let [model] = await svc.models();
  assert.equal(status(model)?.status, 'fail', 'the secret fails III');
  // hardcoded-secret turned off in the editor's settings: its check is unknown, III no longer fails.
  client = { ...client, rules: { 'hardcoded-secret': 'off' } };
  const notified = events.changed.length;
  svc.settingsChanged();
  await until(() => events.changed.length > notified, 'the changed notification');
  [model] = await svc.models();
  assert.notEqual(status(model)?.status, 'fail');
  assert.equal(status(model)?.checks.find((c) => c.id === 'no-hardcoded-secret')?.status, 'unknown');
  // Turned off for the folder: no outline at all, as no diagnostics.
  client = { ...client, enable: false };
  svc.settingsChanged();
  assert.deepEqual(await svc.models(), []);
});

test('a baseline accepts findings for the outline too', async () => {
  const { root } = prepareWorkspace('compliant-app', { git: true });
  writeFileSync(join(root, 'app.py'), readFileSync(join(root, 'app.py'), 'utf8') + SECRET_LINE);
  const { svc } = service({ folderSettings: async (r) => resolveFolderSettings(r, DEFAULT_CLIENT_SETTINGS) });
  svc.updateFolders([root]);
  const [before] = await svc.models();
  const prints = before.factors.flatMap((f) => f.files.flatMap((file) => file.findings.map((x) => x.fingerprint)));
  assert.ok(prints.length > 0);
  writeFileSync(join(root, '.twelve-factor-baseline.json'), JSON.stringify({ version: 2, fingerprints: prints }));
  const [after] = await svc.models(true);
  assert.equal(after.factors.find((f) => f.factor === 'III')?.findingCount, 0);
});
