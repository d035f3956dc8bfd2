/**
 * Reads a hostile repository cannot abuse: a baseline that links to
 * `/dev/zero`, a config that is a FIFO, an oversized config, a FIFO swapped
 * in after the walk. Each is a clear error (the CLI exits 2 with one line;
 * the server logs it and carries on), never a hang: every run here is
 * bounded by a timeout far below what a blocked read would take.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { analyzeFile } from '../server/src/workspace/analyzeFile';
import { loadConfig } from '../server/src/workspace/config';
import { MAX_CONFIG_BYTES, readProjectFile } from '../server/src/workspace/readFile';
import { PULL_CAPABILITIES, startLsp, until } from './support/lspSession';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const SECRET = ['sk', 'live', '51H8xKQ2eZvKYlo2C9aBcDeFgHiJk'].join('_');
/** Far below the minutes a blocked read or an 11 GB read of /dev/zero would take. */
const BOUND_MS = 30_000;

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'tf-reads-'));
  writeFileSync(join(root, 'settings.py'), `API_KEY = "${SECRET}"\n`);
  return root;
}

function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

function check(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args, '.'], {
    cwd: root,
    encoding: 'utf8',
    timeout: BOUND_MS,
  });
  assert.notEqual(r.status, null, `check did not finish within ${BOUND_MS} ms (${r.signal})`);
  return r;
}

/** Exit 2 and exactly one `twelve-factor:` line naming the file and the reason. */
function assertOneLineError(r: ReturnType<typeof check>, file: string, reason: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0].startsWith('twelve-factor: ') && lines[0].includes(file), lines[0]);
  assert.match(lines[0], reason);
  assert.equal(r.stdout, '');
}

test('a baseline that links to /dev/zero is an error, not an endless read', (t) => {
  const root = project();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  symlinkSync('/dev/zero', join(root, '.twelve-factor-baseline.json'));
  assertOneLineError(check(root), '.twelve-factor-baseline.json', /not a regular file/);
  // Named on the command line it is refused the same way.
  assertOneLineError(check(root, '--baseline', '.twelve-factor-baseline.json'), 'baseline', /not a regular file/);
});

test('a config that is a FIFO is an error, not a blocked read', (t) => {
  const root = project();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  fifo(join(root, '.twelve-factor.json'));
  assertOneLineError(check(root), '.twelve-factor.json', /not a regular file/);
  assertOneLineError(check(root, '--config', '.twelve-factor.json'), '.twelve-factor.json', /not a regular file/);
});

test('a baseline named by the config that is a FIFO is an error', (t) => {
  const root = project();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, '.twelve-factor.json'), '{ "baseline": "accepted.json" }');
  fifo(join(root, 'accepted.json'));
  assertOneLineError(check(root), 'accepted.json', /not a regular file/);
});

test('an oversized config is refused with its limit, unparsed', (t) => {
  const root = project();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, '.twelve-factor.json'), `{${' '.repeat(MAX_CONFIG_BYTES)}}`);
  assertOneLineError(check(root), '.twelve-factor.json', /larger than 4 MB/);
});

test('a config that links out of its folder is refused; one that stays inside is read', (t) => {
  const root = project();
  const outside = mkdtempSync(join(tmpdir(), 'tf-reads-outside-'));
  t.after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  writeFileSync(join(outside, 'cfg.json'), '{ "rules": { "hardcoded-secret": "off" } }');
  symlinkSync(join(outside, 'cfg.json'), join(root, '.twelve-factor.json'));
  assert.match(loadConfig(root).errors[0]?.message ?? '', /outside the workspace/);
  rmSync(join(root, '.twelve-factor.json'));
  mkdirSync(join(root, 'conf'));
  writeFileSync(join(root, 'conf', 'cfg.json'), '{ "rules": { "hardcoded-secret": "off" } }');
  symlinkSync(join('conf', 'cfg.json'), join(root, '.twelve-factor.json'));
  const inside = loadConfig(root);
  assert.deepEqual(inside.errors, []);
  assert.equal(inside.config.rules['hardcoded-secret'], 'off');
});

test('the server logs a baseline that links to /dev/zero and carries on analysing', async (t) => {
  const root = project();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  symlinkSync('/dev/zero', join(root, '.twelve-factor-baseline.json'));
  const session = await startLsp(root, PULL_CAPABILITIES);
  t.after(() => session.child.kill());
  const uri = pathToFileURL(join(root, 'settings.py')).href;
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text: `API_KEY = "${SECRET}"\n` },
  });
  const report = (await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  })) as FullDocumentDiagnosticReport;
  assert.ok(
    report.items.some((d) => d.code === 'hardcoded-secret'),
    JSON.stringify(report.items),
  );
  await until('the baseline problem is logged', () =>
    session.logs.find((l) => l.includes('.twelve-factor-baseline.json') && /not a regular file/.test(l)),
  );
  await session.close();
});

test('a FIFO swapped in after the walk saw a file is skipped unread', { timeout: BOUND_MS }, (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-reads-fifo-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  // The walk yielded app.py as a regular file; by the time it is read it is a FIFO with no writer.
  fifo(join(root, 'app.py'));
  const result = analyzeFile({ abs: join(root, 'app.py'), projectPath: 'app.py', language: 'python', options: {} });
  assert.deepEqual(result, { findings: [], skipped: 'not a regular file' });
});

test('the reader refuses devices, FIFOs and links out of its folder, and caps the size', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-reads-unit-'));
  const outside = mkdtempSync(join(tmpdir(), 'tf-reads-unit-out-'));
  t.after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  writeFileSync(join(outside, 'secret'), 'outside');
  writeFileSync(join(root, 'ok.txt'), 'inside');
  writeFileSync(join(root, 'big.txt'), 'x'.repeat(101));
  symlinkSync(join(outside, 'secret'), join(root, 'out-link'));
  symlinkSync('ok.txt', join(root, 'in-link'));
  symlinkSync(join(root, 'missing'), join(root, 'dangling'));
  fifo(join(root, 'pipe'));
  const read = (name: string, within?: string) =>
    readProjectFile(join(root, name), { maxBytes: 100, within, noLink: false });
  assert.equal(read('ok.txt', root).ok, true);
  assert.equal(read('in-link', root).ok, true);
  assert.deepEqual(read('out-link', root), {
    ok: false,
    code: 'outside',
    reason: 'a symbolic link to outside the workspace',
  });
  assert.equal(read('out-link').ok, true, 'without a folder to stay in, a link is followed');
  const dangling = read('dangling', root);
  assert.equal(dangling.ok === false && dangling.code, 'missing');
  assert.deepEqual(read('pipe', root), { ok: false, code: 'not-file', reason: 'not a regular file' });
  assert.equal(readProjectFile('/dev/zero', { maxBytes: 100 }).ok, false);
  assert.deepEqual(read('big.txt', root), { ok: false, code: 'too-large', reason: 'larger than 100 bytes' });
  assert.equal(
    readProjectFile(join(root, 'in-link'), { maxBytes: 100, noLink: true }).ok,
    false,
    'noLink refuses any link',
  );
});
