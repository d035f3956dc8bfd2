// The stdio transport under bad input: a malformed header is reported on
// stderr, and the server goes on answering the well-formed messages after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { PULL_CAPABILITIES, startLspInTempRoot, until } from './support/lspSession';

const SECRET = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

const BAD_INPUT: [string, string, RegExp][] = [
  ['garbage before a header', 'hello there\r\n', /header line without/],
  ['a non-numeric Content-Length', 'Content-Length: abc\r\n\r\n', /not a number/],
  ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n', /no Content-Length/],
  ['garbage glued to the next header', 'xx', /no Content-Length/],
];

for (const [what, bytes, report] of BAD_INPUT) {
  test(`stdio: ${what} is logged to stderr and later messages are still served`, async (t) => {
    const { s, dir } = await startLspInTempRoot(t, PULL_CAPABILITIES);
    s.child.stdin!.write(bytes);
    const uri = pathToFileURL(join(dir, 'settings.py')).href;
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: `STRIPE_KEY = "${SECRET}"\n` },
    });
    const answer = s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const timeout = new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 20_000).unref());
    const answered = (await Promise.race([answer, timeout])) as FullDocumentDiagnosticReport | 'no answer';
    assert.notEqual(answered, 'no answer', 'the server stopped reading');
    if (answered === 'no answer') return;
    await until('the report on stderr', () => (/malformed message header/.test(s.stderr()) ? true : undefined));
    assert.match(s.stderr(), report);
    assert.doesNotMatch(s.stderr(), /hello|abc|application/, 'the dropped bytes are not echoed');
    // Only the bad bytes went: the open notification right behind them was read.
    assert.deepEqual(
      answered.items.map((d) => d.code),
      ['hardcoded-secret'],
    );
  });
}
