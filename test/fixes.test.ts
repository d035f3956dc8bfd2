// Fix fixtures: each folder under server/src/fixes/fixtures is a tiny
// workspace. Its code file is fixed (every finding with a fix, one at a time,
// re-analysed in between, or as case.json says), then every `X.fixed` must
// equal the new X, and every file without one must be unchanged. The fixed
// files must still compile (Python), type-check under strict (TypeScript),
// and every `.env` must read the same through npm dotenv and python-dotenv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initParsers } from '../server/src/engine/engine';
import { isRefusal } from '../server/src/fixes/patch';
import { FIX_FIXTURES, loadCase, runFix, strictTsconfig } from './support/fixCases';
import { npmDotenv, PYTHON, pythonDotenv } from './support/dotenvOracles';

const cases = readdirSync(FIX_FIXTURES).filter((d) => existsSync(join(FIX_FIXTURES, d)) && !d.includes('.'));

test('fix fixtures', async (t) => {
  await initParsers();
  for (const name of cases) {
    await t.test(name, () => {
      const { files, expected, config, source } = loadCase(join(FIX_FIXTURES, name));
      const before = new Map(files);
      assert.ok(source, `${name} has a code file`);
      const results = runFix(files, source, config);
      assert.ok(results.length > 0, `${name}: no fix was offered`);
      for (const r of results)
        assert.ok(!/django-insecure|sk_live|N8x2pLq0vZ/.test(r.title), 'titles never hold a value');
      const refusal = results.find(isRefusal);
      if (config.refused) {
        assert.ok(refusal, `${name}: expected a refusal`);
        assert.match(refusal.refused, new RegExp(config.refused));
      } else assert.equal(refusal, undefined, `${name}: ${refusal?.refused}`);
      if (config.title) {
        const titles = results.map((r) => r.title);
        assert.ok(
          titles.some((t) => new RegExp(config.title!).test(t)),
          `${name}: ${JSON.stringify(titles)}`,
        );
      }
      for (const [path, text] of files) {
        const want = expected.get(path) ?? before.get(path);
        assert.equal(text, want, `${name}: ${path}`);
      }
      for (const path of expected.keys()) assert.ok(files.has(path), `${name}: ${path} was not created`);
    });
  }
});

const fixedFiles = (re: RegExp) =>
  cases.flatMap((c) =>
    readdirSync(join(FIX_FIXTURES, c))
      .filter((f) => re.test(f))
      .map((f) => join(FIX_FIXTURES, c, f)),
  );

test('fixed Python fixtures compile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-fixpy-'));
  try {
    const files = fixedFiles(/\.fixed\.py$/);
    assert.ok(files.length >= 4);
    for (const [i, f] of files.entries()) writeFileSync(join(dir, `m${i}.py`), readFileSync(f));
    execFileSync(PYTHON, ['-m', 'py_compile', ...files.map((_, i) => join(dir, `m${i}.py`))], { stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fixed TypeScript fixtures type-check under strict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-fixts-'));
  try {
    const files = fixedFiles(/\.fixed\.ts$/);
    assert.ok(files.length >= 2);
    const names = files.map((f, i) => {
      writeFileSync(join(dir, `m${i}.ts`), readFileSync(f));
      return `m${i}.ts`;
    });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(strictTsconfig(names)));
    const tsc = join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', dir], { stdio: 'pipe' });
    // The check can fail: the same files with a bare `process.env.X` in a string slot do not type-check.
    const asserted = names.find((n) => /process\.env\.\w+!/.test(readFileSync(join(dir, n), 'utf8')));
    assert.ok(asserted, 'a fixture reads a secret in TypeScript');
    const loose = readFileSync(join(dir, asserted), 'utf8').replace(/(process\.env\.\w+)!/g, '$1');
    writeFileSync(join(dir, asserted), loose);
    assert.throws(() => execFileSync(process.execPath, [tsc, '--noEmit', '-p', dir], { stdio: 'pipe' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every fixed .env reads the same through npm dotenv and python-dotenv', () => {
  const files = fixedFiles(/^\.env\.fixed$/);
  assert.ok(files.length >= 4);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const py = pythonDotenv(texts);
  texts.forEach((text, i) => {
    assert.deepEqual(py[i].errorLines, [], files[i]);
    // A name without `=` (python-dotenv: None) is not a variable for either reader: compare the values.
    const pyValues = Object.fromEntries(Object.entries(py[i].fromFile).filter(([, v]) => v !== null));
    assert.deepEqual(pyValues, { ...npmDotenv(text) }, files[i]);
  });
});
