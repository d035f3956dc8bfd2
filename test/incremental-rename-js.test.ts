// Renames of module-level names (frontends/js/signature.ts): typing into the
// name of a top-level const, function, class or import binding, and undoing
// it, walks again the statements that mention the old or the new name, and
// every analysis of the burst must give exactly the facts and findings of a
// full extraction of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { extractFacts, languageOf } from '../server/src/frontends';
import { extractJavaScriptSpliced } from '../server/src/frontends/javascript';
import { renameSpliceCount } from '../server/src/frontends/js/chunks';
import { IncrementalParse } from '../server/src/lsp/incremental';
import { editAndCheck, pick, plain, random, type Change } from './support/editOracle';
import { benchCorpora } from './support/corpora';

const ROOT = join(__dirname, '..');

/** Module-level names of every kind, used (and shadowed, and declared twice) across statements. */
const NAMES = [
  "import { exec, spawn as run } from 'child_process';",
  "import fs from 'fs';",
  "import * as os from 'os';",
  "const cp = require('child_process');",
  "const { execSync: sync, fork } = require('child_process');",
  'const cache = new Map();',
  'let counter = 0;',
  'var total = 0, other = {};',
  'var total = 1;',
  'const url = process.env.DB_URL || "postgres://u:p@h/db";',
  'const secret = "sk_live_0123456789abcdefghij";',
  'const \\u0061lias = cache;',
  'export const port = 8080;',
  'function setup() { counter = 1; cache.set("k", 1); return exec("ls"); }',
  'function overload(a: string): void;',
  'function overload(a: unknown) { return a; }',
  'export function start() { total += 1; other.x = 1; run("x"); sync("y"); fork("z"); }',
  'async function* gen() { yield os.hostname(); }',
  'class Service { static url = url; go() { counter++; return fs.readFileSync(url); } }',
  'export class Store { data = cache; put(k: string) { alias.set(k, 1); } }',
  'export default class { run() { const counter = 2; return counter; } }',
  'function shadow(cache: Map<string, number>) { cache.set("a", 1); }',
  'function escaped() { \\u0063ounter++; return \\u{63}ache.set("e", 1); }',
  'function later() { const os = require("os"); return os.platform(); }',
  'setup();',
  'start();',
  'app.listen(port);',
  "const app = require('express')();",
  'export { counter, cache as store };',
  'export default setup;',
  '// setup counter cache: a comment',
  '',
].join('\n');

/** Where the name of a top-level declaration or import binding ends, and where it starts. */
function nameSpots(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const decl =
    /^(?:export\s+(?:default\s+)?)?(?:(?:const|let|var)\s+\{?\s*|(?:async\s+)?function\*?\s+|(?:abstract\s+)?class\s+)([A-Za-z_$][\w$]*)/gm;
  for (let m = decl.exec(text); m; m = decl.exec(text)) {
    const end = m.index + m[0].length;
    out.push({ start: end - m[1].length, end });
  }
  const imports = /^import\s+([^'"]*?)\s+from\s/gm;
  for (let m = imports.exec(text); m; m = imports.exec(text)) {
    const word = /[A-Za-z_$][\w$]*/g;
    for (let w = word.exec(m[1]); w; w = word.exec(m[1])) {
      if (w[0] === 'as' || w[0] === 'type') continue;
      const start = m.index + m[0].indexOf(m[1]) + w.index;
      out.push({ start, end: start + w[0].length });
    }
  }
  return out;
}

/**
 * One burst of notifications in a name: characters typed at its end (or in
 * it) and deleted again, or one of its characters deleted and typed again.
 */
function renameBurst(text: string, rnd: () => number): Change[][] {
  const spot = pick(nameSpots(text), rnd);
  if (!spot) return [];
  const steps: Change[][] = [];
  if (rnd() < 0.25 && spot.end - spot.start > 1) {
    const at = spot.start + Math.floor(rnd() * (spot.end - spot.start));
    const ch = text[at];
    steps.push([{ start: at, end: at + 1, text: '' }], [{ start: at, end: at, text: ch }]);
    return steps;
  }
  const at = rnd() < 0.7 ? spot.end : spot.start + Math.floor(rnd() * (spot.end - spot.start + 1));
  const typed = pick(['abc', 'X', 'e', '_1', '$'], rnd);
  for (let k = 0; k < typed.length; k++) steps.push([{ start: at + k, end: at + k, text: typed[k] }]);
  for (let k = typed.length - 1; k >= 0; k--) steps.push([{ start: at + k, end: at + k + 1, text: '' }]);
  return steps;
}

/** `bursts` rename bursts in `source`, each step checked against a full extraction; the analyses that spliced. */
function checkRenames(name: string, source: string, bursts: number, seed: number): number {
  const language = languageOf(name);
  assert.ok(language && language !== 'python', name);
  const rnd = random(seed);
  const parse = new IncrementalParse();
  let doc = TextDocument.create(`file:///${name}`, language, 1, source);
  parse.edit(doc, []);
  parse.facts(source, name, language);
  let spliced = 0;
  for (let b = 0; b < bursts; b++) {
    for (const [s, step] of renameBurst(doc.getText(), rnd).entries()) {
      const next = editAndCheck(parse, doc, step, name, `${name}: burst ${b} step ${s} (seed ${seed})`);
      if (!next) continue;
      doc = next;
      if (parse.lastSpliced) spliced++;
    }
  }
  parse.dispose();
  assert.equal(doc.getText(), source, `${name}: every burst is undone`);
  return spliced;
}

test('renaming module-level names of every kind and undoing it gives the facts of a full extraction', () => {
  const before = renameSpliceCount();
  let spliced = 0;
  for (let seed = 1; seed <= 40; seed++) spliced += checkRenames('names.ts', NAMES, 4, 900 + seed);
  for (let seed = 1; seed <= 10; seed++)
    spliced += checkRenames('names.js', NAMES.replace(/: \w+(?=[),])/g, ''), 3, 950 + seed);
  assert.ok(spliced > 300, `only ${spliced} analyses reused statements`);
  assert.ok(renameSpliceCount() - before > 100, 'renames did not walk again only the statements mentioning the names');
});

test('renames in the rule fixtures and the keystroke bench file give the facts of a full extraction', () => {
  const dir = join(ROOT, 'server', 'src', 'rules');
  const fixtures = readdirSync(dir).flatMap((rule) => {
    const f = join(dir, rule, 'fixtures');
    return existsSync(f)
      ? readdirSync(f)
          .filter((n) => /\.[cm]?[jt]sx?$/.test(n))
          .map((n) => join(f, n))
      : [];
  });
  assert.ok(fixtures.length > 10);
  for (const [i, file] of fixtures.entries())
    checkRenames(file.slice(dir.length + 1), readFileSync(file, 'utf8'), 3, i + 1);
  const spliced = checkRenames('big.ts', readFileSync(benchCorpora().bigTs, 'utf8'), 4, 77);
  assert.ok(spliced >= 12, `only ${spliced} analyses of big.ts reused statements`);
});

test('renaming a const walks again only the statements that mention the old or the new name', () => {
  const text = [
    'const url = "postgres://u:p@h/db";',
    'function a() { return url; }',
    'function b() { return 1; }',
    'function c() { return urlx; }',
    'export { url };',
    '',
  ].join('\n');
  const first = extractJavaScriptSpliced(text, 'a.ts', 'typescript');
  const held = first.state?.chunks?.chunks;
  assert.ok(first.state && held && held.length === 5);
  const at = text.indexOf(' = ');
  const after = `${text.slice(0, at)}x${text.slice(at)}`;
  const second = extractJavaScriptSpliced(after, 'a.ts', 'typescript', {
    state: first.state,
    change: { start: at, oldEnd: at, newEnd: at + 1 },
  });
  assert.ok(second.spliced, 'a rename fell back to a whole-file walk');
  const chunks = second.state?.chunks?.chunks ?? [];
  // `b` mentions neither name: reused; `a`, `c` and the export mention one: walked again.
  assert.deepEqual(
    held.map((c) => chunks.includes(c)),
    [false, false, true, false, false],
  );
  assert.deepEqual(plain(second.facts), plain(extractFacts('typescript', after, 'a.ts')));
});
