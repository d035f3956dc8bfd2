import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  appendEdit,
  appendEntry,
  findEntryByValue,
  parseDotenv,
  quoteDotenvValue,
  tryQuoteDotenvValue,
  uniqueName,
} from '../server/src/fixes/dotenv';
import { readDotenvLenient } from '../server/src/lib/dotenvParse';
import { assertPythonDotenv, npmDotenv, pythonDotenv, type PyValues } from './support/dotenvOracles';

before(() => assertPythonDotenv());

function pyVars(values: PyValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== null));
}

const ACCEPTED: [string, Record<string, string>][] = [
  ['', {}],
  ['A=1', { A: '1' }],
  ['# c\n\nA=1\nB = two words  # note\n', { A: '1', B: 'two words' }],
  ['export A=1\r\nexport\tB="x"\r\n', { A: '1', B: 'x' }],
  ['A=1\rB=2\r', { A: '1', B: '2' }],
  ['\ufeff# bom then comment\nA=1\n', { A: '1' }],
  ["A='it''\n".slice(0, 0) + "A='#not a comment' # comment\n", { A: '#not a comment' }],
  ['A="line1\\nline2"\nB=after\n', { A: 'line1\nline2', B: 'after' }],
  ['A="multi\r\nline"\r\nB=after\r\n', { A: 'multi\nline', B: 'after' }],
  ['A=\'multi\nline with "quotes"\'\nB=x\n', { A: 'multi\nline with "quotes"', B: 'x' }],
  ['A=$HOME/x\n', { A: '$HOME/x' }],
  ['A=\nB=\n', { A: '', B: '' }],
  ['A=1\nA=2\n', { A: '2' }],
  ['a.b-c=1\n', { 'a.b-c': '1' }],
  ['A=x\\y\n', { A: 'x\\y' }],
  ['A="tab\there"\n', { A: 'tab\there' }],
];

const REFUSED: [string, number, RegExp][] = [
  ['A=1\njunk\n', 2, /not blank, a # comment, or NAME=value/],
  ['A=1\n\nB\n', 3, /not blank/],
  ['A=a#b\n', 1, /cuts it there, python-dotenv keeps it/],
  ['A=#x\n', 1, /right after =/],
  ['A=`x`\n', 1, /backtick/],
  ['A="x\\"y"\n', 1, /backslash right before the closing/],
  ['A="x\\ty"\n', 1, /npm dotenv only decodes/],
  ["A='x\\\\y'\n", 1, /inside single quotes/],
  ["A='x\\'\nB='y'\n", 1, /backslash right before the closing/],
  ['A=1\nB="open\n\n', 2, /never closed/],
  ["A='x' y\n", 1, /text after the closing/],
  ['\ufeffA=1\n', 1, /byte-order mark/],
  ['A=x\u2028B=y\n', 1, /U\+2028/],
  ['# note\u2028B=y\n', 1, /U\+2028/],
  ["'A'=1\n", 1, /not blank/],
  ['A: 1\n', 1, /not blank/],
  ['A=x\u001c\n', 1, /whitespace at the end/],
];

/** dotenv (npm) default and python-dotenv agree here, but the fast scanner and line-based tools may not. */
const STRICTER_BY_CHOICE = new Set(['A=x\u2028B=y\n']);

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

describe('parseDotenv', () => {
  const py = pythonDotenv([...ACCEPTED.map(([t]) => t), ...REFUSED.map(([t]) => t)]);
  ACCEPTED.forEach(([text, expected], i) => {
    test(`accepts ${JSON.stringify(text)} as both readers do`, () => {
      const r = parseDotenv(text);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      const mine: Record<string, string> = {};
      for (const e of r.entries) mine[e.name] = e.value;
      assert.deepEqual(mine, expected);
      assert.deepEqual(npmDotenv(text), expected);
      assert.deepEqual(pyVars(py[i].fromFile), expected);
    });
  });
  REFUSED.forEach(([text, line, reason], i) => {
    test(`refuses ${JSON.stringify(text)} at line ${line}`, () => {
      const r = parseDotenv(text);
      assert.equal(r.ok, false);
      assert.ok(!r.ok);
      assert.equal(r.line, line);
      assert.match(r.reason, reason);
      // The refusal is not guesswork: the two readers really read this file differently
      // (python-dotenv's None for a name without = counts), except where we are stricter by choice.
      if (!STRICTER_BY_CHOICE.has(text)) {
        const p = py[ACCEPTED.length + i];
        assert.ok(!isDeepEqual(npmDotenv(text), p.fromFile) || p.errorLines.length > 0, 'the readers agree');
      }
    });
  });

  test('entry lines are 1-based and count CRLF, CR and multi-line values once', () => {
    const r = parseDotenv('# c\r\nA="x\r\ny"\r\n\rB=1\nC=2');
    assert.ok(r.ok);
    assert.deepEqual(
      r.entries.map((e) => [e.name, e.line]),
      [
        ['A', 2],
        ['B', 5],
        ['C', 6],
      ],
    );
  });

  test('flags values python-dotenv would interpolate', () => {
    const r = parseDotenv('A=${HOME}\nB=$HOME\n');
    assert.ok(r.ok);
    assert.equal(r.entries[0].interpolated, true);
    assert.equal(r.entries[1].interpolated, undefined);
  });
});

describe('quoteDotenvValue', () => {
  const table: [string, string | undefined][] = [
    ['', ''],
    ['sk_live_abc123', 'sk_live_abc123'],
    ['postgres://u:p@db:5432/app', 'postgres://u:p@db:5432/app'],
    ['postgres://u:p@db:5432/app?ssl=true', "'postgres://u:p@db:5432/app?ssl=true'"],
    ['a;touch pwned', "'a;touch pwned'"],
    ['$(touch pwned)', "'$(touch pwned)'"],
    ['`touch pwned`', "'`touch pwned`'"],
    ['a|b&c', "'a|b&c'"],
    ["it's $(touch pwned)", undefined],
    ["it's `touch pwned`", undefined],
    ["it's $HOME", undefined],
    ['django-insecure-3#k$^x', "'django-insecure-3#k$^x'"],
    ['two words', "'two words'"],
    [' padded ', "' padded '"],
    ["it's", '"it\'s"'],
    ['say "hi"', '\'say "hi"\''],
    ['line1\nline2', '"line1\\nline2"'],
    ['cr\r\nlf', '"cr\\r\\nlf"'],
    ['literal \\n stays', "'literal \\n stays'"],
    ['$HOME and $', "'$HOME and $'"],
    ['tab\there', "'tab\there'"],
    ['"quoted"\nnewline', '\'"quoted"\nnewline\''],
    ['it\'s "both"', undefined],
    ['😀é\u0301', "'😀é\u0301'"],
    ['${HOME}', undefined],
    ['a\0b', undefined],
    ['\ud800', undefined],
    ['it\'s\r"both"', undefined],
    ['#it\'s "both"', undefined],
    ['\'lead "both"', undefined],
  ];
  for (const [value, expected] of table) {
    test(`${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(quoteDotenvValue(value), expected);
      const r = tryQuoteDotenvValue(value);
      assert.equal(r.ok, expected !== undefined);
      if (!r.ok) assert.ok(r.reason.length > 20);
    });
  }
});

describe('appendEntry / appendEdit', () => {
  test('keeps CRLF, comments and order, and adds the line in CRLF', () => {
    const text = '# keys\r\nB=2\r\n\r\nA=1\r\n';
    assert.deepEqual(appendEntry(text, 'NEW', 'v w'), { text: `${text}NEW='v w'\r\n` });
  });
  test('adds the missing final line ending first', () => {
    assert.deepEqual(appendEntry('A=1', 'B', '2'), { text: 'A=1\nB=2\n' });
    assert.deepEqual(appendEntry('A=1\r\nB=2', 'C', '3'), { text: 'A=1\r\nB=2\r\nC=3\r\n' });
    assert.deepEqual(appendEntry('A=1\rB=2', 'C', '3'), { text: 'A=1\rB=2\rC=3\r' });
  });
  test('empty file, BOM-only file, BOM file', () => {
    assert.deepEqual(appendEntry('', 'A', '1'), { text: 'A=1\n' });
    // The new name must not follow the BOM on line 1: python-dotenv would read it as part of the name.
    assert.deepEqual(appendEntry('\ufeff', 'A', '1'), { text: '\ufeff\nA=1\n' });
    assert.deepEqual(appendEntry('\ufeff# c\r\n', 'A', '1'), { text: '\ufeff# c\r\nA=1\r\n' });
  });
  test('the edit is an insertion at the end, positioned as an LSP client counts', () => {
    assert.deepEqual(appendEdit('A=1\r\nB=2', 'C', '3'), {
      offset: 8,
      position: { line: 1, character: 3 },
      newText: '\r\nC=3\r\n',
    });
    assert.deepEqual(appendEdit('\ufeff# é😀', 'C', '3'), {
      offset: 6,
      position: { line: 0, character: 5 },
      newText: '\nC=3\n',
    });
    assert.deepEqual(appendEdit('A=1\n', 'C', '3'), {
      offset: 4,
      position: { line: 1, character: 0 },
      newText: 'C=3\n',
    });
  });
  test('errors: unreadable file, existing name, bad name, unquotable value', () => {
    assert.match(errorOf(appendEntry('junk\n', 'A', '1')), /line 1/);
    assert.match(errorOf(appendEntry('A=1\n', 'A', '2')), /already defined on line 1/);
    assert.match(errorOf(appendEntry('', '1A', '2')), /not a valid/);
    assert.match(errorOf(appendEntry('', 'A-B', '2')), /not a valid/);
    assert.match(errorOf(appendEntry('', 'A', '${X}')), /expand/);
  });
  test('the result parses to the old entries plus the new one in both readers', () => {
    const texts = ['# c\r\nA="x\\ny"\r\nB=2', "\ufeff# c\nA='multi\nline'\n"];
    const outs = texts.map((t) => {
      const r = appendEntry(t, 'NEW', "it's\nboth");
      assert.ok('text' in r);
      return r.text;
    });
    const py = pythonDotenv([...texts, ...outs]);
    outs.forEach((out, i) => {
      assert.deepEqual(npmDotenv(out), { ...npmDotenv(texts[i]), NEW: "it's\nboth" });
      assert.deepEqual(pyVars(py[texts.length + i].fromFile), { ...pyVars(py[i].fromFile), NEW: "it's\nboth" });
    });
  });
});

function errorOf(r: { text: string } | { error: string }): string {
  assert.ok('error' in r, 'expected an error');
  return r.error;
}

describe('findEntryByValue / uniqueName', () => {
  const parsed = parseDotenv('A=x\nKEY=one\nKEY_2=two\nOLD=v\nOLD=w\nI=${HOME}\nKEY_4=same\n');
  assert.ok(parsed.ok);
  const entries = parsed.entries;
  test('finds the effective entry with an equal value', () => {
    assert.equal(findEntryByValue(entries, 'x')?.name, 'A');
    assert.equal(findEntryByValue(entries, 'w')?.name, 'OLD');
    assert.equal(findEntryByValue(entries, 'v'), undefined, 'overridden by a later OLD=w');
    assert.equal(findEntryByValue(entries, '${HOME}'), undefined, 'python-dotenv would expand it');
    assert.equal(findEntryByValue(entries, 'nope'), undefined);
  });
  test('reuses an equal value, never collides with a different one', () => {
    assert.deepEqual(uniqueName(entries, 'KEY', 'one'), { name: 'KEY', reuse: true });
    assert.deepEqual(uniqueName(entries, 'KEY', 'two'), { name: 'KEY_2', reuse: true });
    assert.deepEqual(uniqueName(entries, 'KEY', 'same'), { name: 'KEY_4', reuse: true });
    assert.deepEqual(uniqueName(entries, 'KEY', 'other'), { name: 'KEY_3', reuse: false });
    assert.deepEqual(uniqueName(entries, 'NEW', 'x'), { name: 'NEW', reuse: false });
    assert.deepEqual(uniqueName(entries, 'I', '${HOME}'), { name: 'I_2', reuse: false });
  });
});

describe('readDotenvLenient: the one reader, for .env.example names and values the compliance checks read', () => {
  const text = [
    '# comment',
    'export DATABASE_URL=postgres://db:5432/app # dev',
    'SECRET_KEY=#change-me',
    'TOKEN=`backticks`',
    "QUOTED='unclosed",
    'REDIS_URL="redis://cache:6379"',
    'not an entry',
    'DATABASE_URL=dup',
    '',
  ].join('\n');

  test('declares every name, once, in order, also where the readers disagree on the value', () => {
    assert.deepEqual(readDotenvLenient(text).names, ['DATABASE_URL', 'SECRET_KEY', 'TOKEN', 'QUOTED', 'REDIS_URL']);
  });

  test('reads the values both readers agree on and skips only the lines they would not', () => {
    const reading = readDotenvLenient(text);
    assert.deepEqual(
      reading.entries.map((e) => [e.name, e.value, e.line]),
      [
        ['DATABASE_URL', 'postgres://db:5432/app', 2],
        ['REDIS_URL', 'redis://cache:6379', 6],
        ['DATABASE_URL', 'dup', 8],
      ],
    );
    // The strict reading refuses the same file at the first disagreement.
    const strict = parseDotenv(text);
    assert.equal(strict.ok, false);
    assert.equal(!strict.ok && strict.line, 3);
  });
});
