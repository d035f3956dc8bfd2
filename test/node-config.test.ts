/**
 * node-config's `custom-environment-variables.*` makes the keys it maps
 * environment reads: their values in `default.json` are fallbacks, not
 * hardcoded locators (as `os.environ.get("DB_HOST", "db.internal")` is not
 * in code). Keys it does not map, and files without a mapping, are judged
 * as before.
 */
import { before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { initParsers } from '../server/src/engine/engine';
import { DEFAULT_CONFIG } from '../server/src/workspace/config';
import { envMappedKeys } from '../server/src/workspace/nodeConfig';
import { scanWorkspace } from '../server/src/workspace/scan';

before(() => initParsers());

const DEFAULTS = `{
  "db": { "host": "db.internal", "port": 5432 },
  "redis": { "url": "redis://cache.internal:6379/0" },
  "mongo": { "uri": "mongodb://mongo.internal/shop" }
}
`;

function tree(t: TestContext, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tf-nodecfg-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/** `file:line:rule` of each backing-service finding (0-based lines). */
async function locators(root: string): Promise<string[]> {
  const result = await scanWorkspace({ paths: ['.'], cwd: root, config: DEFAULT_CONFIG });
  return [...result.files]
    .flatMap(([file, r]) => r.findings.map((f) => `${file}:${f.range.start.line}:${f.rule}`))
    .filter((f) => f.endsWith('hardcoded-backing-service'));
}

test('keys node-config maps to variables hold fallbacks; the others are still locators', async (t) => {
  const root = tree(t, {
    'config/default.json': DEFAULTS,
    'config/custom-environment-variables.yml': 'db:\n  host: DB_HOST\nredis:\n  url:\n    __name: REDIS_URL\n',
  });
  assert.deepEqual(await locators(root), ['config/default.json:3:hardcoded-backing-service']);
  assert.deepEqual(envMappedKeys(join(root, 'config', 'default.json')), ['db.host', 'redis.url']);
});

test('without a mapping beside it every locator is reported; a mapping elsewhere does not count', async (t) => {
  const root = tree(t, {
    'config/default.json': DEFAULTS,
    'other/custom-environment-variables.json': '{ "db": { "host": "DB_HOST" } }',
  });
  assert.equal((await locators(root)).length, 3, 'db.host, redis.url and mongo.uri');
  assert.equal(envMappedKeys(join(root, 'config', 'default.json')), undefined);
});

test('a mapping that does not parse maps nothing', (t) => {
  const root = tree(t, { 'config/custom-environment-variables.json': '{ "db": ', 'config/default.json': DEFAULTS });
  assert.equal(envMappedKeys(join(root, 'config', 'default.json')), undefined);
});
