import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { FileFacts, Scope, StringFact } from '../server/src/ir/facts';
import { extractJavaScript } from '../server/src/frontends/javascript';
import { stringCallee } from '../server/src/ir/exprs';

function extract(code: string, path = 'src/app.ts'): FileFacts {
  return extractJavaScript(code, path, /\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript');
}

function stringFact(facts: FileFacts, value: string): StringFact {
  const found = facts.strings.filter((s) => s.expr.value === value);
  assert.equal(
    found.length,
    1,
    `one string fact ${JSON.stringify(value)} in ${JSON.stringify(facts.strings.map((s) => s.expr.value))}`,
  );
  return found[0];
}

/** A scope's kind and name (its function span is checked by the global-state fixtures). */
function kindAndName(scope: Scope): Scope {
  return scope.name === undefined ? { kind: scope.kind } : { kind: scope.kind, name: scope.name };
}

function values(facts: FileFacts): string[] {
  return facts.strings.map((s) => s.expr.value);
}

describe('string contexts', () => {
  /** A string fact's fields, its call context read as the callee's name. */
  type Expected = Partial<Omit<StringFact, 'call'>> & { call?: { callee?: string; index: number; keyword?: string } };
  const cases: { code: string; value: string; expect: Expected; path?: string }[] = [
    {
      code: `const config = { db: { password: 'x' } };`,
      value: 'x',
      expect: { name: 'password', nameKind: 'key', path: ['config', 'db', 'password'] },
    },
    {
      code: `class Svc { constructor() { this.apiKey = 'k1'; } }`,
      value: 'k1',
      expect: {
        name: 'apiKey',
        nameKind: 'assign',
        path: ['this', 'apiKey'],
        scope: { kind: 'function', name: 'constructor' },
      },
    },
    {
      code: `config["db"]["password"] = 'p';`,
      value: 'p',
      expect: { name: 'password', nameKind: 'assign', path: ['config', 'db', 'password'] },
    },
    {
      code: `module.exports.secret = 's';`,
      value: 's',
      expect: { name: 'secret', path: ['module', 'exports', 'secret'] },
    },
    {
      code: `function connect(password = 'dflt') {}`,
      value: 'dflt',
      expect: { name: 'password', nameKind: 'default', scope: { kind: 'function', name: 'connect' } },
    },
    {
      code: `function connect({ token = 'tk' } = {}) {}`,
      value: 'tk',
      expect: { name: 'token', nameKind: 'default' },
    },
    {
      code: `class Db { password = 'field'; }`,
      value: 'field',
      expect: { name: 'password', nameKind: 'field', scope: { kind: 'class', name: 'Db' } },
    },
    {
      code: `new Client({ password: 'kw' });`,
      value: 'kw',
      expect: { name: 'password', nameKind: 'key', call: { callee: 'Client', index: 0, keyword: undefined } },
    },
    {
      code: `if (mode === 'prod') {}`,
      value: 'prod',
      expect: { name: 'mode', nameKind: 'compare', compared: true },
    },
    {
      code: `enum Env { Prod = "production" }`,
      value: 'production',
      expect: { name: 'Prod', nameKind: 'key' },
    },
    {
      code: `const handler = () => { const url = 'http://api'; };`,
      value: 'http://api',
      expect: { name: 'url', scope: { kind: 'function', name: 'handler' } },
    },
    {
      code: `const apiKey = ('k2' as string)!;`,
      value: 'k2',
      expect: { name: 'apiKey', nameKind: 'assign' },
    },
    {
      code: `let token; token ??= 'k3';`,
      value: 'k3',
      expect: { name: 'token', nameKind: 'assign', path: ['token'] },
    },
  ];
  for (const c of cases) {
    it(c.code, () => {
      const fact = stringFact(extract(c.code, c.path), c.value);
      for (const [key, want] of Object.entries(c.expect)) {
        const actual =
          key === 'call' && fact.call
            ? { callee: stringCallee(fact), index: fact.call.index, keyword: fact.call.keyword }
            : fact[key as keyof StringFact];
        assert.deepEqual(key === 'scope' ? kindAndName(actual as Scope) : actual, want, key);
      }
    });
  }

  it('gives quoted strings and plain templates an editable inner span', () => {
    const code = "const a = 'one';\nconst b = `two`;\nconst c = `x${y}z`;";
    const facts = extract(code);
    assert.deepEqual(values(facts), ['one', 'two']);
    for (const s of facts.strings) {
      assert.equal(code.slice(s.expr.innerSpan!.start, s.expr.innerSpan!.end), s.expr.value);
    }
    assert.equal(stringFact(facts, 'two').expr.flavor, 'template');
    const c = facts.assignments.find((a) => a.target === 'c')!;
    assert.equal(c.value.kind, 'template');
  });

  it('reports no string for directives, module specifiers and types', () => {
    const facts = extract(
      [
        `'use client';`,
        `import type { T } from 'types-only';`,
        `import x from 'lib';`,
        `export { y } from 'reexported';`,
        `const m = require('required');`,
        `const lazy = () => import('dynamic');`,
        `type Mode = 'a' | 'b';`,
        `interface I { k: 'c' }`,
        `let v: 'd' = 'e';`,
        `declare const z: 'f';`,
        `declare module 'g' { const h: 'h'; }`,
        `function f(a: 'i'): 'j' { return a; }`,
        `const w = <T extends 'k'>(t: T) => t;`,
      ].join('\n'),
    );
    assert.deepEqual(values(facts), ['e']);
    assert.deepEqual(
      facts.imports.map((i) => i.local),
      ['x', 'm'],
    );
  });
});

describe('environment fallbacks', () => {
  const cases: { code: string; value?: string; fallback?: boolean; none?: boolean }[] = [
    { code: `const a = process.env.X || 'a';`, value: 'a', fallback: true },
    { code: `const port = process.env.PORT ?? 3000;`, none: true },
    { code: `const { HOST = 'localhost' } = process.env;`, value: 'localhost', fallback: true },
    { code: `const { HOST = 'localhost' } = options;`, value: 'localhost', fallback: false },
    { code: `const v = configService.get('X', 'd');`, value: 'd', fallback: true },
    { code: `class S { f() { return this.configService.get('X', 'd2'); } }`, value: 'd2', fallback: true },
    { code: `const v = process.env.X ? process.env.X : 'd3';`, value: 'd3', fallback: true },
    { code: `const u = import.meta.env.VITE_URL || 'http://x';`, value: 'http://x', fallback: true },
    { code: `const v = process.env['KEY'] || 'd4';`, value: 'd4', fallback: true },
    { code: `const v = other.X || 'd5';`, value: 'd5', fallback: false },
  ];
  for (const c of cases) {
    it(c.code, () => {
      const facts = extract(c.code);
      if (c.none) {
        assert.deepEqual(values(facts), []);
        return;
      }
      assert.equal(stringFact(facts, c.value!).envFallback, c.fallback);
    });
  }

  it('does not treat the variable name of an env read as a string', () => {
    assert.deepEqual(values(extract(`const v = configService.get('DATABASE_URL');`)), []);
  });
});

describe('callee names', () => {
  const cases: { code: string; callee: string; path?: string }[] = [
    { code: `import { exec } from 'node:child_process';\nexec('ls');`, callee: 'child_process.exec' },
    { code: `import * as cp from 'child_process';\ncp.spawn('ls');`, callee: 'child_process.spawn' },
    { code: `import cp from 'child_process';\ncp.execSync('ls');`, callee: 'child_process.execSync' },
    { code: `import { exec as run } from 'child_process';\nrun('ls');`, callee: 'child_process.exec' },
    { code: `const cp = require('child_process');\ncp.exec('ls');`, callee: 'child_process.exec', path: 'a.js' },
    {
      code: `const { execSync: run } = require('node:child_process');\nrun('ls');`,
      callee: 'child_process.execSync',
      path: 'a.js',
    },
    { code: `const exec = require('child_process').exec;\nexec('ls');`, callee: 'child_process.exec', path: 'a.js' },
    { code: `import cp = require('child_process');\ncp.exec('ls');`, callee: 'child_process.exec' },
    { code: `exec('ls');\nimport { exec } from 'child_process';`, callee: 'child_process.exec' },
    {
      code: `function f() { const cp = require('child_process'); cp.exec('ls'); }`,
      callee: 'child_process.exec',
      path: 'a.js',
    },
    { code: `import { $ } from 'zx';\nawait $\`ls\`;`, callee: 'zx.$', path: 'a.mjs' },
    { code: `import fs from 'fs';\nfs?.writeFileSync('ls');`, callee: 'fs.writeFileSync' },
  ];
  for (const c of cases) {
    it(c.code.replace(/\n/g, ' '), () => {
      const facts = extract(c.code, c.path);
      assert.equal(stringCallee(stringFact(facts, 'ls')), c.callee);
    });
  }

  it('makes a tagged template a call with the template as its argument', () => {
    const facts = extract("import { $ } from 'zx';\n$`git status`;", 'a.mjs');
    const call = facts.calls[0];
    assert.equal(call.statement, true);
    assert.equal(call.expr.args.length, 1);
    assert.equal(call.expr.args[0].value.kind, 'string');
  });

  it('converts spread arguments, new and optional chains', () => {
    const facts = extract(`const c = new Pool(...args, opts?.x);`);
    const call = facts.calls[0].expr;
    assert.equal(call.isNew, true);
    assert.deepEqual(
      call.args.map((a) => [a.value.kind, !!a.spread]),
      [
        ['name', true],
        ['member', false],
      ],
    );
  });
});

describe('global writes', () => {
  const positives: {
    code: string;
    write: { name: string; op: string; method?: string; functionName?: string };
    text: string;
  }[] = [
    {
      code: `let count = 0;\nfunction hit() { count++; }`,
      write: { name: 'count', op: 'update', functionName: 'hit' },
      text: 'count++',
    },
    {
      code: `let total = 0;\nconst add = (n) => { total += n; };`,
      write: { name: 'total', op: 'augassign', functionName: 'add' },
      text: 'total += n',
    },
    {
      code: `let current;\nfunction set(v) { current = v; }`,
      write: { name: 'current', op: 'assign', functionName: 'set' },
      text: 'current = v',
    },
    {
      code: `const CACHE = {};\nfunction put(k, v) { CACHE[k] = v; }`,
      write: { name: 'CACHE', op: 'item', functionName: 'put' },
      text: 'CACHE[k] = v',
    },
    {
      code: `const state = { ready: false };\nfunction go() { state.ready = true; }`,
      write: { name: 'state', op: 'attr', functionName: 'go' },
      text: 'state.ready = true',
    },
    {
      code: `const sessions = new Map();\napp.post('/', (req) => { sessions.set(req.id, req); });`,
      write: { name: 'sessions', op: 'call', method: 'set' },
      text: 'sessions.set(req.id, req)',
    },
    {
      code: `const queue = [];\nexport function enqueue(j) { queue.push(j); }`,
      write: { name: 'queue', op: 'call', method: 'push', functionName: 'enqueue' },
      text: 'queue.push(j)',
    },
    {
      code: `const cache = new LRUCache({ max: 5 });\nfunction drop(k) { cache.delete(k); }`,
      write: { name: 'cache', op: 'call', method: 'delete', functionName: 'drop' },
      text: 'cache.delete(k)',
    },
    {
      code: `const m = Object.create(null);\nfunction drop(k) { delete m[k]; }`,
      write: { name: 'm', op: 'delete', functionName: 'drop' },
      text: 'delete m[k]',
    },
    {
      code: `let hits = 0;\nfunction setup(app) { app.get('/', (req, res) => { hits++; }); }`,
      write: { name: 'hits', op: 'update', functionName: 'setup' },
      text: 'hits++',
    },
    {
      code: `function later() { seen.add(1); }\nconst seen = new Set();`,
      write: { name: 'seen', op: 'call', method: 'add', functionName: 'later' },
      text: 'seen.add(1)',
    },
    {
      code: `let n = 0;\nfunction f(x) { if (x) { let n = 1; } n++; }`,
      write: { name: 'n', op: 'update', functionName: 'f' },
      text: 'n++',
    },
    {
      code: `let n = 0;\nclass C { bump() { n += 1; } }`,
      write: { name: 'n', op: 'augassign', functionName: 'bump' },
      text: 'n += 1',
    },
    {
      code: `let n = 0;\nfunction f() { (() => { n++; })(); }`,
      write: { name: 'n', op: 'update', functionName: 'f' },
      text: 'n++',
    },
    {
      code: `const stats = { hits: 0 };\nfunction f() { stats.hits++; }`,
      write: { name: 'stats', op: 'update', functionName: 'f' },
      text: 'stats.hits++',
    },
  ];
  for (const c of positives) {
    it(`finds ${c.text}`, () => {
      const facts = extract(c.code, 'a.ts');
      assert.equal(facts.globalWrites.length, 1, JSON.stringify(facts.globalWrites));
      const w = facts.globalWrites[0];
      assert.deepEqual(
        { name: w.name, op: w.op, method: w.method, functionName: w.functionName },
        { method: undefined, functionName: undefined, ...c.write },
      );
      assert.equal(c.code.slice(w.span.start, w.span.end), c.text);
    });
  }

  const nearMisses = [
    `const count = 0;\nfunction f() { count = 1; }`,
    `let count = 0;\nfunction f(count) { count++; }`,
    `let count = 0;\nfunction f() { let count = 0; count++; }`,
    `let count = 0;\nfunction f() { if (x) { let count = 1; count++; } }`,
    `let count = 0;\nfunction f() { count++; var count; }`,
    `let count = 0;\nfunction f() { function count() {} count = 2; }`,
    `let count = 0;\nfunction f() { try { g(); } catch (count) { count++; } }`,
    `let count = 0;\nfunction f({ count }) { count++; }`,
    `let count = 0;\nconst f = ([count]) => { count++; };`,
    `let count = 0;\nfunction f() { for (let count = 0; count < 3; count++) {} }`,
    `let count = 0;\ncount++;`,
    `const CACHE = {};\nif (x) { CACHE.a = 1; }`,
    `class A { m() { this.x = 1; } }`,
    `function f() { module.exports.x = 1; exports.y = 2; }`,
    `function f() { process.env.X = 'a'; globalThis.x = 1; window.y = 2; }`,
    `import { state } from './s';\nfunction f() { state.x = 1; state.push(1); }`,
    `const cp = require('cp');\nfunction f() { cp.x = 1; }`,
    `const client = redis.createClient();\nfunction f() { client.set('k', 'v'); }`,
    `const items = [];\nfunction f() { items.sort(); items.map((i) => i); }`,
    `const wm = new WeakMap();\nfunction f(k) { wm.set(k, 1); }`,
    `function handler() {}\nfunction f() { handler.x = 1; }`,
    `const s = new Set();\nfunction f() { const s = new Set(); s.add(1); }`,
    `let n = 0;\n(function () { n++; })();`,
    `let n = 0;\n(() => { n += 1; })();`,
    `let n = 0;\nclass A { static { n++; } }`,
  ];
  for (const code of nearMisses) {
    it(`ignores ${code.replace(/\n/g, ' ')}`, () => {
      assert.deepEqual(extract(code, 'a.ts').globalWrites, []);
    });
  }
});

describe('import-time functions', () => {
  const cases: { code: string; names: string[] }[] = [
    { code: `function register(h) {}\nregister(handler);`, names: ['register'] },
    { code: `register(handler);\nfunction register(h) {}`, names: ['register'] },
    { code: `const setup = () => {};\nif (x) setup();`, names: ['setup'] },
    { code: `function register(h) {}\napp.use(register);`, names: [] },
    { code: `function register(h) {}\nfunction main() { register(1); }`, names: [] },
    { code: `function register(c) { return c; }\n@register\nclass A {}`, names: ['register'] },
    { code: `function route(p) { return () => {}; }\nclass A { @route('/') get() {} }`, names: ['route'] },
    { code: `import { register } from './r';\nregister();`, names: ['register'] },
  ];
  for (const c of cases) {
    it(c.code.replace(/\n/g, ' '), () => {
      assert.deepEqual([...extract(c.code).importTimeFunctions], c.names);
    });
  }
});

describe('comparisons and what they decide', () => {
  it('summarises an if statement', () => {
    const facts = extract(
      `import helmet from 'helmet';\nif (process.env.NODE_ENV === 'production') { app.use(helmet()); config.debug = false; } else { return 'dev'; }`,
      'a.js',
    );
    assert.equal(facts.comparisons.length, 1);
    const d = facts.comparisons[0].decides!;
    assert.equal(d.kind, 'if');
    assert.deepEqual(d.assigns, ['config.debug']);
    assert.deepEqual(
      d.values.map((v) => v.kind),
      ['literal', 'string'],
    );
  });

  it('summarises a ternary', () => {
    const facts = extract(`const url = env === 'prod' ? 'https://a' : 'http://b';`);
    const d = facts.comparisons[0].decides!;
    assert.equal(d.kind, 'ternary');
    assert.deepEqual(d.assigns, ['url']);
    assert.equal(d.values.length, 2);
  });

  it('records a switch with its cases as comparisons', () => {
    const code = `switch (process.env.NODE_ENV) {\n  case 'production':\n    level = 'warn';\n    break;\n  default:\n    level = 'debug';\n}`;
    const facts = extract(code);
    assert.equal(facts.switches.length, 1);
    const sw = facts.switches[0];
    assert.equal(sw.cases.length, 2);
    assert.equal(sw.cases[1].test, undefined);
    assert.deepEqual(sw.decides.assigns, ['level', 'level']);
    assert.equal(facts.comparisons.length, 1);
    assert.equal(facts.comparisons[0].decides, sw.decides);
    assert.equal(facts.comparisons[0].op, '===');
    const prod = stringFact(facts, 'production');
    assert.equal(prod.compared, true);
    assert.equal(prod.name, 'NODE_ENV');
  });
});

describe('module bindings', () => {
  it('lists every top-level binding with its kind', () => {
    const facts = extract(
      `import a from 'a';\nconst b = 1, { c } = d;\nlet e;\nvar f = [];\nfunction g() { const inner = 1; }\nexport class H {}\nexport const i = () => 1;\nconst j = require('j');\n{ const blockScoped = 1; }`,
    );
    assert.deepEqual([...facts.moduleBindings.values()].map((b) => [b.name, b.declKind]).sort(), [
      ['H', 'class'],
      ['a', 'import'],
      ['b', 'const'],
      ['c', 'const'],
      ['e', 'let'],
      ['f', 'var'],
      ['g', 'function'],
      ['i', 'const'],
      ['j', 'import'],
    ]);
    assert.equal(facts.moduleBindings.get('f')!.value!.kind, 'array');
    assert.equal(facts.moduleBindings.get('i')!.value!.kind, 'function');
  });
});

describe('comments', () => {
  it('keeps text, line and whether code precedes it', () => {
    const code = `// first\nconst x = 1; /* second */\n  /** doc */\nf(); // twelve-factor: ignore`;
    const facts = extract(code);
    assert.deepEqual(
      facts.comments.map((c) => [c.text, c.line, c.trailing, code.slice(c.span.start, c.span.end)]),
      [
        [' first', 0, false, '// first'],
        [' second ', 1, true, '/* second */'],
        ['* doc ', 2, false, '/** doc */'],
        [' twelve-factor: ignore', 3, true, '// twelve-factor: ignore'],
      ],
    );
  });
});

describe('JSX', () => {
  for (const path of ['src/Map.tsx', 'src/Map.jsx', 'src/Map.js']) {
    it(`reads attributes and children in ${path}`, () => {
      const facts = extract(
        `export const A = () => (\n  <Map apiKey="AIzaSyFAKE" url={process.env.U || 'http://x'}>\n    {'child'}\n    <b>text</b>\n  </Map>\n);`,
        path,
      );
      assert.equal(facts.syntaxErrors, false);
      const key = stringFact(facts, 'AIzaSyFAKE');
      assert.equal(key.name, 'apiKey');
      assert.deepEqual(kindAndName(key.scope), { kind: 'function', name: 'A' });
      assert.equal(stringFact(facts, 'http://x').envFallback, true);
      stringFact(facts, 'child');
      assert.ok(!values(facts).includes('text'));
    });
  }

  it('parses type assertions in .ts files', () => {
    const facts = extract(`const x = <string>'asserted';`, 'a.ts');
    assert.equal(facts.syntaxErrors, false);
    assert.equal(stringFact(facts, 'asserted').name, 'x');
  });
});

describe('broken input', () => {
  it('keeps the facts before an unfinished function', () => {
    const facts = extract(
      `const API_KEY = 'sk_live_abcdef';\nimport fs from 'fs';\nfunction broken( {\n  fs.readFileSync('inner');\n  if (`,
    );
    assert.equal(facts.syntaxErrors, true);
    assert.equal(stringFact(facts, 'sk_live_abcdef').name, 'API_KEY');
    assert.ok(facts.assignments.some((a) => a.target === 'API_KEY'));
    assert.equal(facts.imports[0].module, 'fs');
  });

  it('survives every truncation of a real file', () => {
    const code = `import express from 'express';\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => {\n  hits++;\n  res.send(\`hits \${hits}\`);\n});\nclass A { @dec() x = 'y'; m() { return this.x; } }\nswitch (a) { case 'b': break; }\n`;
    for (let i = 0; i <= code.length; i++) {
      const facts = extract(code.slice(0, i), 'a.ts');
      assert.equal(typeof facts.syntaxErrors, 'boolean');
    }
  });

  it('survives nesting ten thousand levels deep', () => {
    for (const deep of [
      '('.repeat(10000) + '1' + ')'.repeat(10000),
      '['.repeat(10000) + ']'.repeat(10000),
      'f(() => '.repeat(10000) + '1' + ')'.repeat(10000),
    ]) {
      const facts = extract(`const a = ${deep};\nconst SECRET = 'after';`, 'a.js');
      assert.equal(facts.syntaxErrors, true);
      assert.equal(stringFact(facts, 'after').name, 'SECRET');
    }
    const ifs = extract('if (a) '.repeat(10000) + 'x = 1;', 'a.js');
    assert.equal(ifs.syntaxErrors, true);
  });

  it('never throws on arbitrary input', () => {
    const token = fc.constantFrom(
      'const ',
      'let ',
      'x',
      ' = ',
      "'s'",
      '`t${',
      '}`',
      '(',
      ')',
      '{',
      '}',
      '[',
      ']',
      '=>',
      ',',
      ';',
      '\n',
      'function ',
      'class ',
      '@d ',
      'import ',
      'from ',
      'require(',
      'process.env.',
      '<div a="b">',
      '</div>',
      '//',
      '/*',
      '*/',
      '?.',
      '??',
      '++',
      'if (',
      'switch (',
      'case ',
      ': ',
      'enum ',
      'type ',
      'as ',
      '!',
      '#p',
      'async ',
      'await ',
      'yield ',
    );
    const source = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(token, { maxLength: 80 }).map((t) => t.join('')),
    );
    fc.assert(
      fc.property(source, fc.constantFrom('a.js', 'a.ts', 'a.tsx', 'a.jsx'), (text, path) => {
        const facts = extract(text, path);
        assert.ok(Array.isArray(facts.strings));
      }),
      { seed: 12345, numRuns: 200 },
    );
  });
});

describe('import recovery', () => {
  it('an import declaration the parser recovered without a source is not an import', () => {
    const facts = extractJavaScript(
      "import {import { Module } from '@nestjs/common';\nconst x = 1;\n",
      'a.ts',
      'typescript',
    );
    assert.ok(facts.imports.every((i) => typeof i.module === 'string'));
  });
});
