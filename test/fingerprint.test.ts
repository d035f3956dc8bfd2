// Fingerprints (what baselines record) survive line moves and change with the secret.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { analyzeText, initParsers } from '../server/src/engine/engine';

before(() => initParsers());

const SECRET = 'sk_live_51HqLyjWDarjtT1zdp7dcTYooMQauvdEDq54NiTphI7jx';
const OTHER = 'sk_live_51HqLyjWDarjtT1zdp7dcTYooMQauvdEDq54NiTphI7jy';

function prints(text: string, path = 'app/settings.py'): string[] {
  return analyzeText(text, path, 'python').findings.map((f) => f.fingerprint);
}

test('moving code around keeps every fingerprint', () => {
  const a = `import os\n\nSTRIPE_KEY = "${SECRET}"\nCACHE = {}\n\ndef f(k):\n    CACHE[k] = 1\n`;
  const b = `"""Settings."""\nimport os\n\n\n# moved\ndef f(k):\n    CACHE[k] = 1\n\n\nCACHE = {}\nSTRIPE_KEY = "${SECRET}"\n`;
  assert.equal(prints(a).length, 2);
  assert.deepEqual(new Set(prints(a)), new Set(prints(b)));
});

test('changing the secret, the file or the binding changes the fingerprint', () => {
  const base = prints(`STRIPE_KEY = "${SECRET}"\n`)[0];
  assert.notEqual(prints(`STRIPE_KEY = "${OTHER}"\n`)[0], base);
  assert.notEqual(prints(`STRIPE_KEY = "${SECRET}"\n`, 'app/other.py')[0], base);
  assert.notEqual(prints(`BILLING_KEY = "${SECRET}"\n`)[0], base);
});

test('two equal findings in one file get distinct fingerprints', () => {
  const p = prints(`A_KEY = "${SECRET}"\nA_KEY = "${SECRET}"\n`);
  assert.equal(p.length, 2);
  assert.notEqual(p[0], p[1]);
});

test('fingerprints never contain the secret', () => {
  for (const p of prints(`STRIPE_KEY = "${SECRET}"\n`)) assert.ok(!p.includes(SECRET.slice(8, 20)));
});

/**
 * The scheme this replaced: `#` + 8 hex digits of a plain SHA-256 of the
 * secret in the message and in the finding key. Anyone reading CI output
 * could hash candidate passwords until one matched.
 */
/** What scheme 1 printed for the finding below (computed by the code before the change). */
const OLD_SCHEME_EXAMPLE = 'b9fc998d432d238953399e87ab9864b5';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const oldValueHash = (value: string) => sha256(value).slice(0, 8);
const oldFingerprint = (path: string, binding: string, value: string) =>
  sha256(`hardcoded-secret\0${path}\0${binding}#${oldValueHash(value)}\0${0}`).slice(0, 32);

test('a short password: no output can be matched by hashing candidates with SHA-256, and no message shows a hash', () => {
  const password = 'hX7$q2k';
  const path = 'app/settings.py';
  const [f] = analyzeText(`DB_PASSWORD = "${password}"\n`, path, 'python').findings;
  assert.equal(f?.rule, 'hardcoded-secret');
  assert.doesNotMatch(f.message, /#[0-9a-f]{6,}/, f.message);
  assert.doesNotMatch(f.message, /\b[0-9a-f]{8,}\b/, f.message);
  const shown = JSON.stringify(f);
  // What an attacker would try: the old scheme's hashes of the right guess.
  assert.ok(!shown.includes(oldValueHash(password)), 'the plain value hash appears');
  assert.notEqual(f.fingerprint, oldFingerprint(path, 'DB_PASSWORD', password));
  assert.ok(!f.fingerprint.includes(sha256(password).slice(0, 8)));
  // The old scheme is reproduced faithfully: its fingerprint is what scheme 1 produced for this finding.
  assert.equal(oldFingerprint(path, 'DB_PASSWORD', password), OLD_SCHEME_EXAMPLE);
  assert.match(f.fingerprint, /^[0-9a-f]{40}$/);
});
