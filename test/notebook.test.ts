/**
 * Jupyter notebooks in the engine and the CLI: code cells analysed as one
 * Python file (imports of earlier cells count), magics neutralised, other
 * kernels and non-code cells left alone, outputs never read, and findings
 * placed in the `.ipynb` text (through JSON escapes) with their cell beside
 * them in JSON, SARIF and text output. The rule fixtures
 * (`rules/*\/fixtures/notebooks/`) hold the per-rule true positives and near misses.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeText, initParsers, inputKindOf } from '../server/src/engine/engine';
import { analyzeCells, cellAsPython } from '../server/src/engine/notebook';
import { toReportFinding, type CheckReport } from '../server/src/cli/report';
import { formatJson } from '../server/src/cli/format/json';
import { formatSarif } from '../server/src/cli/format/sarif';
import { formatText } from '../server/src/cli/format/text';

// Credential-shaped values assembled here so this file holds no secret literal.
const LIVE_KEY = ['sk_live_', '4eC39HqLyjWDarjtT1zdp7dc'].join('');

type Cell = { cell_type: string; source: string[] | string; metadata?: object; outputs?: unknown[] };

function notebook(cells: Cell[], language = 'python'): string {
  const full = cells.map((c) => ({
    metadata: {},
    ...c,
    ...(c.cell_type === 'code' ? { outputs: c.outputs ?? [] } : {}),
  }));
  return JSON.stringify({ cells: full, metadata: { kernelspec: { language, name: 'k' } }, nbformat: 4 }, null, 1);
}

const code = (...source: string[]): Cell => ({ cell_type: 'code', source });

const analyze = (text: string) => analyzeText(text, 'notebooks/explore.ipynb', 'notebook');

describe('notebooks', () => {
  before(() => initParsers());

  test('.ipynb files are read as notebooks', () => {
    assert.equal(inputKindOf('a/b/Explore.IPYNB'), 'notebook');
  });

  test('a live key in a code cell is reported in the file text, with its cell', () => {
    // \u00e9 and \" before the key: the column counts the escapes as the file has them.
    const text = notebook([
      { cell_type: 'markdown', source: [`key: "${LIVE_KEY}"`] },
      code('import os\n', 'note = "caf\u00e9 \\"x\\""; key = "' + LIVE_KEY + '"\n'),
    ]).replace('café', 'caf\\u00e9');
    const [finding, ...rest] = analyze(text).findings;
    assert.deepEqual(rest, []);
    assert.equal(finding.rule, 'hardcoded-secret');
    assert.equal(text.slice(finding.span.start, finding.span.end), `\\"${LIVE_KEY}\\"`);
    assert.deepEqual(finding.cell, {
      index: 1,
      range: { start: { line: 1, character: 27 }, end: { line: 1, character: 61 } },
    });
    assert.ok(!finding.message.includes(LIVE_KEY));
  });

  test('a source given as one string maps through its \\n escapes', () => {
    const text = notebook([{ cell_type: 'code', source: `import os\nport = 1\nkey = "${LIVE_KEY}"\n` }]);
    const [finding] = analyze(text).findings;
    assert.equal(text.slice(finding.span.start, finding.span.end), `\\"${LIVE_KEY}\\"`);
    assert.equal(finding.cell?.range.start.line, 2);
  });

  test('an import in an earlier cell counts in a later one', () => {
    const handler = code('handler = FileHandler("app.log")\n');
    assert.deepEqual(analyze(notebook([code('import logging\n'), handler])).findings, []);
    const imported = analyze(notebook([code('from logging import FileHandler\n'), handler]));
    assert.deepEqual(
      imported.findings.map((f) => [f.rule, f.cell?.index, f.cell?.range.start.line]),
      [['file-logging', 1, 0]],
    );
  });

  test('magics keep every offset and parse; foreign cell magics and markdown are skipped', () => {
    assert.equal(
      cellAsPython('%pip install x\n  !ls\nrows = !ls\nx = 1 % 2\n'),
      '#pip install x\n  #ls\n#ows = !ls\nx = 1 % 2\n',
    );
    assert.equal(cellAsPython('%%bash\necho hi\n'), undefined);
    assert.equal(cellAsPython('\n%%timeit\nx = 1\n'), '\n#%timeit\nx = 1\n');
    const text = notebook([
      code('%%bash\n', `echo "${LIVE_KEY}"\n`),
      code('%%writefile settings.py\n', `KEY = "${LIVE_KEY}"\n`),
      { cell_type: 'raw', source: [`KEY = "${LIVE_KEY}"`] },
      code('%load_ext autoreload\n', `!echo "${LIVE_KEY}"\n`),
    ]);
    const result = analyze(text);
    assert.deepEqual(result.findings, []);
    assert.equal(result.syntaxErrors, undefined);
  });

  test('a cell in another language, or a notebook of another kernel, is not analysed', () => {
    const key = code(`key = "${LIVE_KEY}"\n`);
    assert.deepEqual(analyze(notebook([key], 'R')).findings, []);
    const r = { ...key, metadata: { vscode: { languageId: 'r' } } };
    assert.deepEqual(analyze(notebook([r])).findings, []);
  });

  test('outputs are never analysed, and a notebook of large outputs stays fast', () => {
    const image = 'iVBORw0KGgo'.repeat(400_000); // ~4.4 MB of base64, twice over the source-file limit
    const outputs = [
      { output_type: 'display_data', data: { 'image/png': image }, metadata: {} },
      { output_type: 'stream', name: 'stdout', text: [`${LIVE_KEY}\n`] },
    ];
    const text = notebook([
      { ...code('import os\n', `key = "${LIVE_KEY}"\n`), outputs },
      { ...code('x = 1\n'), outputs },
    ]);
    const started = performance.now();
    const result = analyze(text);
    const ms = performance.now() - started;
    assert.equal(result.skipped, undefined);
    assert.deepEqual(
      result.findings.map((f) => f.cell?.index),
      [0],
    );
    // Parsing the JSON once is linear; a generous bound that a quadratic walk would blow.
    assert.ok(ms < 5000, `took ${Math.round(ms)} ms`);
  });

  test('damaged JSON: findings of the cells read before the damage, no crash', () => {
    const text = notebook([code(`key = "${LIVE_KEY}"\n`)]);
    const cut = text.slice(0, text.indexOf('"outputs"'));
    const result = analyze(cut);
    assert.equal(result.syntaxErrors, true);
    assert.deepEqual(
      result.findings.map((f) => f.rule),
      ['hardcoded-secret'],
    );
    for (const garbage of [
      '',
      '[]',
      '{"cells": 3}',
      '{"cells": [{"cell_type": "code", "source": [1, null]}]}',
      'nul',
    ]) {
      assert.deepEqual(analyze(garbage).findings, [], garbage);
    }
  });

  test('analyzeCells hands each cell its own findings in its own coordinates', () => {
    const { cells } = analyzeCells(
      [
        { index: 0, text: 'import os' },
        { index: 2, text: '%%bash\nexit 1' },
        { index: 3, text: `x = 1\nkey = "${LIVE_KEY}"` },
      ],
      (python) => analyzeText(python, 'nb.ipynb', 'python'),
    );
    assert.deepEqual(
      cells.map((c) => [c.index, c.findings.map((f) => [f.range.start.line, f.range.start.character, f.span.start])]),
      [
        [0, []],
        [3, [[1, 6, 12]]],
      ],
    );
  });

  test('JSON, SARIF and text output: file positions plus the cell, the key masked', () => {
    const text = notebook([
      { cell_type: 'markdown', source: ['# Title'] },
      code('import os\n', `key = "${LIVE_KEY}"\n`),
    ]);
    const findings = analyze(text).findings.map((f) => toReportFinding('explore.ipynb', f));
    const report: CheckReport = {
      findings,
      stats: { files: 1, skipped: 0, durationMs: 1 },
      skippedFiles: [],
      errors: [],
      baselined: 0,
    };
    const json = JSON.parse(formatJson(report, [])) as { findings: Record<string, unknown>[] };
    const line = text.split('\n').findIndex((l) => l.includes(LIVE_KEY)) + 1;
    assert.deepEqual(json.findings[0].range, { start: { line, column: 12 }, end: { line, column: 48 } });
    assert.equal(json.findings[0].cell, 2);
    assert.deepEqual(json.findings[0].cellRange, { start: { line: 2, column: 7 }, end: { line: 2, column: 41 } });
    const sarif = JSON.parse(formatSarif(report, { cwd: '/' })) as {
      runs: {
        results: {
          locations: { physicalLocation: { region: { startLine: number } } }[];
          properties: { cell: number };
        }[];
      }[];
    };
    const result = sarif.runs[0].results[0];
    assert.equal(result.locations[0].physicalLocation.region.startLine, line);
    assert.equal(result.properties.cell, 2);
    const human = formatText(report, { color: false, verbose: false });
    assert.match(human, /explore\.ipynb:cell 2:2:7 +error +hardcoded-secret/);
    for (const out of [JSON.stringify(json), JSON.stringify(sarif), human]) assert.ok(!out.includes(LIVE_KEY));
  });

  test('the built CLI walks into notebooks and fails on a live key in a cell', () => {
    const root = mkdtempSync(join(tmpdir(), 'tf-nb-'));
    writeFileSync(join(root, 'explore.ipynb'), notebook([code('import stripe\n', `stripe.api_key = "${LIVE_KEY}"\n`)]));
    const cli = resolve(__dirname, '..', 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'check', '.', '--no-progress'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /explore\.ipynb:cell 1:2:18 +error +hardcoded-secret/);
    assert.ok(!r.stdout.includes(LIVE_KEY));
  });
});
