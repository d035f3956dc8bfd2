/**
 * Every regex and scanner that reads file content is linear: each case is a
 * 1 MB string built as the worst case of a pattern (a long run without the
 * terminator it waits for, or a credential prefix repeated so that every
 * occurrence could start a match) and must be judged in under 100 ms. The
 * quadratic versions took minutes on these (0.7 s already at 16 kB). Best of
 * up to seven runs, in CPU time: the first run of a regex is interpreted
 * before V8 compiles it, and on a loaded machine a run's CPU time still
 * swells (shared caches, a busy core beside it); neither is the pattern's
 * cost, and a quadratic pattern fails every run by orders of magnitude.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tryQuoteDotenvValue } from '../server/src/fixes/dotenv';
import { toWords } from '../server/src/fixes/envName';
import { isSecretName, nameWords } from '../server/src/rules/hardcoded-secret/names';
import { FORMATS, matchCredentialFormat } from '../server/src/rules/hardcoded-secret/patterns';
import { findUrlCredential } from '../server/src/rules/hardcoded-secret/urls';
import {
  hasNonSecretShape,
  isIdentifierLike,
  isPlaceholder,
  looksLikeSecretValue,
  shannonEntropy,
} from '../server/src/rules/hardcoded-secret/values';

const N = 1024 * 1024;
const LIMIT_MS = 100;
const RUNS = 7;
const run = (unit: string) => unit.repeat(Math.ceil(N / unit.length));

/**
 * The CPU time (ms) of the fastest of up to seven runs (it stops at the
 * first under the limit): what the code costs, not how a busy machine slowed
 * one run.
 */
function bestOf(fn: (s: string) => unknown, input: string): number {
  let best = Infinity;
  for (let i = 0; i < RUNS && best >= LIMIT_MS; i++) {
    const t0 = process.cpuUsage();
    fn(input);
    const { user, system } = process.cpuUsage(t0);
    best = Math.min(best, (user + system) / 1000);
  }
  return best;
}

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
  ['dotted numbers', hasNonSecretShape, run('1.')],
  ['dotted words', hasNonSecretShape, run('a.')],
  ['path segments then a sigil', hasNonSecretShape, run('/a') + '!'],
  ['colon-separated numbers', hasNonSecretShape, run('11:')],
  ['entropy of a long literal', shannonEntropy, run('aB3$')],
];

for (const [label, fn, input] of CASES) {
  test(`${label}: 1 MB in under ${LIMIT_MS} ms`, () => {
    const ms = bestOf(fn, input);
    assert.ok(ms < LIMIT_MS, `${Math.round(ms)} ms`);
  });
}

/**
 * For each known credential format, its prefix repeated with bodies of its
 * alphabet between (every occurrence a possible start, the run never ending
 * the way the pattern wants) and its prefix glued into one long token run.
 */
function formatShapes(needle: string): string[] {
  return [
    run('-' + needle + 'a1B2c3D4') + '!',
    run(needle + '0123456789abcdef') + '_',
    run('/' + needle) + '.',
    run(' ' + needle + '1234567-') + '_',
  ];
}

for (const format of FORMATS) {
  test(`credential format ${format.id}: 1 MB adversarial values in under ${LIMIT_MS} ms`, () => {
    for (const input of format.needles.slice(0, 2).flatMap(formatShapes)) {
      const ms = bestOf(matchCredentialFormat, input);
      assert.ok(ms < LIMIT_MS, `${JSON.stringify(input.slice(0, 24))}…: ${Math.round(ms)} ms`);
    }
  });
}
