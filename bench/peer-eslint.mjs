// A bench peer (bench/peers.mjs): ESLint with eslint-plugin-security's and
// eslint-plugin-no-secrets' rules only, over the JS/TS files under DIR, through
// ESLint's Node API with no config file (the corpus has none of its own and
// gets none written into it). TypeScript files go through typescript-eslint's
// parser (syntax only, no type information), JS files through ESLint's own.
//   node bench/peer-eslint.mjs PEERS_DIR DIR   → {"files":…,"findings":…,"failed":…}
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [peersDir, root] = process.argv.slice(2);
const require = createRequire(join(peersDir, 'package.json'));
const { ESLint } = require('eslint');
const security = require('eslint-plugin-security');
const noSecrets = require('eslint-plugin-no-secrets');
const tsParser = require('@typescript-eslint/parser');

const rules = { ...security.configs.recommended.rules, 'no-secrets/no-secrets': 'error' };
const plugins = { security, 'no-secrets': noSecrets };
const eslint = new ESLint({
  cwd: resolve(root),
  overrideConfigFile: true,
  // No warnings about eslint-disable comments for rules that are not loaded here.
  overrideConfig: [
    { linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true } },
    {
      files: ['**/*.js', '**/*.jsx', '**/*.cjs'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'commonjs',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      plugins,
      rules,
    },
    { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, plugins, rules },
    { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser }, plugins, rules },
  ],
});
const results = await eslint.lintFiles(['.']);
let findings = 0;
let failed = 0;
for (const r of results) {
  for (const m of r.messages) {
    if (m.fatal) failed++;
    else findings++;
  }
}
process.stdout.write(JSON.stringify({ files: results.length, findings, failed }));
