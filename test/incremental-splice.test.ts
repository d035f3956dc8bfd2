// Statement-level reuse of Python facts (frontends/splice.ts, frontends/py/chunks.ts):
// after any sequence of edits applied through the language server's
// IncrementalParse, the facts and the findings must be exactly those of a
// full extraction of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initParsers } from '../server/src/engine/engine';
import { extractFacts } from '../server/src/frontends';
import { parsePython } from '../server/src/frontends/python';
import { chunkedFacts } from '../server/src/frontends/py/chunks';
import { editWindow } from '../server/src/frontends/splice';
import { IncrementalParse } from '../server/src/lsp/incremental';
import { benchCorpora } from './support/corpora';
import {
  editAndCheck,
  type Edit,
  inLine,
  lineEnd,
  lineStarts,
  pick,
  plain,
  commonEdits,
  topLevelLine,
  twoChanges,
  random,
} from './support/editOracle';

const ROOT = join(__dirname, '..');

const CHARS = ['a', 'x', ' ', '\n', '(', ')', '"', "'", ':', '#', '=', '.', ',', '[', '\\', '    ', 'é', '😀'];

const EDITS: Edit[] = [
  ...commonEdits(CHARS),
  // typing inside a string
  (t, r) => {
    const at = inLine(t, /["']/, r);
    const quote = t.indexOf('"', at);
    const p = quote === -1 ? at : quote + 1;
    return [{ start: p, end: p, text: pick(['k', '{', 'postgres://u:p@h/db', '"'], r) }];
  },
  // typing in an import
  (t, r) => {
    const at = inLine(t, /^\s*(?:import|from)\s/, r);
    return [{ start: at, end: at, text: pick(['x', ' ', ',', 'os', '\n'], r) }];
  },
  // typing in a function body
  (t, r) => {
    const starts = lineStarts(t, /^\s+\S/);
    if (starts.length === 0) return [];
    const start = pick(starts, r);
    const indent = /^\s*/.exec(t.slice(start))?.[0] ?? '';
    const line = pick(
      ['CACHE = {}', 'global CACHE', 'CACHE.append(1)', 'x = os.environ["A"]', 'print("a")', 'return 1', '@x'],
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
      : [{ start: at, end: at, text: pick(['\n', ' ', 'x'], r) }];
  },
  // a module-level statement that changes file-level context
  topLevelLine([
    'import os\n',
    'CACHE = {}\n',
    'CACHE = []\n',
    'setup()\n',
    '"""doc"""\n',
    'def setup():\n    pass\n',
    '@register\n',
  ]),
  // a top-level class renamed, or its bases or decorators edited (its body statements' scope names it)
  (t, r) => {
    const starts = lineStarts(t, /^(?:class\s|@)/);
    if (starts.length === 0) return [];
    const start = pick(starts, r);
    const at = t.startsWith('class ', start) ? start + 6 : lineEnd(t, start) - 1;
    return [{ start: at, end: at, text: pick(['Z', '(', '(object)', ' ', ':'], r) }];
  },
  // several changes in one notification (later ones in offsets after the earlier ones)
  twoChanges(CHARS),
];

/** Edits `source` `count` times through an IncrementalParse, checking each analysis against a full one. */
function check(name: string, source: string, count: number, seed: number): void {
  const rnd = random(seed);
  const parse = new IncrementalParse();
  let doc = TextDocument.create(`file:///${name}`, 'python', 1, source);
  parse.facts(source, name, 'python');
  for (let i = 0; i < count; i++) {
    const kind = i % EDITS.length;
    const where = `${name}: edit ${i} (kind ${kind}, seed ${seed})`;
    doc = editAndCheck(parse, doc, EDITS[kind](doc.getText(), rnd), name, where) ?? doc;
  }
  parse.dispose();
}

function pyFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== '__pycache__') pyFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
  }
  return out;
}

test('incremental facts equal full facts over edits of every Python rule fixture', async () => {
  await initParsers();
  const dir = join(ROOT, 'server', 'src', 'rules');
  const fixtures = readdirSync(dir).flatMap((rule) => {
    const f = join(dir, rule, 'fixtures');
    return existsSync(f) ? pyFiles(f) : [];
  });
  assert.ok(fixtures.length > 10);
  for (const [i, file] of fixtures.entries()) check(file.slice(dir.length + 1), readFileSync(file, 'utf8'), 30, i + 1);
});

test('incremental facts equal full facts over edits of Django files', async () => {
  const DJANGO = benchCorpora().django;
  await initParsers();
  const all = pyFiles(DJANGO)
    .map((p) => ({ p, size: statSync(p).size }))
    .sort((a, b) => b.size - a.size || a.p.localeCompare(b.p));
  // The three biggest, and a spread of the rest.
  const sample = [...all.slice(0, 3), ...all.slice(3).filter((_, i) => i % 64 === 0)].slice(0, 16);
  for (const [i, { p }] of sample.entries())
    check(p.slice(DJANGO.length + 1), readFileSync(p, 'utf8'), i < 3 ? 20 : 12, 100 + i);
});

test('incremental facts equal full facts over edits of the keystroke bench file', async () => {
  await initParsers();
  check('big.py', readFileSync(benchCorpora().bigPy, 'utf8'), 16, 7);
});

test('statements the edit did not touch keep their facts; a changed import walks everything again', async () => {
  await initParsers();
  const before =
    'import os\n\n\ndef a():\n    return os.getenv("A")\n\n\ndef b():\n    x = 1\n\n\ndef c():\n    pass\n';
  const tree1 = parsePython(before);
  const first = chunkedFacts(tree1, before, 'a.py');
  const [imp, defA, defB, defC] = first.chunks;
  assert.ok(imp && defA && defB && defC);
  // Typing in b's body: a and c (and the import) are reused, c moved by one.
  const at = before.indexOf('x = 1') + 1;
  const after = `${before.slice(0, at)}y${before.slice(at)}`;
  tree1.edit({
    startIndex: at,
    oldEndIndex: at,
    newEndIndex: at + 1,
    startPosition: { row: 8, column: 5 },
    oldEndPosition: { row: 8, column: 5 },
    newEndPosition: { row: 8, column: 6 },
  });
  const tree2 = parsePython(after, tree1);
  const window = editWindow(before, after, { start: at, oldEnd: at, newEnd: at + 1 });
  const second = chunkedFacts(tree2, after, 'a.py', first.chunks, window);
  assert.ok(second.chunks.includes(defA) && second.chunks.includes(defC) && second.chunks.includes(imp));
  assert.ok(!second.chunks.includes(defB));
  assert.deepEqual(plain(second.facts), plain(extractFacts('python', after, 'a.py')));
  // An import typed into a function body changes name resolution: nothing is reused.
  const p = after.indexOf('pass');
  const third = `${after.slice(0, p)}import sys${after.slice(p + 4)}`;
  const tree3 = parsePython(third);
  const w3 = editWindow(after, third, { start: p, oldEnd: p + 4, newEnd: p + 10 });
  const reparsed = chunkedFacts(tree3, third, 'a.py', second.chunks, w3);
  assert.ok(!reparsed.chunks.some((c) => first.chunks.includes(c) || second.chunks.includes(c)));
  assert.deepEqual(plain(reparsed.facts), plain(extractFacts('python', third, 'a.py')));
  for (const t of [tree1, tree2, tree3]) t.delete();
});

test('a decorated class renamed on its second line gives its body the new name', async () => {
  await initParsers();
  const source =
    '@dataclass\nclass Settings:\n    URL = "redis://cache:6379"\n\n    def m(self):\n        return "x"\n';
  const parse = new IncrementalParse();
  let doc = TextDocument.create('file:///c.py', 'python', 1, source);
  parse.facts(source, 'c.py', 'python');
  for (const [line, character, text] of [
    [2, 4, '# note\n    '],
    [1, 14, 'Base'],
    [1, 6, 'My'],
  ] as const) {
    const at = { line, character };
    const changes = [{ range: { start: at, end: at }, text }];
    parse.edit(doc, changes);
    doc = TextDocument.update(doc, changes, doc.version + 1);
    const facts = parse.facts(doc.getText(), 'c.py', 'python');
    assert.deepEqual(plain(facts), plain(extractFacts('python', doc.getText(), 'c.py')), doc.getText());
  }
  assert.ok(doc.getText().includes('class MySettingsBase:'));
  parse.dispose();
});
