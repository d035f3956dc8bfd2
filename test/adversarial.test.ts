/**
 * Adversarial workspaces, generated at test time (never committed): each bad
 * file is skipped with a reason or analysed, the CLI exits 0/1 (never 2 for
 * one bad file) and keeps finding what the good files hold.
 *
 * Unreadable files: the tests run as root in CI, where `chmod 000` does not
 * stop a read, so a FIFO and a directory named like a source file stand in
 * for them (and chmod 000 is added when not root).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tempTree, type TreeFiles } from './support/tempTree';
import { DEFAULT_CONFIG } from '../server/src/workspace/config';
import { scanWorkspace } from '../server/src/workspace/scan';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const SECRET = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');
const wrap = (s: string) => s.replace(/(.{80})/g, '$1\n');
const N = 10_000;

function workspace(files: TreeFiles): string {
  return tempTree('adv', files, { gitMarker: true, realPath: true });
}

function cli(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--no-progress', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.notEqual(r.status, null, `${r.error ?? r.signal}`);
  return r;
}

const BAD_FILES: Record<string, string | Buffer> = {
  'bad/binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0xff, 0xfe, 0, 0, 0x50, 0x4b]),
  'bad/latin1.js': Buffer.from('const caf\xe9 = "d\xe9j\xe0 vu";\n', 'latin1'),
  'bad/bundle.js': 'var a=' + JSON.stringify('x'.repeat(10 * 1024 * 1024)) + ';',
  'bad/app.min.js': 'var a=1;var b=2;',
  'bad/longline.js': `const s = "${'a'.repeat(100_000)}";\n`,
  'bad/longline.py': `s = "${'a'.repeat(100_000)}"\n`,
  'bad/deep_list.py': 'x = (' + wrap('['.repeat(N) + ']'.repeat(N)) + ')\n',
  'bad/deep_paren.py': 'x = (' + wrap('('.repeat(N) + '1' + ')'.repeat(N)) + ')\n',
  'bad/deep_dict.py': 'x = (' + wrap('{"a": '.repeat(N) + '1' + '}'.repeat(N)) + ')\n',
  'bad/deep_unbalanced.py': 'password = "' + wrap('['.repeat(N)) + '\n',
  'bad/deep_defs.py': Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'def f():').join('\n') + '\n',
  'bad/deep_fstring.py': 'x = ' + 'f"{'.repeat(200) + '1' + '}"'.repeat(200) + '\n',
  'bad/deep_array.js': 'const x = ' + wrap('['.repeat(N) + ']'.repeat(N)) + ';\n',
  'bad/deep_calls.ts': 'const x = ' + wrap('f('.repeat(N) + ')'.repeat(N)) + ';\n',
  'bad/deep_functions.ts': wrap('function f(){'.repeat(N) + '}'.repeat(N)) + '\n',
  'bad/deep_objects.js': 'module.exports = ' + wrap('{a:'.repeat(N) + '1' + '}'.repeat(N)) + ';\n',
  'bad/deep_template.ts': 'const x = ' + wrap('`${'.repeat(2000) + '1' + '}`'.repeat(2000)) + ';\n',
  'bad/unbalanced.ts': 'const password = `' + wrap('${'.repeat(N)) + '\n',
  // Sorted after every bad file: its secret must still be found.
  'zz_good/settings.py': `STRIPE_KEY = "${SECRET}"\n`,
  'zz_good/server.js': `const stripe = "${SECRET}";\n`,
};

test('adversarial: a workspace of bad files is scanned, each one skipped or analysed, exit 1 for the real secret', () => {
  const root = workspace(BAD_FILES);
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'tf-outside-')));
  writeFileSync(join(outside, 'leak.py'), `API_KEY = "${SECRET}"\n`);
  symlinkSync(outside, join(root, 'bad', 'outside_dir'));
  symlinkSync(join(outside, 'leak.py'), join(root, 'bad', 'outside_file.py'));
  symlinkSync('.', join(root, 'bad', 'loop'));
  symlinkSync(join(root, 'bad', 'cycle_b.py'), join(root, 'bad', 'cycle_a.py'));
  symlinkSync(join(root, 'bad', 'cycle_a.py'), join(root, 'bad', 'cycle_b.py'));
  spawnSync('mkfifo', [join(root, 'bad', 'pipe.py')]);
  mkdirSync(join(root, 'bad', 'folder.py'));

  const text = cli(root, ['--verbose', '--format', 'text']);
  assert.equal(text.status, 1, `exit ${text.status}; stderr: ${text.stderr}`);
  assert.equal(text.stderr, '');
  const skipped = new Map([...text.stdout.matchAll(/^skipped (\S+): (.+)$/gm)].map((m) => [m[1], m[2]] as const));
  const expectSkip = (file: string, reason: RegExp) =>
    assert.match(skipped.get(file) ?? '(not skipped)', reason, `${file} in:\n${text.stdout.slice(-3000)}`);
  expectSkip('bad/binary.py', /binary/);
  expectSkip('bad/latin1.js', /UTF-8/);
  expectSkip('bad/bundle.js', /larger than/);
  expectSkip('bad/app.min.js', /minified/);
  expectSkip('bad/longline.js', /minified/);
  expectSkip('bad/longline.py', /minified/);
  expectSkip('bad/deep_defs.py', /indentation/);
  expectSkip('bad/outside_dir', /outside/);
  expectSkip('bad/outside_file.py', /outside/);
  expectSkip('bad/cycle_a.py', /symbolic link/);
  assert.ok(!text.stdout.includes('leak.py'), 'a link out of the workspace is not followed');
  assert.ok(!text.stdout.includes('pipe.py') || skipped.has('bad/pipe.py'), 'a FIFO is never read');
  assert.match(text.stdout, /zz_good\/settings\.py:1:\d+\s+error\s+hardcoded-secret/);
  assert.match(text.stdout, /zz_good\/server\.js:1:\d+\s+error\s+hardcoded-secret/);
  assert.ok(!text.stdout.includes(SECRET));

  const json = cli(root, ['--format', 'json']);
  assert.equal(json.status, 1, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.equal(report.stats.skipped, skipped.size, 'JSON counts the files text lists');
  const analysed = new Set(report.findings.map((f: { file: string }) => f.file));
  assert.ok(analysed.has('zz_good/settings.py') && analysed.has('zz_good/server.js'));
});

test('adversarial: files that vanish or change during a scan are reported, the scan goes on', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) files[`src/f${String(i).padStart(2, '0')}.js`] = `const password = "${SECRET}";\n`;
  const root = workspace(files);
  let acted = false;
  const result = await scanWorkspace({
    paths: ['.'],
    cwd: root,
    config: { ...DEFAULT_CONFIG },
    onProgress: () => {
      if (acted) return;
      acted = true;
      unlinkSync(join(root, 'src', 'f29.js'));
      writeFileSync(join(root, 'src', 'f28.js'), Buffer.from([0, 1, 2, 3]));
      writeFileSync(join(root, 'src', 'f27.js'), 'const port = 1;\n');
    },
  });
  assert.ok(acted);
  const reasons = new Map(result.skippedFiles.map((s) => [s.file, s.reason]));
  assert.match(reasons.get('src/f29.js') ?? '', /vanished/);
  assert.match(reasons.get('src/f28.js') ?? '', /binary/);
  assert.deepEqual(result.files.get('src/f27.js')?.findings, []);
  assert.equal(result.files.get('src/f00.js')?.findings.length, 1);
  assert.equal(result.files.size, 28);
});

/** Peak resident memory of a child, sampled from /proc while it runs (Linux). */
function peakRss(pid: number, peak: { kb: number }): void {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) peak.kb = Math.max(peak.kb, Number(m[1]));
  } catch {
    // The process has exited.
  }
}

test('adversarial: a workspace of 20,000 files is scanned in bounded time and memory', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tf-many-')));
  mkdirSync(join(root, '.git'));
  for (let d = 0; d < 100; d++) {
    const dir = join(root, `pkg${d}`);
    mkdirSync(dir);
    for (let f = 0; f < 200; f++) {
      const n = d * 200 + f;
      const py = n % 2 === 0;
      const body =
        n % 500 === 0
          ? py
            ? `PASSWORD = "${SECRET}"\n`
            : `const password = "${SECRET}";\n`
          : py
            ? `import os\nVALUE_${n} = os.environ.get("V${n}")\n`
            : `export const value${n} = process.env.V${n};\n`;
      writeFileSync(join(dir, `m${f}.${py ? 'py' : 'ts'}`), body);
    }
  }
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, 'check', '--no-progress', '--format', 'json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const peak = { kb: 0 };
  const timer = setInterval(() => peakRss(child.pid!, peak), 50);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const status = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(timer);
  const seconds = (Date.now() - started) / 1000;
  assert.equal(status, 1, stderr);
  const report = JSON.parse(stdout);
  assert.equal(report.stats.files + report.stats.skipped, 20_000);
  assert.equal(report.findings.length, 40);
  // Generous bounds for a busy 2-core machine; the point is "bounded", not fast.
  assert.ok(seconds < 600, `took ${seconds} s`);
  assert.ok(peak.kb > 0 && peak.kb < 1536 * 1024, `peak RSS ${Math.round(peak.kb / 1024)} MB`);
  console.log(`20,000 files: ${seconds.toFixed(1)} s, peak RSS ${Math.round(peak.kb / 1024)} MB`);
});
