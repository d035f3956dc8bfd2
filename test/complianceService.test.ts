/**
 * The language server's compliance service without a connection: progress,
 * cancellation and incremental updates (one file re-analysed, no rescan).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComplianceService, type Progress } from '../server/src/lsp/compliance';
import { createLogger } from '../server/src/lsp/logging';
import { prepareWorkspace } from './complianceWorkspaces';

const SECRET_LINE = `API_TOKEN = "${['f3a9c2e7b1d8', '4f6a9e0c5b2d7a1f8e3c'].join('')}"\n`;

function service(options: { cancel?: boolean } = {}) {
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
  svc.documentChanged(
    join(root, 'scripts', 'migrate.py'),
    () => 'import logging\nlogging.basicConfig(filename="admin.log")\n',
  );
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
