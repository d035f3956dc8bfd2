/**
 * The Python front-end: web-tree-sitter with the tree-sitter-python grammar
 * (wasm, no native modules). Trees live in wasm memory: every tree dropped is
 * `delete()`d.
 */
import { Parser, type Tree } from 'web-tree-sitter';
import { emptyFacts, type FileFacts } from '../ir/facts';
import { shouldSkipPython } from './skip';
import { useWasmModule } from './py/cursor';
import { pythonParseText } from './py/lineBreaks';
import { mirrorTree } from './py/tree';
import { PyTreeWalker } from './py/walk';
import { importSiteIn, type ImportSite } from './py/importSite';
import { compilePythonWasm, compiledPythonWasm, emscriptenModule, loadLanguage, type PythonWasm } from './py/wasm';

export { compilePythonWasm, compiledPythonWasm, type PythonWasm };

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the parser, from modules compiled elsewhere (a worker gets them from
 * the thread that started it) or compiled here. The first call decides.
 */
export function initPython(compiled?: PythonWasm): Promise<void> {
  loading ??= (async () => {
    const { core, grammar } = compiled ?? (await compilePythonWasm());
    // Emscripten fills in the options object as the module: the mirror pass calls its cursor exports directly.
    const module = emscriptenModule(core);
    await Parser.init(module);
    useWasmModule(module);
    const p = new Parser();
    p.setLanguage(await loadLanguage(module, grammar));
    parser = p;
  })();
  return loading;
}

/** Parses Python text; `previous` (already edited with `tree.edit`) makes it incremental. */
export function parsePython(text: string, previous?: Tree): Tree {
  if (!parser) throw new Error('initParsers() must be awaited before analysing Python');
  // Text past this would corrupt the wasm parser for every later file (see skip.ts).
  const unsafe = shouldSkipPython(text);
  if (unsafe) throw new Error(`not parsed: ${unsafe}`);
  const tree = parser.parse(pythonParseText(text), previous ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Facts from an already parsed tree (the caller owns and deletes the tree). */
export function factsFromTree(tree: Tree, text: string, path: string): FileFacts {
  return new PyTreeWalker(emptyFacts('python', path, text)).run(mirrorTree(tree, text));
}

export function extractPython(text: string, path: string): FileFacts {
  const tree = parsePython(text);
  try {
    return factsFromTree(tree, text, path);
  } finally {
    tree.delete();
  }
}

/** Where a new top-level `import` line goes in `text` (py/importSite.ts). */
export function pythonImportSite(text: string): ImportSite {
  const tree = parsePython(text);
  try {
    return importSiteIn(tree.rootNode, text);
  } finally {
    tree.delete();
  }
}
