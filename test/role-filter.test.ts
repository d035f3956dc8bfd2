/**
 * The engine's role filter: which findings a file's role keeps by default,
 * and how `testFileSeverity` and the per-role `roles` setting turn rules back on.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, initParsers, type AnalyzeOptions } from '../server/src/engine/engine';
import { toDiagnostic } from '../server/src/lsp/diagnostics';

// Assembled at run time so this file holds no secret literal.
const AWS = ['AKIA', 'Q7KZPW3M5XN2RBTD'].join('');
const STRIPE_TEST = ['sk', 'test', 'mxgJTeKdNnFRIBXuDL7DxtpY'].join('_');
const STRIPE_LIVE = ['sk', 'live', 'KLzdocJ2isAjIhKtJ0RlgLKO'].join('_');

// A test module with a live AWS key, a test-mode Stripe key, a fixture password and a counter.
const TEST_MODULE = [
  'import boto3', //                                                   1
  'calls = {"n": 0}', //                                               2
  `AWS_KEY = "${AWS}"`, //                                            3
  `STRIPE_KEY = "${STRIPE_TEST}"`, //                                  4
  'PASSWORD = "s3cr3t-Passw0rd!"', //                                  5
  'def fake():', //                                                    6
  '    calls["n"] += 1', //                                            7
  '',
].join('\n');

const found = (path: string, options: AnalyzeOptions = {}, text = TEST_MODULE) =>
  analyzeText(text, path, 'python', options).findings.map((f) => `${f.range.start.line + 1}:${f.rule}:${f.severity}`);

describe('role filter', () => {
  before(async () => {
    await initParsers();
  });

  test('app code: every rule', () => {
    assert.deepEqual(found('billing/fakes.py'), [
      '3:hardcoded-secret:error',
      '4:hardcoded-secret:error',
      '5:hardcoded-secret:error',
      '7:global-state:warning',
    ]);
  });

  test('a test file: only the live provider key', () => {
    const result = analyzeText(TEST_MODULE, 'tests/test_billing.py', 'python');
    assert.deepEqual(
      result.findings.map((f) => `${f.range.start.line + 1}:${f.rule}`),
      ['3:hardcoded-secret'],
    );
    assert.equal(result.role, 'test');
    assert.equal(result.findings[0].role, 'test');
    assert.equal(result.roleReason, 'path matches "**/test_*.py"');
  });

  test('testFileSeverity turns every rule back on in test files, at its level', () => {
    assert.deepEqual(found('tests/test_billing.py', { testFileSeverity: 'info' }), [
      '3:hardcoded-secret:info',
      '4:hardcoded-secret:info',
      '5:hardcoded-secret:info',
      '7:global-state:info',
    ]);
    // A rule turned off stays off.
    assert.deepEqual(found('tests/test_billing.py', { testFileSeverity: 'info', rules: { 'global-state': 'off' } }), [
      '3:hardcoded-secret:info',
      '4:hardcoded-secret:info',
      '5:hardcoded-secret:info',
    ]);
  });

  test('the roles setting turns one rule back on (all its detections) or off in one role', () => {
    assert.deepEqual(found('tests/test_billing.py', { roles: { test: { 'global-state': 'warning' } } }), [
      '3:hardcoded-secret:error',
      '7:global-state:warning',
    ]);
    assert.deepEqual(found('tests/test_billing.py', { roles: { test: { 'hardcoded-secret': 'info' } } }), [
      '3:hardcoded-secret:info',
      '4:hardcoded-secret:info',
      '5:hardcoded-secret:info',
    ]);
    assert.deepEqual(found('tests/test_billing.py', { roles: { test: { 'hardcoded-secret': 'off' } } }), []);
    // The most specific setting wins over a rule's global `off`.
    assert.deepEqual(
      found('tests/test_billing.py', { rules: { 'global-state': 'off' }, roles: { test: { 'global-state': 'info' } } }),
      ['3:hardcoded-secret:error', '7:global-state:info'],
    );
    // A role's setting leaves the other roles alone.
    assert.deepEqual(found('billing/fakes.py', { roles: { test: { 'hardcoded-secret': 'off' } } }).length, 4);
  });

  test('roleFiles move a file between roles', () => {
    assert.deepEqual(found('qa/fakes.py', { roleFiles: { test: ['qa/**'] } }), ['3:hardcoded-secret:error']);
    assert.equal(found('tests/test_billing.py', { roleFiles: { app: ['tests/**'] } }).length, 4);
  });

  test('vendored code: secrets only; browser code: no server-process rule', () => {
    assert.deepEqual(found('vendor/billing.py'), [
      '3:hardcoded-secret:error',
      '4:hardcoded-secret:error',
      '5:hardcoded-secret:error',
    ]);
    const js = `let n = 0;\nconst KEY = "${STRIPE_LIVE}";\nexport function hit() {\n  n++;\n}\n`;
    const browser = analyzeText(js, 'static/js/hit.js', 'javascript').findings;
    assert.deepEqual(
      browser.map((f) => `${f.range.start.line + 1}:${f.rule}:${f.role}`),
      ['2:hardcoded-secret:browser'],
    );
    assert.deepEqual(
      analyzeText(js, 'src/hit.js', 'javascript').findings.map((f) => f.rule),
      ['hardcoded-secret', 'global-state'],
    );
  });

  test('the diagnostic says where a finding is when it is not app code', () => {
    const [inTest] = analyzeText(TEST_MODULE, 'tests/test_billing.py', 'python').findings;
    const diagnostic = toDiagnostic(inTest);
    assert.match(diagnostic.message, /\(in a test file\)$/);
    assert.equal((diagnostic.data as { role?: string }).role, 'test');
    const [inApp] = analyzeText(TEST_MODULE, 'billing/fakes.py', 'python').findings;
    assert.equal(toDiagnostic(inApp).message, inApp.message);
  });
});
