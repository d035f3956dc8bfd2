// Fingerprints (what baselines record) survive line moves and change with the secret.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, initParsers } from '../server/src/analysis/engine';

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
