/**
 * In-process measurements the CLI cannot give: the parse-only floor of the
 * front-ends' parsers on a corpus (`parse`), per-file analysis times
 * (`perfile`), and what config and deployment documents cost beside the
 * source files of the same trees (`documents`), the JS/TS throughput options
 * (`js-options`, bench/js-options.ts). Bundled by bench/run.mjs like the CLI, so it loads the same
 * code and wasm. Prints one JSON object on stdout.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import { inputKindOf } from '../server/src/frontends';
import { parsePython } from '../server/src/frontends/python';
import { buildSource, convert, scriptKind } from '../server/src/frontends/js/parser';
import { isDocumentKind } from '../server/src/ir/types';
import { jsOptions } from './js-options';
import { inputs, sources } from './sourceTree';

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
  const files = mode === 'documents' ? [] : sources(root);
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
  if (mode === 'js-options') {
    process.stdout.write(JSON.stringify(jsOptions(files)));
    return;
  }
  if (mode === 'documents') {
    // Every tree under `root` (the ecosystem set): documents and source files analysed alike, timed apart.
    const kinds = { documents: [] as number[], sources: [] as number[] };
    let documentLines = 0;
    for (const tree of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const f of inputs(join(root, tree.name), inputKindOf)) {
        const document = isDocumentKind(f.language);
        // A `.env` is read as a tracked one: the whole path, not the early return of an untracked file.
        const options = document ? { tracked: true } : { signals: true };
        const t = performance.now();
        analyzeText(f.text, f.rel, f.language, options);
        (document ? kinds.documents : kinds.sources).push(performance.now() - t);
        if (document) documentLines += f.text.split('\n').length;
      }
    }
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    const d = [...kinds.documents].sort((a, b) => a - b);
    process.stdout.write(
      JSON.stringify({
        documents: d.length,
        documentLines,
        documentSumMs: sum(d),
        documentP50: quantile(d, 0.5),
        documentP95: quantile(d, 0.95),
        documentMax: d[d.length - 1] ?? 0,
        sources: kinds.sources.length,
        sourceSumMs: sum(kinds.sources),
        share: sum(d) / (sum(d) + sum(kinds.sources)),
      }),
    );
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

void main();
