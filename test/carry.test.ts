// While a document does not parse, its last good findings stay, moved through the edits.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import type { Finding } from '../server/src/ir/types';
import { Analyzer } from '../server/src/lsp/analyzer';
import { carryThroughChanges, mergeCarried } from '../server/src/lsp/carry';
import { DocumentStore } from '../server/src/lsp/documents';
import { WorkspaceState } from '../server/src/lsp/workspaceState';
import { createLogger } from '../server/src/lsp/logging';

before(() => initParsers());

function finding(start: number, end: number, rule = 'hardcoded-secret'): Finding {
  return {
    rule,
    factor: 'III',
    severity: 'error',
    span: { start, end },
    range: { start: { line: 0, character: start }, end: { line: 0, character: end } },
    messageId: 'm',
    message: 'm',
    fingerprint: `${rule}${start}`,
  };
}

test('findings move with the text before them; an edit touching a finding drops it', () => {
  const doc = TextDocument.create('u', 'python', 1, 'aaaa BBBB cccc DDDD');
  const findings = [finding(5, 9), finding(15, 19)];
  // Insert three characters at offset 0, then replace "cc" inside the gap.
  const moved = carryThroughChanges(findings, doc, [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'xyz' },
  ]);
  assert.deepEqual(
    moved.map((f) => f.span),
    [
      { start: 8, end: 12 },
      { start: 18, end: 22 },
    ],
  );
  const touched = carryThroughChanges(findings, doc, [
    { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 8 } }, text: 'q' },
  ]);
  assert.deepEqual(
    touched.map((f) => f.span),
    [{ start: 15, end: 19 }],
  );
  assert.deepEqual(carryThroughChanges(findings, doc, [{ text: 'whole new text' }]), []);
});

test('merging keeps what the recovering parser found and adds only what it lost', () => {
  const merged = mergeCarried([finding(5, 9)], [finding(6, 9), finding(20, 25), finding(5, 9, 'global-state')]);
  assert.deepEqual(
    merged.map((f) => `${f.rule}@${f.span.start}`),
    ['global-state@5', 'hardcoded-secret@5', 'hardcoded-secret@20'],
  );
});

test('the server keeps a secret flagged while an unclosed string above it swallows the file', async () => {
  const documents = new DocumentStore();
  const log = createLogger({ error: () => {}, warn: () => {}, info: () => {}, log: () => {} }, false);
  const workspaceState = new WorkspaceState(documents, { showProblem: () => {}, refresh: () => {}, log });
  workspaceState.fetchSettings = async () => ({});
  const analyzer = new Analyzer({ documents, workspaceState, log, ready: Promise.resolve(), analyze: analyzeText });
  const uri = 'file:///tmp/carry/settings.py';
  const text = 'import os\nDB_PASSWORD = "Xk9mQ2vLp7Rt4wZ"\nprint(DB_PASSWORD)\n';
  const state = documents.open({ textDocument: { uri, languageId: 'python', version: 1, text } });
  const lines = async () =>
    (await analyzer.resultFor(state))?.findings.map((f) => [f.rule, f.range.start.line, f.range.start.character]);
  assert.deepEqual(await lines(), [['hardcoded-secret', 1, 14]]);
  // The user starts a triple-quoted string on line 1: the rest of the file no longer parses as code,
  // and a fresh analysis alone would find nothing there.
  const insert = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };
  documents.change({ textDocument: { uri, version: 2 }, contentChanges: [{ range: insert, text: 'x = """' }] });
  assert.equal(analyzeText(state.document.getText(), 'settings.py', 'python').findings.length, 0);
  assert.deepEqual(await lines(), [['hardcoded-secret', 1, 21]], 'kept, moved by the 7 inserted characters');
  // Editing the literal itself while the file is broken drops it.
  const literal = { start: { line: 1, character: 21 }, end: { line: 1, character: 38 } };
  documents.change({ textDocument: { uri, version: 3 }, contentChanges: [{ range: literal, text: '""' }] });
  assert.deepEqual(await lines(), []);
  // Once the file parses again, its fresh findings are the new last good ones.
  documents.change({ textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
  assert.deepEqual(await lines(), [['hardcoded-secret', 1, 14]]);
});
