/**
 * The two WebAssembly modules of the Python parser (web-tree-sitter's core and
 * the tree-sitter-python grammar), compiled once per process.
 *
 * A compiled `WebAssembly.Module` can be handed to worker threads (through
 * `postMessage` or `workerData`); V8 shares its machine code between the
 * threads. So a worker neither compiles the wasm again nor warms it up from
 * scratch: tree-sitter's first parses run as baseline (Liftoff) code, several
 * times slower than the optimised code each hot function tiers up to, and the
 * tiered-up code lands in the shared module.
 *
 * web-tree-sitter takes a compiled core through emscripten's `instantiateWasm`
 * hook. `Language.load` only takes bytes or a path, and passes them to the
 * emscripten loader, which itself accepts a compiled module: for the grammar
 * the loader is wrapped for the one call (see `loadLanguage`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language } from 'web-tree-sitter';

/** A compiled `WebAssembly.Module` (opaque here: the project's `lib` has no WebAssembly types). */
export interface WasmModule {
  readonly [wasmModule]: never;
}
declare const wasmModule: unique symbol;

interface WasmInstance {
  exports: object;
}

/** The little of the WebAssembly JS API used here. */
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Instance: new (module: WasmModule, imports: object) => WasmInstance;
};

export interface PythonWasm {
  core: WasmModule;
  grammar: WasmModule;
}

/** The emscripten module object: `Parser.init` fills it in; its loader loads the grammar. */
export interface EmscriptenModule {
  locateFile: () => string;
  instantiateWasm?: (imports: object, receive: (instance: WasmInstance, module: WasmModule) => void) => object;
  loadWebAssemblyModule?: (binary: unknown, ...rest: unknown[]) => unknown;
}

/** Finds a wasm file beside the bundle (dist/) or in node_modules (sources run by tsx). */
function wasmPath(file: string, pkg: string): string {
  const beside = join(__dirname, file);
  if (existsSync(beside)) return beside;
  return require.resolve(`${pkg}/${file}`);
}

export const corePath = (): string => wasmPath('tree-sitter.wasm', 'web-tree-sitter');
const grammarPath = (): string => wasmPath('tree-sitter-python.wasm', 'tree-sitter-python');

let compiling: Promise<PythonWasm> | undefined;
let compiled: PythonWasm | undefined;

/** Compiles both modules (once; later calls get the same modules). */
export function compilePythonWasm(): Promise<PythonWasm> {
  compiling ??= (async () => {
    const [core, grammar] = await Promise.all([
      WebAssembly.compile(readFileSync(corePath())),
      WebAssembly.compile(readFileSync(grammarPath())),
    ]);
    compiled = { core, grammar };
    return compiled;
  })();
  return compiling;
}

/** The modules, when `compilePythonWasm` has finished (for a worker started synchronously). */
export function compiledPythonWasm(): PythonWasm | undefined {
  return compiled;
}

/** The options object for `Parser.init`: instantiates the compiled core instead of compiling the file. */
export function emscriptenModule(core: WasmModule): EmscriptenModule {
  const path = corePath();
  return {
    locateFile: () => path,
    instantiateWasm: (imports, receive) => {
      const instance = new WebAssembly.Instance(core, imports);
      receive(instance, core);
      return instance.exports;
    },
  };
}

/** Loads the compiled grammar into the initialised `module` (see the file comment). */
export async function loadLanguage(module: EmscriptenModule, grammar: WasmModule): Promise<Language> {
  const load = module.loadWebAssemblyModule;
  if (typeof load !== 'function') throw new Error('web-tree-sitter: no emscripten loader to load the grammar with');
  module.loadWebAssemblyModule = (_bytes: unknown, ...rest: unknown[]) => load(grammar, ...rest);
  try {
    // The bytes are never read: the wrapped loader gets the compiled module instead.
    return await Language.load(new Uint8Array(0));
  } finally {
    module.loadWebAssemblyModule = load;
  }
}
