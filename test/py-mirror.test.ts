/**
 * The Python front-end walks a plain-JS mirror of the tree-sitter tree. The
 * mirror must answer exactly what web-tree-sitter's Node API answers for
 * everything the walker reads, on the direct wasm-cursor path and on the
 * public-API fallback alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { Node } from 'web-tree-sitter';
import { initParsers } from '../server/src/engine/engine';
import { parsePython } from '../server/src/frontends/python';
import { directCursor } from '../server/src/frontends/py/cursor';
import { FIELDED_TYPES } from '../server/src/frontends/py/fielded';
import { mirrorTree, type PyNode } from '../server/src/frontends/py/tree';

// Children the walker never reads: the mirror leaves them out.
const OPAQUE = new Set(['set_comprehension', 'dictionary_comprehension', 'generator_expression', 'type']);

const SAMPLES = [
  'import os, a.b as c\nfrom .x import (y as z, w)  # trailing\n',
  'def f(a, b: int = 1, *args, c="x", **kw) -> "T":\n    """doc"""\n    global G\n    G += 1\n    return a if b else c\n',
  'x = [i for i in range(3)  # inside\n]\ny = {k: v  # in dict comp\n for k, v in d.items()}\nz = (q for q in w)\ns = {1, 2}\n',
  'if a not in b and c is not d or not e:\n    pass\nelif x < y <= z != w:\n    del q[1], r.s\nelse:\n    raise E("m")\n',
  's = f"a{b!r:>{w}}c" rb"\\x00" "plain\\n" \'\'\'tri\nple\'\'\'\n',
  'class C(B, metaclass=M):\n    @dec(1)\n    def m(self) -> None:\n        with open(p) as fh, x as (a, b):\n            self.v = lambda q, r=2: q + r\n',
  'match cmd:\n    case [x, *rest] if x:\n        y = -x ** 2\n    case {"k": v}:\n        pass\n',
  'try:\n    a = b = c\nexcept (E1, E2) as e:\n    print(e)\nfinally:\n    x: dict[str, int] = {}\n',
  'def broken(:\n    x = = 1\n  y = ]\nprint "py2" \n',
  'a = ' + '('.repeat(300) + '1' + ')'.repeat(300) + '\n',
  'x = 1 # one\n\r\n# two\r\ny = "#not" # three\n',
];

// Real code when Debian's Django is installed (a few large, varied modules).
const DJANGO = '/usr/lib/python3/dist-packages/django';
const REAL_FILES = ['db/models/query.py', 'utils/html.py', 'conf/global_settings.py', 'template/defaultfilters.py'].map(
  (f) => `${DJANGO}/${f}`,
);

function fieldNames(node: Node): (string | null)[] {
  return node.tree.language.fields;
}

function compare(mirror: PyNode, real: Node, path: string): void {
  assert.equal(mirror.type, real.type, `${path}: type`);
  assert.equal(mirror.isNamed, real.isNamed, `${path}: named`);
  assert.equal(mirror.startIndex, real.startIndex, `${path}: start`);
  assert.equal(mirror.endIndex, real.endIndex, `${path}: end`);
  assert.equal(mirror.text, real.text, `${path}: text`);
  if (OPAQUE.has(real.type)) {
    assert.equal(mirror.children.length, 0, `${path}: opaque node has no children`);
    return;
  }
  for (const field of fieldNames(real)) {
    if (!field) continue;
    const m = mirror.childForFieldName(field);
    const r = real.childForFieldName(field);
    // The Node API can answer with a grandchild through an aliased hidden node
    // (`match_statement` → `alternative`); the walker reads fields of direct children only.
    if (r && !real.children.some((c) => c?.id === r.id)) continue;
    assert.equal(m?.startIndex, r?.startIndex, `${path}.${field}: start`);
    assert.equal(m?.type, r?.type, `${path}.${field}: type`);
    assert.deepEqual(
      mirror.childrenForFieldName(field).map((c) => [c.type, c.startIndex]),
      real.childrenForFieldName(field).map((c) => [c?.type, c?.startIndex]),
      `${path}.${field}: all`,
    );
  }
  const readsTokens = real.type === 'comparison_operator' || real.type === 'string';
  if (readsTokens) {
    assert.deepEqual(
      mirror.children.map((c) => c.type),
      real.children.map((c) => c?.type),
      `${path}: tokens`,
    );
  }
  const named = real.namedChildren.filter((c): c is Node => !!c);
  assert.equal(mirror.namedChildren.length, named.length, `${path}: named children`);
  named.forEach((c, i) => compare(mirror.namedChildren[i], c, `${path}/${c.type}`));
}

function check(text: string): void {
  const tree = parsePython(text);
  try {
    const mirror = mirrorTree(tree, text);
    compare(mirror.root, tree.rootNode, 'module');
    assert.equal(mirror.hasError, tree.rootNode.hasError);
    const comments = tree.rootNode.descendantsOfType('comment').filter((c): c is Node => !!c);
    assert.deepEqual(
      mirror.comments.map((c) => [c.start, c.end, c.row]),
      comments.map((c) => [c.startIndex, c.endIndex, c.startPosition.row]),
    );
  } finally {
    tree.delete();
  }
}

test('the mirror answers what the Node API answers (direct cursor and fallback)', async () => {
  await initParsers();
  assert.equal(directCursor(true), true, 'the wasm cursor exports are reachable');
  try {
    for (const on of [true, false]) {
      directCursor(on);
      for (const sample of SAMPLES) check(sample);
      check(readFileSync(__filename, 'utf8').replace(/^/gm, '# ')); // all comments
      for (const file of REAL_FILES) if (existsSync(file)) check(readFileSync(file, 'utf8'));
    }
  } finally {
    directCursor(true);
  }
});

test('the mirror of a 10,000-deep nesting does not overflow the stack', async () => {
  await initParsers();
  const text = `x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  const tree = parsePython(text);
  try {
    let depth = 0;
    let node: PyNode | undefined = mirrorTree(tree, text).root;
    while (node) {
      depth++;
      node = node.namedChildren[node.namedChildren.length - 1];
    }
    assert.ok(depth > 10_000, `depth ${depth}`);
  } finally {
    tree.delete();
  }
});

test('FIELDED_TYPES lists the grammar types whose children fill fields', () => {
  const types = JSON.parse(readFileSync(require.resolve('tree-sitter-python/src/node-types.json'), 'utf8')) as {
    type: string;
    named: boolean;
    fields?: Record<string, unknown>;
  }[];
  const fielded = types.filter((t) => t.named && t.fields && Object.keys(t.fields).length > 0).map((t) => t.type);
  assert.deepEqual([...FIELDED_TYPES].filter((t) => t !== 'ERROR').sort(), fielded.sort());
});
