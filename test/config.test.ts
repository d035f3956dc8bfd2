import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempTree } from './support/tempTree';
import { RULES } from '../server/src/rules';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_CONFIG,
  findConfigFile,
  loadConfig,
  loadConfigFile,
  mergeConfig,
  parseConfig,
} from '../server/src/workspace/config';

function project(files: Record<string, string>): string {
  return tempTree('config', files);
}

test('finds the nearest .twelve-factor.json walking up, and none at the filesystem root', () => {
  const root = project({
    '.twelve-factor.json': '{}',
    'services/api/.twelve-factor.json': '{}',
    'services/api/src/app/x.py': '',
    'services/web/src/y.py': '',
  });
  assert.equal(findConfigFile(join(root, 'services/api/src/app')), join(root, 'services/api/.twelve-factor.json'));
  assert.equal(findConfigFile(join(root, 'services/web/src')), join(root, '.twelve-factor.json'));
  const bare = project({ 'a/b.py': '' });
  // Nothing in the temp tree; whatever is above tmpdir is not ours, so only check it is not in the tree.
  const found = findConfigFile(join(bare, 'a'));
  assert.ok(found === undefined || !found.startsWith(bare));
  assert.deepEqual(loadConfig(join(bare, 'a')).errors, []);
});

test('loads a config with comments and trailing commas over the defaults', () => {
  const root = project({
    '.twelve-factor.json': `// project settings
{
  /* quieter in this repo */
  "rules": { "global-state": "off", "hardcoded-port": "info", },
  "exclude": ["**/migrations/**"],
  "testFileSeverity": "info",
  "baseline": "ci/baseline.json",
}
`,
  });
  const { config, file, errors } = loadConfig(root);
  assert.deepEqual(errors, []);
  assert.equal(file, join(root, '.twelve-factor.json'));
  assert.deepEqual(config.rules, { 'global-state': 'off', 'hardcoded-port': 'info' });
  assert.deepEqual(config.exclude, ['**/migrations/**']);
  assert.deepEqual(config.testFiles, DEFAULT_CONFIG.testFiles, 'testFiles not set: the defaults');
  assert.equal(config.testFileSeverity, 'info');
  assert.equal(config.baseline, join(root, 'ci/baseline.json'), 'baseline is relative to the config file');
});

test('default test-file globs are the usual Python and JS conventions; severity unset', () => {
  for (const g of ['**/test_*.py', '**/*_test.py', '**/tests/**', '**/*.test.*', '**/*.spec.*', '**/__tests__/**']) {
    assert.ok(DEFAULT_CONFIG.testFiles.includes(g), g);
  }
  assert.equal(DEFAULT_CONFIG.testFileSeverity, undefined);
});

test('malformed JSON is an error with 1-based line and column', () => {
  const file = join(project({}), '.twelve-factor.json');
  writeFileSync(file, '{\n  "rules": {\n    "global-state": "off"\n    "hardcoded-port": "info"\n  }\n}\n');
  const { errors } = loadConfigFile(file);
  assert.equal(errors.length > 0, true);
  assert.deepEqual(
    { file: errors[0].file, line: errors[0].line, column: errors[0].column },
    { file, line: 4, column: 5 },
  );
  assert.match(errors[0].message, /invalid JSON: comma expected/);
});

test('unknown rule ids, bad levels, unknown keys and wrong types are errors at their position', () => {
  const text = [
    '{',
    '  "rules": { "hardcoded-secrets": "off", "pid-file": "loud", "file-logging": "warning" },',
    '  "exclude": "dist",',
    '  "testFiles": ["**/t/**", 3],',
    '  "testFileSeverity": "low",',
    '  "exlude": [],',
    '  "baseline": 1',
    '}',
  ].join('\n');
  const { config, errors } = parseConfig(text, 'cfg.json');
  const at = (line: number, needle: string) => {
    const col = text.split('\n')[line - 1].indexOf(needle) + 1;
    return { file: 'cfg.json', line, column: col };
  };
  assert.deepEqual(
    errors.map(({ message, ...where }) => ({ ...where, message })),
    [
      { ...at(2, '"hardcoded-secrets"'), message: 'unknown rule "hardcoded-secrets"' },
      { ...at(2, '"loud"'), message: 'level of "pid-file" must be one of "error", "warning", "info", "off"' },
      { ...at(3, '"dist"'), message: '"exclude" must be an array of glob strings' },
      { ...at(4, '3'), message: '"testFiles" entries must be non-empty glob strings' },
      { ...at(5, '"low"'), message: '"testFileSeverity" must be one of "error", "warning", "info", "off"' },
      {
        ...at(6, '"exlude"'),
        message:
          'unknown setting "exlude" (expected rules, exclude, testFiles, testFileSeverity, roleFiles, roles, baseline)',
      },
      { ...at(7, '1'), message: '"baseline" must be a non-empty string (a file path)' },
    ],
  );
  // The valid parts still apply.
  assert.deepEqual(config.rules, { 'file-logging': 'warning' });
  assert.deepEqual(config.testFiles, ['**/t/**']);
});

test('every registered rule id is accepted', () => {
  const ids = RULES.map((r) => r.meta.id);
  const text = JSON.stringify({ rules: Object.fromEntries(ids.map((id) => [id, 'info'])) });
  assert.deepEqual(parseConfig(text, 'c').errors, []);
});

test('a top level that is not an object, or an empty file, is an error', () => {
  assert.deepEqual(parseConfig('[1]', 'c').errors, [
    { file: 'c', line: 1, column: 1, message: 'expected an object at the top level' },
  ]);
  assert.equal(parseConfig('', 'c').errors.length, 1);
});

test('an unreadable config file is an error, not a crash', () => {
  const missing = join(project({}), 'nope.json');
  const { config, errors } = loadConfigFile(missing);
  assert.deepEqual(errors, [{ file: missing, line: 1, column: 1, message: 'config file not found' }]);
  assert.deepEqual(config, mergeConfig(DEFAULT_CONFIG, {}));
});

test('an empty testFiles list in the file means no test files', () => {
  const root = project({ '.twelve-factor.json': '{ "testFiles": [] }' });
  assert.deepEqual(loadConfig(root).config.testFiles, []);
});

test('mergeConfig: the override wins per rule, excludes add up, lists replace only when given', () => {
  const base = mergeConfig(DEFAULT_CONFIG, {
    rules: { 'global-state': 'off', 'hardcoded-port': 'info' },
    exclude: ['a/**'],
    testFiles: ['spec/**'],
    testFileSeverity: 'info',
    baseline: '/p/b.json',
  });
  const merged = mergeConfig(base, { rules: { 'hardcoded-port': 'error' }, exclude: ['b/**', 'a/**'] });
  assert.deepEqual(merged, {
    rules: { 'global-state': 'off', 'hardcoded-port': 'error' },
    exclude: ['a/**', 'b/**'],
    testFiles: ['spec/**'],
    testFileSeverity: 'info',
    roleFiles: {},
    roles: {},
    baseline: '/p/b.json',
  });
  const replaced = mergeConfig(base, { testFiles: ['t/**'], testFileSeverity: 'off', baseline: '/q.json' });
  assert.deepEqual([replaced.testFiles, replaced.testFileSeverity, replaced.baseline], [['t/**'], 'off', '/q.json']);
  // Inputs are not mutated.
  assert.deepEqual(base.rules, { 'global-state': 'off', 'hardcoded-port': 'info' });
  assert.deepEqual(DEFAULT_CONFIG.rules, {});
});

test('roleFiles and roles: globs per role and rule levels per role, merged per role and rule', () => {
  const text = JSON.stringify({
    roleFiles: { browser: ['frontend/**'], app: ['tests/smoke/**'] },
    roles: { test: { 'global-state': 'warning' }, vendored: { 'hardcoded-secret': 'off' } },
  });
  const { config, errors } = parseConfig(text, 'c');
  assert.deepEqual(errors, []);
  assert.deepEqual(config.roleFiles, { browser: ['frontend/**'], app: ['tests/smoke/**'] });
  assert.deepEqual(config.roles, { test: { 'global-state': 'warning' }, vendored: { 'hardcoded-secret': 'off' } });
  const merged = mergeConfig(mergeConfig(DEFAULT_CONFIG, config), {
    roles: { test: { 'hardcoded-port': 'info' } },
    roleFiles: { browser: ['web/**'] },
  });
  assert.deepEqual(merged.roles, {
    test: { 'global-state': 'warning', 'hardcoded-port': 'info' },
    vendored: { 'hardcoded-secret': 'off' },
  });
  assert.deepEqual(merged.roleFiles, { browser: ['web/**'], app: ['tests/smoke/**'] });
});

test('unknown roles, unknown rules in a role and bad globs are errors at their position', () => {
  const text = [
    '{',
    '  "roleFiles": { "frontend": ["web/**"], "test": [""] },',
    '  "roles": { "test": { "global-sate": "warning", "pid-file": "loud" }, "tests": {} }',
    '}',
  ].join('\n');
  const { config, errors } = parseConfig(text, 'c');
  const roles = 'app, test, browser, vendored, tooling, migration';
  assert.deepEqual(
    errors.map((e) => `${e.line}: ${e.message}`),
    [
      `2: unknown file role "frontend" in "roleFiles" (expected ${roles})`,
      '2: "roleFiles.test" entries must be non-empty glob strings',
      '3: unknown rule "global-sate"',
      '3: level of "pid-file" must be one of "error", "warning", "info", "off"',
      `3: unknown file role "tests" in "roles" (expected ${roles})`,
    ],
  );
  assert.deepEqual(config.roleFiles, { test: [] });
  assert.deepEqual(config.roles, { test: {} });
});
