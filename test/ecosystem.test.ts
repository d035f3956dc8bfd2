// scripts/ecosystem.mjs, the instrument the rules are judged with on real
// repositories: it must extract from mirrors without the network, key
// findings so moved lines are not churn, never store a line's text, and score
// from the verdicts file.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { isTestPath, lineHash, readVerdicts } from '../scripts/ecosystem/common.mjs';
import { diffFindings } from '../scripts/ecosystem/diff.mjs';
import { keptRight, scoreFindings } from '../scripts/ecosystem/score.mjs';

const ROOT = resolve(__dirname, '..');
const SCRIPT = join(ROOT, 'scripts', 'ecosystem.mjs');
const CLI = join(ROOT, 'dist', 'cli.js');

// A live-looking Stripe key, assembled so this file holds no secret literal.
const STRIPE = ['sk', 'live', '9fK2mQx7LwPz4RtY8vBn3Hc6'].join('_');

function ecosystem(args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 300_000 });
  if (r.status === null) throw new Error(`ecosystem ${args.join(' ')}: ${r.error ?? r.signal}`);
  return r;
}

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

/** A one-commit project and a bare mirror of it laid out as fetch lays them out. */
function mirrorFixture() {
  const tmp = mkdtempSync(join(tmpdir(), 'tf-eco-'));
  const src = join(tmp, 'src');
  mkdirSync(src);
  git(src, 'init', '-q');
  writeFileSync(join(src, 'settings.py'), `import os\n\nSTRIPE_KEY = "${STRIPE}"\nDEBUG = False\n`);
  git(src, 'add', '-A');
  git(src, 'commit', '-qm', 'one');
  const commit = git(src, 'rev-parse', 'HEAD');
  git(tmp, 'clone', '-q', '--bare', src, join(tmp, 'mirrors', 'acme+shop', 'repo'));
  const repos = [
    { repo: 'acme/shop', commit, kind: 'django', language: 'python', why: 'fixture' },
    { repo: 'acme/gone', commit, kind: 'flask', language: 'python', why: 'no mirror' },
  ];
  writeFileSync(join(tmp, 'repos.json'), JSON.stringify(repos));
  const where = ['--repos', join(tmp, 'repos.json'), '--mirrors', join(tmp, 'mirrors'), '--dir', join(tmp, 'trees')];
  return { tmp, where };
}

test('run extracts the pinned commit, keeps findings with the line hashed, and names a missing mirror', () => {
  const { tmp, where } = mirrorFixture();
  const out = join(tmp, 'results.json');
  const r = ecosystem(['run', '--cli', CLI, '--out', out, ...where]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /acme\/gone: no mirror .*fetch \(github:acme\/gone\)/);
  const text = readFileSync(out, 'utf8');
  const results = JSON.parse(text);
  const secret = results.findings.find((f: { rule: string }) => f.rule === 'hardcoded-secret');
  assert.deepEqual(
    { repo: secret.repo, file: secret.file, line: secret.line, hash: secret.hash },
    { repo: 'acme/shop', file: 'settings.py', line: 3, hash: lineHash(`STRIPE_KEY = "${STRIPE}"`) },
  );
  assert.equal(results.repos.find((x: { repo: string }) => x.repo === 'acme/gone').error, 'mirror missing');
  assert.ok(!text.includes(STRIPE) && !text.includes(STRIPE.slice(0, 12)), 'the results hold no secret');
  assert.ok(!text.includes('STRIPE_KEY ='), 'the results hold no line text');
});

test('judge writes the hash from the results and score counts the verdict; --require-judged fails on the rest', () => {
  const { tmp, where } = mirrorFixture();
  const out = join(tmp, 'results.json');
  ecosystem(['run', '--cli', CLI, '--out', out, ...where]);
  const verdicts = join(tmp, 'verdicts.jsonl');
  const j = ecosystem([
    'judge',
    out,
    'acme/shop',
    'settings.py:3',
    'hardcoded-secret',
    'right',
    'live key',
    '--verdicts',
    verdicts,
  ]);
  assert.equal(j.status, 0, j.stderr);
  const written = JSON.parse(readFileSync(verdicts, 'utf8').trim());
  assert.equal(written.hash, lineHash(`STRIPE_KEY = "${STRIPE}"`));
  // A wildcard for the rest of the file leaves the line already judged alone.
  const w = ecosystem([
    'judge',
    out,
    'acme/shop',
    'settings.py:*',
    'hardcoded-secret',
    'wrong',
    'rest',
    '--verdicts',
    verdicts,
  ]);
  assert.notEqual(w.status, 0, 'no unjudged finding left to match');
  assert.equal(readFileSync(verdicts, 'utf8').trim().split('\n').length, 1);
  const s = ecosystem(['score', out, '--require-judged', '--verdicts', verdicts]);
  assert.match(s.stdout, /\| hardcoded-secret +\| +1 \| +1 \| +0 \| +0 \| +1\.00 \|/);
  const unjudged = JSON.parse(readFileSync(out, 'utf8')).findings.length - 1;
  assert.equal(s.status, unjudged ? 1 : 0, s.stdout);
  assert.match(s.stdout, /not checked: acme\/gone \(mirror missing\)/);
});

const f = (over: Record<string, unknown>) => ({
  repo: 'a/b',
  file: 'app/settings.py',
  rule: 'hardcoded-secret',
  line: 10,
  hash: 'h1',
  ...over,
});

test('diff matches by text hash, not line number, and counts duplicates', () => {
  const before = [f({}), f({ hash: 'h2', line: 20 }), f({ hash: 'h2', line: 30 })];
  const after = [f({ line: 12 }), f({ hash: 'h2', line: 22 }), f({ hash: 'h3', line: 40 })];
  const { appeared, disappeared } = diffFindings(before, after);
  assert.deepEqual(
    appeared.map((x: { line: number }) => x.line),
    [40],
  );
  assert.deepEqual(
    disappeared.map((x: { line: number }) => x.line),
    [30],
  );
});

test('score: precision per rule and outside test files; a later verdict overrides, a disagreement is listed', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tf-eco-v-'));
  const file = join(tmp, 'v.jsonl');
  const v = (over: Record<string, unknown>) => JSON.stringify({ ...f({}), verdict: 'right', why: 'x', ...over });
  writeFileSync(
    file,
    [
      v({ verdict: 'wrong' }),
      v({}), // the same finding judged again: this one counts
      v({ file: 'tests/test_views.py', hash: 'h9', verdict: 'wrong' }),
      '',
    ].join('\n'),
  );
  const verdicts = readVerdicts(file);
  assert.equal(verdicts.conflicts.length, 1);
  const findings = [
    f({}),
    f({ file: 'tests/test_views.py', hash: 'h9', line: 3 }),
    f({ rule: 'hardcoded-port', hash: 'p' }),
  ];
  const s = scoreFindings(findings, verdicts);
  assert.deepEqual(s.rules.get('hardcoded-secret'), { findings: 2, right: 1, wrong: 1, unjudged: 0 });
  assert.deepEqual(s.overall, { findings: 3, right: 1, wrong: 1, unjudged: 1 });
  assert.deepEqual(s.outsideTests, { findings: 2, right: 1, wrong: 0, unjudged: 1 });
  assert.deepEqual(
    s.unjudged.map((x: { rule: string }) => x.rule),
    ['hardcoded-port'],
  );
});

test('test paths are told by directory or file name', () => {
  for (const p of [
    'tests/a.py',
    'app/tests/b.py',
    'src/__tests__/x.ts',
    'test_x.py',
    'a/b_test.py',
    'conftest.py',
    'x.spec.ts',
    'y.test.js',
    'e2e/z.ts',
  ])
    assert.ok(isTestPath(p), p);
  for (const p of ['app/settings.py', 'src/contest.ts', 'latest/x.py', 'attestation.py']) assert.ok(!isTestPath(p), p);
});

test("keptRight: the earlier run's right findings that a later run lost, wherever their lines moved", () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tf-eco-k-'));
  const file = join(tmp, 'v.jsonl');
  const v = (over: Record<string, unknown>) => JSON.stringify({ ...f({}), verdict: 'right', why: 'x', ...over });
  const other = { ...f({}), repo: 'c/d' };
  const lines = [v({}), v({ hash: 'h2', line: 20 }), v({ hash: 'h3', line: 30, verdict: 'wrong' }), v({ repo: 'c/d' })];
  writeFileSync(file, lines.join('\n'));
  const before = {
    repos: [{ repo: 'a/b' }, { repo: 'c/d' }],
    findings: [f({}), f({ hash: 'h2', line: 20 }), f({ hash: 'h3', line: 30 }), other],
  };
  // c/d was not checked this time (--only, or it failed): its findings are not lost.
  const after = { repos: [{ repo: 'a/b' }, { repo: 'c/d', error: 'mirror missing' }], findings: [f({ line: 14 })] };
  const k = keptRight(before, after, readVerdicts(file));
  assert.equal(k.right, 2);
  assert.equal(k.kept, 1);
  assert.deepEqual(
    k.lost.map((x: { hash: string }) => x.hash),
    ['h2'],
  );
});
