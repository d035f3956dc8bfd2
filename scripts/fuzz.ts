/**
 * `npm run fuzz -- --iterations N [--seed S] [--corpus M]`: mutation fuzzing
 * of every rule fixture and, when installed, M files of Django's sources.
 * Prints iterations, files, the slowest file, findings out of range and
 * exceptions; exits 1 when any of the last two is not 0 or the parsers were
 * left corrupted (a canary file's findings changed).
 */
import fc from 'fast-check';
import { initParsers } from '../server/src/engine/engine';
import { canarySignature, caseArb, checkCase, corpusSeeds, fixtureSeeds, newStats } from '../test/support/fuzz';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`fuzz: --${name} needs a non-negative integer\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<number> {
  const iterations = flag('iterations', 2000);
  const seed = flag('seed', Date.now() % 2 ** 31);
  const corpus = flag('corpus', 300);
  await initParsers();
  const fixtures = fixtureSeeds();
  const django = corpusSeeds(corpus);
  const seeds = [...fixtures, ...django];
  const before = canarySignature();
  const stats = newStats();
  const started = performance.now();
  let shrunk = '';
  try {
    fc.assert(
      fc.property(caseArb(seeds), (c) => {
        const ok = checkCase(c, stats);
        if (stats.iterations % 500 === 0) process.stderr.write(`  ${stats.iterations} iterations...\n`);
        return ok;
      }),
      { seed, numRuns: iterations },
    );
  } catch (error) {
    shrunk = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
  }
  const corrupted = canarySignature() !== before;
  const seconds = (performance.now() - started) / 1000;
  const lines = [
    `seed:               ${seed}`,
    `iterations:         ${stats.iterations} (${(stats.iterations / seconds).toFixed(1)}/s, ${seconds.toFixed(1)} s)`,
    `files:              ${seeds.length} (${fixtures.length} fixtures, ${django.length} Django)`,
    `max time per file:  ${Math.round(stats.slowest.ms)} ms (${stats.slowest.path})`,
    `findings out of range: ${stats.outOfRange}`,
    `exceptions:         ${stats.exceptions}`,
    `parsers corrupted:  ${corrupted ? 'yes' : 'no'}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (shrunk) process.stdout.write(`\nfirst failure (shrunk):\n${shrunk}\n${stats.failures.slice(0, 5).join('\n')}\n`);
  return stats.exceptions || stats.outOfRange || corrupted || shrunk ? 1 : 0;
}

main().then((code) => (process.exitCode = code));
