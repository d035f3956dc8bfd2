/**
 * Notebook document sync over real stdio against the built server: a cell's
 * diagnostics are published on the cell's URI, with the notebook's other
 * cells in view (an import in one cell counts in another, and an edit in
 * one cell re-publishes the others); code actions on a cell offer the
 * line suppression and show Move to .env disabled, with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  CodeActionRequest,
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  NotebookCellKind,
  type CodeAction,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { PULL_CAPABILITIES, pullFull, startLspInTempRoot, until, type LspSession } from './support/lspSession';

// Credential-shaped values assembled here so this file holds no secret literal.
const LIVE_KEY = ['sk_live_', '4eC39HqLyjWDarjtT1zdp7dc'].join('');

const CAPABILITIES = {
  ...PULL_CAPABILITIES,
  textDocument: {
    ...PULL_CAPABILITIES.textDocument,
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
      disabledSupport: true,
    },
  },
  notebookDocument: { synchronization: {} },
};

function cellUri(notebook: string, n: number): string {
  return `vscode-notebook-cell:${notebook.slice('file:'.length)}#W${n}sZmlsZQ%3D%3D`;
}

/** The last diagnostics published for `uri` once `ready` holds for them. */
function latest(s: LspSession, uri: string, ready: (p: PublishDiagnosticsParams) => boolean) {
  return until(`diagnostics for ${uri}`, () => {
    const mine = s.published.filter((p) => p.uri === uri);
    const last = mine[mine.length - 1];
    return last && ready(last) ? last : undefined;
  });
}

test('a notebook cell gets its diagnostics on its own URI, with the other cells in view', async (t) => {
  const { s, dir } = await startLspInTempRoot(t, CAPABILITIES);
  const notebook = pathToFileURL(join(dir, 'explore.ipynb')).href;
  const cells = [0, 1, 2].map((n) => cellUri(notebook, n));
  const texts = [
    'import logging\n',
    `import stripe\nstripe.api_key = "${LIVE_KEY}"\n`,
    'handler = FileHandler("app.log")\n',
  ];
  assert.ok(s.initialize.capabilities.notebookDocumentSync, 'the server declares notebook sync');
  await s.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
    notebookDocument: {
      uri: notebook,
      notebookType: 'jupyter-notebook',
      version: 1,
      cells: cells.map((document) => ({ kind: NotebookCellKind.Code, document })),
    },
    cellTextDocuments: cells.map((uri, i) => ({ uri, languageId: 'python', version: 1, text: texts[i] })),
  });

  const secret = await latest(s, cells[1], (p) => p.diagnostics.length > 0);
  assert.deepEqual(
    secret.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    [['hardcoded-secret', 1, 17, 51]],
  );
  // FileHandler is not imported in any cell yet: it is no logging handler.
  await latest(s, cells[2], (p) => p.diagnostics.length === 0);
  // Pulls of a cell answer nothing: its diagnostics are pushed (no duplicates in a pull client).
  assert.deepEqual((await pullFull(s, cells[1])).items, []);

  // The import typed into the first cell makes the third cell's call a file handler.
  await s.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
    notebookDocument: { uri: notebook, version: 2 },
    change: {
      cells: {
        textContent: [
          {
            document: { uri: cells[0], version: 2 },
            changes: [
              {
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                text: 'from logging import FileHandler\n',
              },
            ],
          },
        ],
      },
    },
  });
  const logging = await latest(s, cells[2], (p) => p.diagnostics.length > 0);
  assert.deepEqual(
    logging.diagnostics.map((d) => [d.code, d.range.start.line]),
    [['file-logging', 0]],
  );

  const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: cells[1] },
    range: secret.diagnostics[0].range,
    context: { diagnostics: secret.diagnostics },
  })) as CodeAction[];
  const ignore = actions.find((a) => /ignore/i.test(a.title) && a.edit);
  assert.ok(ignore, `an ignore fix among ${actions.map((a) => a.title).join(' | ')}`);
  const edits = JSON.stringify(ignore.edit);
  assert.ok(edits.includes(cells[1]), 'the suppression edits the cell');
  const move = actions.find((a) => a.title.startsWith('Move'));
  assert.match(move?.disabled?.reason ?? '', /notebook cell/);
  assert.ok(!actions.some((a) => /in this file/i.test(a.title)), 'no file-level ignore in a cell');

  await s.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
    notebookDocument: { uri: notebook },
    cellTextDocuments: cells.map((uri) => ({ uri })),
  });
  await latest(s, cells[1], (p) => p.diagnostics.length === 0);
  for (const message of s.wire) assert.ok(!message.includes(LIVE_KEY), 'the key never goes over the wire');
});
