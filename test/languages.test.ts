/**
 * One language table (server/src/shared/languages.ts): the engine's
 * extension lookup, the LSP's language ids, the compliance watchers' glob and
 * the extension's activation events all come from it or agree with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputKindOf } from '../server/src/engine/engine';
import { documentLanguage } from '../server/src/lsp/languages';
import { COMPLIANCE_WATCHERS } from '../server/src/lsp/compliance';
import { compileGlobs } from '../server/src/lib/globs';
import {
  EDITOR_LANGUAGE_IDS,
  LANGUAGE_EXTENSIONS,
  SOURCE_FILES_GLOB,
  languageOfPath,
} from '../server/src/shared/languages';

test('every extension is read as its language by the engine, whatever its case, and matched by the watchers', () => {
  const watched = compileGlobs([SOURCE_FILES_GLOB]);
  assert.ok(COMPLIANCE_WATCHERS.includes(SOURCE_FILES_GLOB));
  for (const [ext, language] of Object.entries(LANGUAGE_EXTENSIONS)) {
    assert.equal(inputKindOf(`src/app${ext}`), language, ext);
    assert.equal(inputKindOf(`src/APP${ext.toUpperCase()}`), language, ext);
    assert.ok(watched(`src/app${ext}`), `${SOURCE_FILES_GLOB} misses ${ext}`);
  }
  // Near misses: no extension, a dot in a folder name, an extension not analysed, a prototype key.
  for (const path of ['Makefile', 'src.py/README', 'app.rb', 'x.constructor', 'x.__proto__']) {
    assert.equal(languageOfPath(path), undefined, path);
  }
  assert.ok(!watched('src/app.rb'));
});

test('every editor language id is read as its language, and package.json activates on each', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    activationEvents: string[];
  };
  for (const [id, language] of Object.entries(EDITOR_LANGUAGE_IDS)) {
    assert.equal(documentLanguage(id, 'untitled'), language, id);
    assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), `package.json lacks onLanguage:${id}`);
  }
  // An id the table does not know falls back to the path.
  assert.equal(documentLanguage('plaintext', 'app.py'), 'python');
  assert.equal(documentLanguage('toString', 'notes.txt'), undefined);
});
