/**
 * The first analysis of a file in a fresh process, as the language server's
 * first squiggle pays for it (bench/lsp-probe.mjs splits the server's side):
 * the parsers' set-up (tree-sitter's wasm; the shipped dist/jsparser.js for
 * JS/TS, which the server preloads when a large JS/TS document opens), then
 * one cold analysis (parse + facts + rules, code not yet optimised), then the
 * same text again warm, for comparison. Bundled by bench/run.mjs.
 *   node bench/.tools/first.js <file> <language>
 * Prints one JSON object on stdout.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import { javascriptFrontEnd } from '../server/src/frontends';
import type { Language } from '../server/src/ir/types';

async function main(): Promise<void> {
  const [file, language] = process.argv.slice(2) as [string, Language];
  const text = readFileSync(file, 'utf8');
  const path = basename(file);
  const mainAt = performance.now();
  let t = performance.now();
  if (language === 'python') await initParsers();
  else javascriptFrontEnd();
  const setUpMs = performance.now() - t;
  t = performance.now();
  const cold = analyzeText(text, path, language, {});
  const coldMs = performance.now() - t;
  t = performance.now();
  const warm = analyzeText(text, path, language, {});
  const warmMs = performance.now() - t;
  if (warm.findings.length !== cold.findings.length) throw new Error('the warm analysis differs from the cold one');
  process.stdout.write(JSON.stringify({ mainAtMs: mainAt, setUpMs, coldMs, warmMs, findings: cold.findings.length }));
}

void main();
