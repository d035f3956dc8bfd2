/**
 * Where the time goes when one character is typed in a large TypeScript file
 * (docs/performance: p95 keystroke-to-diagnostics ≤ 30 ms on 5k lines), step
 * by step, in process: (a) a full `ts.createSourceFile`, (b) the incremental
 * `ts.updateSourceFile`, (c) typescript-estree's conversion of the updated
 * tree, (d) our walk ESTree → facts, (e) the rules, plus the whole
 * incremental path as the server runs it (statement-level reuse: only the
 * top-level statements the edit touched are converted and walked, (f) is
 * that conversion alone) and a whole keystroke in process. And the cost floor of the
 * alternative front-end: one `ts.forEachChild` walk over every node of the
 * updated tree, doing trivial work, against (c).
 *   node --import tsx bench/js-incremental.ts [file] [edits]
 * Prints a markdown table on stderr and one JSON object on stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';
import { activeRules, runRules } from '../server/src/engine/engine';
import { factsOfProgram } from '../server/src/frontends/javascript';
import { convert, scriptKind } from '../server/src/frontends/js/parser';
import { convertStatements } from '../server/src/frontends/js/partial';
import { IncrementalParse } from '../server/src/lsp/incremental';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { keystrokeSteps } from './keystrokes.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const file = process.argv[2] ?? join(HERE, '.corpora/edit/big.ts');
const EDITS = Number(process.argv[3] ?? 40);
const WARMUP = 10;
const PATH = 'big.ts';

/** Places right after the name a declaration binds (as bench/lsp-probe.mjs types): the file stays parseable. */
function typingSpots(text: string, count: number): number[] {
  const re = /^(\s*)(?:const|let|var) ([A-Za-z_$][\w$]*) = /gm;
  const candidates: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) candidates.push(m.index + m[0].indexOf(' = '));
  const spots: number[] = [];
  for (let k = 0; k < count; k++) spots.push(candidates[Math.floor(((k + 0.5) * candidates.length) / count)]);
  return spots;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

/** Visits every node of the TypeScript tree once (what a facts walk over it could not go below). */
function visitAll(source: ts.SourceFile): { nodes: number; strings: number } {
  let nodes = 0;
  let strings = 0;
  const visit = (node: ts.Node): void => {
    nodes++;
    if (ts.isStringLiteralLike(node)) strings++;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { nodes, strings };
}

/** The comments by one scanner pass (approximate: a scanner without the parser misreads some regexes and templates). */
function scanComments(text: string): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let comments = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) comments++;
  }
  return comments;
}

const NO_COMMENTS = {
  loc: true,
  range: true,
  comment: false,
  allowInvalidAST: true,
  errorOnUnknownASTType: false,
  suppressDeprecatedPropertyWarnings: true,
};

const original = readFileSync(file, 'utf8');
const kind = scriptKind(PATH, 'typescript');
const rules = activeRules(original, 'typescript', {});
const samples: Record<string, number[]> = {
  create: [],
  update: [],
  convert: [],
  convertNoComments: [],
  walk: [],
  rules: [],
  incrementalFacts: [],
  partialConvert: [],
  keystroke: [],
  splicedKeystroke: [],
  tsVisit: [],
  scanComments: [],
};
let nodes = 0;
let spliced = 0;
let text = original;
let source = ts.createSourceFile(PATH, text, ts.ScriptTarget.Latest, true, kind);
// The server's own path: IncrementalParse fed the same didChange ranges.
const server = new IncrementalParse();
let doc = TextDocument.create('file:///big.ts', 'typescript', 1, text);
server.facts(text, PATH, 'typescript');
// Five keystrokes at each spot, like bench/lsp-probe.mjs.
const spots = typingSpots(original, Math.ceil((EDITS + WARMUP) / 5));
for (let i = 0; i < EDITS + WARMUP; i++) {
  const base = Math.floor(i / 5);
  // Earlier spots grew by the five characters typed at each.
  const at = spots[base] + base * 5 + (i % 5);
  const ch = 'abcde'[i % 5];
  text = text.slice(0, at) + ch + text.slice(at);
  const [, create] = time(() => ts.createSourceFile(PATH, text, ts.ScriptTarget.Latest, true, kind));
  const change = { span: { start: at, length: 0 }, newLength: 1 };
  const [updated, update] = time(() => ts.updateSourceFile(source, text, change));
  source = updated;
  const [attempt, convertMs] = time(() => convert(source));
  if (!attempt.program) throw new Error(`edit ${i} did not convert`);
  const [, convertNoComments] = time(() => parse(source as never, NO_COMMENTS));
  const [facts, walk] = time(() =>
    factsOfProgram(text, PATH, 'typescript', { program: attempt.program, syntaxErrors: attempt.syntaxErrors }),
  );
  const [, rulesMs] = time(() => runRules(facts, rules, {}));
  const [visited, tsVisit] = time(() => visitAll(source));
  nodes = visited.nodes;
  const [, scanMs] = time(() => scanComments(text));
  const position = doc.positionAt(at);
  const changes = [{ range: { start: position, end: position }, text: ch }];
  server.edit(doc, changes);
  doc = TextDocument.update(doc, changes, doc.version + 1);
  const [serverFacts, incrementalFacts] = time(() => server.facts(text, PATH, 'typescript'));
  const [, serverRules] = time(() => runRules(serverFacts, rules, {}));
  const touched = source.statements.filter((s) => s.pos <= at && at < s.end);
  const [, partialConvert] = time(() => convertStatements(source, touched, [false]));
  if (i < WARMUP) continue;
  if (server.lastSpliced) {
    spliced++;
    samples.splicedKeystroke.push(incrementalFacts + serverRules);
  }
  samples.partialConvert.push(partialConvert);
  samples.keystroke.push(incrementalFacts + serverRules);
  samples.create.push(create);
  samples.update.push(update);
  samples.convert.push(convertMs);
  samples.convertNoComments.push(convertNoComments);
  samples.scanComments.push(scanMs);
  samples.walk.push(walk);
  samples.rules.push(rulesMs);
  samples.tsVisit.push(tsVisit);
  samples.incrementalFacts.push(incrementalFacts);
}
server.dispose();

const LABELS: Record<string, string> = {
  create: '(a) full `ts.createSourceFile`',
  update: '(b) `ts.updateSourceFile` (one-character change range)',
  convert: '(c) ESTree conversion of the updated tree (typescript-estree, as parser.ts calls it)',
  convertNoComments: '(c) with `comment: false` (no comment list)',
  walk: '(d) facts walk (ESTree → FileFacts)',
  rules: `(e) \`runRules\` (${rules.length} active rules)`,
  incrementalFacts: '(b)+(c)+(d) as the server runs it: `IncrementalParse.facts` (statement-level reuse)',
  partialConvert: '(f) ESTree conversion of the top-level statement holding the edit only (js/partial.ts)',
  keystroke: '`IncrementalParse.facts` + `runRules`: one keystroke in process',
  splicedKeystroke: 'the same, keystrokes that reused statements (or class members) only',
  tsVisit: `alternative floor: one \`ts.forEachChild\` walk of every node (${nodes} nodes)`,
  scanComments: 'alternative: the comments by one `ts.createScanner` pass',
};
const lines = original.split('\n').length;
const steps = keystrokeSteps(
  samples,
  LABELS,
  `${file} (${lines} lines), ${EDITS} one-character edits (after ${WARMUP} warm-up), node ${process.version}; ` +
    `${spliced} of ${EDITS} analyses reused statements`,
);
process.stdout.write(JSON.stringify({ file, lines, edits: EDITS, nodes, spliced, steps }));
