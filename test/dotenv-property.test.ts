/**
 * Property tests of the `.env` writer against the two real readers: npm
 * `dotenv.parse` (default and `{ fast: true }`) and python-dotenv's
 * `dotenv_values` (interpolate False and True, from a stream and with file
 * newline translation). Python runs once per batch (see support/dotenvOracles).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { appendEntry, parseDotenv, tryQuoteDotenvValue } from '../server/src/fixes/dotenv';
import { anyValue, dotenvFile, graphemeValue, nastyValue, unicodeValue } from './support/dotenvArbitraries';
import { assertPythonDotenv, npmDotenv, npmDotenvFast, pythonDotenv, type PyValues } from './support/dotenvOracles';

const SEED = 20240601;
const RUNS = { nasty: 4000, unicode: 3000, grapheme: 1500, files: 2000 };

function sample<T>(arb: fc.Arbitrary<T>, numRuns: number, offset: number): T[] {
  return fc.sample(arb, { seed: SEED + offset, numRuns });
}

/** python-dotenv adds a key `\ufeff` (value None) for a BOM before a comment line: not a variable. */
function pyVars(values: PyValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null) out[k] = v;
  return out;
}

/** Later lines with each kind of quote, as later appends may write: a value must not run into them. */
const LATER = 'AFTER=\'x\'\nLAST="y"\nTICK=t`\n';
function laterIntact(values: Record<string, string>): boolean {
  return values.AFTER === 'x' && values.LAST === 'y' && values.TICK === 't`';
}

function firstFailures<T>(items: T[], isBad: (t: T) => boolean): T[] {
  return items.filter(isBad).slice(0, 5);
}

before(() => assertPythonDotenv());

describe('quoteDotenvValue round-trips through both readers', () => {
  const sets: [string, string[]][] = [
    ['nasty', sample(nastyValue, RUNS.nasty, 1)],
    ['unicode', sample(unicodeValue, RUNS.unicode, 2)],
    ['grapheme', sample(graphemeValue, RUNS.grapheme, 3)],
  ];
  for (const [label, values] of sets) {
    test(`${label}: ${values.length} values`, () => {
      const accepted = values.flatMap((v) => {
        const q = tryQuoteDotenvValue(v);
        return q.ok ? [{ value: v, text: `# before\nNAME=${q.text}\n${LATER}` }] : [];
      });
      const py = pythonDotenv(accepted.map((a) => a.text));
      const bad = firstFailures(
        accepted.map((a, i) => ({ ...a, py: py[i], npm: npmDotenv(a.text), fast: npmDotenvFast(a.text) })),
        (c) =>
          c.npm.NAME !== c.value ||
          c.fast.NAME !== c.value ||
          c.py.raw.NAME !== c.value ||
          c.py.interpolated.NAME !== c.value ||
          c.py.fromFile.NAME !== c.value ||
          !laterIntact(c.npm) ||
          !laterIntact(c.fast) ||
          !laterIntact(pyVars(c.py.raw)) ||
          c.py.errorLines.length > 0,
      );
      assert.deepEqual(bad, [], `misread values (of ${accepted.length} accepted)`);
      // Our own reader agrees with the encodings it produces.
      for (const a of accepted) {
        const r = parseDotenv(a.text);
        assert.ok(r.ok, `${JSON.stringify(a.text)}: ${r.ok ? '' : r.reason}`);
        assert.equal(r.entries[0].value, a.value);
      }
      console.log(
        `# ${label}: ${values.length} values, ${accepted.length} accepted, ${values.length - accepted.length} refused`,
      );
      assert.ok(accepted.length > values.length / 2, 'most values must be accepted');
    });
  }

  test('the refused set is small for random unicode strings (< 1%)', () => {
    const values = sample(unicodeValue, 10000, 4);
    const refused = values.filter((v) => !tryQuoteDotenvValue(v).ok);
    console.log(`# unicode: ${refused.length} of ${values.length} refused`);
    assert.ok(refused.length < values.length / 100, `${refused.length} refused`);
  });

  // U+2028/U+2029 are kept out of bare values by choice (dotenv's fast scanner
  // and our reader treat them as line breaks), so they are not checked here.
  test('every refused value breaks each obvious encoding in at least one reader, or a shell would expand it', () => {
    const refused = sample(anyValue, 6000, 5).filter((v) => {
      const r = tryQuoteDotenvValue(v);
      return !r.ok && !/NUL|surrogate/.test(r.reason) && !/[\u2028\u2029]/.test(v);
    });
    assert.ok(refused.length > 50, `only ${refused.length} refused values to check`);
    const pyEscape = (v: string): string =>
      v.replace(
        /[\\"'\n\r\t]/g,
        (c) => ({ '\\': '\\\\', '"': '\\"', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!,
      );
    const encodings = (v: string): string[] => [
      v,
      `'${v}'`,
      `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
      `"${v.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`,
      `"${pyEscape(v)}"`,
      `\`${v}\``,
    ];
    // Later lines with quotes in them, as later appends would write.
    const cases = refused.flatMap((v) => encodings(v).map((rhs) => ({ value: v, text: `NAME=${rhs}\n${LATER}` })));
    const py = pythonDotenv(cases.map((c) => c.text));
    const readByAll = cases.filter(
      (c, i) =>
        shellInert(c.text.slice('NAME='.length, c.text.indexOf('\n' + LATER))) &&
        npmDotenv(c.text).NAME === c.value &&
        laterIntact(npmDotenv(c.text)) &&
        laterIntact(pyVars(py[i].raw)) &&
        py[i].raw.NAME === c.value &&
        py[i].interpolated.NAME === c.value &&
        py[i].fromFile.NAME === c.value,
    );
    assert.deepEqual(readByAll.slice(0, 5), [], 'a refused value had a working encoding');
    console.log(`# refusals justified: ${refused.length} values x ${encodings('').length} encodings`);
  });
});

describe('parseDotenv agrees with both readers on every file it accepts', () => {
  test(`${RUNS.files} random files`, () => {
    const files = sample(dotenvFile, RUNS.files, 6);
    const py = pythonDotenv(files);
    let accepted = 0;
    const bad = firstFailures(
      files.map((text, i) => ({ text, py: py[i] })),
      ({ text, py }) => {
        const r = parseDotenv(text);
        if (!r.ok) return false;
        accepted++;
        const mine: Record<string, string> = {};
        for (const e of r.entries) mine[e.name] = e.value;
        const plain = Object.fromEntries(
          Object.entries(mine).filter(([k]) => !r.entries.some((e) => e.name === k && e.interpolated)),
        );
        const pyInterp = pyVars(py.interpolated);
        return (
          !isDeepEqual(mine, npmDotenv(text)) ||
          !isDeepEqual(mine, pyVars(py.fromFile)) ||
          Object.entries(plain).some(([k, v]) => pyInterp[k] !== v) ||
          py.errorLines.length > 0
        );
      },
    );
    assert.deepEqual(bad, []);
    console.log(`# parseDotenv: ${files.length} files, ${accepted} accepted`);
    assert.ok(accepted > files.length / 4, `only ${accepted} files accepted`);
  });
});

describe('appendEntry', () => {
  test(`keeps the file as a prefix and both readers see old entries plus the new one`, () => {
    const cases = sample(fc.tuple(dotenvFile, anyValue), RUNS.files, 7).flatMap(([text, value]) => {
      const before = parseDotenv(text);
      if (!before.ok) return [];
      const out = appendEntry(text, 'NEW_ENTRY', value);
      if ('error' in out) {
        assert.equal(tryQuoteDotenvValue(value).ok, false, `unexpected error: ${out.error}`);
        return [];
      }
      return [{ text, value, out: out.text }];
    });
    assert.ok(cases.length > 300, `only ${cases.length} cases`);
    for (const c of cases) {
      const missingEol = c.text.length > 0 && !/[\r\n]$/.test(c.text);
      assert.ok(c.out.startsWith(c.text), 'original text is a prefix');
      const added = c.out.slice(c.text.length);
      if (missingEol) assert.match(added, /^(\r\n|\n|\r)NEW_ENTRY=/);
      else assert.match(added, /^NEW_ENTRY=/);
    }
    const py = pythonDotenv(cases.flatMap((c) => [c.text, c.out]));
    const bad = firstFailures(
      cases.map((c, i) => ({ ...c, pyBefore: py[2 * i], pyAfter: py[2 * i + 1] })),
      (c) => {
        const npmExpected = { ...npmDotenv(c.text), NEW_ENTRY: c.value };
        const pyExpected = { ...pyVars(c.pyBefore.fromFile), NEW_ENTRY: c.value };
        return (
          !isDeepEqual(npmDotenv(c.out), npmExpected) ||
          !isDeepEqual(pyVars(c.pyAfter.fromFile), pyExpected) ||
          c.pyAfter.interpolated.NEW_ENTRY !== c.value ||
          c.pyAfter.errorLines.length > 0
        );
      },
    );
    assert.deepEqual(bad, []);
    console.log(`# appendEntry: ${cases.length} appends checked`);
  });
});

/**
 * A right-hand side that `set -a; . ./.env` reads without running or
 * expanding anything: plain text, `'…'` without `'` inside, or `"…"` without
 * `$` or backtick.
 */
function shellInert(rhs: string): boolean {
  if (/^[A-Za-z0-9_./:@+-]*$/.test(rhs)) return true;
  if (/^'[^']*'$/.test(rhs)) return true;
  return /^"[^"]*"$/.test(rhs) && !/[$`]/.test(rhs);
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
