// The server's copy of a document must be the client's, and its held parse
// trees must describe that copy, whatever the changes: reversed ranges, and
// edits that join or split a `\r\n` (LSP counts `\r\n` as one line break and
// a lone `\r` as one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { initParsers } from '../server/src/engine/engine';
import { extractFacts } from '../server/src/frontends';
import type { Language } from '../server/src/ir/types';
import { DocumentStore } from '../server/src/lsp/documents';
import { plain } from './support/editOracle';

const at = (line: number, character: number) => ({ line, character });

function store(uri: string, languageId: string, text: string) {
  const documents = new DocumentStore();
  documents.open({ textDocument: { uri, languageId, version: 1, text } });
  let version = 1;
  return {
    documents,
    change: (...contentChanges: TextDocumentContentChangeEvent[]) =>
      documents.change({ textDocument: { uri, version: ++version }, contentChanges }),
    text: () => documents.get(uri)!.document.getText(),
  };
}

test('an edit that joins "\\r" and "\\n" leaves one line break: later positions land where the client puts them', () => {
  const s = store('file:///a.js', 'javascript', 'const a = 1;\rX\nconst b = 2;\n');
  // The client deletes X (line 1): its text is now 'const a = 1;\r\nconst b = 2;\n', three lines.
  s.change({ range: { start: at(1, 0), end: at(1, 1) }, text: '' });
  assert.equal(s.text(), 'const a = 1;\r\nconst b = 2;\n');
  const doc = s.documents.get('file:///a.js')!.document;
  assert.equal(doc.lineCount, 3);
  // Line 1 is `const b = 2;` for the client.
  s.change({ range: { start: at(1, 0), end: at(1, 5) }, text: 'let' });
  assert.equal(s.text(), 'const a = 1;\r\nlet b = 2;\n');
  // Splitting the pair again: a lone '\r' ends line 0, 'Y\n' is line 1.
  s.change({ range: { start: at(0, 12), end: at(1, 0) }, text: '\rY\n' });
  assert.equal(s.text(), 'const a = 1;\rY\nlet b = 2;\n');
  assert.equal(s.documents.get('file:///a.js')!.document.lineCount, 4);
});

test('positions past a line, inside a "\\r\\n" or past the end clamp as LSP says', () => {
  const s = store('file:///a.py', 'python', 'ab\r\ncd\n');
  s.change({ range: { start: at(0, 3), end: at(0, 3) }, text: '!' }); // inside the pair: the end of line 0
  assert.equal(s.text(), 'ab!\r\ncd\n');
  s.change({ range: { start: at(1, 99), end: at(1, 99) }, text: '?' });
  assert.equal(s.text(), 'ab!\r\ncd?\n');
  s.change({ range: { start: at(9, 0), end: at(9, 4) }, text: 'z' });
  assert.equal(s.text(), 'ab!\r\ncd?\nz');
  s.change({ range: { start: at(-1, -1), end: at(0, 1) }, text: '' });
  assert.equal(s.text(), 'b!\r\ncd?\nz');
});

const SOURCES: [Language, string, string][] = [
  [
    'python',
    'a.py',
    'import os\n\nCACHE = {}\nTOKEN = "ghp_0123456789abcdefABCDEF0123456789abcd"\n\n\ndef f(x):\n    CACHE[x] = 1\n',
  ],
  [
    'typescript',
    'a.ts',
    'const cache = new Map();\nexport const token = "ghp_0123456789abcdefABCDEF0123456789abcd";\nexport function f(x: string) {\n  cache.set(x, 1);\n}\n',
  ],
];

/** `text` (lines ending in '\n' only) with [from, to) replaced, positions given as [line, character]. */
function replaced(text: string, from: [number, number], to: [number, number], by: string): string {
  const lines = text.split('\n');
  const offset = ([line, character]: [number, number]) =>
    lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + Math.min(character, lines[line].length);
  return text.slice(0, offset(from)) + by + text.slice(offset(to));
}

const reference = (source: string) => replaced(replaced(source, [0, 2], [1, 3], ''), [1, 5], [2, 9], 'STORE');

for (const [language, name, source] of SOURCES) {
  test(`${language}: a reversed range edits the text and the held tree alike`, async () => {
    await initParsers();
    const uri = `file:///${name}`;
    const s = store(uri, language, source);
    const state = s.documents.get(uri)!;
    state.parse.facts(s.text(), name, language);
    // A multi-line range written end first (the second change is in the offsets the first left).
    s.change(
      { range: { start: at(1, 3), end: at(0, 2) }, text: '' },
      { range: { start: at(2, 9), end: at(1, 5) }, text: 'STORE' },
    );
    const text = s.text();
    assert.ok(text.includes('STORE'), text);
    assert.equal(text, reference(source));
    assert.deepEqual(plain(state.parse.facts(text, name, language)), plain(extractFacts(language, text, name)));
  });
}
