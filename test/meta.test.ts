/** Every rule is registered once, documented, and has fixtures for each language it claims. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/rules';
import { HELP } from '../server/src/cli/args';
import { FACTOR_TITLES } from '../server/src/factors/factorInfo';
import { FACTORS, FILE_ROLES } from '../server/src/ir/types';
import { inputKindOf, languageOf } from '../server/src/engine/engine';
import { RULES_DIR, ruleFixtures } from './fixtures';
import { parseMarkers } from './support/markers';

const marked = (kind: 'expect' | 'ok', text: string, rule: string) =>
  parseMarkers(text).filter((m) => m.kind === kind && m.rule === rule);

const SPEC_IDS = [
  'hardcoded-secret',
  'hardcoded-backing-service',
  'hardcoded-port',
  'env-specific-config',
  'file-logging',
  'pid-file',
  'global-state',
  'in-memory-session',
  'system-dependency',
  'runtime-install',
];

test('rule ids are unique, kebab-case and from the spec', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length, 'a rule is registered twice');
  for (const id of ids) assert.ok(SPEC_IDS.includes(id), `${id} is not a rule id of the spec`);
});

test('the twelveFactor.rules setting lists exactly the registered rules', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const configuration = [pkg.contributes.configuration].flat();
  const rules = configuration
    .map((c: { properties: Record<string, { properties?: object }> }) => c.properties['twelveFactor.rules'])
    .find(Boolean);
  assert.ok(rules?.properties, 'package.json has no twelveFactor.rules setting');
  assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.meta.id).sort());
});

test('the twelveFactor.roles and roleFiles settings list every file role, and roles every rule', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const properties = Object.assign({}, ...[pkg.contributes.configuration].flat().map((c) => c.properties));
  const roles = properties['twelveFactor.roles'];
  assert.deepEqual(Object.keys(roles.properties), [...FILE_ROLES]);
  for (const role of FILE_ROLES) {
    assert.deepEqual([...roles.properties[role].propertyNames.enum].sort(), RULES.map((r) => r.meta.id).sort(), role);
  }
  assert.deepEqual(Object.keys(properties['twelveFactor.roleFiles'].properties), [...FILE_ROLES]);
});

test('every rule folder is registered', () => {
  const folders = readdirSync(RULES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(RULES_DIR, d.name, 'rule.ts')))
    .map((d) => d.name);
  assert.deepEqual(folders.sort(), RULES.map((r) => r.meta.id).sort());
});

for (const rule of RULES) {
  const id = rule.meta.id;
  test(`${id}: metadata`, () => {
    assert.ok(FACTORS.includes(rule.meta.factor));
    assert.ok(['error', 'warning', 'info'].includes(rule.meta.defaultSeverity));
    assert.ok(rule.meta.languages.length > 0);
    assert.ok(rule.meta.title.length > 10);
  });

  test(`${id}: doc page with the four headings`, () => {
    const doc = readFileSync(join(RULES_DIR, id, 'README.md'), 'utf8');
    assert.match(doc, new RegExp(`^# ${id}\\s*$`, 'm'));
    for (const heading of ['## What it finds', '## Why', '## Example', '## Use instead']) {
      assert.ok(doc.includes(heading), `${id}/README.md lacks "${heading}"`);
    }
  });

  test(`${id}: the doc page names the roles of the metadata`, () => {
    const doc = readFileSync(join(RULES_DIR, id, 'README.md'), 'utf8');
    assert.ok(doc.includes('## Where it applies'), `${id}/README.md lacks "## Where it applies"`);
    const line = /^\*\*Roles:\*\* (.+)\.$/m.exec(doc);
    assert.ok(line, `${id}/README.md lacks a "**Roles:** app, …." line`);
    const documented = Object.fromEntries(
      line[1].split(', ').map((item) => {
        const m = /^([a-z]+)(?: \(live provider formats only\))?$/.exec(item);
        assert.ok(m && (FILE_ROLES as readonly string[]).includes(m[1]), `${id}: "${item}" is not a file role`);
        return [m[1], item.includes('(') ? 'live-format' : 'all'];
      }),
    );
    assert.deepEqual(documented, rule.meta.roles, `${id}/README.md roles differ from its metadata`);
  });

  test(`${id}: true-positive and near-miss fixtures for each language`, () => {
    const fixtures = ruleFixtures().filter((f) => f.ruleDir === id);
    for (const language of rule.meta.languages) {
      const mine = fixtures.filter((f) => languageOf(f.file) === language);
      assert.ok(mine.length > 0, `${id} has no ${language} fixture`);
      assert.ok(
        mine.some((f) => marked('expect', f.text, id).length),
        `${id} has no ${language} true positive`,
      );
      assert.ok(
        mine.some((f) => marked('ok', f.text, id).length),
        `${id} has no ${language} near miss (ok: marker)`,
      );
    }
  });

  test(`${id}: fixtures for each document kind it reads, and a doc page that names them`, () => {
    const kinds = rule.meta.documents ?? [];
    const doc = readFileSync(join(RULES_DIR, id, 'README.md'), 'utf8');
    const line = /^\*\*Documents:\*\* (.+)\.$/m.exec(doc);
    assert.deepEqual(
      line ? line[1].split(', ').sort() : [],
      [...kinds].sort(),
      `${id}/README.md: its "**Documents:** …." line must list meta.documents`,
    );
    const fixtures = ruleFixtures().filter((f) => f.ruleDir === id);
    for (const kind of kinds) {
      const mine = fixtures.filter((f) => inputKindOf(f.file) === kind);
      assert.ok(
        mine.some((f) => marked('expect', f.text, id).length),
        `${id} has no ${kind} true positive`,
      );
      assert.ok(
        mine.some((f) => marked('ok', f.text, id).length),
        `${id} has no ${kind} near miss (ok: marker)`,
      );
    }
  });
}

/** `VII Port binding`, `III Config / X Dev/prod parity`: the factors as the docs name them. */
function factorsCell(rule: (typeof RULES)[number]): string {
  return [rule.meta.factor, ...(rule.meta.alsoFactors ?? [])].map((f) => `${f} ${FACTOR_TITLES[f]}`).join(' / ');
}

test('the README table has one row per rule, its factor and default severity from the metadata', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => /^\| \[`[a-z-]+`\]\(server\/src\/rules\//.test(l));
  assert.deepEqual(
    rows.map((r) => /^\| \[`([a-z-]+)`\]/.exec(r)?.[1]).sort(),
    RULES.map((r) => r.meta.id).sort(),
    'README rows: one per registered rule',
  );
  for (const rule of RULES) {
    const id = rule.meta.id;
    const row = rows.find((r) => r.startsWith(`| [\`${id}\`](server/src/rules/${id}/README.md) |`));
    assert.ok(row, `README.md: the row of ${id} must link server/src/rules/${id}/README.md`);
    const cells = row.split(' | ');
    assert.equal(cells[1], factorsCell(rule), `README.md: ${id}'s factor`);
    assert.equal(cells[2], rule.meta.defaultSeverity, `README.md: ${id}'s default severity`);
  }
});

test('each twelveFactor.rules markdownDescription links the rule page and names its factor and default', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const properties = Object.assign({}, ...[pkg.contributes.configuration].flat().map((c) => c.properties));
  for (const rule of RULES) {
    const id = rule.meta.id;
    const text: string = properties['twelveFactor.rules'].properties[id].markdownDescription;
    const page = `https://github.com/twelve-factor-lint/twelve-factor/blob/main/server/src/rules/${id}/README.md`;
    assert.ok(text.startsWith(`[\`${id}\`](${page}) (factor ${factorsCell(rule)}): `), `${id}: ${text}`);
    assert.ok(text.endsWith(` Default: \`${rule.meta.defaultSeverity}\`.`), `${id}: ${text}`);
  }
});

test('the settings name only CLI options that exist, and the baseline setting names the option that writes one', () => {
  const pkg = readFileSync(join(__dirname, '..', 'package.json'), 'utf8');
  const named = [...pkg.matchAll(/`twelve-factor [a-z]+[^`]*`/g)].flatMap((m) => m[0].match(/--[a-z-]+/g) ?? []);
  assert.ok(named.length > 0);
  for (const option of named)
    assert.ok(HELP.includes(option), `package.json names ${option}, which the CLI does not have`);
  const properties = Object.assign(
    {},
    ...[JSON.parse(pkg).contributes.configuration].flat().map((c: { properties: object }) => c.properties),
  );
  assert.match(
    properties['twelveFactor.baseline'].markdownDescription,
    /written by `twelve-factor check --write-baseline/,
  );
});
