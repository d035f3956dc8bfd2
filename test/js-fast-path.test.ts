// The batch path's comments come from one scanner pass (frontends/js/scanComments.ts),
// not from typescript-estree's token walk (`comment: true`). Oracle: for every
// rule fixture, example and inline case, and every file of the JS bench corpus
// when it is present, the comments and the facts are exactly those of the full
// conversion; and the fast path is really taken.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from '@typescript-eslint/typescript-estree';
import type * as ts from 'typescript';
import { extractJavaScript, factsOfProgram } from '../server/src/frontends/javascript';
import { buildSource, PARSE_OPTIONS, scriptKind } from '../server/src/frontends/js/parser';
import { scanComments } from '../server/src/frontends/js/scanComments';
import { shouldSkipText } from '../server/src/frontends/skip';
import { CORPUS_PATHS } from './support/corpora';

const ROOT = join(__dirname, '..');
const JS = /\.(?:[cm]?[jt]sx?)$/;

interface Source {
  path: string;
  text: string;
}

function sources(dir: string): Source[] {
  const out: Source[] = [];
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (JS.test(e.name) && !/\.fixed\./.test(e.name)) out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  visit(dir);
  return out;
}

const language = (path: string): 'javascript' | 'typescript' =>
  /\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript';

/** typescript-estree's own conversion, comments included, of a tree without parse diagnostics. */
function fullConversion(source: ts.SourceFile) {
  return parse(source as never, PARSE_OPTIONS);
}

interface Outcome {
  /** Files whose comments the scanner found (the fast path). */
  scanned: number;
  /** Files left to typescript-estree's comment list (JSX, syntax errors). */
  fallback: number;
}

/** Asserts, file by file, that the fast path's comments and facts are the full conversion's. */
function checkAll(files: readonly Source[]): Outcome {
  const outcome: Outcome = { scanned: 0, fallback: 0 };
  for (const { path, text } of files) {
    if (shouldSkipText(text, path)) continue;
    const lang = language(path);
    const source = buildSource(text, path, scriptKind(path, lang));
    const clean = source && (source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
    if (!source || !clean) {
      outcome.fallback++;
      continue;
    }
    const scanned = scanComments(source);
    const full = fullConversion(source);
    if (!scanned) outcome.fallback++;
    else {
      outcome.scanned++;
      assert.deepStrictEqual(scanned, full.comments, `${path}: comments`);
    }
    const reference = factsOfProgram(text, path, lang, { program: full, syntaxErrors: false });
    assert.deepStrictEqual(extractJavaScript(text, path, lang), reference, `${path}: facts`);
  }
  return outcome;
}

const CASES: Source[] = [
  {
    path: 'regex.js',
    text: 'const a = x / 2 /* half */, b = /\\/\\/ not a comment/g; // after\nconst c = a /= 3; /re/.test(b);\n',
  },
  { path: 'template.ts', text: 'const t = `a ${/* in */ x} // not ${`inner ${y /* deep */}`} b`; // end\n' },
  { path: 'tagged.js', text: 'sql`select ${a} -- ${b}`; /* block\n over lines */\n' },
  { path: 'shebang.js', text: '#!/usr/bin/env node\n// first\n/** doc */ function f() { return 1 } // tail' },
  { path: 'division.js', text: 'const ratio = total / count / 2; // two divisions\nlet r = a\n/ b; /* split */' },
  { path: 'nocomment.ts', text: 'export const a: number = 1;\n' },
  {
    path: 'jsdoc.ts',
    text: '/**\n * @param x {@link Y} // not a line comment\n */\nexport function f(x: number) {}\n',
  },
  {
    path: 'regex-class.js',
    text: 'const r = /[/]\\/*x/; // after a regex holding /*\nconst s = "/* in a string */";\n',
  },
  // JSX: typescript-estree's list (the scanner does not read JSX text).
  { path: 'view.jsx', text: 'const v = <div>// text, not a comment {/* a comment */}</div>; // after\n' },
  // A syntax error: typescript-estree's list.
  { path: 'broken.js', text: 'const a = {{ ( // open\nfunction f() {}\n' },
];

test('fast path = full conversion on the rule fixtures, the examples and inline cases (and the path is taken)', () => {
  const files = [...sources(join(ROOT, 'server', 'src', 'rules')), ...sources(join(ROOT, 'examples')), ...CASES];
  const outcome = checkAll(files);
  assert.ok(outcome.scanned >= 50, `the scanner found the comments of ${outcome.scanned} files`);
  assert.ok(outcome.fallback >= 2, 'JSX and the syntax error took typescript-estree’s list');
});

test('the scanner finds what typescript-estree finds around regexes and templates', () => {
  for (const c of CASES.slice(0, 8)) {
    const source = buildSource(c.text, c.path, scriptKind(c.path, language(c.path)));
    assert.ok(source);
    const scanned = scanComments(source);
    assert.ok(scanned, c.path);
    assert.deepStrictEqual(scanned, fullConversion(source).comments, c.path);
  }
  const jsx = buildSource(CASES[8].text, CASES[8].path, scriptKind(CASES[8].path, 'javascript'));
  assert.ok(jsx);
  assert.equal(scanComments(jsx), undefined, 'JSX is left to typescript-estree');
});

const corpus = CORPUS_PATHS.js;
test(
  'fast path = full conversion on every file of the JS bench corpus',
  { skip: existsSync(corpus) ? false : `${corpus} is absent (node bench/fetch-corpora.mjs fetches it)` },
  () => {
    const outcome = checkAll(sources(corpus));
    assert.ok(outcome.scanned > 500, `the scanner found the comments of ${outcome.scanned} corpus files`);
  },
);
