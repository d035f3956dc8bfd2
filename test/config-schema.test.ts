/**
 * The JSON schema of `.twelve-factor.json` (schemas/, contributed to VS Code
 * through `jsonValidation`) is generated from package.json's settings and
 * agrees with the loader: the same keys, and every sample the schema rejects
 * the loader reports, and every one it accepts the loader reads cleanly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { CONFIG_KEYS, SCHEMA_FILE, schemaText } from '../scripts/config-schema.mjs';
import { parseConfig } from '../server/src/workspace/config';

const ROOT = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('the committed schema is what scripts/config-schema.mjs makes of package.json', () => {
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), schemaText(pkg), 'run `node scripts/config-schema.mjs`');
});

test('the extension contributes the schema and reads .twelve-factor.json as JSON with comments', () => {
  assert.deepEqual(pkg.contributes.jsonValidation, [
    { fileMatch: '.twelve-factor.json', url: './schemas/twelve-factor.schema.json' },
  ]);
  assert.ok(
    pkg.contributes.languages.some(
      (l: { id: string; filenames?: string[] }) => l.id === 'jsonc' && l.filenames?.includes('.twelve-factor.json'),
    ),
  );
  assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/twelve-factor\.schema\.json$/m);
});

test('the schema has exactly the keys the loader reads', () => {
  assert.deepEqual(Object.keys(schema.properties), ['$schema', ...CONFIG_KEYS]);
  for (const key of CONFIG_KEYS) {
    const { errors } = parseConfig(`{ "${key}": 1 }`, 'x.json');
    assert.ok(!errors.some((e) => /unknown setting/.test(e.message)), `the loader does not know "${key}"`);
  }
});

const GOOD = [
  {},
  { $schema: './node_modules/twelve-factor/schemas/twelve-factor.schema.json' },
  { rules: { 'hardcoded-secret': 'error', 'global-state': 'off' } },
  { exclude: ['migrations/**'], testFiles: ['**/test_*.py'], testFileSeverity: 'warning' },
  { roleFiles: { browser: ['frontend/**'] }, roles: { test: { 'hardcoded-port': 'info' } } },
  { baseline: '.twelve-factor-baseline.json' },
];
const BAD = [
  { rule: {} },
  { rules: { 'hardcoded-secret': 'fatal' } },
  { rules: { 'no-such-rule': 'error' } },
  { exclude: 'migrations/**' },
  { testFileSeverity: 'loud' },
  { roleFiles: { frontend: ['web/**'] } },
  { roles: { test: { 'no-such-rule': 'off' } } },
  { baseline: '' },
];

test('configs the schema accepts, the loader reads without a problem', () => {
  for (const config of GOOD) {
    assert.ok(validate(config), `${JSON.stringify(config)}: ${JSON.stringify(validate.errors)}`);
    assert.deepEqual(parseConfig(JSON.stringify(config), 'x.json').errors, [], JSON.stringify(config));
  }
});

test('configs the schema rejects, the loader reports', () => {
  for (const config of BAD) {
    assert.ok(!validate(config), `the schema accepts ${JSON.stringify(config)}`);
    assert.ok(
      parseConfig(JSON.stringify(config), 'x.json').errors.length > 0,
      `the loader accepts ${JSON.stringify(config)}`,
    );
  }
});
