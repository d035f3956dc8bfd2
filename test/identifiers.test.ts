/** One identifier splitter (lib/identifiers.ts) behind every consumer: the rules' name words, the env-name derivation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identifierWords, snakeUpper } from '../server/src/lib/identifiers';
import { toWords } from '../server/src/fixes/envName';
import { nameWords } from '../server/src/rules/hardcoded-secret/names';

const CASES: [string, string[]][] = [
  ['stripeApiKey', ['stripe', 'api', 'key']],
  ['APIKey', ['api', 'key']],
  ['api-key', ['api', 'key']],
  ['DB_HOST', ['db', 'host']],
  ['redis.redisUrl', ['redis', 'redis', 'url']],
  ['s3Bucket', ['s3', 'bucket']],
  ['__x__', ['x']],
  ['', []],
  ['---', []],
];

for (const [name, words] of CASES) {
  test(`${JSON.stringify(name)} → ${words.join(' ')}, the same words for every consumer`, () => {
    assert.deepEqual(identifierWords(name), words);
    const upper = words.join('_').toUpperCase();
    assert.equal(snakeUpper(name), upper);
    assert.equal(toWords(name), upper);
    assert.deepEqual(nameWords(name), words);
  });
}

test('the consumers add only their own steps: accents (env names), trailing numbers and compounds (secret names)', () => {
  assert.equal(toWords('café-token'), 'CAFE_TOKEN');
  assert.deepEqual(identifierWords('café'), ['caf']);
  assert.deepEqual(nameWords('key2'), ['key', '2']);
  assert.deepEqual(identifierWords('key2'), ['key2']);
  assert.deepEqual(nameWords('dbpassword'), ['db', 'password']);
});
