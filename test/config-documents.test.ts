/**
 * JSON, YAML and INI config files and Kubernetes manifests through the
 * readers and the engine: what the fixtures' line markers cannot show
 * (values and spans the readers keep, damaged files, suppression, masking,
 * which YAML is read at all, base64 decoding).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../server/src/engine/engine';
import { extractDocument } from '../server/src/frontends/documents';
import { readIni } from '../server/src/frontends/documents/iniLines';
import { decodeBase64Text } from '../server/src/frontends/documents/base64';
import type { DocumentKind } from '../server/src/ir/types';

// Credential-shaped values assembled here so this file holds no secret literal.
const PASSWORD = ['Xk9pL2', 'mQ7vR4'].join('');
const GITHUB = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3s09'].join('_');

function findings(kind: DocumentKind, path: string, text: string) {
  return analyzeText(text, path, kind).findings;
}

test('JSON config: string values by key path with their spans; BOM, comments and trailing commas', () => {
  const text = `\ufeff{\r\n  // c\r\n  "db": { "password": "${PASSWORD}", "hosts": ["a", "b",], },\r\n}\r\n`;
  const facts = extractDocument('json-config', text, 'config/default.json');
  assert.equal(facts.syntaxErrors, false);
  const password = facts.values.find((v) => v.name === 'password');
  assert.deepEqual(password?.path, ['db', 'password']);
  assert.equal(text.slice(password.span.start, password.span.end), `"${PASSWORD}"`);
  assert.deepEqual(
    facts.values.filter((v) => v.name === 'hosts').map((v) => v.path.join('.')),
    ['db.hosts.0', 'db.hosts.1'],
  );
  assert.equal(facts.comments[0].text, ' c');
  assert.equal(facts.comments[0].line, 1);
});

test('JSON config: a damaged file still yields the values around the damage, and nothing throws', () => {
  const text = `{ "a": "x", "token": "${GITHUB}", "b": [1, , }`;
  const facts = extractDocument('json-config', text, 'config.json');
  assert.equal(facts.syntaxErrors, true);
  assert.ok(facts.values.some((v) => v.name === 'token'));
  for (const broken of ['', '{', '[[[[', '{"a":', '"just a string"', '\u0000\u0001']) {
    assert.doesNotThrow(() => findings('json-config', 'config.json', broken), JSON.stringify(broken));
  }
});

test('suppression comments work in JSON, YAML and INI config', () => {
  const json = `{\n  "password": "${PASSWORD}" // twelve-factor: ignore[hardcoded-secret]\n}\n`;
  assert.equal(findings('json-config', 'config.json', json).length, 0);
  const yaml = `password: ${PASSWORD} # pragma: allowlist secret\n`;
  assert.equal(findings('yaml-config', 'settings.yaml', yaml).length, 0);
  const ini = `[app]\n# twelve-factor: ignore-next-line[hardcoded-secret]\npassword = ${PASSWORD}\n`;
  assert.equal(findings('ini-config', 'config.ini', ini).length, 0);
  // The same files without the comments are reported.
  assert.equal(findings('ini-config', 'config.ini', `[app]\npassword = ${PASSWORD}\n`).length, 1);
});

test('messages mask the secret; a base64 Secret value is masked as decoded, never shown encoded in full', () => {
  const encoded = Buffer.from(PASSWORD).toString('base64');
  const text = `apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata:\n  DB_PASSWORD: ${encoded}\n`;
  const [finding] = findings('yaml-config', 'k8s/secret.yaml', text);
  assert.equal(finding.messageId, 'kubernetes-secret-base64');
  assert.ok(!finding.message.includes(PASSWORD) && !finding.message.includes(encoded), finding.message);
  assert.ok(finding.message.includes('"Xk9p…"'), finding.message);
});

test('YAML: only config names and Kubernetes objects are read; anchors and merge keys once, at the anchor', () => {
  const workflow = `env:\n  DEPLOY_PASSWORD: ${PASSWORD}\n`;
  assert.equal(extractDocument('yaml-config', workflow, '.github/workflows/ci.yml').values.length, 0);
  assert.equal(extractDocument('yaml-config', workflow, 'openapi.yaml').values.length, 0);
  const config = `base: &base\n  password: ${PASSWORD}\nprod:\n  <<: *base\nstaging: *base\n---\nother: 1\n`;
  const facts = extractDocument('yaml-config', config, 'config/production.yml');
  assert.deepEqual(
    facts.values.map((v) => v.path.join('.')),
    ['base.password', 'other'],
  );
  assert.equal(findings('yaml-config', 'config/production.yml', config).length, 1);
});

test('YAML: a Kubernetes object in a non-config file is read; other documents of the stream are not', () => {
  const text = [
    `name: not-kubernetes\npassword: ${PASSWORD}`,
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${PASSWORD}`,
  ].join('\n---\n');
  // Ranges are 0-based: the password is on the 9th line.
  const found = findings('yaml-config', 'deploy/all.yaml', text);
  assert.deepEqual(
    found.map((f) => [f.messageId, f.range.start.line]),
    [['kubernetes-secret', 8]],
  );
});

test('base64: text decodes, binary and non-base64 do not', () => {
  assert.equal(decodeBase64Text(Buffer.from('hello world').toString('base64')), 'hello world');
  assert.equal(decodeBase64Text('aGVs\nbG8='), 'hello');
  assert.equal(decodeBase64Text(Buffer.from([0, 1, 2, 255]).toString('base64')), undefined);
  assert.equal(decodeBase64Text('not base64!'), undefined);
  assert.equal(decodeBase64Text(''), undefined);
});

test('INI: sections, both separators, continuation lines, CRLF and lone CR, comments; uWSGI is stricter', () => {
  const text = '\ufeff[a]\r\nx = 1\r\ny: two\r\n  three\r\n# c\r; d\r[b]\nz=\n';
  const file = readIni(text, { colon: true, continuation: true, inlineComments: false });
  assert.deepEqual(
    file.entries.map((e) => [e.section, e.key, e.value]),
    [
      ['a', 'x', '1'],
      ['a', 'y', 'two\nthree'],
      ['b', 'z', ''],
    ],
  );
  const y = file.entries[1];
  assert.equal(text.slice(y.span.start, y.span.end), 'two\r\n  three');
  assert.deepEqual(
    file.comments.map((c) => [c.text, c.line]),
    [
      [' c', 4],
      [' d', 5],
    ],
  );
  const uwsgi = readIni('[uwsgi]\nhttp-socket = :8000\nmaster\nlogto = /a#b\n', {
    colon: false,
    continuation: false,
    inlineComments: false,
  });
  assert.deepEqual(
    uwsgi.entries.map((e) => [e.key, e.value]),
    [
      ['http-socket', ':8000'],
      ['logto', '/a#b'],
    ],
  );
  assert.equal(uwsgi.malformed, false);
});

test('INI: uWSGI env, supervisord environment= values; interpolation is a reference; a $ inside a value is not', () => {
  const uwsgi = extractDocument('ini-config', `[uwsgi]\nenv = DJANGO_SECRET_KEY=${PASSWORD}$x\n`, 'uwsgi.ini');
  assert.deepEqual(
    uwsgi.values.map((v) => [v.role, v.name, v.value, v.reference]),
    [['env', 'DJANGO_SECRET_KEY', `${PASSWORD}$x`, false]],
  );
  const text = `[program:web]\nenvironment=DB_PASSWORD="${PASSWORD}",HOME=%(ENV_HOME)s\n`;
  const supervisor = extractDocument('ini-config', text, 'supervisor/web.conf');
  assert.deepEqual(
    supervisor.values.map((v) => [v.name, v.value, v.reference, text.slice(v.span.start, v.span.end)]),
    [
      ['DB_PASSWORD', PASSWORD, false, `"${PASSWORD}"`],
      ['HOME', '%(ENV_HOME)s', true, '%(ENV_HOME)s'],
    ],
  );
  assert.equal(findings('ini-config', 'supervisor/web.conf', text).length, 1);
  for (const broken of ['[', '[a\nb', '=\n==', '\u0000', '\r\r\r', ' x = 1']) {
    assert.doesNotThrow(() => findings('ini-config', 'uwsgi.ini', broken), JSON.stringify(broken));
  }
});
