/**
 * One meaning per concept, the same for Python and JS/TS: each concept is
 * checked by one test that runs both front-ends on equivalent code.
 */
import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { extractFacts, initParsers } from '../server/src/frontends';
import { callName, stringCallee } from '../server/src/ir/exprs';
import type { BranchSummary, FileFacts } from '../server/src/ir/facts';

before(() => initParsers());

const py = (code: string): FileFacts => extractFacts('python', code, 'app.py');
const js = (code: string): FileFacts => extractFacts('javascript', code, 'app.js');

/** The summary of the outermost comparison (the first `if` test). */
function outer(facts: FileFacts): BranchSummary {
  const decides = facts.comparisons[0]?.decides;
  assert.ok(decides, 'the first comparison decides a branch');
  return decides;
}

describe('call names resolve through every import of the file, wherever it stands', () => {
  const cases: [string, () => FileFacts, string][] = [
    [
      'python, import after the call',
      () => py('client = StrictRedis("cache.internal")\nfrom redis import StrictRedis\n'),
      'redis.StrictRedis',
    ],
    [
      'python, import before the call',
      () => py('from redis import StrictRedis\nclient = StrictRedis("cache.internal")\n'),
      'redis.StrictRedis',
    ],
    [
      'javascript, require after the use',
      () => js("function c() { return new Redis('cache.internal'); }\nconst Redis = require('ioredis');\n"),
      'ioredis',
    ],
    [
      'javascript, import after the use',
      () => js("const c = createClient('cache.internal');\nimport { createClient } from 'redis';\n"),
      'redis.createClient',
    ],
  ];
  for (const [name, facts_, want] of cases) {
    test(name, () => {
      const facts = facts_();
      assert.deepEqual(
        facts.calls.map((c) => callName(c.expr)),
        [want],
      );
      // The string's call context reads the same resolved call, not a copy made before the import was seen.
      assert.deepEqual(
        facts.strings.map((s) => stringCallee(s)),
        [want],
      );
    });
  }
});

describe('branch summaries: the same depth, order and function boundary in both languages', () => {
  const nested = (depth: number) => ({
    python:
      'import os\n' +
      Array.from(
        { length: depth },
        (_, i) => `${'    '.repeat(i)}if ${i === 0 ? 'os.environ["ENV"] == "prod"' : `c${i}`}:\n`,
      ).join('') +
      `${'    '.repeat(depth)}DATABASE_HOST = "db.prod"\n`,
    javascript:
      Array.from({ length: depth }, (_, i) => `if (${i === 0 ? "process.env.ENV === 'prod'" : `c${i}`}) {\n`).join('') +
      `DATABASE_HOST = 'db.prod';\n` +
      '}\n'.repeat(depth),
  });

  for (const depth of [1, 3, 4]) {
    test(`an assignment ${depth} branch(es) deep ${depth <= 3 ? 'reaches' : 'does not reach'} the outer test's summary`, () => {
      const code = nested(depth);
      for (const facts of [py(code.python), js(code.javascript)]) {
        assert.deepEqual(outer(facts).assigns, depth <= 3 ? ['DATABASE_HOST'] : [], facts.language);
      }
    });
  }

  test('assigned values come first, aligned with assigns, then returned values', () => {
    const facts = [
      py(
        'import os\ndef f():\n    if os.environ["ENV"] == "prod":\n        return "early"\n        HOST = "db.prod"\n',
      ),
      js("function f() {\n  if (process.env.ENV === 'prod') {\n    return 'early';\n    HOST = 'db.prod';\n  }\n}\n"),
    ];
    for (const f of facts) {
      const d = outer(f);
      assert.deepEqual(d.assigns, ['HOST'], f.language);
      assert.deepEqual(
        d.values.map((v) => (v.kind === 'string' ? v.value : v.kind)),
        ['db.prod', 'early'],
        f.language,
      );
    }
  });

  test("a function defined in a branch keeps its body's assignments out of the branch's summary", () => {
    const facts = [
      py('import os\nif os.environ["ENV"] == "prod":\n    def configure():\n        HOST = "db.prod"\n'),
      js("if (process.env.ENV === 'prod') {\n  function configure() { HOST = 'db.prod'; }\n}\n"),
    ];
    for (const f of facts) assert.deepEqual(outer(f).assigns, [], f.language);
  });
});

/** The module names written in a function, as the global-state facts record them. */
const written = (facts: FileFacts): string[] => facts.globalWrites.map((w) => `${w.name}:${w.op}`);

describe('module-level containers: the same values hold state in both languages', () => {
  // [what the module binds, Python, JS/TS]; the function writes an item of it.
  const holders: [string, string, string][] = [
    ['a dict / object literal', '{}', '{}'],
    ['a list / array literal', '[]', '[]'],
    ['a built-in collection', 'dict()', 'new Map()'],
    ['an imported collection', 'collections.OrderedDict()', 'new Set()'],
    ['a cache class', 'TTLCache(maxsize=10)', 'new LRUCache({ max: 10 })'],
    ['a registry class', 'HandlerRegistry()', 'new HandlerRegistry()'],
    ['a store class', 'MemoryStore()', 'new MemoryStore()'],
  ];
  for (const [what, pyValue, jsValue] of holders) {
    test(`${what} is a container`, () => {
      assert.deepEqual(written(py(`import collections\nC = ${pyValue}\ndef f(k):\n    C[k] = 1\n`)), ['C:item']);
      assert.deepEqual(written(js(`const C = ${jsValue};\nfunction f(k) { C[k] = 1; }\n`)), ['C:item']);
    });
  }
  const values: [string, string, string][] = [
    ['a tuple / frozen array', '(1, 2)', 'Object.freeze([1, 2])'],
    ['a weak map', 'WeakKeyDictionary()', 'new WeakMap()'],
    ['a lower-case factory', 'get_cache()', 'getCache()'],
    ['a plain value', '"x"', "'x'"],
  ];
  for (const [what, pyValue, jsValue] of values) {
    test(`${what} is not`, () => {
      assert.deepEqual(written(py(`C = ${pyValue}\ndef f(k):\n    C[k] = 1\n`)), []);
      assert.deepEqual(written(js(`const C = ${jsValue};\nfunction f(k) { C[k] = 1; }\n`)), []);
    });
  }
});

describe('mutating methods: one list for both languages', () => {
  const methods = ['append', 'push', 'add', 'update', 'set', 'delete', 'clear', 'pop', 'setdefault', 'splice'];
  for (const m of methods) {
    test(`${m}() on a module container is a write`, () => {
      assert.deepEqual(written(py(`C = {}\ndef f(x):\n    C.${m}(x)\n`)), ['C:call']);
      assert.deepEqual(written(js(`const C = {};\nfunction f(x) { C.${m}(x); }\n`)), ['C:call']);
    });
  }
  test('a reading method is not', () => {
    assert.deepEqual(written(py(`C = {}\ndef f(x):\n    return C.get(x)\n`)), []);
    assert.deepEqual(written(js(`const C = new Map();\nfunction f(x) { return C.get(x); }\n`)), []);
  });
});

describe('import-time functions: called or used as a decorator outside any function', () => {
  const names = (facts: FileFacts): string[] => [...facts.importTimeFunctions].sort();
  const cases: [string, string, string, string[]][] = [
    ['a top-level call', 'register(h)\n', 'register(h);\n', ['register']],
    [
      'a call nested in an argument',
      'x = build(register(h))\n',
      'const x = build(register(h));\n',
      ['build', 'register'],
    ],
    ['a call under a top-level if', 'if x:\n    setup()\n', 'if (x) setup();\n', ['setup']],
    ['a bare decorator', '@register\ndef f(): pass\n', '@register\nclass A {}\n', ['register']],
    ['a decorator call', '@route("/")\ndef f(): pass\n', "@route('/')\nclass A {}\n", ['route']],
    [
      'an imported function',
      'from r import register\nregister()\n',
      "import { register } from './r';\nregister();\n",
      ['register'],
    ],
    ['a method call (no name runs)', 'app.register(h)\n', 'app.register(h);\n', []],
    ['a reference, not a call', 'app.use(register)\n', 'app.use(register);\n', []],
    ['a call inside a function', 'def main():\n    register(h)\n', 'function main() { register(h); }\n', []],
  ];
  for (const [what, pyCode, jsCode, want] of cases) {
    test(what, () => {
      assert.deepEqual(names(py(pyCode)), want, 'python');
      assert.deepEqual(names(js(jsCode)), want, 'javascript');
    });
  }
});
