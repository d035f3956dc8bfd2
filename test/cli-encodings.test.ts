// Files as Windows tools and old Mac editors save them: UTF-16 with a BOM
// (LE and BE), UTF-8 with a BOM, lone-CR line ends. The CLI analyses them
// with the positions an editor shows (BOM hidden, UTF-16 columns).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeSource } from '../server/src/frontends/decode';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const STRIPE = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');
// 'é' and an emoji before the secret: columns are UTF-16 code units.
const SOURCE = `import os\n\n# café 😀\nLABEL = "é😀"; STRIPE_KEY = "${STRIPE}"\nDEBUG = os.environ.get("DEBUG") == "1"\n`;

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

interface Finding {
  rule: string;
  file: string;
  range: { start: { line: number; column: number } };
  message: string;
}

function check(files: Record<string, Buffer>): { findings: Finding[]; stats: { files: number; skipped: number } } {
  const root = mkdtempSync(join(tmpdir(), 'tf-enc-'));
  try {
    mkdirSync(join(root, '.git'));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(root, name), bytes);
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    return JSON.parse(r.stdout);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('UTF-16 LE/BE and UTF-8 files with a BOM are analysed at the positions of their UTF-8 twin', () => {
  const out = check({
    'plain.py': Buffer.from(SOURCE, 'utf8'),
    'bom8.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SOURCE, 'utf8')]),
    'le.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOURCE, 'utf16le')]),
    'be.py': utf16be('\ufeff' + SOURCE),
  });
  assert.deepEqual(out.stats.skipped, 0);
  const at = (file: string) =>
    out.findings.filter((f) => f.file === file).map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.column}`);
  assert.deepEqual(at('plain.py'), ['hardcoded-secret 4:29']);
  for (const file of ['bom8.py', 'le.py', 'be.py']) assert.deepEqual(at(file), at('plain.py'), file);
});

test('lone-CR line ends: every finding, on its line, naming its variable', () => {
  const lines = [
    'import os',
    'CACHE = {}',
    `STRIPE_KEY = "${STRIPE}"`,
    'PORT = 8000',
    'def f(x):',
    '    CACHE[x] = 1',
    '',
  ];
  const out = check({ 'app.py': Buffer.from(lines.join('\r')), 'twin.py': Buffer.from(lines.join('\n')) });
  const of = (file: string) =>
    out.findings
      .filter((f) => f.file === file)
      .map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.column} ${f.message.replace(/#\w+/, '')}`);
  assert.ok(
    of('twin.py').some((f) => f.startsWith('global-state 6:')),
    of('twin.py').join('\n'),
  );
  assert.ok(
    of('twin.py').some((f) => f.includes('STRIPE_KEY')),
    of('twin.py').join('\n'),
  );
  assert.deepEqual(of('app.py'), of('twin.py'));
});

test('decodeSource: what is not text in any of these encodings is still skipped', () => {
  assert.equal(decodeSource(Buffer.from([0xff, 0xfe, 0x00, 0xd8])).skipped, 'not valid UTF-16LE text');
  assert.equal(decodeSource(Buffer.from([0x89, 0x50, 0x00, 0x01])).skipped, 'binary file');
  assert.equal(decodeSource(Buffer.from([0xc3, 0x28])).skipped, 'not valid UTF-8 text');
  assert.equal(decodeSource(Buffer.from([0xfe, 0xff, 0x00, 0x41])).text, 'A');
});
