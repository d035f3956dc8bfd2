/**
 * The layer rule (.dependency-cruiser.cjs, run by `npm run lint`) fails on an
 * upward import, a cycle, a parser internal reached from outside the
 * front-ends and a parser library used outside them; and CONTRIBUTING.md
 * draws the layers the config enforces, in the same order.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const require_ = createRequire(__filename);
const { LAYERS } = require_(CONFIG) as { LAYERS: [string, string][] };

function cruise(files: Record<string, string>): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tf-layers-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'Node16', strict: true } }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    // The parser libraries resolve from the project's own node_modules.
    for (const lib of ['yaml', 'web-tree-sitter'])
      spawnSync('ln', ['-s', join(ROOT, 'node_modules', lib), join(dir, 'node_modules', lib)]);
    const bin = join(ROOT, 'node_modules', '.bin', 'depcruise');
    const r = spawnSync(bin, ['server/src', '--config', CONFIG, '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a module importing a layer above it fails the layer rule', () => {
  const r = cruise({
    'server/src/ir/facts.ts': "import { run } from '../engine/engine';\nexport const x = run;\n",
    'server/src/engine/engine.ts': 'export const run = 1;\n',
  });
  assert.notEqual(r.status, 0, r.out);
  assert.match(r.out, /layer-ir/);
});

test('an import cycle fails, type-only imports included', () => {
  const r = cruise({
    'server/src/rules/a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
    'server/src/rules/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
  });
  assert.notEqual(r.status, 0, r.out);
  assert.match(r.out, /no-circular/);
});

test('parser internals and parser libraries stay inside frontends/', () => {
  const r = cruise({
    'server/src/frontends/py/tree.ts': 'export const tree = 1;\n',
    'server/src/lsp/incremental.ts': "import { tree } from '../frontends/py/tree';\nexport const t = tree;\n",
    'server/src/factors/read.ts': "import { parse } from 'yaml';\nexport const p = parse;\n",
  });
  assert.notEqual(r.status, 0, r.out);
  assert.match(r.out, /frontends-api/);
  assert.match(r.out, /parsers-in-frontends/);
});

test('imports that follow the layers pass', () => {
  const r = cruise({
    'server/src/ir/facts.ts': 'export const x = 1;\n',
    'server/src/frontends/index.ts': "import { x } from '../ir/facts';\nexport const y = x;\n",
    'server/src/lsp/a.ts': "import { y } from '../frontends';\nexport const z = y;\n",
  });
  assert.equal(r.status, 0, r.out);
});

test('CONTRIBUTING.md draws the layers the config enforces, lowest first', () => {
  const text = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
  const drawing = /```text\n# layers[^\n]*\n([\s\S]*?)```/.exec(text);
  assert.ok(drawing, 'CONTRIBUTING.md has a ```text block starting "# layers"');
  const drawn = [...drawing[1].matchAll(/^\s*(\w+)\/\s/gm)].map((m) => m[1]);
  assert.deepEqual(
    drawn,
    LAYERS.map(([name]) => name),
  );
});
