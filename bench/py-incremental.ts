/**
 * One keystroke in a large Python file in process, no LSP (the Python
 * counterpart of bench/js-incremental.ts): the code the language server's
 * analysis thread runs (lsp/analysisWorker.ts) — `HeldParses.facts` with the
 * edit it was sent (tree-sitter's incremental parse, statement-level reuse of
 * facts) and `analyzeText` with the document's `KeywordGate` — timed per
 * keystroke, beside a full analysis of the same texts from scratch (after the
 * typing, so its garbage does not land in the keystrokes' figures).
 *   node --import tsx bench/py-incremental.ts [file] [edits]
 * Prints a markdown table on stderr and one JSON object on stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, initParsers, type ExtractFn } from '../server/src/engine/engine';
import { KeywordGate } from '../server/src/engine/keywords';
import { HeldParses } from '../server/src/lsp/heldParses';
import { keystrokeSteps, typingOffsets } from './keystrokes.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const file = process.argv[2] ?? join(HERE, '.corpora/edit/big.py');
const EDITS = Number(process.argv[3] ?? 40);
const WARMUP = 10;
const PATH = 'big.py';
const DOCUMENT = 'file:///big.py';

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

async function main(): Promise<void> {
  await initParsers();
  const original = readFileSync(file, 'utf8');
  const held = new HeldParses();
  const gate = new KeywordGate();
  let text = original;
  let factsMs = 0;
  const extract: ExtractFn = (t, p, l) => {
    const [facts, ms] = time(() => held.facts(DOCUMENT, t, p, l, step));
    factsMs = ms;
    return facts;
  };
  let step: { before: string; start: number; end: number; text: string } | undefined;
  analyzeText(text, PATH, 'python', {}, extract, gate);
  const samples: Record<string, number[]> = { full: [], facts: [], rest: [], keystroke: [] };
  const typed: { text: string; findings: number }[] = [];
  // Five keystrokes at each spot, like bench/lsp-probe.mjs.
  const spots = typingOffsets(original, 'python', Math.ceil((EDITS + WARMUP) / 5));
  for (let i = 0; i < EDITS + WARMUP; i++) {
    const base = Math.floor(i / 5);
    // Earlier spots grew by the five characters typed at each.
    const at = spots[base] + base * 5 + (i % 5);
    const ch = 'abcde'[i % 5];
    step = { before: text, start: at, end: at, text: ch };
    text = text.slice(0, at) + ch + text.slice(at);
    factsMs = 0;
    const [result, keystroke] = time(() => analyzeText(text, PATH, 'python', {}, extract, gate));
    if (i < WARMUP) continue;
    typed.push({ text, findings: result.findings.length });
    samples.keystroke.push(keystroke);
    samples.facts.push(factsMs);
    samples.rest.push(keystroke - factsMs);
  }
  held.forget(DOCUMENT);
  // The same versions analysed from scratch, after the typing (their garbage does not land in its figures).
  for (const [i, version] of typed.entries()) {
    const [fresh, full] = time(() => analyzeText(version.text, PATH, 'python', {}));
    if (fresh.findings.length !== version.findings) throw new Error(`edit ${i}: the incremental findings differ`);
    samples.full.push(full);
  }

  const LABELS: Record<string, string> = {
    full: 'full analysis of the text from scratch (`analyzeText`, no held tree)',
    facts: '`HeldParses.facts`: incremental parse + facts (statement-level reuse)',
    rest: 'the rest of the keystroke: rules, keyword gate, findings (`analyzeText` − `HeldParses.facts`)',
    keystroke: '`analyzeText` with the held parse and `KeywordGate`: one keystroke in process',
  };
  const lines = original.split('\n').length;
  const steps = keystrokeSteps(
    samples,
    LABELS,
    `${file} (${lines} lines), ${EDITS} one-character edits (after ${WARMUP} warm-up), node ${process.version}`,
  );
  process.stdout.write(JSON.stringify({ file, lines, edits: EDITS, steps }));
}

void main();
