/**
 * The few tree-cursor operations the mirror pass needs, as cheap as possible.
 *
 * web-tree-sitter's `TreeCursor` copies the cursor into the wasm transfer
 * buffer before every call (four `setValue`s) and back after every move; for a
 * pass that reads every node that copying costs as much as parsing. The wasm
 * functions themselves keep the cursor in that buffer between calls, so when
 * the emscripten module is at hand (it is the options object given to
 * `Parser.init`) we call them directly: the buffer is loaded once, each move
 * leaves the cursor there, and nothing else touches the buffer during the
 * synchronous pass. Without the module the public API is used.
 */
import type { Node, Tree } from 'web-tree-sitter';

export interface CursorOps {
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  typeId(): number;
  fieldId(): number;
  start(): number;
  end(): number;
  /** Frees the cursor; call exactly once. */
  close(): void;
}

type TreeFn = (tree: number) => number;

interface WasmExports {
  _ts_tree_cursor_goto_first_child_wasm: TreeFn;
  _ts_tree_cursor_goto_next_sibling_wasm: TreeFn;
  _ts_tree_cursor_goto_parent_wasm: TreeFn;
  _ts_tree_cursor_current_node_type_id_wasm: TreeFn;
  _ts_tree_cursor_current_field_id_wasm: TreeFn;
  _ts_tree_cursor_start_index_wasm: TreeFn;
  _ts_tree_cursor_end_index_wasm: TreeFn;
  _ts_tree_cursor_delete_wasm: TreeFn;
}

const NEEDED: (keyof WasmExports)[] = [
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_delete_wasm',
];

let available: WasmExports | undefined;
let enabled = true;

/** Records the emscripten module (the object passed to `Parser.init`) if it has the cursor exports. */
export function useWasmModule(module: object): void {
  const m = module as Partial<Record<keyof WasmExports, unknown>>;
  available = NEEDED.every((k) => typeof m[k] === 'function') ? (module as WasmExports) : undefined;
}

/** Turns the direct path on or off (tests compare it with the public API); says whether it is available. */
export function directCursor(on: boolean): boolean {
  enabled = on;
  return available !== undefined;
}

/** A cursor over `tree`, or over the subtree of `node` (a node of `tree`): it does not move above its start. */
export function openCursor(tree: Tree, node?: Node): CursorOps {
  const cursor = node ? node.walk() : tree.walk();
  const address = (tree as unknown as Record<number, unknown>)[0];
  const wasm = enabled ? available : undefined;
  if (!wasm || typeof address !== 'number') {
    return {
      firstChild: () => cursor.gotoFirstChild(),
      nextSibling: () => cursor.gotoNextSibling(),
      parent: () => cursor.gotoParent(),
      typeId: () => cursor.nodeTypeId,
      fieldId: () => cursor.currentFieldId,
      start: () => cursor.startIndex,
      end: () => cursor.endIndex,
      close: () => cursor.delete(),
    };
  }
  const w = wasm;
  // Any public read loads the cursor into the transfer buffer; from here on the buffer is the cursor.
  void cursor.nodeTypeId;
  return {
    firstChild: () => w._ts_tree_cursor_goto_first_child_wasm(address) === 1,
    nextSibling: () => w._ts_tree_cursor_goto_next_sibling_wasm(address) === 1,
    parent: () => w._ts_tree_cursor_goto_parent_wasm(address) === 1,
    typeId: () => w._ts_tree_cursor_current_node_type_id_wasm(address),
    fieldId: () => w._ts_tree_cursor_current_field_id_wasm(address),
    start: () => w._ts_tree_cursor_start_index_wasm(address),
    end: () => w._ts_tree_cursor_end_index_wasm(address),
    // The JS cursor's copy of the state is stale (its stack may have moved): free from the buffer.
    close: () => void w._ts_tree_cursor_delete_wasm(address),
  };
}
