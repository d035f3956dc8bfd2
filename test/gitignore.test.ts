import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensureIgnoredEdit, isIgnored } from '../server/src/fixes/gitignore';

const IGNORED = [
  '.env',
  '.env*',
  '*.env',
  '/.env',
  '**/.env',
  '.env\n!.env\n.env',
  '# secrets\r\n.env\r\n',
  '\ufeff.env\n',
  '.e?v',
  '\\.env',
];
const NOT_IGNORED = [
  '',
  '.env\n!.env',
  '.env\r\n!.env\r\n',
  '.env/',
  '# .env',
  '.env.local',
  'node_modules/\ndist',
  'src/.env',
];

for (const text of IGNORED) {
  test(`${JSON.stringify(text)} ignores .env`, () => {
    assert.equal(isIgnored(text, '.env'), true);
    assert.equal(ensureIgnoredEdit(text, '.env'), undefined);
  });
}

for (const text of NOT_IGNORED) {
  test(`${JSON.stringify(text)} does not ignore .env, and the edit fixes that`, () => {
    assert.equal(isIgnored(text, '.env'), false);
    const edit = ensureIgnoredEdit(text, '.env');
    assert.ok(edit);
    assert.equal(edit.offset, text.length);
    const after = text + edit.newText;
    assert.ok(isIgnored(after, '.env'), JSON.stringify(after));
    // Nothing that was ignored before stops being ignored.
    for (const p of ['node_modules/x', 'dist', '.env.local', 'src/.env']) {
      if (isIgnored(text, p)) assert.ok(isIgnored(after, p), p);
    }
  });
}

test('keeps the line ending and adds the missing final newline', () => {
  assert.deepEqual(ensureIgnoredEdit('dist\r\nbuild\r\n', '.env'), { create: false, offset: 13, newText: '.env\r\n' });
  assert.deepEqual(ensureIgnoredEdit('dist\r\nbuild', '.env'), { create: false, offset: 11, newText: '\r\n.env\r\n' });
  assert.deepEqual(ensureIgnoredEdit('dist', '.env'), { create: false, offset: 4, newText: '\n.env\n' });
  // A lone CR ends no line for git: `a\rb\r` is the one pattern `a\rb`, and `.env` needs an LF before it.
  assert.deepEqual(ensureIgnoredEdit('a\rb\r', '.env'), { create: false, offset: 4, newText: '\n.env\n' });
  assert.deepEqual(ensureIgnoredEdit('', '.env'), { create: false, offset: 0, newText: '.env\n' });
  assert.deepEqual(ensureIgnoredEdit('\ufeff', '.env'), { create: false, offset: 1, newText: '.env\n' });
});

test('creates the file when there is none', () => {
  assert.deepEqual(ensureIgnoredEdit(undefined, '.env'), { create: true, offset: 0, newText: '.env\n' });
});

test('a `!.env` after `.env` re-includes it; the appended line wins again', () => {
  const text = '.env\n!.env\n';
  assert.equal(isIgnored(text, '.env'), false);
  assert.equal(ensureIgnoredEdit(text)?.newText, '.env\n');
});

test('paths with pattern characters are escaped', () => {
  const edit = ensureIgnoredEdit('', 'config/#secrets[1].env');
  assert.ok(edit);
  assert.equal(edit.newText, 'config/\\#secrets\\[1\\].env\n');
  assert.ok(isIgnored(edit.newText, 'config/#secrets[1].env'));
  assert.ok(!isIgnored(edit.newText, 'config/#secrets1.env'));
});
