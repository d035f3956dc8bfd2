/**
 * Folders of maintainer scripts (factors/toolingScripts.ts) and the tooling
 * role they give their files: a folder package.json scripts run files from
 * is tooling, unless the app's start script runs from it or it is a source
 * folder by name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFile } from '../server/src/semantics/roles';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import { toolingDirs } from '../server/src/workspace/toolingScripts';

const manifest = (scripts: Record<string, string>, path = 'package.json') => ({
  path,
  kind: 'package-json',
  text: JSON.stringify({ scripts }),
});

test('folders run by maintainer scripts are tooling; the start script and source folders are not', () => {
  const dirs = toolingDirs([
    manifest({
      start: 'node server/server.js',
      'release-final': 'node ./extra/release/release.mjs',
      'rebase-pr': 'node extra/rebase-pr.js 1.23.X',
      seed: 'ts-node --transpile-only tools/seed.ts && echo done',
      migrate: 'node src/migrate.js',
      lint: 'eslint .',
      build: 'vite build',
      root: 'node setup.js',
    }),
    manifest({ dev: 'node scripts/dev.js', gen: 'node scripts/gen.js' }, 'web/package.json'),
  ]);
  assert.deepEqual([...dirs].sort(), ['extra', 'tools']);
});

test('a malformed package.json declares no tooling folder', () => {
  assert.deepEqual([...toolingDirs([{ path: 'package.json', kind: 'package-json', text: '{ nope' }])], []);
});

test('files under a tooling folder get the tooling role, with the reason', () => {
  const project = { toolingDirs: new Set(['extra']) };
  assert.deepEqual(classifyFile('extra/release/lib.mjs', '', { project }), {
    role: 'tooling',
    reason: "extra/ holds scripts package.json runs (not the app's start)",
  });
  // Near misses: a sibling folder, a file named like the folder, no project facts.
  assert.equal(classifyFile('extras/lib.mjs', '', { project }).role, 'app');
  assert.equal(classifyFile('extra.js', '', { project }).role, 'app');
  assert.equal(classifyFile('extra/release/lib.mjs', '').role, 'app');
});

test('system-dependency stays quiet in a maintainer script and reports the same call in the app', async () => {
  await initParsers();
  const text = "const { execSync } = require('child_process');\nexecSync('gh pr checkout 12');\n";
  const project = { declaredTools: new Set<string>(), toolingDirs: new Set(['extra']) };
  const tooling = analyzeText(text, 'extra/rebase-pr.js', 'javascript', { project });
  assert.deepEqual(
    tooling.findings.map((f) => f.rule),
    [],
  );
  const app = analyzeText(text, 'server/update.js', 'javascript', { project });
  assert.deepEqual(
    app.findings.map((f) => f.rule),
    ['system-dependency'],
  );
});
