/**
 * The start + parse floor of a small project (bench/small.mjs): a process of
 * its own, like the CLI, that loads only the parser front-ends (tree-sitter
 * Python with its wasm; TypeScript's `createSourceFile` from the shipped
 * dist/jsparser.js, loaded on first use as the CLI loads it) and parses the
 * project's source files once: no rules, no facts, no ESTree, no workers.
 * Bundled by bench/run.mjs with the CLI's options. Prints one JSON object on stdout.
 *   node bench/.tools/floor.js <dir>
 */
import { javascriptFrontEnd } from '../server/src/frontends';
import { initPython, parsePython } from '../server/src/frontends/python';
import { sources } from './sourceTree';

async function main(): Promise<void> {
  const files = sources(process.argv[2]);
  const t0 = performance.now();
  const python = files.filter((f) => f.language === 'python');
  const scripts = files.filter((f) => f.language !== 'python');
  if (python.length > 0) await initPython();
  // The shipped dist/jsparser.js, loaded on first use as the CLI loads it.
  const js = scripts.length > 0 ? javascriptFrontEnd() : undefined;
  const loadMs = performance.now() - t0;
  for (const f of python) parsePython(f.text).delete();
  for (const f of scripts) {
    if (!js?.buildSource(f.text, f.rel, js.scriptKind(f.rel, f.language))) throw new Error(`${f.rel}: not parsed`);
  }
  const parseMs = performance.now() - t0 - loadMs;
  process.stdout.write(
    JSON.stringify({ python: python.length, scripts: scripts.length, loadMs, parseMs, processMs: performance.now() }),
  );
}

void main();
