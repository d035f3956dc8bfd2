// Seeded edit-sequence fuzzing of the built server over stdio. Random
// incremental edits, well- and ill-formed (reversed ranges, positions past a
// line or the text, inside a `\r\n`, inside a surrogate pair), over Python
// and TypeScript documents with findings and mixed line breaks, in batched
// notifications. After each batch the client's own copy (test/support/
// clientText.ts, the LSP spec) is analysed afresh: the pulled diagnostics
// must be that analysis (or, while the text does not parse, contain it: the
// server keeps the last good findings meanwhile, see lsp/carry.ts), and no
// returned WorkspaceEdit may have overlapping ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type CodeAction,
  type Diagnostic,
  type Position,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import type { Language } from '../server/src/ir/types';
import { OFF_THREAD_MIN_CHARS } from '../server/src/lsp/offThread';
import { applyChange, changeBetween, linesOf, offsetsOf } from './support/clientText';
import { random } from './support/editOracle';
import { PULL_CAPABILITIES, pullFull, startLspInTempRoot } from './support/lspSession';

const SEED = Number(process.env.TF_EDIT_FUZZ_SEED ?? 1);
const RULES = join(__dirname, '..', 'server', 'src', 'rules');

const SMALL: [Language, string, string][] = [
  ['python', 'settings.py', readFileSync(join(RULES, 'hardcoded-secret', 'fixtures', 'django_settings.py'), 'utf8')],
  ['typescript', 'config.ts', readFileSync(join(RULES, 'hardcoded-secret', 'fixtures', 'nest_config.ts'), 'utf8')],
];

/** Harmless code around the seed, past OFF_THREAD_MIN_CHARS: the document is analysed by the worker, sent edits. */
function padded(language: Language, text: string): string {
  const pad = (from: number) =>
    Array.from({ length: 1600 }, (_, i) =>
      language === 'python'
        ? `def pad_${from + i}(x):\n    return x + ${i}\n`
        : `function pad${from + i}(x: number): number {\n  return x + ${i};\n}\n`,
    ).join('');
  const out = pad(0) + text + pad(1600);
  assert.ok(out.length >= OFF_THREAD_MIN_CHARS);
  return out;
}

const SEEDS: [Language, string, string, number][] = [
  ...SMALL.map(([l, n, t]): [Language, string, string, number] => [l, n, t, 60]),
  // Fewer batches for the large ones: a full analysis of 100,000 characters of half-typed TypeScript takes 0.5 s here.
  ...SMALL.map(([l, n, t]): [Language, string, string, number] => [
    l,
    `large_${n}`,
    padded(l, t),
    l === 'python' ? 20 : 8,
  ]),
];

type Rnd = () => number;
const pick = <T>(items: readonly T[], r: Rnd): T => items[Math.floor(r() * items.length)];
const int = (n: number, r: Rnd) => Math.floor(r() * n);

/** The seed with each line break redrawn from \n, \r\n and \r, and an emoji in a comment. */
function mixLineBreaks(text: string, r: Rnd): string {
  return text.replace(/\r\n|\r|\n/g, () => pick(['\n', '\n', '\r\n', '\r'], r)).replace(/(#|\/\/) /, '$1 😀 ');
}

const STATEMENT: Record<Language, string[]> = {
  python: ['TOKEN = "ghp_0123456789abcdefABCDEF0123456789abcd"', 'PORT = 8000', 'x = 1', 'CACHE = {}'],
  typescript: ['const token = "ghp_0123456789abcdefABCDEF0123456789abcd";', 'const port = 8000;', 'let x = 1;'],
  javascript: [],
};
const SCRAPS = ['', 'a', '"', '\r', '\n', '\r\n', '😀', '\ud83d', '(', 'x = ', ' '];

/** One content change for `text`: mostly ordinary edits, many of them malformed. */
function change(text: string, language: Language, r: Rnd): TextDocumentContentChangeEvent {
  const lines = linesOf(text);
  const eol = (i: number) => text.slice(lines[i].end, lines[i + 1]?.start ?? text.length);
  const line = int(lines.length, r);
  const len = lines[line].end - lines[line].start;
  const pos = (l: number, c: number): Position => ({ line: l, character: c });
  const range = (a: Position, b: Position) => (r() < 0.3 ? { start: b, end: a } : { start: a, end: b });
  switch (int(7, r)) {
    case 0: {
      // A line break redrawn: joining a lone \r with the \n of an empty next line, or splitting a \r\n.
      if (line + 1 >= lines.length) return { range: range(pos(line, len), pos(line, len)), text: '' };
      return { range: range(pos(line, len), pos(line + 1, 0)), text: pick(['\n', '\r\n', '\r'], r) };
    }
    case 1:
      // A line's content cleared (a lone \r before and a \n after become one \r\n).
      return { range: range(pos(line, 0), pos(line, len)), text: '' };
    case 2: {
      // A statement inserted before a top-level line.
      const tops = lines.map((_, i) => i).filter((i) => /^[A-Za-z@]/.test(text.slice(lines[i].start, lines[i].end)));
      const at = tops.length ? pick(tops, r) : 0;
      const br = eol(at) || '\n';
      return { range: range(pos(at, 0), pos(at, 0)), text: pick(STATEMENT[language], r) + br };
    }
    case 3:
      // Typing inside a line.
      return { range: range(pos(line, int(len + 1, r)), pos(line, int(len + 1, r))), text: pick(['e', 'Z', '_'], r) };
    case 4:
      // Positions past the line, inside its \r\n, past the text, negative.
      return {
        range: range(pos(line + pick([0, 0, 1, 5], r), len + pick([0, 1, 2, 40], r)), pos(pick([-1, line], r), -1)),
        text: pick(SCRAPS, r),
      };
    case 5: {
      // Inside a surrogate pair.
      const emoji = text.indexOf('😀');
      if (emoji < 0) return { range: range(pos(line, 0), pos(line, 0)), text: '# 😀\n' };
      const at = linesOf(text.slice(0, emoji + 1));
      const p = pos(at.length - 1, emoji + 1 - at[at.length - 1].start);
      return { range: range(p, p), text: pick(SCRAPS, r) };
    }
    default: {
      // A multi-line deletion or replacement.
      const to = Math.min(lines.length - 1, line + int(3, r));
      return { range: range(pos(line, int(len + 1, r)), pos(to, int(4, r))), text: pick(SCRAPS, r) };
    }
  }
}

const shape = (d: Pick<Diagnostic, 'code' | 'range' | 'message'>) =>
  `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

/** Every text edit of `action` per document, checked for overlapping ranges in the client's text of that document. */
function checkEdits(action: CodeAction, uri: string, text: string, where: string): void {
  const byUri = new Map<string, TextEdit[]>();
  for (const c of action.edit?.documentChanges ?? []) {
    if ('edits' in c)
      byUri.set(c.textDocument.uri, [...(byUri.get(c.textDocument.uri) ?? []), ...(c.edits as TextEdit[])]);
  }
  for (const [u, edits] of Object.entries(action.edit?.changes ?? {}))
    byUri.set(u, [...(byUri.get(u) ?? []), ...edits]);
  for (const [u, edits] of byUri) {
    // Edits of other files (.env, .gitignore) are checked by their positions; this document's by offsets.
    const spans = edits
      .map((e) => (u === uri ? offsetsOf(text, e.range) : [pos(e.range.start), pos(e.range.end)]))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < spans.length; i++) {
      const [a, b] = [spans[i - 1], spans[i]];
      const overlap = b[0] < a[1] || (a[0] === b[0] && a[1] === b[1] && a[1] > a[0]);
      assert.ok(!overlap, `${where}: "${action.title}" has overlapping edits in ${u}: ${JSON.stringify(spans)}`);
    }
  }
}
const pos = (p: Position) => p.line * 1e6 + p.character;

for (const [language, name, seedText, BATCHES] of SEEDS) {
  test(`edit fuzz over stdio (${name}, seed ${SEED}): diagnostics follow the client's text`, async (t) => {
    await initParsers();
    const { s, dir } = await startLspInTempRoot(t, PULL_CAPABILITIES);
    const r = random(SEED + language.length);
    const uri = pathToFileURL(join(dir, name)).href;
    let text = mixLineBreaks(seedText, r);
    let version = 1;
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: language, version, text },
    });
    let exact = 0;
    let clean = text;
    let broken = false;
    for (let batch = 0; batch < BATCHES; batch++) {
      const changes: TextDocumentContentChangeEvent[] = [];
      if (broken && r() < 0.8) {
        // Undo back to the last text that parsed, in one incremental change (sometimes written end first).
        const undo = changeBetween(text, clean);
        if ('range' in undo && r() < 0.3) undo.range = { start: undo.range.end, end: undo.range.start };
        changes.push(undo);
        text = applyChange(text, undo);
      }
      for (let n = 1 + int(3, r); n > 0; n--) {
        const c = change(text, language, r);
        changes.push(c);
        text = applyChange(text, c);
      }
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version },
        contentChanges: changes,
      });
      const where = `batch ${batch} (seed ${SEED}) ${JSON.stringify(changes)}`;
      const report = await pullFull(s, uri);
      const fresh = analyzeText(text, name, language);
      const got = report.items.map(shape).sort();
      const want = fresh.findings.map((f) => shape({ ...f, code: f.rule })).sort();
      if (fresh.syntaxErrors) {
        for (const w of want) assert.ok(got.includes(w), `${where}: missing ${w}\ngot ${got.join('\n')}`);
      } else {
        assert.deepEqual(got, want, where);
        exact++;
        clean = text;
      }
      broken = !!fresh.syntaxErrors;
      // A large document's code actions parse it whole on the main thread: checked every fifth batch.
      if (seedText.length >= OFF_THREAD_MIN_CHARS && batch % 5 !== 4) continue;
      const end = linesOf(text).length;
      const everything = { start: { line: 0, character: 0 }, end: { line: end, character: 0 } };
      for (const only of [undefined, ['source']]) {
        const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: everything,
          context: { diagnostics: report.items, only },
        })) as CodeAction[];
        for (const action of actions) checkEdits(action, uri, text, where);
      }
    }
    t.diagnostic(`${exact} of ${BATCHES} batches compared exactly`);
    assert.ok(exact >= BATCHES / 8, `only ${exact} of ${BATCHES} batches parsed: the generator is too destructive`);
    assert.equal(s.stderr(), '');
  });
}
