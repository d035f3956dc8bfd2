/** The fixture markers themselves: spans, and the marker mistakes the fixture test refuses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareMarkers, parseMarkers, type FoundRange } from './support/markers';

const at = (rule: string, line: number, start: number, end: number, endLine = line, messageId = 'm'): FoundRange => ({
  rule,
  messageId,
  range: { start: { line: line - 1, character: start - 1 }, end: { line: endLine - 1, character: end - 1 } },
});
const scope = new Set(['hardcoded-secret', 'hardcoded-port']);

test('markers: rules, spans, next-line and free text after the list', () => {
  const text = [
    'a = "x"  # expect: hardcoded-secret@5-8, hardcoded-port (the port too)',
    '# expect-next-line: hardcoded-port@3-+2:4',
    'ARG X',
    'b = 1  // ok: hardcoded-port env read',
  ].join('\r\n');
  assert.deepEqual(parseMarkers(text), [
    { kind: 'expect', line: 1, rule: 'hardcoded-secret', messageId: undefined, span: { start: 5, lines: 0, end: 8 } },
    { kind: 'expect', line: 1, rule: 'hardcoded-port', messageId: undefined, span: undefined },
    { kind: 'expect', line: 3, rule: 'hardcoded-port', messageId: undefined, span: { start: 3, lines: 2, end: 4 } },
    { kind: 'ok', line: 4, rule: 'hardcoded-port', messageId: undefined, span: undefined },
  ]);
});

test('markers: a repeated marker, a spanned ok: and a backwards span are refused', () => {
  assert.throws(() => parseMarkers('x  # expect: hardcoded-port, hardcoded-port'), /line 1 .*the same marker twice/);
  assert.throws(() => parseMarkers('x  # expect: hardcoded-port@2-4, hardcoded-port@2-4'), /the same marker twice/);
  assert.throws(() => parseMarkers('x  # ok: hardcoded-port@2-4'), /takes no span/);
  assert.throws(() => parseMarkers('x  # ok: hardcoded-port/port'), /takes no span or message id/);
  assert.throws(() => parseMarkers('x  # expect: hardcoded-port/a@2-4, hardcoded-port/b@2-4'), /the same marker twice/);
  assert.throws(() => parseMarkers('x  # expect: hardcoded-port@9-4'), /ends before it starts/);
});

test('compare: a span must match exactly, a marker without one matches the line', () => {
  const markers = parseMarkers('port = 8000  # expect: hardcoded-port@8-12\nsecret = "x"  # expect: hardcoded-secret');
  const clean = compareMarkers(markers, [at('hardcoded-port', 1, 8, 12), at('hardcoded-secret', 2, 10, 13)], scope);
  assert.deepEqual(clean, { missing: [], unexpected: [], errors: [] });
  const shifted = compareMarkers(markers, [at('hardcoded-port', 1, 8, 11), at('hardcoded-secret', 2, 10, 13)], scope);
  assert.deepEqual(shifted.missing, ['line 1: hardcoded-port@8-12 (found hardcoded-port/m@8-11)']);
  assert.deepEqual(shifted.unexpected, ['line 1: hardcoded-port/m@8-11']);
});

test('compare: two findings of a rule on a line need a span each', () => {
  const two = [at('hardcoded-secret', 1, 5, 9), at('hardcoded-secret', 1, 12, 20)];
  const one = compareMarkers(parseMarkers('f("a", "b")  # expect: hardcoded-secret'), two, scope);
  assert.match(
    one.errors.join(),
    /2 findings \(hardcoded-secret\/m@5-9, hardcoded-secret\/m@12-20\) for one marker without a span/,
  );
  const mixed = compareMarkers(
    parseMarkers('f("a", "b")  # expect: hardcoded-secret, hardcoded-secret@5-9'),
    two,
    scope,
  );
  assert.match(mixed.errors.join(), /a marker without a span beside another/);
  const spanned = compareMarkers(
    parseMarkers('f("a", "b")  # expect: hardcoded-secret@5-9, hardcoded-secret@12-20'),
    two,
    scope,
  );
  assert.deepEqual(spanned, { missing: [], unexpected: [], errors: [] });
});

test('compare: unmarked findings and findings on an ok: line are false alarms, out-of-scope rules are not compared', () => {
  const markers = parseMarkers('x = 1\ny = 2  # ok: hardcoded-port');
  const result = compareMarkers(
    markers,
    [at('hardcoded-port', 1, 5, 6), at('hardcoded-port', 2, 5, 6), at('pid-file', 1, 1, 2)],
    scope,
  );
  assert.deepEqual(result, {
    missing: [],
    unexpected: ['line 1: hardcoded-port/m@5-6', 'line 2: hardcoded-port/m@5-6'],
    errors: [],
  });
  const both = compareMarkers(parseMarkers('y = 2  # expect: hardcoded-port  # ok: hardcoded-port'), [], scope);
  assert.match(both.errors.join(), /both expect: and ok:/);
});

test("markers: a message id pins which of the rule's messages the finding carries", () => {
  assert.deepEqual(parseMarkers('x  # expect: pid-file/pid-flag@3-9, hardcoded-port/port'), [
    { kind: 'expect', line: 1, rule: 'pid-file', messageId: 'pid-flag', span: { start: 3, lines: 0, end: 9 } },
    { kind: 'expect', line: 1, rule: 'hardcoded-port', messageId: 'port', span: undefined },
  ]);
  const findings = [at('hardcoded-port', 1, 8, 12, 1, 'port')];
  const right = compareMarkers(parseMarkers('port = 8000  # expect: hardcoded-port/port@8-12'), findings, scope);
  assert.deepEqual(right, { missing: [], unexpected: [], errors: [] });
  const unspanned = compareMarkers(parseMarkers('port = 8000  # expect: hardcoded-port/port'), findings, scope);
  assert.deepEqual(unspanned, { missing: [], unexpected: [], errors: [] });
  const wrong = compareMarkers(parseMarkers('port = 8000  # expect: hardcoded-port/command-port'), findings, scope);
  assert.deepEqual(wrong.missing, ['line 1: hardcoded-port/command-port (found hardcoded-port/port@8-12)']);
  assert.deepEqual(wrong.unexpected, ['line 1: hardcoded-port/port@8-12']);
});
