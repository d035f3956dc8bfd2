/**
 * "A server binds a port" has one definition (semantics/portBinding): the
 * hardcoded-port rule and the factor VII check agree on every server kind,
 * Python and JS alike — a literal port is a rule finding and a VII warning
 * naming the same line, a port read from the environment is neither.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, initParsers, inputKindOf } from '../server/src/engine/engine';
import { computeCompliance } from '../server/src/factors/compute';
import { DEFAULT_CONFIG } from '../server/src/workspace/config';
import { prepareWorkspace } from './complianceWorkspaces';

const config = { ...DEFAULT_CONFIG, rules: {}, exclude: [], testFiles: [...DEFAULT_CONFIG.testFiles] };

/** One server per case: its file, the text with a literal port, the same server reading PORT. */
const SERVERS: { name: string; file: string; literal: string; env: string }[] = [
  {
    name: 'ws WebSocketServer',
    file: 'server.js',
    literal: "const { WebSocketServer } = require('ws');\nconst wss = new WebSocketServer({ port: 8080 });\n",
    env: "const { WebSocketServer } = require('ws');\nconst wss = new WebSocketServer({ port: Number(process.env.PORT) });\n",
  },
  {
    name: 'hapi server',
    file: 'server.mjs',
    literal:
      "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000, host: 'localhost' });\nawait server.start();\n",
    env: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: process.env.PORT, host: 'localhost' });\nawait server.start();\n",
  },
  {
    name: 'Deno.listen',
    file: 'main.ts',
    literal: 'const listener = Deno.listen({ port: 4500 });\nfor await (const conn of listener) conn.close();\n',
    env: "const listener = Deno.listen({ port: Number(Deno.env.get('PORT')) });\nfor await (const conn of listener) conn.close();\n",
  },
  {
    name: 'grpc add_insecure_port',
    file: 'server.py',
    literal:
      'import grpc\nfrom concurrent import futures\n\nserver = grpc.server(futures.ThreadPoolExecutor())\nserver.add_insecure_port("[::]:50051")\nserver.start()\n',
    env: 'import os\nimport grpc\nfrom concurrent import futures\n\nserver = grpc.server(futures.ThreadPoolExecutor())\nserver.add_insecure_port(f"[::]:{os.environ[\'PORT\']}")\nserver.start()\n',
  },
  {
    name: 'socket bind',
    file: 'server.py',
    literal: 'import socket\n\nsock = socket.socket()\nsock.bind(("0.0.0.0", 9000))\nsock.listen(5)\n',
    env: 'import os\nimport socket\n\n\ndef main():\n    sock = socket.socket()\n    sock.bind(("0.0.0.0", int(os.environ["PORT"])))\n    sock.listen(128)\n',
  },
  {
    name: 'tornado listen',
    file: 'app.py',
    literal: 'import tornado.web\n\napp = tornado.web.Application([])\napp.listen(8888)\n',
    env: 'import os\nimport tornado.web\n\napp = tornado.web.Application([])\napp.listen(int(os.environ["PORT"]))\n',
  },
];

before(() => initParsers());

/** The 1-based lines the rule flags, and the VII check's status and message. */
async function both(file: string, text: string) {
  const language = inputKindOf(file);
  assert.ok(language);
  const ruleLines = analyzeText(text, file, language, { role: 'app' })
    .findings.filter((f) => f.rule === 'hardcoded-port')
    .map((f) => f.range.start.line + 1);
  const { root } = prepareWorkspace('empty', { git: true, files: { [file]: text } });
  const model = await computeCompliance(root, { config });
  const check = model.factors.find((f) => f.factor === 'VII')?.checks.find((c) => c.id === 'port-from-env');
  assert.ok(check, 'the VII port-from-env check');
  return { ruleLines, check };
}

for (const s of SERVERS) {
  test(`${s.name}: a literal port is a rule finding and a VII warning on the same line`, async () => {
    const { ruleLines, check } = await both(s.file, s.literal);
    assert.equal(ruleLines.length, 1, `rule findings: ${ruleLines.join(', ')}`);
    assert.equal(check.status, 'warn', check.message);
    assert.ok(check.message.includes(`${s.file}:${ruleLines[0]}`), check.message);
  });

  test(`${s.name}: a port read from the environment is neither`, async () => {
    const { ruleLines, check } = await both(s.file, s.env);
    assert.deepEqual(ruleLines, []);
    assert.equal(check.status, 'pass', check.message);
  });
}

test('a WebSocketServer sharing another server (no port of its own) binds nothing: neither consumer counts it', async () => {
  const text =
    "const http = require('http');\nconst { WebSocketServer } = require('ws');\nconst server = http.createServer();\nconst wss = new WebSocketServer({ server });\nserver.listen(process.env.PORT);\n";
  const { ruleLines, check } = await both('server.js', text);
  assert.deepEqual(ruleLines, []);
  assert.equal(check.status, 'pass', check.message);
  assert.match(check.message, /^1 server binds/);
});
