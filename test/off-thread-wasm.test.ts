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
import type { AnalysisJob, AnalysisRequest } from '../server/src/lsp/analysisWorker';

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

test('versions of a document after the first go to the worker as edits, with the results of whole texts', async () => {
  await initParsers();
  const base =
    `import os\nSTRIPE_KEY = "${STRIPE}"\n# 😀 é\n` +
    Array.from({ length: 300 }, (_, i) => `def f${i}(x):\n    return os.environ.get("V_${i}", x)\n`).join('');
  const versions = [
    base.replace('def f10(x)', 'def f10a(x)'),
    base.replace('def f10(x)', 'def f10ab(x)'),
    base.replace('# 😀 é', '# 😁 é'),
    base.replace('STRIPE_KEY', 'KEY'),
    base.replace('STRIPE_KEY', 'KEY') + 'PORT = 8080\n',
    base,
  ];
  const analyzer = new OffThreadAnalyzer(WORKER, 60_000);
  const posted: AnalysisJob[] = [];
  try {
    await analyzer.analyze(base, 'big.py', 'python', {}, 'file:///big.py');
    const worker = (analyzer as unknown as { worker: { postMessage(m: AnalysisRequest): void } }).worker;
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (m) => {
      if (m.kind === 'analyse') posted.push(m);
      post(m);
    };
    // Queued together (typing faster than the analyses): each is the edit from the one posted before it.
    const answers = await Promise.all(
      versions.map((v) => analyzer.analyze(v, 'big.py', 'python', {}, 'file:///big.py')),
    );
    for (const [i, answer] of answers.entries()) {
      assert.ok('result' in answer, JSON.stringify(answer));
      assert.deepEqual(answer.result, analyzeText(versions[i], 'big.py', 'python', {}), `version ${i}`);
    }
    assert.equal(posted.length, versions.length);
    assert.ok(
      posted.every((m) => m.text === undefined && m.edit),
      'every later version went as an edit',
    );
    // Closed and opened again: the worker forgot the text, the next version goes whole.
    analyzer.forget('file:///big.py');
    const reopened = await analyzer.analyze(versions[0], 'big.py', 'python', {}, 'file:///big.py');
    assert.ok('result' in reopened);
    assert.deepEqual(reopened.result, analyzeText(versions[0], 'big.py', 'python', {}));
    assert.equal(posted.at(-1)?.text, versions[0]);
  } finally {
    analyzer.dispose();
  }
});
