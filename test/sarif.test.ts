/**
 * `twelve-factor check --format sarif` against the SARIF 2.1.0 JSON schema
 * (test/data/sarif-schema-2.1.0.json, the 2.1.0-rtm.5 schema as shipped in
 * the npm package @microsoft/jest-sarif; see test/data/README.md), plus what
 * GitHub code scanning relies on beyond the schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { tempTree } from './support/tempTree';
import { RULES } from '../server/src/rules';
import { docsUrl } from '../server/src/shared/docs';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const SCHEMA = JSON.parse(readFileSync(join(__dirname, 'data', 'sarif-schema-2.1.0.json'), 'utf8'));
// Assembled so this file holds no secret literal.
const STRIPE = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  // What the tests read of a log the schema accepts.
  return ajv.compile<{ runs: { results: unknown[] }[] }>(SCHEMA);
}

function project(files: Record<string, string>): string {
  return tempTree('sarif', files, { gitMarker: true, realPath: true });
}

function sarif(cwd: string, args: string[] = []) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  assert.equal(r.stderr, '');
  return { status: r.status, log: JSON.parse(r.stdout) };
}

const FILES = {
  'app/settings.py': `import os\n\nSTRIPE_KEY = "${STRIPE}"\nDEBUG = os.environ.get("DEBUG")\n`,
  // A non-BMP character before the finding: columns count UTF-16 code units.
  'src/server.ts': `const greeting = "😀"; app.listen(3000);\n`,
  'src/dir with space/pid.py': 'import os\nwith open("/var/run/app.pid", "w") as f:\n    f.write(str(os.getpid()))\n',
  'vendor.min.js': 'var a=1;',
  // A live key in a test file is still reported, and says where it is.
  'tests/test_keys.py': `import uvicorn\nKEY = "${STRIPE}"\nuvicorn.run("app.main:app", port=8000)\n`,
};

// One run shared by the tests that only read it: each CLI start costs seconds on a busy machine.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed SARIF log, checked field by field
let shared: { root: string; status: number | null; log: any } | undefined;
function sharedRun() {
  if (!shared) {
    const root = project(FILES);
    shared = { root, ...sarif(root) };
  }
  return shared;
}

test('sarif: the log validates against the SARIF 2.1.0 schema', () => {
  const { status, log } = sharedRun();
  assert.equal(status, 1, 'the secret is an error at the default --fail-on');
  const validate = validator();
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  assert.ok(log.runs[0].results.length >= 3, 'the secret, the port and the pid file are all reported');
});

test('sarif: the schema check is not vacuous', () => {
  const { log } = sharedRun();
  const validate = validator();
  const broken = structuredClone(log);
  broken.runs[0].results[0].level = 'fatal';
  assert.equal(validate(broken), false, 'an unknown level is rejected');
  const noVersion = structuredClone(log);
  delete noVersion.version;
  assert.equal(validate(noVersion), false, 'version is required');
});

test('sarif: one rule per registered rule, with help, factor tags and the doc link', () => {
  const { log } = sharedRun();
  const run = log.runs[0];
  assert.equal(log.runs.length, 1);
  assert.equal(run.tool.driver.name, 'twelve-factor');
  assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
  const rules = run.tool.driver.rules;
  assert.deepEqual(
    rules.map((r: { id: string }) => r.id),
    RULES.map((r) => r.meta.id),
  );
  for (const [i, rule] of rules.entries()) {
    const meta = RULES[i].meta;
    assert.equal(rule.helpUri, docsUrl(meta.id));
    assert.equal(rule.shortDescription.text, meta.title);
    assert.ok(rule.help.text.includes(docsUrl(meta.id)) && rule.help.markdown.includes(docsUrl(meta.id)));
    assert.ok(rule.properties.tags.includes('twelve-factor'));
    assert.ok(rule.properties.tags.includes(`factor-${meta.factor}`), `${meta.id} carries its factor tag`);
    const level = { error: 'error', warning: 'warning', info: 'note' }[meta.defaultSeverity];
    assert.equal(rule.defaultConfiguration.level, level);
  }
  const secret = rules.find((r: { id: string }) => r.id === 'hardcoded-secret');
  assert.equal(secret.properties['security-severity'], '8.0');
  const port = rules.find((r: { id: string }) => r.id === 'hardcoded-port');
  assert.equal(port.properties['security-severity'], undefined, 'design advice is not a security alert');
});

test('sarif: results carry rule index, level, masked message, %SRCROOT% URIs, 1-based UTF-16 regions, fingerprints', () => {
  const { root, log } = sharedRun();
  const run = log.runs[0];
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(root).href + '/');
  assert.ok(!JSON.stringify(log).includes(STRIPE), 'the secret value never appears');
  for (const r of run.results) {
    assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.match(r.partialFingerprints['twelveFactor/v2'], /^[0-9a-f]{40}$/);
    assert.equal(r.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  }
  const byRule = (id: string) => run.results.find((r: { ruleId: string }) => r.ruleId === id);
  const secret = byRule('hardcoded-secret');
  assert.equal(secret.level, 'error');
  assert.equal(secret.locations[0].physicalLocation.artifactLocation.uri, 'app/settings.py');
  const line3 = FILES['app/settings.py'].split('\n')[2];
  assert.deepEqual(secret.locations[0].physicalLocation.region, {
    startLine: 3,
    startColumn: line3.indexOf('"') + 1,
    endLine: 3,
    endColumn: line3.length + 1,
  });
  const port = byRule('hardcoded-port');
  assert.equal(port.level, 'warning');
  // "😀" is two UTF-16 code units: the column after it counts both.
  const text = FILES['src/server.ts'];
  assert.equal(port.locations[0].physicalLocation.region.startColumn, text.indexOf('3000') + 1);
  const pid = byRule('pid-file');
  assert.equal(pid.locations[0].physicalLocation.artifactLocation.uri, 'src/dir%20with%20space/pid.py');
  const notes = run.invocations[0].toolExecutionNotifications;
  assert.ok(
    notes.some((n: { message: { text: string } }) => /minified/.test(n.message.text)),
    'the skipped bundle is reported as a notification',
  );
});

test('sarif: run from a subfolder, paths stay relative to the working directory', () => {
  const { root } = sharedRun();
  const { log } = sarif(join(root, 'app'));
  const run = log.runs[0];
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(join(root, 'app')).href + '/');
  assert.deepEqual(
    run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => {
      return r.locations[0].physicalLocation.artifactLocation.uri;
    }),
    ['settings.py'],
  );
});

test('sarif: a clean project gives an empty result list and exit 0', () => {
  const root = project({ 'app.py': 'import os\nPORT = int(os.environ["PORT"])\n' });
  const { status, log } = sarif(root);
  assert.equal(status, 0);
  assert.deepEqual(log.runs[0].results, []);
  assert.ok(validator()(log));
});

test('sarif: each result carries its file role in properties', () => {
  const { log } = sharedRun();
  const roles = log.runs[0].results.map(
    (r: {
      ruleId: string;
      properties?: { role?: string };
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.ruleId}:${r.properties?.role}`,
  );
  assert.ok(roles.includes('tests/test_keys.py:hardcoded-secret:test'), roles.join('\n'));
  assert.ok(roles.includes('app/settings.py:hardcoded-secret:app'), roles.join('\n'));
  assert.ok(
    !roles.some((r: string) => r.startsWith('tests/test_keys.py:hardcoded-port')),
    'a port in a test is not reported',
  );
});
