// A file with many top-level statements is converted to ESTree a slice of
// statements at a time (frontends/js/pieces.ts): the tree must be exactly the one
// typescript-estree gives for the whole file, and its cost linear in the
// number of exports (the whole conversion scans the file for each one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';
import { convertInPieces, PIECEWISE_FROM } from '../server/src/frontends/js/pieces';
import { PARSE_OPTIONS, parseProgram } from '../server/src/frontends/js/parser';

const TS_UNIT = (i: number) => `/** doc ${i} */
export function f${i}(a: number): number { return a + ${i}; } // after f${i}
export const a${i} = ${i}, b${i} = \`t\${a${i}}\`;
import d${i} from 'dep${i}';
export { a${i} as c${i} };
export * from './m${i}';
/* block ${i} */ class C${i} { /* inside */ m() { return this; } static s = ${i}; }
export class D${i} extends C${i} {}
interface I${i} { a: string }
enum E${i} { A, B }
type T${i} = string | number;
declare module 'mod${i}' { export const z: number; }
namespace N${i} { export const q = ${i}; }
export const el${i} = <div data-i="${i}">{a${i}}</div>;
`;

const JS_UNIT = (i: number) => `// line ${i}
export async function* g${i}() { yield ${i}; }
export let v${i} = { k: ${i}, [\`x\${${i}}\`]: /re${i}/g };
const { p${i}, ...rest${i} } = require('r${i}');
module.exports.m${i} = () => v${i};
"not a directive ${i}";
`;

function file(unit: (i: number) => string, head: string, tail: string): string {
  const parts = [head];
  for (let i = 0; parts.length * 6 < PIECEWISE_FROM * 1.5; i++) parts.push(unit(i));
  return parts.join('') + tail;
}

const CASES: [string, string, ts.ScriptKind][] = [
  [
    'TypeScript with directives, JSX and a comment after the last statement',
    file(TS_UNIT, '\'use strict\';\n"use client";\n', 'export default 1; // same line\n/* last */\n// very last'),
    ts.ScriptKind.TSX,
  ],
  [
    'JavaScript with a shebang',
    file(JS_UNIT, '#!/usr/bin/env node\n// first\n', 'exports.done = true;\n'),
    ts.ScriptKind.JS,
  ],
  [
    'JavaScript with a syntax error in the middle',
    file(JS_UNIT, '', '').replace('export let v500 = {', 'export let v500 = {{ ('),
    ts.ScriptKind.JS,
  ],
];

function whole(source: ts.SourceFile): unknown {
  const view = source as unknown as { parseDiagnostics: unknown[] };
  const diagnostics = view.parseDiagnostics;
  view.parseDiagnostics = [];
  try {
    return parse(source as never, PARSE_OPTIONS);
  } finally {
    view.parseDiagnostics = diagnostics;
  }
}

for (const [label, text, kind] of CASES) {
  test(`piecewise conversion equals the whole one: ${label}`, () => {
    const source = ts.createSourceFile('f', text, ts.ScriptTarget.Latest, true, kind);
    assert.ok(source.statements.length >= PIECEWISE_FROM, `${source.statements.length} statements`);
    const pieces = convertInPieces(source);
    assert.ok(pieces, 'converted in pieces');
    assert.deepStrictEqual(pieces, whole(source));
  });
}

test('a file of few statements is converted whole', () => {
  const source = ts.createSourceFile('f.ts', 'export const a = 1;\n', ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  assert.equal(convertInPieces(source), undefined);
});

test('exports cost linear time: 8x the exports take well under 8x squared the time', () => {
  const exportsOf = (n: number) => Array.from({ length: n }, (_, i) => `export const a${i} = ${i};`).join('\n');
  const time = (n: number) => {
    const text = exportsOf(n);
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      const parsed = parseProgram(text, 'x.ts', 'typescript');
      best = Math.min(best, performance.now() - t0);
      assert.equal(parsed.program?.body.length, n);
    }
    return best;
  };
  const small = time(4000);
  const big = time(32000);
  // Linear is 8x; the quadratic conversion was over 20x here.
  assert.ok(big < small * 16, `4000 exports: ${Math.round(small)} ms, 32000: ${Math.round(big)} ms`);
});
