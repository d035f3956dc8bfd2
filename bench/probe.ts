/**
 * In-process measurements the CLI cannot give: the parse-only floor of the
 * front-ends' parsers on a corpus (`parse`), and per-file analysis times
 * (`perfile`). Bundled by bench/run.mjs like the CLI, so it loads the same
 * code and wasm. Prints one JSON object on stdout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeText, initParsers, languageOf } from '../server/src/engine/engine';
import { parsePython } from '../server/src/frontends/python';
import { buildSource, convert, scriptKind } from '../server/src/frontends/js/parser';
import { shouldSkipText } from '../server/src/frontends/skip';
import type { Language } from '../server/src/ir/types';

interface Source {
  rel: string;
  text: string;
  language: Language;
}

function sources(root: string): Source[] {
  const out: Source[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) {
        const language = languageOf(e.name);
        if (!language) continue;
        const rel = relative(root, p).split('\\').join('/');
        const text = readFileSync(p, 'utf8');
        if (!shouldSkipText(text, rel)) out.push({ rel, text, language });
      }
    }
  };
  visit(root);
  return out;
}

/** The parsers alone, as the front-ends call them. */
function parseOnly(s: Source, estree: boolean): void {
  if (s.language === 'python') {
    parsePython(s.text).delete();
    return;
  }
  // The front-end's own calls, so the floor is exactly the parse the analysis pays for.
  const source = buildSource(s.text, s.rel, scriptKind(s.rel, s.language));
  if (estree) convert(source);
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const [mode, root] = process.argv.slice(2);
  await initParsers();
  const files = sources(root);
  const cpu0 = cpuMs();
  const t0 = performance.now();
  if (mode === 'parse' || mode === 'parse-ts') {
    for (const f of files) parseOnly(f, mode === 'parse');
    const loopMs = performance.now() - t0;
    process.stdout.write(
      JSON.stringify({
        files: files.length,
        loopMs,
        loopCpuMs: cpuMs() - cpu0,
        processMs: performance.now(),
        maxRssKb: process.resourceUsage().maxRSS,
      }),
    );
    return;
  }
  if (mode === 'perfile') {
    const analyse: number[] = [];
    const parseTimes: number[] = [];
    for (const f of files) {
      let t = performance.now();
      parseOnly(f, true);
      parseTimes.push(performance.now() - t);
      t = performance.now();
      analyzeText(f.text, f.rel, f.language, { signals: true });
      analyse.push(performance.now() - t);
    }
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    const ratio = sum(analyse) / sum(parseTimes);
    analyse.sort((a, b) => a - b);
    parseTimes.sort((a, b) => a - b);
    process.stdout.write(
      JSON.stringify({
        files: files.length,
        analyseP50: quantile(analyse, 0.5),
        analyseP95: quantile(analyse, 0.95),
        analyseMax: analyse[analyse.length - 1],
        parseP50: quantile(parseTimes, 0.5),
        parseP95: quantile(parseTimes, 0.95),
        analyseSumMs: sum(analyse),
        parseSumMs: sum(parseTimes),
        ratio,
      }),
    );
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

void main();
