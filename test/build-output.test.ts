/**
 * Build output (`dist/`, `build/`, `out/`) is analysed where git tracks it:
 * committed compiled code ships the secrets and locators it holds. Each test
 * builds a real repository in a temp folder. Untracked or ignored build
 * output, build output outside a repository, and minified files stay
 * skipped; findings in compiled files say so and offer no rewrite.
 */
import { before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { COMPILED_NOTE, analyzeText, initParsers } from '../server/src/engine/engine';
import { isDense } from '../server/src/frontends/skip';
import { offersFix } from '../server/src/fixes/offers';
import { gitEnvironment } from '../server/src/workspace/git';
import { DEFAULT_CONFIG } from '../server/src/workspace/config';
import { scanWorkspace } from '../server/src/workspace/scan';
import { walk, type WalkFile, type WalkOptions } from '../server/src/workspace/walker';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { startLsp } from './support/lspSession';

const SECRET = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc9Hq2'].join('_');
const COMPILED_JS = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STRIPE_KEY = void 0;
exports.STRIPE_KEY = "${SECRET}";
`;
/** What a bundler emits for a small chunk: one dense line, under the 4 KB floor of the general minified check. */
const MINIFIED_CHUNK = `(self.webpackChunk=self.webpackChunk||[]).push([[1],{42:function(e,t,n){"use strict";var r=n(7),o="${SECRET}";e.exports=function(){return r.create({key:o,retries:3,timeout:5e3})}},43:function(e,t,n){e.exports={a:1,b:2,c:3}}}]);\n`;

before(() => initParsers());

function repo(t: TestContext, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tf-build-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: root, env: gitEnvironment(), stdio: 'ignore' });
}

async function walked(root: string, extra: Partial<WalkOptions> = {}): Promise<WalkFile[]> {
  const out: WalkFile[] = [];
  for await (const item of walk(['.'], { cwd: root, ...extra })) if (item.kind === 'file') out.push(item);
  return out;
}

test('walks the build output git tracks, marked compiled, and skips what it does not track', async (t) => {
  const root = repo(t, {
    '.gitignore': 'build/\n',
    'src/config.ts': 'export const x = 1;\n',
    'dist/config.js': COMPILED_JS,
    'dist/nested/util.js': 'exports.y = 2;\n',
    'dist/untracked.js': COMPILED_JS,
    'dist/config.js.map': '{}',
    'build/ignored.js': COMPILED_JS,
    'out/untracked-only.js': COMPILED_JS,
    'packages/web/build/forced.js': COMPILED_JS,
  });
  git(root, 'init', '-q');
  git(root, 'add', 'src/config.ts', 'dist/config.js', 'dist/nested/util.js', 'dist/config.js.map', '.gitignore');
  // Tracked although .gitignore lists its folder: git ships it, so it is read.
  git(root, 'add', '-f', 'packages/web/build/forced.js');
  const files = await walked(root);
  assert.deepEqual(
    files.map((f) => [f.relPath, f.compiled ?? false]),
    [
      ['dist/config.js', true],
      ['dist/nested/util.js', true],
      ['packages/web/build/forced.js', true],
      ['src/config.ts', false],
    ],
  );
  // The factor checks' walk reads no project file from build output.
  const project = await walked(root, { select: 'project' });
  assert.ok(!project.some((f) => f.relPath.startsWith('dist/')), JSON.stringify(project));
});

test('outside a git repository build output stays skipped', async (t) => {
  const root = repo(t, { 'dist/config.js': COMPILED_JS, 'app.js': 'exports.a = 1;\n' });
  assert.deepEqual(
    (await walked(root)).map((f) => f.relPath),
    ['app.js'],
  );
});

test('a finding in tracked build output says so and offers no rewrite; minified output is skipped', async (t) => {
  const root = repo(t, {
    'src/config.ts': `export const STRIPE_KEY = "${SECRET}";\n`,
    'dist/config.js': COMPILED_JS,
    'dist/chunk.js': MINIFIED_CHUNK,
  });
  git(root, 'init', '-q');
  git(root, 'add', '.');
  const result = await scanWorkspace({ paths: ['.'], cwd: root, config: DEFAULT_CONFIG });
  const compiled = result.files.get('dist/config.js')?.findings ?? [];
  assert.deepEqual(
    compiled.map((f) => [f.rule, f.range.start.line]),
    [['hardcoded-secret', 3]],
  );
  assert.ok(compiled[0].message.endsWith(COMPILED_NOTE), compiled[0].message);
  assert.ok(!compiled[0].message.includes(SECRET), 'masked');
  assert.equal(offersFix(compiled[0], 'move-to-env'), false);
  const source = result.files.get('src/config.ts')?.findings ?? [];
  assert.equal(source.length, 1);
  assert.ok(!source[0].message.includes(COMPILED_NOTE));
  assert.equal(offersFix(source[0], 'move-to-env'), true);
  assert.deepEqual(result.skippedFiles, [
    { file: 'dist/chunk.js', reason: 'minified build output (long lines with almost no whitespace)' },
  ]);
});

test('the dense check tells minified output from compiled code', () => {
  assert.equal(isDense(MINIFIED_CHUNK), true);
  assert.equal(isDense(COMPILED_JS), false);
  // tsc output keeps the source's layout: long decorator lines, but spaced.
  const decorated = `__decorate([\n    (0, common_1.Get)(':slug'),\n    __param(0, (0, common_1.Param)('slug')),\n    __metadata("design:type", Function),\n    __metadata("design:paramtypes", [String]),\n    __metadata("design:returntype", Promise)\n], ArticleController.prototype, "findOne", null);\n`;
  assert.equal(isDense(decorated), false);
  assert.equal(isDense(''), false);
  // The same minified text outside build output is analysed (only the general long-line check applies there).
  assert.equal(analyzeText(MINIFIED_CHUNK, 'src/chunk.js', 'javascript').skipped, undefined);
  assert.match(
    analyzeText(MINIFIED_CHUNK, 'dist/chunk.js', 'javascript', { compiled: true }).skipped ?? '',
    /minified/,
  );
});

test('in the editor, a tracked compiled file says so and offers only suppressions; an untracked one is plain', async (t) => {
  const root = repo(t, { 'dist/config.js': COMPILED_JS, 'dist/local.js': COMPILED_JS });
  git(root, 'init', '-q');
  git(root, 'add', 'dist/config.js');
  const session = await startLsp(root, {
    textDocument: {
      diagnostic: { dynamicRegistration: false },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    },
    workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  });
  t.after(() => session.child.kill());
  const { connection } = session;
  const open = async (name: string) => {
    const uri = pathToFileURL(join(root, name)).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'javascript', version: 1, text: COMPILED_JS },
    });
    const report = (await connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    })) as FullDocumentDiagnosticReport;
    assert.equal(report.items.length, 1, JSON.stringify(report.items));
    const d = report.items[0];
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    return { message: d.message, titles: actions.map((a) => a.title) };
  };
  const tracked = await open('dist/config.js');
  assert.ok(tracked.message.endsWith(COMPILED_NOTE.trim()), tracked.message);
  assert.ok(!tracked.titles.some((title) => title.startsWith('Move ')), JSON.stringify(tracked.titles));
  assert.ok(tracked.titles.includes('Ignore hardcoded-secret on this line'), JSON.stringify(tracked.titles));
  // Not tracked: a file the user opened, analysed as any other.
  const local = await open('dist/local.js');
  assert.ok(!local.message.includes('build output'), local.message);
  assert.ok(
    local.titles.some((title) => title.startsWith('Move ')),
    JSON.stringify(local.titles),
  );
  await session.close();
});
