// Incremental re-parsing of JavaScript/TypeScript in the language server
// (ts.updateSourceFile on the kept tree) must give exactly the facts a full
// parse gives, whatever one-character edits are typed, including ones that
// break the syntax and non-ASCII ones, where UTF-16 offsets matter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { extractFacts } from '../server/src/frontends';
import { extractJavaScriptIncremental } from '../server/src/frontends/javascript';
import { foldChange, matchesChange, type ChangedRange } from '../server/src/frontends/changedRange';
import { IncrementalParse } from '../server/src/lsp/incremental';

const SOURCE = `import express from 'express';
import { Pool } from 'pg';

const SECRET = 'sk_live_abcdef0123456789abcdef'; // café ✓ 😀
let cache: Record<string, unknown> = {};
const pool = new Pool({ connectionString: 'postgres://user:pw@db.example.com:5432/app' });

export function handler(req: { id: string }): Promise<unknown> {
  cache[req.id] = req;
  globalThis.counter = (globalThis.counter ?? 0) + 1;
  const url = \`https://api.example.com/\${req.id}\`;
  return fetch(url, { headers: { Authorization: 'Bearer ' + SECRET } });
}

class Settings {
  static DEBUG = process.env.DEBUG === '1';
  port = 8000;
  constructor(private readonly name = "svc") {}
}

const app = express();
app.listen(3000, () => console.log('listening on', process.env.PORT));
if (Settings.DEBUG) { require('fs').writeFileSync('/var/run/app.pid', String(process.pid)); }
`;

/** What a test compares: every fact, Maps and Sets as arrays. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (v instanceof Map || v instanceof Set ? [...v] : v)));
}

interface Edit {
  /** Where, as a fraction of the text's length. */
  at: number;
  kind: 'insert' | 'delete' | 'replace';
  ch: string;
}

const CHARS = [
  'a',
  'Z',
  '_',
  '0',
  ' ',
  '\n',
  '"',
  "'",
  '`',
  '{',
  '}',
  '(',
  ')',
  ';',
  ',',
  '.',
  '=',
  '/',
  '*',
  '<',
  'é',
  '😀',
];

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  kind: fc.constantFrom('insert', 'delete', 'replace'),
  ch: fc.constantFrom(...CHARS),
});

/** The edit as [start, end) of `text` replaced by `insert`. */
function locate(text: string, edit: Edit): { start: number; end: number; insert: string } {
  const start = Math.min(text.length, Math.floor(edit.at * (text.length + 1)));
  const end = edit.kind === 'insert' ? start : Math.min(text.length, start + 1);
  return { start, end, insert: edit.kind === 'delete' ? '' : edit.ch };
}

function apply(text: string, e: { start: number; end: number; insert: string }): string {
  return text.slice(0, e.start) + e.insert + text.slice(e.end);
}

test('incremental facts of a TypeScript file equal a full parse after random one-character edits', () => {
  // Edits are grouped: a group is one didChange notification with one or more changes.
  const groupsArb = fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 25 });
  fc.assert(
    fc.property(groupsArb, fc.constantFrom('a.ts', 'a.tsx', 'a.js'), (groups, path) => {
      const language = path.endsWith('.js') ? 'javascript' : 'typescript';
      const parse = new IncrementalParse();
      let doc = TextDocument.create(`file:///${path}`, language, 1, SOURCE);
      assert.deepEqual(plain(parse.facts(SOURCE, path, language)), plain(extractFacts(language, SOURCE, path)));
      for (const [i, group] of groups.entries()) {
        let text = doc.getText();
        const changes: TextDocumentContentChangeEvent[] = [];
        for (const edit of group) {
          const e = locate(text, edit);
          const scratch = TextDocument.create('file:///scratch', language, 0, text);
          changes.push({
            range: { start: scratch.positionAt(e.start), end: scratch.positionAt(e.end) },
            text: e.insert,
          });
          text = apply(text, e);
        }
        parse.edit(doc, changes);
        doc = TextDocument.update(doc, changes, doc.version + 1);
        assert.equal(doc.getText(), text);
        // Some notifications arrive before the analysis of the previous one ran.
        if (i % 3 === 1 && i < groups.length - 1) continue;
        const incremental = parse.facts(text, path, language);
        assert.deepEqual(plain(incremental), plain(extractFacts(language, text, path)), `group ${i}`);
      }
      parse.dispose();
    }),
    { seed: 4242, numRuns: 40 },
  );
});

test('folded edit ranges explain the text and ts.updateSourceFile on them gives the full-parse facts', () => {
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 12 }), (edits) => {
      const first = extractJavaScriptIncremental(SOURCE, 'a.ts', 'typescript');
      assert.ok(first.sourceFile, 'a tree to update');
      let text = SOURCE;
      let range: ChangedRange | undefined;
      for (const edit of edits) {
        const e = locate(text, edit);
        range = foldChange(range, e.start, e.end, e.insert.length);
        text = apply(text, e);
      }
      assert.ok(range && matchesChange(SOURCE, text, range), JSON.stringify(range));
      const change = {
        span: { start: range.start, length: range.oldEnd - range.start },
        newLength: range.newEnd - range.start,
      };
      const updated = extractJavaScriptIncremental(text, 'a.ts', 'typescript', first.sourceFile, change);
      assert.equal(updated.sourceFile?.text, text);
      assert.deepEqual(plain(updated.facts), plain(extractFacts('typescript', text, 'a.ts')));
    }),
    { seed: 1717, numRuns: 60 },
  );
});

test('a text the edits do not explain is not taken for an edit', () => {
  assert.equal(matchesChange('abcdef', 'abXdef', { start: 2, oldEnd: 3, newEnd: 3 }), true);
  assert.equal(matchesChange('abcdef', 'abXdeg', { start: 2, oldEnd: 3, newEnd: 3 }), false);
  assert.equal(matchesChange('abcdef', 'aXcdef', { start: 2, oldEnd: 3, newEnd: 3 }), false);
  assert.equal(matchesChange('abcdef', 'abXXdef', { start: 2, oldEnd: 3, newEnd: 3 }), false);
});
