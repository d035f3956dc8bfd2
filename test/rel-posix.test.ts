// relPosix takes a shortcut for paths that literally continue the base; it
// must answer exactly what `path.relative` (with `/` separators) answers.
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { relPosix } from '../server/src/lib/globs';

const reference = (from: string, to: string): string => relative(from, to).split('\\').join('/') || '.';

const bases = ['/', '/a', '/a/b', '/a/b/', '/a/./b', '/a/../b', '//a', 'a/b', '', '.', '/a/b.', '/a/.b', '/a/b..c'];
const tails = [
  '',
  'c',
  'c/d',
  './c',
  'c/./d',
  'c/../d',
  '../c',
  'c//d',
  'c/',
  '.c',
  '..c',
  'c..',
  'c/.d/e',
  'c\\d',
  '.',
  '..',
];

test('relPosix equals path.relative with / separators for every base and tail', () => {
  const cwd = process.cwd();
  for (const from of bases) {
    for (const tail of tails) {
      for (const to of [`${from}/${tail}`, `${from}${tail}`, tail, `${cwd}/${tail}`]) {
        assert.equal(
          relPosix(from, to),
          reference(from, to),
          `relPosix(${JSON.stringify(from)}, ${JSON.stringify(to)})`,
        );
      }
    }
  }
});

test('relPosix of a file below an absolute root is its tail', () => {
  assert.equal(relPosix('/srv/app', '/srv/app/src/main.py'), 'src/main.py');
  assert.equal(relPosix('/srv/app', '/srv/app'), '.');
  assert.equal(relPosix('/srv/app', '/srv/application/x'), '../application/x');
  assert.equal(relPosix('/srv/app/', '/srv/app/x'), 'x');
});
