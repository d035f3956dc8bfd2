/**
 * A key pasted into an untitled buffer (no file, no folder) is reported like
 * one in a file, masked and without a fingerprint, over real stdio; the move
 * to .env, which has no folder to write to, is offered disabled with the
 * reason, and the ignore comment still works.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  type ClientCapabilities,
  type CodeAction,
} from 'vscode-languageserver-protocol';
import { FIX_CAPABILITIES, pullFull, startLspInTempRoot } from './support/lspSession';

/** VS Code's: disabled code actions are shown greyed with their reason. */
const CAPABILITIES: ClientCapabilities = {
  ...FIX_CAPABILITIES,
  textDocument: {
    ...FIX_CAPABILITIES.textDocument,
    codeAction: { ...FIX_CAPABILITIES.textDocument?.codeAction, disabledSupport: true },
  },
};
const SECRET = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

for (const [languageId, text] of [
  ['python', `STRIPE_KEY = "${SECRET}"\n`],
  ['typescript', `export const stripeKey = '${SECRET}';\n`],
] as const) {
  test(`an untitled ${languageId} buffer: the pasted key is reported, masked; the move is disabled with the reason`, async (t) => {
    const { s } = await startLspInTempRoot(t, CAPABILITIES);
    const uri = 'untitled:Untitled-1';
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    const report = await pullFull(s, uri);
    const secret = report.items.filter((d) => d.code === 'hardcoded-secret');
    assert.equal(secret.length, 1, JSON.stringify(report.items));
    assert.ok(!secret[0].message.includes(SECRET), secret[0].message);
    assert.ok(!/#[0-9a-f]{6,}/.test(secret[0].message), `no fingerprint in the message: ${secret[0].message}`);
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: secret[0].range,
      context: { diagnostics: secret, only: ['quickfix'] },
    })) as CodeAction[];
    const move = actions.find((a) => /\.env\b/.test(a.title));
    assert.ok(move, `a move to .env is listed: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(move.disabled?.reason, `the move is disabled with a reason: ${JSON.stringify(move)}`);
    assert.ok(!move.edit, 'a disabled move carries no edit');
    assert.ok(
      actions.some((a) => /ignore/i.test(a.title) && a.edit),
      'the ignore comment is offered with its edit',
    );
    const ignore = actions.find((a) => /^Ignore hardcoded-secret on this line$/.test(a.title));
    const edited = JSON.stringify(ignore?.edit ?? {});
    assert.ok(edited.includes(JSON.stringify(uri)) && !edited.includes('file:'), `edits the buffer itself: ${edited}`);
    assert.ok(!s.wire.join('\n').includes(SECRET), 'the key never crosses the wire unmasked');
  });
}
