import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMinified, pythonIndentLevels, shouldSkipPython, shouldSkipText } from '../server/src/frontends/skip';

const long = (n: number) => 'x'.repeat(n);

test('isMinified: more than half of the bytes on lines over 1,000 characters', () => {
  const short = 'a = 1\n'.repeat(1000); // 6,000 bytes of short lines
  assert.equal(isMinified(short, 'a.js'), false);
  assert.equal(isMinified(short + long(5000), 'a.js'), false, '5,000 of 11,000 bytes is under half');
  assert.equal(isMinified(short + long(7000), 'a.js'), true, 'a last line without a newline counts');
  assert.equal(isMinified(long(7000) + '\n' + short, 'a.js'), true, 'a first line counts');
  assert.equal(isMinified(short + (long(999) + '\n').repeat(20), 'a.js'), false, '999 is not over 1,000');
  assert.equal(isMinified(short + (long(1001) + '\n').repeat(20), 'a.js'), true);
  assert.equal(isMinified(long(3000), 'a.js'), false, 'under 4 KB is never minified by content');
  assert.equal(isMinified('', 'vendor/app.min.js'), true, 'the name says so');
});

test('shouldSkipText: size, NUL bytes, minified', () => {
  assert.match(shouldSkipText('a\0b', 'a.py') ?? '', /binary/);
  assert.match(shouldSkipText(long(9000), 'a.js') ?? '', /minified/);
  assert.equal(shouldSkipText('x = 1\n', 'a.py'), undefined);
});

test('pythonIndentLevels counts pushes as the tokenizer does', () => {
  assert.equal(pythonIndentLevels('a\n'), 0);
  assert.equal(pythonIndentLevels('if a:\n  if b:\n    c\n  d\n'), 2);
  assert.equal(pythonIndentLevels('if a:\n\tb\n'), 1);
  assert.equal(pythonIndentLevels('a\n    # comment only\n'), 0, 'comment lines do not count');
});

test('shouldSkipPython counts lines ended by a lone \\r (the parser reads them as lines)', () => {
  const deep = Array.from({ length: 150 }, (_, i) => ' '.repeat(i) + 'if a:').join('\r') + '\r';
  assert.match(shouldSkipPython(deep) ?? '', /levels of indentation/);
  assert.equal(shouldSkipPython('if a:\r    b\r'), undefined);
});
