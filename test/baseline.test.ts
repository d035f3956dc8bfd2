import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BaselineError,
  filterBaseline,
  parseBaseline,
  readBaselineFile,
  serializeBaseline,
  writeBaselineFile,
} from '../server/src/workspace/baseline';

const dir = () => mkdtempSync(join(tmpdir(), 'tf-baseline-'));

test('writes sorted unique fingerprints and reads them back', () => {
  const file = join(dir(), '.twelve-factor-baseline.json');
  writeBaselineFile(file, [{ fingerprint: 'bb' }, { fingerprint: 'aa' }, { fingerprint: 'bb' }]);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { version: 1, fingerprints: ['aa', 'bb'] });
  assert.deepEqual([...readBaselineFile(file)], ['aa', 'bb']);
});

test('filters the findings the baseline accepts and keeps the others in order', () => {
  const findings = [
    { fingerprint: 'a', rule: 'x' },
    { fingerprint: 'b', rule: 'y' },
    { fingerprint: 'c', rule: 'z' },
  ];
  assert.deepEqual(filterBaseline(findings, new Set(['b'])), [findings[0], findings[2]]);
  assert.deepEqual(filterBaseline(findings, new Set()), findings);
});

test('a saved JSON report works as a baseline', () => {
  const report = { version: 1, findings: [{ fingerprint: 'f1', rule: 'r' }], factors: [], stats: {} };
  assert.deepEqual([...parseBaseline(JSON.stringify(report), 'r.json')], ['f1']);
});

test('malformed baselines are errors naming the file and the problem', () => {
  const cases: [string, string][] = [
    ['{ nope', 'b.json: baseline is not valid JSON'],
    ['[]', 'b.json: baseline must be an object {"version": 1, "fingerprints": [...]}'],
    ['{"version": 2, "fingerprints": []}', 'b.json: unsupported baseline version 2'],
    ['{"version": 1}', 'b.json: baseline has no "fingerprints" array'],
    ['{"version": 1, "fingerprints": [1]}', 'b.json: baseline fingerprints must be strings'],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseBaseline(text, 'b.json'),
      (e: unknown) => e instanceof BaselineError && e.message === message,
      text,
    );
  }
});

test('a missing baseline file is a BaselineError', () => {
  const file = join(dir(), 'missing.json');
  assert.throws(() => readBaselineFile(file), { message: `${file}: baseline file not found` });
});

test('serialized baselines end with a newline and are stable', () => {
  const text = serializeBaseline([{ fingerprint: 'z' }, { fingerprint: 'a' }]);
  assert.equal(text, '{\n  "version": 1,\n  "fingerprints": [\n    "a",\n    "z"\n  ]\n}\n');
  const file = join(dir(), 'b.json');
  writeFileSync(file, text);
  assert.deepEqual([...readBaselineFile(file)], ['a', 'z']);
});
