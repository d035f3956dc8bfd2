// Suppression comments and other tools' pragmas, in both comment syntaxes.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import type { Language } from '../server/src/ir/types';
import { extractFacts } from '../server/src/frontends';
import { ignoreInFile } from '../server/src/fixes/ignore';
import { applyChanges } from '../server/src/fixes/patch';

before(() => initParsers());

const PY_SECRET = 'STRIPE_KEY = "sk_live_51HqLyjWDarjtT1zdp7dcTYooMQauvdEDq54NiTphI7jx"';
const JS_SECRET = "const stripeKey = 'sk_live_51HqLyjWDarjtT1zdp7dcTYooMQauvdEDq54NiTphI7jx';";
const PY_WRITE = 'CACHE = {}\n\ndef f(k):\n    CACHE[k] = 1';

function rules(text: string, language: Language = 'python'): string[] {
  const path = language === 'python' ? 'a.py' : 'a.ts';
  return analyzeText(text, path, language).findings.map((f) => `${f.range.start.line + 1}:${f.rule}`);
}

test('without a comment the findings are there', () => {
  assert.deepEqual(rules(PY_SECRET), ['1:hardcoded-secret']);
  assert.deepEqual(rules(JS_SECRET, 'typescript'), ['1:hardcoded-secret']);
  assert.deepEqual(rules(PY_WRITE), ['4:global-state']);
});

test('ignore[rule] at the end of the line, in # and // comments', () => {
  assert.deepEqual(rules(`${PY_SECRET}  # twelve-factor: ignore[hardcoded-secret]`), []);
  assert.deepEqual(rules(`${JS_SECRET} // twelve-factor: ignore[hardcoded-secret]`, 'typescript'), []);
  assert.deepEqual(rules(`${JS_SECRET} /* twelve-factor: ignore */`, 'typescript'), []);
});

test('a list names the rules it silences; without a list every rule is silenced', () => {
  assert.deepEqual(rules(`${PY_SECRET}  # twelve-factor: ignore[global-state]`), ['1:hardcoded-secret']);
  assert.deepEqual(rules(`${PY_SECRET}  # twelve-factor: ignore[global-state, hardcoded-secret]`), []);
  assert.deepEqual(rules(`${PY_SECRET}  # twelve-factor: ignore`), []);
});

test('ignore-next-line on the line above, and only there', () => {
  assert.deepEqual(rules(`# twelve-factor: ignore-next-line[hardcoded-secret]\n${PY_SECRET}`), []);
  assert.deepEqual(rules(`// twelve-factor: ignore-next-line\n${JS_SECRET}`, 'typescript'), []);
  assert.deepEqual(rules(`# twelve-factor: ignore-next-line\n\n${PY_SECRET}`), ['3:hardcoded-secret']);
});

test('ignore-file in the first comment block, not further down', () => {
  assert.deepEqual(rules(`#!/usr/bin/env python\n# twelve-factor: ignore-file[global-state]\n${PY_WRITE}`), []);
  assert.deepEqual(rules(`// Billing service.\n// twelve-factor: ignore-file\n${JS_SECRET}`, 'typescript'), []);
  assert.deepEqual(rules(`import os\n# twelve-factor: ignore-file\n${PY_SECRET}`), ['3:hardcoded-secret']);
});

test("other tools' pragmas silence secrets only", () => {
  for (const pragma of [
    '# pragma: allowlist secret',
    '# gitleaks:allow',
    '# nosec',
    '# nosec B105',
    '# noqa: S105',
    '# noqa: E501, S106',
  ]) {
    assert.deepEqual(rules(`${PY_SECRET}  ${pragma}`), [], pragma);
  }
  assert.deepEqual(rules(`${JS_SECRET} // gitleaks:allow`, 'typescript'), []);
  assert.deepEqual(rules(`${PY_SECRET}  # noqa: E501`), ['1:hardcoded-secret'], 'other noqa codes');
  assert.deepEqual(rules(`${PY_SECRET}  # nosec B602`), ['1:hardcoded-secret'], 'other bandit codes');
  assert.deepEqual(rules(`CACHE = {}\n\ndef f(k):\n    CACHE[k] = 1  # nosec`), ['4:global-state']);
});

test('a directive inside a string is not a comment', () => {
  assert.deepEqual(rules(`${PY_SECRET}\nNOTE = "twelve-factor: ignore-file"`), ['1:hardcoded-secret']);
});

test('the ignore-file fix and the engine agree on the first comment block (engine/suppress.ts firstCodeLine)', () => {
  const headers = [
    '#!/usr/bin/env python\n# twelve-factor: ignore-file[global-state]\n',
    '\n\n# twelve-factor: ignore-file[global-state]\n\n',
    '"""Doc."""\n# twelve-factor: ignore-file[global-state]\n',
    'import os\n# twelve-factor: ignore-file[global-state]\n',
  ];
  for (const header of headers) {
    const text = `${header}${PY_SECRET}\n`;
    const honoured = !rules(`${header}${PY_WRITE}\n`).some((r) => r.endsWith('global-state'));
    const plan = ignoreInFile('a.py', text, 'python', extractFacts('python', text, 'a.py'), 'hardcoded-secret');
    const fixed = applyChanges(text, plan.patches[0].changes);
    // The fix extends the existing comment exactly when the engine reads it as the file's header.
    assert.equal(fixed.includes('ignore-file[global-state, hardcoded-secret]'), honoured, JSON.stringify(header));
    assert.deepEqual(rules(fixed), [], fixed);
  }
});

test('ignore-file after a shebang that ends the file without a line break starts a line of its own', () => {
  const text = '#!/usr/bin/env node';
  const plan = ignoreInFile('run.js', text, 'javascript', extractFacts('javascript', text, 'run.js'), 'pid-file');
  assert.equal(
    applyChanges(text, plan.patches[0].changes),
    '#!/usr/bin/env node\n// twelve-factor: ignore-file[pid-file]\n',
  );
});
