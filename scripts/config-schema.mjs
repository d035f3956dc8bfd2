#!/usr/bin/env node
// The JSON schema of `.twelve-factor.json`, generated from the one source of
// the settings: package.json's `twelveFactor.*` settings (the ones a config
// file may also set). `node scripts/config-schema.mjs` writes
// schemas/twelve-factor.schema.json; test/config-schema.test.ts checks that
// the committed file is what this makes, and that it agrees with the loader
// (server/src/workspace/config.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(new URL('.', import.meta.url).pathname, '..');
export const SCHEMA_FILE = join(ROOT, 'schemas', 'twelve-factor.schema.json');

/** The settings a `.twelve-factor.json` holds, in the loader's order. */
export const CONFIG_KEYS = ['rules', 'exclude', 'testFiles', 'testFileSeverity', 'roleFiles', 'roles', 'baseline'];

/** What a file holds where a setting allows `null` ("unset"): a file leaves the key out instead. */
function fileValue(setting) {
  const out = { ...setting };
  // VS Code's own fields: the editor's scope, its default (a file leaves a key out), the enum's labels.
  for (const key of ['scope', 'default', 'enumDescriptions']) delete out[key];
  if (Array.isArray(out.type)) out.type = out.type.filter((t) => t !== 'null');
  if (Array.isArray(out.type) && out.type.length === 1) out.type = out.type[0];
  if (out.enum) out.enum = out.enum.filter((v) => v !== null);
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([k, v]) => [k, typeof v === 'object' ? fileValue(v) : v]),
    );
  }
  return out;
}

export function configSchema(pkg) {
  const settings = Object.assign({}, ...[pkg.contributes.configuration].flat().map((c) => c.properties));
  const properties = { $schema: { type: 'string' } };
  for (const key of CONFIG_KEYS) {
    const setting = settings[`twelveFactor.${key}`];
    if (!setting) throw new Error(`package.json has no twelveFactor.${key} setting`);
    properties[key] = fileValue(setting);
  }
  // A config file names its baseline relative to itself, never unset.
  properties.baseline = { ...properties.baseline, minLength: 1 };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/twelve-factor-lint/twelve-factor/blob/main/schemas/twelve-factor.schema.json',
    title: '.twelve-factor.json',
    description:
      'Project settings of twelve-factor, shared by the CLI and the editor (the editor settings twelveFactor.* override them).',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

export function schemaText(pkg) {
  return JSON.stringify(configSchema(pkg), null, 2) + '\n';
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  writeFileSync(SCHEMA_FILE, schemaText(pkg));
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
