// Statement-level reuse of JavaScript/TypeScript facts (frontends/js/chunks.ts,
// frontends/splice.ts): after any sequence of edits applied through the
// language server's IncrementalParse, the facts and the findings must be
// exactly those of a full extraction of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { extractFacts, languageOf } from '../server/src/frontends';
import { extractJavaScriptSpliced } from '../server/src/frontends/javascript';
import { classSpliceCount } from '../server/src/frontends/js/chunks';
import { partialConversionAvailable } from '../server/src/frontends/js/partial';
import { IncrementalParse } from '../server/src/lsp/incremental';
import {
  findings,
  inLine,
  lineEnd,
  lineStarts,
  pick,
  plain,
  random,
  type Change,
  type Edit,
  commonEdits,
  topLevelLine,
  twoChanges,
  toLsp,
} from './support/editOracle';
import { benchCorpora } from './support/corpora';

const ROOT = join(__dirname, '..');
const JS = /\.(?:[cm]?[jt]sx?)$/;

const CHARS = ['a', 'x', ' ', '\n', '(', ')', '{', '}', '"', "'", '`', ';', '/', '*', '=', '.', ',', 'é', '😀'];

/** Types `a`, then deletes it again: the file breaks (or not) and is fixed. */
function typeThenFix(at: number, ch: string): Change[][] {
  return [[{ start: at, end: at, text: ch }], [{ start: at, end: at + ch.length, text: '' }]];
}

const EDITS: ((text: string, rnd: () => number) => Change[][])[] = (
  [
    ...commonEdits(CHARS),
    // typing inside a string or a template
    (t, r) => {
      const at = inLine(t, /["'`]/, r);
      const quote = t.slice(at).search(/["'`]/);
      const p = quote === -1 ? at : at + quote + 1;
      return [{ start: p, end: p, text: pick(['k', '${x}', 'postgres://u:p@h/db', '"', '`', '\\'], r) }];
    },
    // typing in an import or a require
    (t, r) => {
      const at = inLine(t, /^\s*(?:import|export)\s|require\(/, r);
      return [{ start: at, end: at, text: pick(['x', ' ', ',', 'fs', '\n', "'"], r) }];
    },
    // a statement typed in a function or class body
    (t, r) => {
      const starts = lineStarts(t, /^\s+\S/);
      if (starts.length === 0) return [];
      const start = pick(starts, r);
      const indent = /^\s*/.exec(t.slice(start))?.[0] ?? '';
      const line = pick(
        [
          'CACHE[k] = v;',
          'counter++;',
          'cache.set(a, b);',
          'const url = process.env.DB || "postgres://u:p@h/db";',
          "const fs = require('fs');",
          'return 1;',
          'static x = 1;',
          '// twelve-factor-ignore',
          '/* c */',
        ],
        r,
      );
      return [{ start, end: start, text: `${indent}${line}\n` }];
    },
    // at a top-level statement boundary: join it to the previous line, or split it
    (t, r) => {
      const starts = lineStarts(t, /^\S/).filter((s) => s > 0);
      if (starts.length === 0) return [];
      const at = pick(starts, r);
      return r() < 0.5
        ? [{ start: at - 1, end: at, text: '' }]
        : [{ start: at, end: at, text: pick(['\n', ' ', 'x', '(', ';'], r) }];
    },
    // a module-level statement that changes file-level context
    topLevelLine([
      "import os from 'os';\n",
      "const cp = require('child_process');\n",
      'let CACHE = {};\n',
      'const CACHE = new Map();\n',
      'setup();\n',
      "'use strict';\n",
      'function setup() { counter = 1; }\n',
      'export default {};\n',
      '// comment\n',
    ]),
    // several changes in one notification (later ones in offsets after the earlier ones)
    twoChanges(CHARS),
  ] as Edit[]
).map((edit) => (t: string, r: () => number) => [edit(t, r)]);
// An edit that breaks the syntax, then the one that fixes it.
EDITS.push((t, r) => typeThenFix(Math.floor(r() * (t.length + 1)), pick(['{', '(', '"', '`', '/*'], r)));

/**
 * Edits `source` `count` times through an IncrementalParse, checking each
 * analysis against a full one; returns how many analyses reused statements.
 */
function check(name: string, source: string, count: number, seed: number, edits = EDITS): number {
  const language = languageOf(name);
  assert.ok(language && language !== 'python', name);
  const rnd = random(seed);
  const parse = new IncrementalParse();
  let doc = TextDocument.create(`file:///${name}`, language, 1, source);
  let spliced = 0;
  parse.edit(doc, []);
  parse.facts(source, name, language);
  for (let i = 0; i < count; i++) {
    const kind = i % edits.length;
    for (const edit of edits[kind](doc.getText(), rnd)) {
      const changes = toLsp(doc, edit);
      if (changes.length === 0) continue;
      parse.edit(doc, changes);
      doc = TextDocument.update(doc, changes, doc.version + 1);
      const text = doc.getText();
      const incremental = parse.facts(text, name, language);
      if (parse.lastSpliced) spliced++;
      const full = extractFacts(language, text, name);
      const where = `${name}: edit ${i} (kind ${kind}, seed ${seed})`;
      assert.deepEqual(plain(incremental), plain(full), where);
      assert.deepEqual(findings(incremental), findings(full), where);
    }
  }
  parse.dispose();
  return spliced;
}

function jsFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') jsFiles(p, out);
    else if (e.isFile() && JS.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

test('statements can be converted one by one (the fast path is on)', () => {
  assert.ok(
    partialConversionAvailable(),
    'typescript-estree no longer exports astConverter: every keystroke converts all',
  );
});

test('incremental facts equal full facts over edits of every JS/TS rule fixture', () => {
  const dir = join(ROOT, 'server', 'src', 'rules');
  const fixtures = readdirSync(dir).flatMap((rule) => {
    const f = join(dir, rule, 'fixtures');
    return existsSync(f) ? jsFiles(f) : [];
  });
  assert.ok(fixtures.length > 10);
  let spliced = 0;
  for (const [i, file] of fixtures.entries()) {
    spliced += check(file.slice(dir.length + 1), readFileSync(file, 'utf8'), 33, i + 1);
  }
  // Most edits leave the file parseable and its imports alone.
  assert.ok(spliced > fixtures.length * 5, `only ${spliced} analyses reused statements`);
});

test('incremental facts equal full facts over edits of JS corpus files', () => {
  const CORPUS = benchCorpora().js;
  const all = jsFiles(CORPUS)
    .map((p) => ({ p, size: statSync(p).size }))
    .sort((a, b) => b.size - a.size || a.p.localeCompare(b.p));
  // A spread over sizes (the biggest are as big as the bench file, tested below).
  const sample = all.slice(5).filter((_, i) => i % Math.ceil(all.length / 30) === 0);
  assert.ok(sample.length >= 20);
  for (const [i, { p }] of sample.slice(0, 30).entries()) {
    check(p.slice(CORPUS.length + 1), readFileSync(p, 'utf8'), 8, 100 + i);
  }
});

test('incremental facts equal full facts over edits of the keystroke bench file', () => {
  const spliced = check('big.ts', readFileSync(benchCorpora().bigTs, 'utf8'), 12, 7);
  assert.ok(spliced > 3, `only ${spliced} analyses reused statements`);
});

test('typing in a function body walks that statement only; an import edit walks the statements using it', () => {
  const before = [
    "import { exec } from 'child_process';",
    'let counter = 0;',
    'export function a() { counter++; return exec("ls"); }',
    'function b() { const x = 1; return x; }',
    '// last',
    '',
  ].join('\n');
  const first = extractJavaScriptSpliced(before, 'a.ts', 'typescript');
  const held = first.state?.chunks?.chunks;
  assert.ok(first.state && held && held.length === 4);
  const [imp, decl, fa, fb] = held;
  const at = before.indexOf('x = 1');
  const after = `${before.slice(0, at)}y${before.slice(at)}`;
  const second = extractJavaScriptSpliced(after, 'a.ts', 'typescript', {
    state: first.state,
    change: { start: at, oldEnd: at, newEnd: at + 1 },
  });
  assert.ok(second.spliced);
  const chunks = second.state?.chunks?.chunks ?? [];
  assert.ok(chunks.includes(imp) && chunks.includes(decl) && chunks.includes(fa) && !chunks.includes(fb));
  assert.deepEqual(plain(second.facts), plain(extractFacts('typescript', after, 'a.ts')));
  // A name imported now resolves differently: the statements that mention it are walked again, the others kept.
  const p = after.indexOf('exec }');
  const third = `${after.slice(0, p)}execSync as exec${after.slice(p + 4)}`;
  assert.ok(second.state);
  const reparsed = extractJavaScriptSpliced(third, 'a.ts', 'typescript', {
    state: second.state,
    change: { start: p, oldEnd: p + 4, newEnd: p + 16 },
  });
  assert.ok(reparsed.spliced);
  const kept = reparsed.state?.chunks?.chunks ?? [];
  // `a` calls `exec`: walked again; `b` mentions no import: kept.
  assert.ok(!kept.includes(chunks[2]) && kept.includes(chunks[3]));
  assert.deepEqual(plain(reparsed.facts), plain(extractFacts('typescript', third, 'a.ts')));
});

/** A file of classes with every kind of member (and the comments around them). */
const CLASSES = [
  "import { exec } from 'child_process';",
  'const cache = new Map(); let counter = 0;',
  'function register(x: unknown) { return x; }',
  '/** doc */ @register',
  'export class Service extends Base { // after the brace',
  '  // before a field',
  '  static url = process.env.DB_URL || "postgres://u:p@h/db"; /* trailing */',
  '  port = 8080;',
  '  @register token = "sk_live_0123456789abcdefghij";',
  '  declare later: string;',
  '  [key] = 1;',
  '  constructor(private readonly host: string) { super(); this.host = host; counter = 1; }',
  '  get value() { return cache.get("x"); }',
  '  set value(v) { cache.set("x", v); }',
  '  static { counter++; register(1); }',
  '  run(cmd) { exec(cmd); const fs = require("fs"); return fs; };',
  '  nested() { return class Inner { x = 1; go() { counter += 1; } }; }',
  '  async *gen() { yield process.env.NODE_ENV === "production"; }',
  '  // before the brace',
  '} // after the class',
  'export default class {',
  '  mode = process.env.NODE_ENV === "development" ? "dev" : "prod";',
  '  start() { setInterval(() => { counter++; }, 1000); }',
  '}',
  'class Plain { a() { return 1; } b() { return 2; } }',
  'abstract class Shape { abstract area(): number; size = 3; }',
  'declare class Ambient { x: number; }',
  '',
].join('\n');

/** Lines inside class bodies (members, not the class line or its brace). */
const MEMBER_LINE = /^\s+\S/;
const MEMBER_EDITS: ((text: string, rnd: () => number) => Change[][])[] = (
  [
    // a character typed inside a member
    (t, r) => {
      const at = inLine(t, MEMBER_LINE, r);
      return [{ start: at, end: at, text: pick(['a', ' ', '1', '"', '(', '}', '/', '@x ', 'static '], r) }];
    },
    // a character deleted inside a member
    (t, r) => {
      const at = inLine(t, MEMBER_LINE, r);
      return at < t.length && !/[\ud800-\udfff]/.test(t[at]) ? [{ start: at, end: at + 1, text: '' }] : [];
    },
    // a member added after a member
    (t, r) => {
      const starts = lineStarts(t, MEMBER_LINE);
      if (starts.length === 0) return [];
      const start = pick(starts, r);
      const line = pick(
        [
          '  extra = process.env.EXTRA || "x";',
          '  m2() { counter = 2; }',
          '  static { register(2); }',
          '  @register other() {}',
          '  ;',
          '  // a comment',
          '  get g() { return require("os"); }',
          '  inner = class { y = "postgres://a:b@c/d"; };',
        ],
        r,
      );
      return [{ start, end: start, text: `${line}\n` }];
    },
    // a member line removed
    (t, r) => {
      const starts = lineStarts(t, MEMBER_LINE);
      if (starts.length === 0) return [];
      const start = pick(starts, r);
      return [{ start, end: lineEnd(t, start), text: '' }];
    },
  ] as Edit[]
).map((edit) => (t: string, r: () => number) => [edit(t, r)]);

test('editing class members reuses the other members, with facts equal to full facts', () => {
  const before = classSpliceCount();
  let spliced = 0;
  for (let seed = 1; seed <= 12; seed++) {
    spliced += check('classes.ts', CLASSES, 30, 500 + seed, [...MEMBER_EDITS, ...EDITS.slice(0, 2)]);
  }
  assert.ok(spliced > 100, `only ${spliced} analyses reused statements`);
  const classes = classSpliceCount() - before;
  // Most member edits leave the class parseable, its name and the file's context alone.
  assert.ok(classes > 50, `only ${classes} analyses reused class members`);
});

test('typing in a method of the bench file reuses the class members', () => {
  const text = readFileSync(benchCorpora().bigTs, 'utf8');
  const from = text.indexOf('export class TestScheduler');
  const to = text.indexOf('\nexport ', from + 1);
  assert.ok(from >= 0 && to > from);
  // As the bench types: right after the name of a local declaration in a method.
  const typeInClass: Edit = (t, r) => {
    const spots: number[] = [];
    const re = /^\s+(?:const|let) [A-Za-z_$][\w$]*(?= = )/gm;
    for (let m = re.exec(t); m; m = re.exec(t)) if (m.index > from && m.index < to) spots.push(m.index + m[0].length);
    const at = pick(spots, r);
    return at === undefined ? [] : [{ start: at, end: at, text: 'a' }];
  };
  const before = classSpliceCount();
  const spliced = check('big.ts', text, 10, 11, [(t, r) => [typeInClass(t, r)]]);
  assert.ok(spliced >= 9, `only ${spliced} analyses reused statements`);
  assert.ok(classSpliceCount() - before >= 9, 'typing in a method of big.ts did not reuse the other members');
});
