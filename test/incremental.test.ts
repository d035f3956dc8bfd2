// Incremental re-parsing in the language server must give exactly the facts
// a full parse gives, whatever the edits (including multi-line and
// non-ASCII ones, where UTF-16 offsets matter).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { initParsers } from '../server/src/engine/engine';
import { extractFacts } from '../server/src/frontends';
import { IncrementalParse, WARM_DOCUMENTS } from '../server/src/lsp/incremental';
import { plain } from './support/editOracle';

const SOURCE = `import os
import requests

CACHE = {}
SECRET = "sk_live_abcdef0123456789abcdef"  # café ✓ 😀


def handler(request):
    CACHE[request.id] = request
    url = "postgres://user:pw@db.example.com:5432/app"
    return requests.get(url)


class Settings:
    DEBUG = os.environ.get("DEBUG") == "1"
    PORT = 8000
`;

function lineOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  return { line, character: lines[line].indexOf(needle) };
}

test('edited trees re-parse to the facts of a full parse', async () => {
  await initParsers();
  const parse = new IncrementalParse();
  let doc = TextDocument.create('file:///a.py', 'python', 1, SOURCE);
  assert.deepEqual(plain(parse.facts(doc.getText(), 'a.py', 'python')), plain(extractFacts('python', SOURCE, 'a.py')));
  const edits: ((text: string) => TextDocumentContentChangeEvent[])[] = [
    // one character typed after an emoji (a surrogate pair) on the same line
    (t) => {
      const p = lineOf(t, '😀');
      const at = { line: p.line, character: p.character + 2 };
      return [{ range: { start: at, end: at }, text: '!' }];
    },
    // a multi-line insertion in a function body
    (t) => {
      const p = lineOf(t, 'return requests');
      return [{ range: { start: p, end: p }, text: 'token = "ghp_0123456789abcdefABCDEF0123456789abcd"\n    ' }];
    },
    // a deletion across lines, then a replacement, in one notification
    (t) => {
      const a = lineOf(t, 'class Settings');
      const b = lineOf(t, 'PORT = 8000');
      const c = lineOf(t, 'CACHE = {}');
      return [
        { range: { start: { line: b.line, character: 0 }, end: { line: b.line + 1, character: 0 } }, text: '' },
        { range: { start: a, end: { line: a.line, character: a.character + 5 } }, text: 'def' },
        { range: { start: c, end: { line: c.line, character: c.character + 5 } }, text: 'STORE' },
      ];
    },
    // a syntax error, then its repair
    (t) => {
      const p = lineOf(t, 'def handler');
      return [{ range: { start: p, end: p }, text: '((' }];
    },
    (t) => {
      const p = lineOf(t, '((def handler');
      return [{ range: { start: p, end: { line: p.line, character: p.character + 2 } }, text: '' }];
    },
  ];
  for (const [i, make] of edits.entries()) {
    const changes = make(doc.getText());
    parse.edit(doc, changes);
    doc = TextDocument.update(doc, changes, doc.version + 1);
    const text = doc.getText();
    const incremental = parse.facts(text, 'a.py', 'python');
    assert.deepEqual(plain(incremental), plain(extractFacts('python', text, 'a.py')), `edit ${i}`);
  }
  parse.dispose();
});

test('readers of the analysed version reuse its facts instead of parsing again', () => {
  const parse = new IncrementalParse();
  const doc = TextDocument.create('file:///a.py', 'python', 1, 'X = 1\n');
  parse.facts(doc.getText(), 'a.py', 'python');
  const change = { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, text: '2' };
  parse.edit(doc, [change]);
  const text = 'X = 2\n';
  const analysed = parse.facts(text, 'a.py', 'python');
  assert.equal(parse.factsOf(text, 'a.py', 'python'), analysed, 'same text, path and language: the same facts');
  assert.notEqual(parse.factsOf('X = 3\n', 'a.py', 'python'), analysed);
  assert.notEqual(parse.factsOf(text, 'b.py', 'python'), analysed);
  parse.dispose();
});

test('the last few documents analysed keep their trees before their first edit; older ones release them', async () => {
  await initParsers();
  const parses = Array.from({ length: WARM_DOCUMENTS + 2 }, () => new IncrementalParse());
  const first = parses[0];
  first.facts(SOURCE, 'a.py', 'python');
  assert.ok(first.holdsTree, 'just opened: warm');
  // Typing right after opening re-parses incrementally, to the facts of a full parse.
  let doc = TextDocument.create('file:///a.py', 'python', 1, SOURCE);
  const at = lineOf(SOURCE, 'PORT = 8000');
  const changes = [{ range: { start: at, end: at }, text: 'X' }];
  first.edit(doc, changes);
  doc = TextDocument.update(doc, changes, 2);
  assert.deepEqual(
    plain(first.facts(doc.getText(), 'a.py', 'python')),
    plain(extractFacts('python', doc.getText(), 'a.py')),
  );
  // Opened-but-untouched documents beyond the bound release their trees; an edited one keeps its own.
  const second = parses[1];
  second.facts('A = 1\n', 'b.py', 'python');
  for (const [i, p] of parses.slice(2).entries()) p.facts(`C${i} = 1\n`, `c${i}.py`, 'python');
  assert.ok(first.holdsTree, 'being edited: keeps its tree');
  assert.ok(!second.holdsTree, 'untouched and no longer among the last analysed: released');
  assert.equal(second.factsOf('A = 1\n', 'b.py', 'python').assignments.length, 1, 'still answers, by a full parse');
  assert.ok(parses.at(-1)?.holdsTree);
  for (const p of parses) p.dispose();
  assert.ok(
    parses.every((p) => !p.holdsTree),
    'closing frees every tree',
  );
});
