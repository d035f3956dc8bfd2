/**
 * The language server's analysis worker (dist/lspworker.js, built by
 * `npm run test:unit`) gets the parser's wasm this thread compiled
 * (frontends/py/wasm.ts) and analyses Python with it as the main thread does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyzeText, compiledPythonWasm, initParsers } from '../server/src/engine/engine';
import { OffThreadAnalyzer } from '../server/src/lsp/offThread';

const WORKER = resolve(__dirname, '..', 'dist', 'lspworker.js');
const STRIPE = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

test('a large Python document analysed off the main thread, with the wasm compiled here', async () => {
  await initParsers();
  assert.ok(compiledPythonWasm(), 'initParsers compiled the modules the worker is handed');
  const text =
    `import os\nSTRIPE_KEY = "${STRIPE}"\n` +
    Array.from({ length: 4000 }, (_, i) => `def f${i}(x):\n    return os.environ.get("V_${i}", x)\n`).join('');
  const analyzer = new OffThreadAnalyzer(WORKER, 60_000);
  try {
    const off = await analyzer.analyze(text, 'big.py', 'python', {});
    assert.ok('result' in off, JSON.stringify(off));
    assert.deepEqual(off.result, analyzeText(text, 'big.py', 'python', {}));
    assert.ok(off.result.findings.some((f) => f.rule === 'hardcoded-secret'));
  } finally {
    analyzer.dispose();
  }
});
