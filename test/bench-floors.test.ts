// The pure parts of the floors the bench prints beside issue 18's targets:
// where the keystroke benches type, their quantiles, and the floor rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantiles, typingOffsets, typingSpots } from '../bench/keystrokes.mjs';
import { firstSquiggleRows, inProcessKeystroke, keystrokeFloorRows } from '../bench/lsp-floors.mjs';
import { floorRow } from '../bench/small.mjs';

const f = (ms: number | undefined): string => (ms === undefined ? '–' : `${ms.toFixed(1)} ms`);

test('typingOffsets points where typingSpots does, right after the bound name', () => {
  const text = 'def f():\n    alpha = 1\n    beta = 2\nx = 3\n    gamma = 4\n';
  const spots = typingSpots(text, 'python', 3);
  assert.deepEqual(spots, [
    { line: 1, character: 9 },
    { line: 2, character: 8 },
    { line: 4, character: 9 },
  ]);
  const offsets = typingOffsets(text, 'python', 3);
  assert.deepEqual(
    offsets.map((o) => text.slice(o, o + 3)),
    [' = ', ' = ', ' = '],
  );
  assert.deepEqual(
    offsets.map((o) => text.slice(text.lastIndexOf('\n', o) + 1, o).trim()),
    ['alpha', 'beta', 'gamma'],
  );
  assert.deepEqual(typingOffsets('const a = 1;\nlet bb = 2;\n', 'typescript', 2), [7, 19]);
  assert.throws(() => typingSpots('nothing here\n', 'python', 1), /no assignment/);
});

test('quantiles are nearest-rank over the sorted values', () => {
  const values = Array.from({ length: 40 }, (_, i) => 40 - i);
  assert.deepEqual(quantiles(values), { n: 40, p50: 21, p95: 39, max: 40 });
  assert.deepEqual(quantiles([5]), { n: 1, p50: 5, p95: 5, max: 5 });
});

test('the keystroke floor is the in-process p95 plus the round-trip p95, under the budget of the language', () => {
  const lsp = {
    pySteps: { lines: 10, edits: 40, steps: [{ key: 'keystroke', label: 'k', p50: 10, p95: 20, max: 30 }] },
  };
  assert.equal(inProcessKeystroke(lsp, 'python')?.p95, 20);
  assert.equal(inProcessKeystroke(lsp, 'typescript'), undefined);
  const v = { roundTrip: { n: 40, p50: 1, p95: 2.5, max: 3 } };
  const rows = keystrokeFloorRows('python', v, lsp, f);
  assert.equal(rows.length, 2);
  assert.match(rows[0], /n=40\) \| 1\.0 ms \/ 2\.5 ms \|$/);
  assert.match(rows[1], /= 20\.0 ms \+ 2\.5 ms \(budget ≤ 25 ms\) \| \*\*22\.5 ms\*\* \|$/);
  // Without the in-process figures only the round trip; a push row (no round trip) gets none.
  assert.equal(keystrokeFloorRows('typescript', v, lsp, f).length, 1);
  assert.deepEqual(keystrokeFloorRows('python', {}, lsp, f), []);
});

test('the first-squiggle rows split the time from the spawn and show the cold analysis', () => {
  const v = { initializeMs: 300, openSentMs: 310, settingsAskedMs: 350, firstSquiggleMs: 900 };
  const med = (m: number) => ({ median: m, min: m, max: m });
  const first = { python: { setUpMs: med(25), coldMs: med(500), warmMs: med(200) } };
  const [split, cold] = firstSquiggleRows('python', v, first, f);
  assert.match(split, /\| 300\.0 ms \/ 310\.0 ms \/ 350\.0 ms \/ 900\.0 ms \|$/);
  assert.match(cold, /\| 25\.0 ms \/ \*\*500\.0 ms\*\* \/ 200\.0 ms \|$/);
  // The server did not ask the document's settings: the split says so rather than inventing a figure.
  const [unknown] = firstSquiggleRows('python', { ...v, settingsAskedMs: undefined }, undefined, f);
  assert.match(unknown, /310\.0 ms \/ – \/ 900\.0 ms \|$/);
});

test('the small-project floor row gives the floor, its share of check, and its load and parse', () => {
  const med = (m: number) => ({ median: m, min: m, max: m });
  const range = (s: { median: number }): string => f(s.median);
  const row = floorRow(
    { wallMs: med(300), cpuMs: med(280), loadMs: med(120), parseMs: med(40), sources: med(16) },
    med(600),
    range,
  );
  assert.match(row, /16 source files/);
  assert.match(
    row,
    /\*\*300\.0 ms\*\* \/ 280\.0 ms \(50 % of `check`; in it: parsers' load 120\.0 ms, parse 40\.0 ms\)/,
  );
});
