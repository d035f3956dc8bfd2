/**
 * The scan's worker pool (server/src/workspace/pool.ts) with the bundled
 * worker (dist/worker.js, built by `npm run test:unit` before the tests run):
 * the same results as analysing in process, every file answered exactly once,
 * cancellation, and crashed workers failing files instead of hanging the scan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compilePythonWasm, initParsers } from '../server/src/engine/engine';
import type { FileResult } from '../server/src/ir/types';
import { analyzeFile, type AnalyzeFileTask } from '../server/src/workspace/analyzeFile';
import { AnalysisPool } from '../server/src/workspace/pool';

const WORKER = resolve(__dirname, '..', 'dist', 'worker.js');

// A live-looking Stripe key, assembled so this file holds no secret literal.
const STRIPE = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

/** Python files with and without findings, plus one that cannot be read. */
function tasks(count: number): AnalyzeFileTask[] {
  const dir = mkdtempSync(join(tmpdir(), 'tf-pool-'));
  const out: AnalyzeFileTask[] = [];
  for (let i = 0; i < count; i++) {
    const text =
      i % 3 === 0
        ? `import os\nSTRIPE_KEY = "${STRIPE}"\nPORT = os.environ.get("PORT_${i}")\n`
        : i % 3 === 1
          ? `from flask import Flask\napp = Flask(__name__)\napp.run(port=${5000 + i})\n`
          : `def f${i}(x):\n    return x + ${i}\n`;
    const abs = join(dir, `m${i}.py`);
    writeFileSync(abs, text);
    out.push({ abs, projectPath: `m${i}.py`, language: 'python', options: { signals: true } });
  }
  out.push({ abs: join(dir, 'missing.py'), projectPath: 'missing.py', language: 'python', options: {} });
  return out;
}

async function runAll(pool: AnalysisPool, list: AnalyzeFileTask[], signal?: AbortSignal) {
  const results = new Map<number, FileResult>();
  let duplicates = 0;
  await pool.run(
    list,
    (i, r) => {
      if (results.has(i)) duplicates++;
      results.set(i, r);
    },
    signal,
  );
  return { results, duplicates };
}

test('two workers give every file the result the main thread gives it, once', async () => {
  await initParsers();
  const list = tasks(40);
  const pool = new AnalysisPool(WORKER, 2);
  try {
    const { results, duplicates } = await runAll(pool, list);
    assert.equal(duplicates, 0);
    assert.equal(results.size, list.length);
    list.forEach((task, i) => assert.deepEqual(results.get(i), analyzeFile(task), task.projectPath));
    // The fixture is not vacuous: findings, signals and a skipped file all came back.
    assert.ok([...results.values()].some((r) => r.findings.some((f) => f.rule === 'hardcoded-secret')));
    assert.ok([...results.values()].some((r) => r.signals?.envReads.includes('PORT_0')));
    assert.match(results.get(list.length - 1)?.skipped ?? '', /vanished/);
  } finally {
    await pool.close();
  }
});

test('a pool grown after creation (while the walk goes on) runs on every worker', async () => {
  const list = tasks(12);
  const pool = new AnalysisPool(WORKER);
  pool.grow(1);
  pool.grow(3);
  assert.equal(pool.size, 3);
  try {
    const { results } = await runAll(pool, list);
    assert.equal(results.size, list.length);
  } finally {
    await pool.close();
  }
});

test('an aborted run ends without analysing the files nobody claimed', async () => {
  const list = tasks(20);
  const pool = new AnalysisPool(WORKER, 2);
  const abort = new AbortController();
  abort.abort();
  try {
    const { results } = await runAll(pool, list, abort.signal);
    assert.equal(results.size, 0);
  } finally {
    await pool.close();
  }
});

test('workers that crash fail their files instead of hanging the scan', async () => {
  // A worker that claims a file, then dies with it.
  const script = join(mkdtempSync(join(tmpdir(), 'tf-pool-crash-')), 'crash.js');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', ({ kind, shared, slot }) => {
       if (kind !== 'run') return;
       const counter = new Int32Array(shared);
       Atomics.store(counter, 1 + slot, Atomics.add(counter, 0, 1));
       throw new Error('boom');
     });`,
  );
  const list = tasks(6);
  const pool = new AnalysisPool(script, 2);
  try {
    const { results, duplicates } = await runAll(pool, list);
    assert.equal(duplicates, 0);
    assert.equal(results.size, list.length);
    for (const r of results.values()) assert.match(r.skipped ?? '', /^analysis failed: boom$/);
  } finally {
    await pool.close();
  }
});

test('each worker is handed the compiled wasm before its first run request', async () => {
  // A worker that answers every file with what it was sent first.
  const script = join(mkdtempSync(join(tmpdir(), 'tf-pool-init-')), 'init.js');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
     let first;
     parentPort.on('message', (m) => {
       first ??= m.kind + ':' + (m.wasm?.core instanceof WebAssembly.Module) + ',' + (m.wasm?.grammar instanceof WebAssembly.Module);
       if (m.kind !== 'run') return;
       const counter = new Int32Array(m.shared);
       const answers = [];
       for (let i = Atomics.add(counter, 0, 1); i < m.tasks.length; i = Atomics.add(counter, 0, 1))
         answers.push({ index: i, result: { findings: [], skipped: first } });
       parentPort.postMessage({ kind: 'results', answers });
       parentPort.postMessage({ kind: 'done' });
     });`,
  );
  let compiled = 0;
  const pool = new AnalysisPool(script, 2, () => {
    compiled++;
    return compilePythonWasm();
  });
  try {
    const { results } = await runAll(pool, tasks(4));
    assert.equal(results.size, 5);
    for (const r of results.values()) assert.equal(r.skipped, 'init:true,true');
    // Asked once per worker; compilePythonWasm memoises, so the wasm compiled once.
    assert.equal(compiled, 2);
  } finally {
    await pool.close();
  }
});

test('workers compile their own wasm when this thread could not', async () => {
  await initParsers();
  const list = tasks(9);
  const pool = new AnalysisPool(WORKER, 2, () => Promise.reject(new Error('no wasm here')));
  try {
    const { results } = await runAll(pool, list);
    assert.equal(results.size, list.length);
    list.forEach((task, i) => assert.deepEqual(results.get(i), analyzeFile(task), task.projectPath));
  } finally {
    await pool.close();
  }
});
