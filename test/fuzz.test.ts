/**
 * A fixed-seed sample of mutation fuzzing over the engine (the long run is
 * `npm run fuzz`): no exception escapes, findings stay inside the file, each
 * file finishes in bounded time, and the parsers still give the known
 * findings on a canary file afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initParsers } from '../server/src/engine/engine';
import { canarySignature, caseArb, checkCase, corpusSeeds, fixtureSeeds, newStats } from './support/fuzz';

// Generous: the machine running the tests may be busy; a hang takes minutes.
const PER_FILE_MS = 15_000;

test('fuzz: mutated fixtures never throw, stay in range and finish in time', async () => {
  await initParsers();
  const before = canarySignature();
  assert.ok(before.includes('hardcoded-secret'), 'the canary has findings to compare');
  const seeds = [...fixtureSeeds(), ...corpusSeeds(20)];
  assert.ok(seeds.length >= 30, `fixtures found: ${seeds.length}`);
  const stats = newStats();
  fc.assert(
    fc.property(caseArb(seeds), (c) => checkCase(c, stats)),
    { seed: 20240611, numRuns: 120 },
  );
  assert.equal(stats.exceptions, 0, stats.failures.join('\n'));
  assert.equal(stats.outOfRange, 0, stats.failures.join('\n'));
  assert.ok(stats.slowest.ms < PER_FILE_MS, `slowest ${stats.slowest.path}: ${Math.round(stats.slowest.ms)} ms`);
  assert.equal(canarySignature(), before, 'bad input left the parsers in a state that changes later results');
});
