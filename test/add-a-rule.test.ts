/**
 * CONTRIBUTING.md's "How to add a rule" has no hidden step: in a scratch copy
 * of the repository, the throw-away rule of test/data/add-a-rule/ is added
 * by following the checklist and nothing else; the meta and fixture tests
 * then pass and the CLI reports the rule. Leaving out any one step makes
 * the meta test fail, so each step is one the tests enforce.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = join(__dirname, '..');
const DATA = join(__dirname, 'data', 'add-a-rule');
const ID = 'block-forever';
const PAGE = `https://github.com/twelve-factor-lint/twelve-factor/blob/main/server/src/rules/${ID}/README.md`;

let scratch = '';
const at = (...parts: string[]) => join(scratch, ...parts);
const read = (...parts: string[]) => readFileSync(at(...parts), 'utf8');

/** Each checklist step: what it writes, as a contributor would. */
const STEPS: Record<string, () => void> = {
  'rule.ts': () => cpSync(join(DATA, 'rule.ts'), at('server/src/rules', ID, 'rule.ts')),
  'doc page': () => cpSync(join(DATA, 'README.md'), at('server/src/rules', ID, 'README.md')),
  fixtures: () => cpSync(join(DATA, 'fixtures'), at('server/src/rules', ID, 'fixtures'), { recursive: true }),
  'registry (server/src/rules/index.ts)': () => {
    const index = read('server/src/rules/index.ts')
      .replace("import type { Rule } from './rule';", `import { rule as blockForever } from './${ID}/rule';\n$&`)
      .replace('  globalState,\n];', '  globalState,\n  blockForever,\n];');
    writeFileSync(at('server/src/rules/index.ts'), index);
  },
  'package.json settings (rules, roles)': () => {
    const pkg = JSON.parse(read('package.json'));
    const properties = Object.assign({}, ...[pkg.contributes.configuration].flat().map((c) => c.properties));
    const rules = properties['twelveFactor.rules'].properties;
    rules[ID] = {
      ...rules['pid-file'],
      markdownDescription: `[\`${ID}\`](${PAGE}) (factor IX Disposability): a call that blocks the process forever. Default: \`warning\`.`,
    };
    for (const role of Object.values(properties['twelveFactor.roles'].properties) as {
      propertyNames: { enum: string[] };
    }[])
      role.propertyNames.enum.push(ID);
    writeFileSync(at('package.json'), JSON.stringify(pkg, null, 2) + '\n');
  },
  'README table row': () => {
    const row = `| [\`${ID}\`](server/src/rules/${ID}/README.md) | IX Disposability | warning | calls that never return |`;
    const readme = read('README.md').replace(/^(\| \[`runtime-install`\].*)$/m, `$1\n${row}`);
    writeFileSync(at('README.md'), readme);
  },
  'spec id (test/meta.test.ts)': () => {
    writeFileSync(
      at('test/meta.test.ts'),
      read('test/meta.test.ts').replace("  'runtime-install',\n];", `  'runtime-install',\n  '${ID}',\n];`),
    );
  },
};

/** Files the steps touch, as they are before any step. */
const TOUCHED = ['server/src/rules/index.ts', 'package.json', 'README.md', 'test/meta.test.ts'];
const pristine = new Map<string, string>();

function reset(): void {
  rmSync(at('server/src/rules', ID), { recursive: true, force: true });
  for (const [file, text] of pristine) writeFileSync(at(file), text);
}

/** A test run of its own in the scratch copy (not a child of this runner, which NODE_TEST_CONTEXT would make it). */
function runTests(...files: string[]) {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
    cwd: scratch,
    env,
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
}

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tf-add-a-rule-'));
  for (const entry of ['server', 'test', 'package.json', 'README.md', 'tsconfig.json', 'tsconfig.test.json'])
    cpSync(join(ROOT, entry), at(entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), at('node_modules'));
  for (const file of TOUCHED) pristine.set(file, read(file));
  // The steps must each change what they touch (a rewrite that no longer matches would pass silently).
  for (const step of Object.values(STEPS)) step();
  for (const file of TOUCHED) assert.notEqual(read(file), pristine.get(file), `a step did not change ${file}`);
  reset();
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('every step of the checklist: the meta and fixture tests pass and the CLI reports the new rule', () => {
  for (const step of Object.values(STEPS)) step();
  const run = runTests('test/meta.test.ts', 'test/rules.test.ts');
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^ℹ fail 0$/m);
  assert.match(run.stdout, new RegExp(`✔ ${ID}: true-positive and near-miss fixtures`));
  assert.match(run.stdout, new RegExp(`✔ ${ID}/app\\.py`));
  const cli = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/src/cli/main.ts',
      'check',
      `server/src/rules/${ID}/fixtures`,
      '--format',
      'json',
      '--fail-on',
      'never',
    ],
    { cwd: scratch, encoding: 'utf8' },
  );
  assert.equal(cli.status, 0, cli.stderr);
  const findings = JSON.parse(cli.stdout).findings.filter((f: { rule: string }) => f.rule === ID);
  assert.deepEqual(
    findings.map((f: { file: string; factor: string; severity: string }) => [f.file, f.factor, f.severity]).sort(),
    [
      [`server/src/rules/${ID}/fixtures/app.js`, 'IX', 'warning'],
      [`server/src/rules/${ID}/fixtures/app.py`, 'IX', 'warning'],
    ],
  );
  reset();
});

for (const left of Object.keys(STEPS).filter((s) => s !== 'rule.ts')) {
  test(`leaving out "${left}" fails the meta test`, () => {
    for (const [name, step] of Object.entries(STEPS)) if (name !== left) step();
    const run = runTests('test/meta.test.ts');
    reset();
    assert.notEqual(run.status, 0, `the meta test passed without "${left}"`);
    assert.match(run.stdout, /^ℹ fail [1-9]/m, run.stdout + run.stderr);
  });
}
