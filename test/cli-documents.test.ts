/**
 * `twelve-factor check` over config and deployment documents, end to end
 * through the built CLI: a repository with a tracked `.env`, a compose file
 * with a literal password and a Dockerfile `ENV` secret reports all three;
 * the same `.env` untracked (git-ignored) is not a finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');

// Credential-shaped values assembled here so this file holds no secret literal.
const ENV_SECRET = ['k8s9d7f6', 'g5h4j3k2x'].join('');
const DB_PASSWORD = ['Xk9pL2', 'mQ7vR4'].join('');
const API_TOKEN = ['Zq8rT5vW', '2yB6nM3k'].join('');

interface Finding {
  rule: string;
  severity: string;
  file: string;
  range: { start: { line: number; column: number } };
  message: string;
}

function repo(files: Record<string, string>, tracked: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tf-docs-'));
  execFileSync('git', ['init', '-q'], { cwd: root });
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(root, rel), text);
  execFileSync('git', ['add', '--', ...tracked], { cwd: root });
  return root;
}

function check(root: string): { status: number | null; findings: Finding[] } {
  const r = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--no-progress'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.stderr, '');
  return { status: r.status, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}

const FILES = {
  '.env': `DEBUG=1\nSECRET_KEY=${ENV_SECRET}\n`,
  'docker-compose.yml': `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n      POSTGRES_USER: \${DB_USER}\n`,
  Dockerfile: `FROM python:3.12-slim\nENV API_TOKEN=${API_TOKEN}\nCMD ["gunicorn", "-b", "0.0.0.0:$PORT", "app:app"]\n`,
};

test('a tracked .env, a compose literal password and a Dockerfile ENV secret are all reported', () => {
  const root = repo(FILES, ['.env', 'docker-compose.yml', 'Dockerfile']);
  const { status, findings } = check(root);
  assert.equal(status, 1);
  const got = findings.map((f) => `${f.file}:${f.range.start.line}:${f.rule}:${f.severity}`).sort();
  assert.deepEqual(got, [
    '.env:2:hardcoded-secret:error',
    'Dockerfile:2:hardcoded-secret:error',
    'docker-compose.yml:5:hardcoded-secret:error',
  ]);
  const env = findings.find((f) => f.file === '.env');
  assert.match(env?.message ?? '', /git tracks/);
  assert.match(env?.message ?? '', /rotate/);
  for (const f of findings) {
    for (const secret of [ENV_SECRET, DB_PASSWORD, API_TOKEN]) assert.ok(!f.message.includes(secret), 'masked');
  }
});

test('an untracked, git-ignored .env is where secrets belong: no finding', () => {
  const root = repo({ ...FILES, '.gitignore': '.env\n' }, ['.gitignore', 'docker-compose.yml', 'Dockerfile']);
  const { findings } = check(root);
  assert.deepEqual(findings.map((f) => f.file).sort(), ['Dockerfile', 'docker-compose.yml']);
});

test('an untracked .env that git does not ignore is not reported either (it is not committed)', () => {
  const root = repo(FILES, ['docker-compose.yml', 'Dockerfile']);
  const { findings } = check(root);
  assert.ok(!findings.some((f) => f.file === '.env'));
});
