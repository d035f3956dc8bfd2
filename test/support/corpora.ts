/**
 * The bench corpora for the tests that edit real files: Django's sources
 * (Debian's python3-django), the JS/TS sources of pinned npm packages, and
 * the ~5,000-line editing files made of them. Fetched on first use through
 * bench/fetch-corpora.mjs (apt and the npm registry, which CI reaches), once
 * per machine: a lock keeps test files that run at the same time from
 * fetching twice. A fetch that fails fails the test; nothing skips.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CORPORA = join(ROOT, 'bench', '.corpora');

export const CORPUS_PATHS = {
  django: join(CORPORA, 'django', 'django'),
  js: join(CORPORA, 'js'),
  bigPy: join(CORPORA, 'edit', 'big.py'),
  bigTs: join(CORPORA, 'edit', 'big.ts'),
};

/** The corpus paths, fetching what is missing first. */
export function benchCorpora(): typeof CORPUS_PATHS {
  if (Object.values(CORPUS_PATHS).every((p) => existsSync(p))) return CORPUS_PATHS;
  mkdirSync(CORPORA, { recursive: true });
  execFileSync('flock', [join(CORPORA, '.lock'), process.execPath, join(ROOT, 'bench', 'fetch-corpora.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 10 * 60_000,
  });
  for (const p of Object.values(CORPUS_PATHS))
    if (!existsSync(p)) throw new Error(`bench/fetch-corpora.mjs made no ${p}`);
  return CORPUS_PATHS;
}
