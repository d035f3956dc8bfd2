/**
 * `.env` files are also read by shells: `set -a; . ./.env` is a common way to
 * load them. Values the fix writes must never run there, and a shell must
 * read the same value wherever the chosen quoting means the same to it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { tryQuoteDotenvValue } from '../server/src/fixes/dotenv';
import { nastyValue } from './support/dotenvArbitraries';

/** Each tries to create `pwned` in the working directory when a shell evaluates it. */
const ADVERSARIAL = [
  '$(touch pwned)',
  '`touch pwned`',
  'x;touch pwned',
  'x && touch pwned',
  'x || touch pwned',
  'x|touch pwned',
  'x&touch pwned',
  'x\ntouch pwned',
  'x\r\ntouch pwned',
  '"$(touch pwned)"',
  "'$(touch pwned)'",
  "it's $(touch pwned)",
  'it\'s "$(touch pwned)"',
  'a b; touch pwned #',
  '${x:-$(touch pwned)}',
  '$((0))$(touch pwned)',
  'x >pwned',
  'x<pwned',
  '(touch pwned)',
  '{ touch pwned; }',
  '\\$(touch pwned)',
  'a\\\n$(touch pwned)',
  'x\'y"$(touch pwned)',
  'p@ss;w0rd$(touch pwned)`touch pwned`',
];

/** One shell for all values: each file sourced in a subshell, its `NAME` printed NUL-terminated. */
function sourceAll(dir: string, rhs: string[]): string[] {
  rhs.forEach((r, i) => writeFileSync(join(dir, `${i}.env`), `# before\nNAME=${r}\nAFTER=1\n`));
  const script = `i=0; while [ $i -lt ${rhs.length} ]; do (set -a; . "./$i.env"; printf '%s\\0' "$NAME"); i=$((i+1)); done`;
  const r = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, rhs.length);
}

/** Quoting whose meaning a POSIX shell shares: bare plain text, `'…'`, or `"…"` without backslashes. */
function shellReadsSame(rhs: string): boolean {
  return /^[A-Za-z0-9_./:@+-]*$/.test(rhs) || rhs.startsWith("'") || (rhs.startsWith('"') && !rhs.includes('\\'));
}

test('sourcing a written .env in sh runs nothing, and reads the same value where the quoting allows', () => {
  const values = [...ADVERSARIAL, ...fc.sample(nastyValue, { seed: 20240602, numRuns: 1500 })].filter(
    (v) => !v.includes('\0'),
  );
  const accepted = values.flatMap((value) => {
    const q = tryQuoteDotenvValue(value);
    return q.ok ? [{ value, rhs: q.text }] : [];
  });
  const refused = values.length - accepted.length;
  console.log(`# ${values.length} values: ${accepted.length} written, ${refused} refused`);
  // nastyValue draws from quotes, `$`, backticks and backslashes: a quarter need both quote kinds and are refused.
  assert.ok(accepted.length > values.length * 0.6, `${refused} of ${values.length} refused`);
  const dir = mkdtempSync(join(tmpdir(), 'tf-dotenv-sh-'));
  const read = sourceAll(
    dir,
    accepted.map((a) => a.rhs),
  );
  assert.equal(existsSync(join(dir, 'pwned')), false, 'a value ran as a command when .env was sourced');
  const differ = accepted.filter((a, i) => shellReadsSame(a.rhs) && read[i] !== a.value).slice(0, 5);
  assert.deepEqual(differ, [], 'the shell read a different value');
  const compared = accepted.filter((a) => shellReadsSame(a.rhs)).length;
  assert.ok(compared > accepted.length * 0.75, `only ${compared} compared`);
  // The adversarial values that are written at all are written so the shell reads them as they are.
  for (const v of ADVERSARIAL) {
    const q = tryQuoteDotenvValue(v);
    if (q.ok && !v.includes('\n') && !v.includes('\r')) assert.ok(shellReadsSame(q.text), q.text);
  }
});
