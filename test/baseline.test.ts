import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BaselineError,
  filterBaseline,
  parseBaseline,
  projectBaseline,
  readBaselineFile,
  serializeBaseline,
  writeBaselineFile,
} from '../server/src/workspace/baseline';
import { resolveDocumentSettings, resolveFolderSettings } from '../server/src/lsp/projectSettings';
import { parseClientSettings } from '../server/src/lsp/settings';

const dir = () => mkdtempSync(join(tmpdir(), 'tf-baseline-'));

test('writes sorted unique fingerprints and reads them back', () => {
  const file = join(dir(), '.twelve-factor-baseline.json');
  writeBaselineFile(file, [{ fingerprint: 'bb' }, { fingerprint: 'aa' }, { fingerprint: 'bb' }]);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { version: 2, fingerprints: ['aa', 'bb'] });
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

const F1 = 'f1'.repeat(20);

test('a saved JSON report works as a baseline', () => {
  const report = { version: 1, findings: [{ fingerprint: F1, rule: 'r' }], factors: [], stats: {} };
  assert.deepEqual([...parseBaseline(JSON.stringify(report), 'r.json')], [F1]);
});

test('baselines of the unkeyed scheme 1 (files and saved reports) are refused, saying why and what to do', () => {
  const old = [
    JSON.stringify({ version: 1, fingerprints: ['ab'.repeat(16)] }),
    JSON.stringify({ version: 1, findings: [{ fingerprint: 'ab'.repeat(16), rule: 'r' }], factors: [], stats: {} }),
  ];
  for (const text of old) {
    assert.throws(
      () => parseBaseline(text, 'b.json'),
      (e: unknown) =>
        e instanceof BaselineError && /earlier twelve-factor/.test(e.reason) && /--write-baseline/.test(e.reason),
      text,
    );
  }
});

test('malformed baselines are errors naming the file and the problem', () => {
  const cases: [string, string][] = [
    ['{ nope', 'b.json: baseline is not valid JSON'],
    ['[]', 'b.json: baseline must be an object {"version": 2, "fingerprints": [...]}'],
    ['{"version": 3, "fingerprints": []}', 'b.json: unsupported baseline version 3'],
    ['{"version": 2}', 'b.json: baseline has no "fingerprints" array'],
    ['{"version": 2, "fingerprints": [1]}', 'b.json: baseline fingerprints must be strings'],
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
  assert.equal(text, '{\n  "version": 2,\n  "fingerprints": [\n    "a",\n    "z"\n  ]\n}\n');
  const file = join(dir(), 'b.json');
  writeFileSync(file, text);
  assert.deepEqual([...readBaselineFile(file)], ['a', 'z']);
});

test('projectBaseline: the one resolution the CLI and the language server share', () => {
  const root = dir();
  const fp = 'a'.repeat(40);
  const client = parseClientSettings({});
  // No baseline anywhere: none, for both.
  assert.deepEqual([...projectBaseline(root, undefined, root)], []);
  assert.deepEqual([...resolveFolderSettings(root, client).accepted], []);
  // The project's own file is found by both, and a document in the folder sees the same.
  writeBaselineFile(join(root, '.twelve-factor-baseline.json'), [{ fingerprint: fp }]);
  assert.deepEqual([...projectBaseline(root, undefined, root)], [fp]);
  assert.deepEqual([...resolveFolderSettings(root, client).accepted], [fp]);
  const doc = resolveDocumentSettings({
    fsPath: join(root, 'app.py'),
    name: 'app.py',
    workspaceFolders: [root],
    client,
  });
  assert.deepEqual([...doc.baseline], [fp]);
  // A configured file that is missing is an error (the CLI fails, the server shows the problem).
  assert.throws(() => projectBaseline(root, join(root, 'nope.json'), root), BaselineError);
  const configured = parseClientSettings({ baseline: 'nope.json' });
  assert.deepEqual([...resolveFolderSettings(root, configured).accepted], []);
  assert.match(resolveFolderSettings(root, configured).problems.join('\n'), /baseline file not found/);
});
