/**
 * Regexes on file content that were quadratic, rewritten (hand-written
 * scanners, bounded quantifiers, lookaheads instead of backtracking runs).
 * Each runs on a 256 kB string built as the worst case of the old pattern
 * (a long run without the terminator it waited for): the old code took
 * minutes on these (0.7 s already at 16 kB), the new one milliseconds. The
 * bound is loose because the machine running the tests is shared.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tryQuoteDotenvValue } from '../server/src/fixes/dotenv';
import { toWords } from '../server/src/fixes/envName';
import { isSecretName, nameWords } from '../server/src/rules/hardcoded-secret/names';
import { findUrlCredential } from '../server/src/rules/hardcoded-secret/urls';
import { isIdentifierLike, isPlaceholder, looksLikeSecretValue } from '../server/src/rules/hardcoded-secret/values';

const N = 256 * 1024;
const LIMIT_MS = 250;
const run = (unit: string) => unit.repeat(Math.ceil(N / unit.length));

const CASES: [string, (s: string) => unknown, string][] = [
  ['URL: scheme then colons', findUrlCredential, 'a://' + run(':')],
  ['URL: long authority', findUrlCredential, 'a://' + run('a.')],
  ['URL: scheme-like run', findUrlCredential, run('a.') + '://'],
  ['URL: query ampersands', findUrlCredential, 'a://?' + run('&')],
  ['URL: password run', findUrlCredential, 'postgres://u:' + run('-a') + '!'],
  ['trailing sigils', isIdentifierLike, 'a' + run(':') + 'a'],
  ['trailing sigils via looksLikeSecretValue', looksLikeSecretValue, 'eyJ' + run(':') + 'a'],
  ['your…key placeholder', isPlaceholder, run('your') + '!'],
  ['upper-case run in a name', nameWords, 'a' + run('A') + '!'],
  ['upper-case run in a secret name', isSecretName, 'a' + run('A') + '!'],
  ['upper-case run in a fix name', toWords, run('A') + '!'],
  ['python-dotenv ${ scan', tryQuoteDotenvValue, run('${')],
  ['python-dotenv ${a: scan', tryQuoteDotenvValue, run('${a:')],
];

for (const [label, fn, input] of CASES) {
  test(`${label}: ${input.length} characters in under ${LIMIT_MS} ms`, () => {
    let best = Infinity;
    // Best of two: one slow run on a shared machine is not the pattern's cost.
    for (let i = 0; i < 2 && best > LIMIT_MS; i++) {
      const t0 = performance.now();
      fn(input);
      best = Math.min(best, performance.now() - t0);
    }
    assert.ok(best < LIMIT_MS, `${Math.round(best)} ms`);
  });
}
