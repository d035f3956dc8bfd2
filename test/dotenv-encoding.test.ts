/**
 * A `.env` (or `.env.example`, `.gitignore`) that is not UTF-8 reaches the
 * fix as text with U+FFFD in place of its bytes: an edit on that text would
 * write the replacements back. The fix refuses, saying why, and the bytes stay.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import { extractFacts } from '../server/src/frontends';
import { isRefusal } from '../server/src/fixes/patch';
import { moveToEnv } from '../server/src/fixes/moveToEnv';
import { DocumentStore } from '../server/src/lsp/documents';
import { workspaceFiles } from '../server/src/lsp/workspaceFiles';

before(() => initParsers());

const SOURCE = 'DB_PASSWORD = "Zx9kQ2vLmPw7"\n';

async function fixIn(root: string) {
  const [finding] = analyzeText(SOURCE, 'settings.py', 'python').findings;
  assert.equal(finding?.rule, 'hardcoded-secret');
  const ctx = {
    path: join(root, 'settings.py'),
    text: SOURCE,
    language: 'python' as const,
    facts: extractFacts('python', SOURCE, 'settings.py'),
    root,
    files: await workspaceFiles(new DocumentStore()).at(root, root),
  };
  return moveToEnv(ctx, finding);
}

for (const file of ['.env', '.env.example', '.gitignore']) {
  test(`a Latin-1 ${file} is refused with the reason, and its bytes are kept`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'tf-latin1-'));
    // `café` and `ñ` in Latin-1: 0xE9 and 0xF1 are not valid UTF-8 on their own.
    const bytes = Buffer.from([...Buffer.from('# caf'), 0xe9, ...Buffer.from('\nNAME=se'), 0xf1, 0x6f, 0x72, 0x0a]);
    writeFileSync(join(root, file), bytes);
    const r = await fixIn(root);
    assert.ok(isRefusal(r), `${file}: the fix went ahead`);
    assert.match(r.refused, new RegExp(`^\\${file} is not valid UTF-8`));
    assert.deepEqual(readFileSync(join(root, file)), bytes);
  });
}

test('a UTF-8 .env with non-ASCII text is edited as before', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tf-utf8-'));
  writeFileSync(join(root, '.env'), '# café\nNAME=señor\n');
  const r = await fixIn(root);
  assert.ok(!isRefusal(r), isRefusal(r) ? r.refused : '');
  const env = r.patches.find((p) => p.path === join(root, '.env'));
  assert.equal(env?.text, '# café\nNAME=señor\n');
  assert.deepEqual(
    env?.changes.map((c) => c.newText),
    ['DB_PASSWORD=Zx9kQ2vLmPw7\n'],
  );
});
