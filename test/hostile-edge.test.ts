/**
 * Edge cases of a hostile (or merely Windows-made) repository: a config
 * written with a BOM is read, and a file name holding a newline or an escape
 * sequence cannot forge lines of the CLI's text output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { escapeForTerminal } from '../server/src/cli/escape';
import { loadConfig } from '../server/src/workspace/config';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const SECRET = ['sk', 'live', '51H8xKQ2eZvKYlo2C9aBcDeFgHiJk'].join('_');

function check(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args, '.'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  assert.notEqual(r.status, null, String(r.signal));
  return r;
}

test('a config with a UTF-8 BOM is accepted, by the loader and by the CLI', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-bom-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, '.twelve-factor.json'), '\ufeff{ "rules": { "hardcoded-secret": "off" } }\n');
  writeFileSync(join(root, 'settings.py'), `API_KEY = "${SECRET}"\n`);
  const loaded = loadConfig(root);
  assert.deepEqual(loaded.errors, []);
  assert.equal(loaded.config.rules['hardcoded-secret'], 'off');
  const r = check(root, '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { findings: unknown[] }).findings, []);
});

test('a file name with a newline or an escape sequence stays on its own line in text output', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-names-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  // Would print a fake, clean summary line and then recolour the terminal.
  const name = 'x\n0 problems (0 errors, 0 warnings, 0 info) in 1 file, 0 skipped\n\x1b[8m.py';
  writeFileSync(join(root, name), `API_KEY = "${SECRET}"\n`);
  const r = check(root);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(!r.stdout.includes('\x1b'), 'no escape byte reaches the terminal');
  assert.equal(lines.filter((l) => l.startsWith('0 problems')).length, 0, r.stdout);
  const escaped = 'x\\n0 problems (0 errors, 0 warnings, 0 info) in 1 file, 0 skipped\\n\\x1b[8m.py';
  assert.equal(lines[0], escaped);
  assert.ok(lines[1].startsWith(`  ${escaped}:1:`), lines[1]);
  assert.match(lines[lines.length - 2], /^1 problem \(1 error/);
});

test('escapeForTerminal writes control, C1 and bidi characters as escapes and keeps the rest', () => {
  assert.equal(escapeForTerminal('a\tb\rc\u0085d\u202ee\u2028f'), 'a\\tb\\rc\\x85d\\u202ee\\u2028f');
  assert.equal(escapeForTerminal('src/café app.py'), 'src/café app.py');
});
