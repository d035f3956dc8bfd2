/**
 * Config and deployment documents through the engine: which files are which
 * kind, what the readers see (anchors, list and map environments, exec and
 * shell forms), and the behaviour the fixtures' line markers cannot show
 * (severity of dev defaults, an untracked .env, masking).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, inputKindOf } from '../server/src/engine/engine';
import { extractDocument } from '../server/src/frontends/documents';
import { readComposeServices } from '../server/src/frontends/documents/compose';
import { moveAllToEnv, moveToEnv } from '../server/src/fixes/moveToEnv';
import { applyChanges, isRefusal } from '../server/src/fixes/patch';
import type { DocumentKind } from '../server/src/ir/types';

// Credential-shaped values assembled here so this file holds no secret literal.
const PASSWORD = ['Xk9pL2', 'mQ7vR4'].join('');
const GITHUB = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3s09'].join('_');

/** The fix's view of `/p/<name>`, the files under `/p` read from `files`, none tracked. */
function moveContext(name: string, kind: DocumentKind, text: string, files: Record<string, string>) {
  return {
    path: `/p/${name}`,
    text,
    document: extractDocument(kind, text, name),
    root: '/p',
    files: { read: (p: string) => files[p], isTracked: () => false, writeRefusal: () => undefined },
  };
}

test('document kinds by file name', () => {
  const kinds = Object.fromEntries(
    [
      'Dockerfile',
      'docker/Dockerfile.prod',
      'api.dockerfile',
      'Containerfile',
      'docker-compose.yml',
      'docker-compose.override.yaml',
      'compose.yaml',
      'deploy/compose.prod.yml',
      '.env',
      '.env.local',
      'config/.env.production',
      '.env.example',
      '.env.sample',
      '.env.template',
      '.env.dist',
      'Procfile',
      'boot.sh',
      'settings.yml',
      'app.py',
    ].map((p) => [p, inputKindOf(p)]),
  );
  assert.deepEqual(kinds, {
    Dockerfile: 'dockerfile',
    'docker/Dockerfile.prod': 'dockerfile',
    'api.dockerfile': 'dockerfile',
    Containerfile: 'dockerfile',
    'docker-compose.yml': 'compose',
    'docker-compose.override.yaml': 'compose',
    'compose.yaml': 'compose',
    'deploy/compose.prod.yml': 'compose',
    '.env': 'dotenv',
    '.env.local': 'dotenv',
    'config/.env.production': 'dotenv',
    '.env.example': undefined,
    '.env.sample': undefined,
    '.env.template': undefined,
    '.env.dist': undefined,
    Procfile: 'procfile',
    'boot.sh': 'shell',
    'settings.yml': 'yaml-config',
    'app.py': 'python',
  });
});

const COMPOSE = `x-env: &env
  DB_PASSWORD: ${PASSWORD}
services:
  web:
    environment:
      <<: *env
      REF: \${DB_PASSWORD}
  worker:
    environment: *env
    command: ["celery", "-A", "app", "worker"]
  db:
    environment:
      - POSTGRES_PASSWORD=${PASSWORD}
      - PASSTHROUGH
`;

test('compose: an anchored value is one env value at its definition; list items split at =', () => {
  const facts = extractDocument('compose', COMPOSE, 'docker-compose.yml');
  const env = facts.values.filter((v) => v.role === 'env');
  assert.deepEqual(
    env.map((v) => [v.path.join('.'), COMPOSE.slice(v.span.start, v.span.end), v.reference]),
    [
      ['services.web.environment.DB_PASSWORD', PASSWORD, false],
      ['services.web.environment.REF', '${DB_PASSWORD}', true],
      ['services.db.environment.POSTGRES_PASSWORD', PASSWORD, false],
    ],
  );
  assert.deepEqual(
    facts.commands.map((c) => [c.source, c.owner, c.words.map((w) => w.value)]),
    [['command', 'worker', ['celery', '-A', 'app', 'worker']]],
  );
  const findings = analyzeText(COMPOSE, 'docker-compose.yml', 'compose').findings;
  assert.deepEqual(
    findings.map((f) => [f.range.start.line, f.severity]),
    [
      [1, 'error'],
      [12, 'error'],
    ],
  );
  for (const f of findings) assert.ok(!f.message.includes(PASSWORD), 'the value is masked');
});

test('a dev compose file: defaults are info, a live provider key stays an error', () => {
  const text = `services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n      GITHUB_TOKEN: ${GITHUB}\n`;
  for (const path of ['docker-compose.dev.yml', 'compose.override.yaml', 'docker-compose.local.yml']) {
    const findings = analyzeText(text, path, 'compose').findings;
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.severity]),
      [
        [3, 'info'],
        [4, 'error'],
      ],
      path,
    );
  }
  const deployed = analyzeText(text, 'docker-compose.yml', 'compose').findings;
  assert.deepEqual(
    deployed.map((f) => f.severity),
    ['error', 'error'],
  );
});

test('a .env is a finding only when git tracks it, and the message says to rotate', () => {
  const text = `DEBUG=1\nDB_PASSWORD=${PASSWORD}\n`;
  assert.deepEqual(analyzeText(text, '.env', 'dotenv').findings, []);
  assert.deepEqual(analyzeText(text, '.env', 'dotenv', { tracked: false }).findings, []);
  const [finding, ...rest] = analyzeText(text, '.env', 'dotenv', { tracked: true }).findings;
  assert.equal(rest.length, 0);
  assert.equal(finding.range.start.line, 1);
  assert.match(finding.message, /git tracks/);
  assert.match(finding.message, /rotate/);
  assert.ok(!finding.message.includes(PASSWORD));
  // The value stays where it is (no move); the fix is to stop tracking the file.
  assert.deepEqual(finding.data?.fixes, ['stop-tracking']);
});

test('a .env the two dotenv readers disagree on yields no value rather than a guess', () => {
  const facts = extractDocument('dotenv', `A=1\nB=x#y\n`, '.env');
  assert.equal(facts.syntaxErrors, true);
  assert.deepEqual(facts.values, []);
});

test('Dockerfile: ENV and ARG values with their spans; exec and shell forms as words', () => {
  const text =
    'FROM x\r\nENV A="b c" \\\r\n  D=$E\r\nARG T=tok\r\nARG N\r\nCMD ["gunicorn", "-b", ":5000"]\r\nENTRYPOINT exec uvicorn m:app \\\r\n  --port 8000\r\n';
  const facts = extractDocument('dockerfile', text, 'Dockerfile');
  assert.deepEqual(
    facts.values.map((v) => [v.role, v.name, v.value, text.slice(v.span.start, v.span.end), v.reference]),
    [
      ['env', 'A', 'b c', '"b c"', false],
      ['env', 'D', '$E', '$E', true],
      ['arg', 'T', 'tok', 'tok', false],
    ],
  );
  assert.deepEqual(
    facts.commands.map((c) => [c.source, c.words.map((w) => w.value)]),
    [
      ['CMD', ['gunicorn', '-b', ':5000']],
      ['ENTRYPOINT', ['exec', 'uvicorn', 'm:app', '--port', '8000']],
    ],
  );
  const ports = analyzeText(text, 'Dockerfile', 'dockerfile').findings.filter((f) => f.rule === 'hardcoded-port');
  assert.deepEqual(
    ports.map((f) => text.slice(f.span.start, f.span.end)),
    ['5000', '8000'],
  );
});

test('suppression comments work in documents', () => {
  const text = `services:\n  web:\n    environment:\n      DB_PASSWORD: ${PASSWORD} # twelve-factor: ignore[hardcoded-secret]\n      OTHER_PASSWORD: ${PASSWORD} # pragma: allowlist secret\n`;
  assert.deepEqual(analyzeText(text, 'docker-compose.yml', 'compose').findings, []);
});

test('a rule turned off is off in documents too', () => {
  const text = `ENV DB_PASSWORD=${PASSWORD}\n`;
  assert.equal(analyzeText(text, 'Dockerfile', 'dockerfile').findings.length, 1);
  assert.deepEqual(
    analyzeText(text, 'Dockerfile', 'dockerfile', { rules: { 'hardcoded-secret': 'off' } }).findings,
    [],
  );
});

test('compose: aliases and merge keys that multiply ("billion laughs") cost linear time', () => {
  const levels = 30;
  let text = 'x-0: &l0\n  A: "1"\n';
  for (let i = 1; i < levels; i++)
    text += `x-${i}: &l${i}\n  <<: [*l${i - 1}, *l${i - 1}]\n  S${i}: [*l${i - 1}, *l${i - 1}, *l${i - 1}]\n`;
  text += `services:\n  web:\n    <<: *l${levels - 1}\n    environment: *l${levels - 1}\n`;
  const started = performance.now();
  const facts = extractDocument('compose', text, 'docker-compose.yml');
  assert.ok(performance.now() - started < 2000, 'bounded');
  assert.ok(facts.values.length < 10);
});

test('compose services for the compliance checks: merge keys, list commands, every document', () => {
  const text = `x-app: &app\n  image: shop/web:1\n  build: .\nservices:\n  web:\n    <<: *app\n    command: ["gunicorn", "-b", ":8000", "shop.wsgi"]\n  "worker":\n    <<: *app\n    command: celery -A shop worker\n---\nservices:\n  cache: {image: "redis:7"}\n`;
  assert.deepEqual(readComposeServices(text), [
    { name: 'web', build: true, image: 'shop/web:1', command: 'gunicorn -b :8000 shop.wsgi' },
    { name: 'worker', build: true, image: 'shop/web:1', command: 'celery -A shop worker' },
    { name: 'cache', build: false, image: 'redis:7' },
  ]);
});

test('compose "Move to .env": ${NAME} in place, the .env bytes kept (BOM, CRLF, no final break), names and values reused', () => {
  const compose = `services:\r\n  db:\r\n    environment:\r\n      POSTGRES_PASSWORD: "${PASSWORD}"\r\n      DEBUG: "1"\r\n  web:\r\n    environment:\r\n      - DB_PASSWORD=${PASSWORD}\r\n      - "API_TOKEN=${GITHUB}"\r\n`;
  const env = '\ufeff# local\r\nDEBUG=1';
  const files: Record<string, string> = { '/p/.env': env, '/p/.gitignore': '.env\n' };
  const findings = analyzeText(compose, 'docker-compose.yml', 'compose').findings;
  assert.deepEqual(
    findings.map((f) => [f.range.start.line, f.data?.fixes]),
    [
      [3, ['move-to-env']],
      [7, ['move-to-env']],
      // A quoted `KEY=value` item is reported but not rewritten.
      [8, []],
    ],
  );
  const ctx = moveContext('docker-compose.yml', 'compose', compose, files);
  const result = moveAllToEnv(ctx, findings);
  assert.ok(!isRefusal(result), isRefusal(result) ? result.refused : '');
  const out = Object.fromEntries(result.patches.map((p) => [p.path, applyChanges(p.text, p.changes)]));
  assert.equal(
    out['/p/docker-compose.yml'],
    compose
      .replace(`"${PASSWORD}"`, '${POSTGRES_PASSWORD}')
      .replace(`DB_PASSWORD=${PASSWORD}`, 'DB_PASSWORD=${POSTGRES_PASSWORD}'),
  );
  // The existing bytes first, untouched; one entry for the one value.
  assert.equal(out['/p/.env'], `${env}\r\nPOSTGRES_PASSWORD=${PASSWORD}\r\n`);
  assert.equal(out['/p/.gitignore'], undefined, '.env already ignored');
  assert.equal(out['/p/.env.example'], 'POSTGRES_PASSWORD=\n');
  assert.ok(!result.title.includes(PASSWORD));
});

test('Dockerfile "Move to .env": a one-variable ENV line becomes a comment saying how the value arrives', () => {
  const dockerfile = `FROM python:3.12\r\nENV DB_PASSWORD="${PASSWORD}"\r\nENV API_TOKEN=${GITHUB} DEBUG=0\r\nARG NPM_TOKEN=${PASSWORD}x\r\nCMD ["python", "app.py"]\r\n`;
  const findings = analyzeText(dockerfile, 'Dockerfile', 'dockerfile').findings;
  // Only the line that sets nothing else is removed; a shared ENV line and an ARG are left to the user.
  assert.deepEqual(
    findings.map((f) => [f.range.start.line, f.data?.fixes]),
    [
      [1, ['move-to-env']],
      [2, []],
      [3, []],
    ],
  );
  const files: Record<string, string> = { '/p/.gitignore': '.env\n' };
  const ctx = moveContext('Dockerfile', 'dockerfile', dockerfile, files);
  const result = moveToEnv(ctx, findings[0]);
  assert.ok(!isRefusal(result), isRefusal(result) ? result.refused : '');
  assert.match(
    result.title,
    /^Move "DB_PASSWORD" to \.env \(read via docker run --env-file \.env; the ENV line is removed\)$/,
  );
  const out = Object.fromEntries(result.patches.map((p) => [p.path, applyChanges(p.text, p.changes)]));
  assert.equal(
    out['/p/Dockerfile'],
    dockerfile.replace(
      `ENV DB_PASSWORD="${PASSWORD}"`,
      '# DB_PASSWORD is set when the container starts: docker run --env-file .env (the value is in .env)',
    ),
  );
  assert.equal(out['/p/.env'], `DB_PASSWORD=${PASSWORD}\n`);
});
