/**
 * The compliance model on the workspace fixtures (test/workspaces): the
 * expected status of every factor, the checks that decide them, and the
 * model's ordering and determinism.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeCompliance } from '../server/src/factors/compute';
import type { ComplianceModel, Status } from '../server/src/shared/compliance';
import { DEFAULT_CONFIG } from '../server/src/workspace/config';
import { prepareWorkspace } from './complianceWorkspaces';

const config = { ...DEFAULT_CONFIG, rules: {}, exclude: [], testFiles: [...DEFAULT_CONFIG.testFiles] };

function statuses(model: ComplianceModel): Record<string, Status> {
  return Object.fromEntries(model.factors.map((f) => [f.factor, f.status]));
}

function check(model: ComplianceModel, factor: string, id: string) {
  const found = model.factors.find((f) => f.factor === factor)?.checks.find((c) => c.id === id);
  assert.ok(found, `check ${id} of factor ${factor}`);
  return found;
}

function factor(model: ComplianceModel, id: string) {
  const found = model.factors.find((f) => f.factor === id);
  assert.ok(found, `factor ${id}`);
  return found;
}

function explain(model: ComplianceModel): string {
  return model.factors
    .map((f) => `${f.factor} ${f.status}: ${f.checks.map((c) => `${c.id}=${c.status} (${c.message})`).join('; ')}`)
    .join('\n');
}

test('compliant-app: all twelve factors pass', async () => {
  const { root } = prepareWorkspace('compliant-app', {
    git: true,
    files: { '.env': 'DATABASE_URL=postgres://app@localhost:5432/app\nSECRET_KEY=dev-only\n' },
  });
  const model = await computeCompliance(root, { config });
  const expected = Object.fromEntries(model.factors.map((f) => [f.factor, 'pass']));
  assert.deepEqual(statuses(model), expected, explain(model));
  assert.equal(model.score, 12);
  assert.equal(check(model, 'III', 'env-gitignored').status, 'pass');
  assert.equal(check(model, 'III', 'env-untracked').status, 'pass');
  assert.deepEqual(check(model, 'IX', 'graceful-shutdown').files, ['Dockerfile', 'Procfile', 'app.py']);
  assert.deepEqual(check(model, 'XII', 'admin-as-commands').files, ['Procfile', 'scripts/migrate.py']);
});

test('violating-app: each factor fails or warns for the reason planted in it', async () => {
  const { root } = prepareWorkspace('violating-app', {
    git: true,
    files: { '.env': 'SESSION_SECRET=dev-only\nLEGACY_FLAG=1\n' },
    track: ['.env'],
  });
  const model = await computeCompliance(root, { config });
  assert.deepEqual(
    statuses(model),
    {
      I: 'pass',
      II: 'warn',
      III: 'fail',
      IV: 'warn',
      V: 'warn',
      VI: 'warn',
      VII: 'warn',
      VIII: 'warn',
      IX: 'warn',
      X: 'warn',
      XI: 'warn',
      XII: 'warn',
    },
    explain(model),
  );
  assert.equal(model.score, 1);
  assert.equal(check(model, 'II', 'dependencies-locked').status, 'warn');
  assert.equal(check(model, 'III', 'env-gitignored').status, 'fail');
  assert.deepEqual(check(model, 'III', 'env-untracked').files, ['.env']);
  assert.equal(check(model, 'III', 'no-hardcoded-secret').status, 'fail');
  assert.equal(check(model, 'V', 'build-definition').status, 'warn');
  assert.equal(check(model, 'VII', 'port-from-env').status, 'warn');
  assert.equal(check(model, 'IX', 'graceful-shutdown').status, 'warn');
  assert.match(check(model, 'X', 'same-backing-services').message, /sqlite .*but postgres/);
  assert.match(check(model, 'XII', 'admin-as-commands').message, /\/admin\/migrate \(src\/server\.js:\d+\)/);
  const iii = model.factors[2];
  assert.deepEqual(
    iii.files.map((f) => f.file),
    ['config/database.js', 'src/server.js'],
  );
  for (const f of iii.files) {
    const lines = f.findings.map((x) => x.range.start.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
      'findings sorted by line',
    );
  }
});

test('mixed-repo: two deployables warn factor I, the rest is judged per language', async () => {
  const { root } = prepareWorkspace('mixed-repo', { git: true });
  const model = await computeCompliance(root, { config });
  assert.deepEqual(
    statuses(model),
    {
      I: 'warn',
      II: 'pass',
      III: 'warn',
      IV: 'pass',
      V: 'pass',
      VI: 'pass',
      VII: 'pass',
      // backend/Dockerfile's CMD declares the container's process. No database
      // settings: an empty env-specific-config check is no evidence on its own.
      VIII: 'pass',
      IX: 'pass',
      X: 'unknown',
      XI: 'pass',
      XII: 'pass',
    },
    explain(model),
  );
  assert.match(check(model, 'I', 'one-app').message, /2 deployables.*backend and frontend/);
  assert.match(check(model, 'III', 'env-example').message, /missing from \.env\.example: API_URL/);
  assert.deepEqual(check(model, 'VII', 'port-from-env').files, ['backend/main.py', 'frontend/server.js']);
  assert.deepEqual(check(model, 'VIII', 'process-types').files, ['backend/Dockerfile']);
  assert.equal(check(model, 'X', 'same-backing-services').status, 'unknown');
  assert.match(factor(model, 'X').reason, /no database configuration found/);
  assert.equal(check(model, 'X', 'no-env-specific-config').status, 'pass');
  assert.equal(model.unknown, 1);
  assert.deepEqual(check(model, 'XII', 'admin-as-commands').files, ['backend/scripts/seed.py']);
});

test('empty folder without git: every factor unknown, each with a reason', async () => {
  const { root } = prepareWorkspace('empty');
  const model = await computeCompliance(root, { config });
  for (const f of model.factors) {
    assert.equal(f.status, 'unknown', `${f.factor}: ${f.reason}`);
    assert.ok(f.reason.length > 0);
    assert.ok(
      f.checks.every((c) => c.status === 'unknown'),
      `${f.factor}: no check passes by default`,
    );
  }
  assert.equal(model.score, 0);
});

test('the model is deterministic and ordered I..XII', async () => {
  const { root } = prepareWorkspace('violating-app', { git: true });
  const a = await computeCompliance(root, { config });
  const b = await computeCompliance(root, { config });
  assert.deepEqual(a, b);
  assert.deepEqual(
    a.factors.map((f) => f.factor),
    ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'],
  );
  for (const f of a.factors) {
    const files = f.files.map((x) => x.file);
    assert.deepEqual(files, [...files].sort());
    assert.match(f.url, /^https:\/\/12factor\.net\/[a-z-]+$/);
  }
});

test('a rule turned off makes its check unknown, not a pass', async () => {
  const { root } = prepareWorkspace('compliant-app', { git: true });
  const model = await computeCompliance(root, { config: { ...config, rules: { 'file-logging': 'off' } } });
  const xi = model.factors[10];
  assert.equal(xi.status, 'unknown');
  assert.match(xi.reason, /turned off/);
});

test('test files: what the roles leave there warns a factor, never fails it', async () => {
  const { root } = prepareWorkspace('compliant-app', { git: true });
  const live = ['AKIA', 'Q7KZPW3M5XN2RBTD'].join('');
  mkdirSync(join(root, 'tests'), { recursive: true });
  writeFileSync(
    join(root, 'tests', 'test_upload.py'),
    `calls = {"n": 0}\nAWS_KEY = "${live}"\nPASSWORD = "s3cr3t-Passw0rd!"\n\ndef fake():\n    calls["n"] += 1\n`,
  );
  const model = await computeCompliance(root, { config });
  const iii = model.factors[2];
  assert.equal(iii.status, 'warn', explain(model));
  assert.equal(check(model, 'III', 'no-hardcoded-secret').status, 'warn');
  const inTest = iii.files.find((f) => f.file === 'tests/test_upload.py');
  assert.deepEqual(
    inTest?.findings.map((f) => [f.range.start.line, f.severity, f.role]),
    [[1, 'error', 'test']],
    'only the live key, still an error in the editor',
  );
  assert.equal(check(model, 'VI', 'no-global-state').status, 'pass', 'a counter in a test is not process state');
  // Every rule turned back on in tests at `error`: still no failure from test code.
  const loud = await computeCompliance(root, { config: { ...config, testFileSeverity: 'error' } });
  assert.deepEqual([loud.factors[2].status, loud.factors[5].status], ['warn', 'warn'], explain(loud));
});

test('example env files count under the names projects give them', async () => {
  for (const name of ['.env_example', '.env.dist', 'env.example', '.env.sample', 'sample.env', '.env.template']) {
    const { root } = prepareWorkspace('mixed-repo', {
      git: true,
      files: { [name]: 'API_URL=\nPORT=\n' },
    });
    const model = await computeCompliance(root, { config });
    const example = check(model, 'III', 'env-example');
    assert.doesNotMatch(example.message, /missing from|no \.env\.example/, `${name}: ${example.message}`);
  }
});

test('a compose service with build: defines the build, read as compose reads it (not a line that looks like one)', async () => {
  const cases: [string, string][] = [
    ['services:\n  web:\n    build: .\n', 'pass'],
    ['services: { web: { build: { context: . } } }\n', 'pass'],
    ['x-notes:\n  build: not a service\nservices:\n  web:\n    image: app:1\n', 'warn'],
    ['services:\n  web:\n    image: app:1\n    command: |\n      sh -c "\n        build: nothing\n      "\n', 'warn'],
  ];
  for (const [compose, status] of cases) {
    const { root } = prepareWorkspace('violating-app', { git: true, files: { 'docker-compose.yml': compose } });
    const model = await computeCompliance(root, { config });
    assert.equal(check(model, 'V', 'build-definition').status, status, compose);
  }
});
