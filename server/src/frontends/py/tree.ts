/**
 * A plain-JS mirror of a tree-sitter tree, built in one cursor pass.
 *
 * web-tree-sitter's Node API crosses into wasm (and allocates Node objects and
 * arrays through its marshalling) on every `namedChildren`, `childForFieldName`,
 * `type` and `text`; the walker asks those many times per node. One cursor pass
 * reads each node once, and the walker then works on ordinary objects with the
 * same surface.
 */
import type { Language, Node, Tree } from 'web-tree-sitter';
import { openCursor } from './cursor';
import { FIELDED_TYPES } from './fielded';

const NAMED = 1;
/** The type's children can fill fields (other types' children never do). */
const FIELDED = 2;
/** The walker never reads the type's children (it records the node as an opaque `other` value). */
const OPAQUE = 4;
/** The walker reads the type's anonymous children (operators of comparisons, string delimiters). */
const KEEPS_TOKENS = 8;

// (`list_comprehension` is not opaque: its name matches the walker's binding-target test.)
const OPAQUE_TYPES = new Set(['set_comprehension', 'dictionary_comprehension', 'generator_expression', 'type']);
const TOKEN_READERS = new Set(['comparison_operator', 'string']);

/** Per-language lookup tables, built once, indexed by type id / field id. */
interface Tables {
  types: string[];
  flags: Uint8Array;
  fields: (string | undefined)[];
}

const tablesByLanguage = new WeakMap<Language, Tables>();

function tablesFor(language: Language): Tables {
  let t = tablesByLanguage.get(language);
  if (t) return t;
  // 0xffff is ERROR; its children are read, fields included.
  const count = Math.max(language.types.length, 0x10000);
  // Ids past the language's types read as ERROR (named, fielded): filled, not computed one by one.
  const known = language.types.length;
  const types = new Array<string>(count).fill('ERROR', known);
  const flags = new Uint8Array(count).fill(NAMED | FIELDED, known);
  for (let i = 0; i < known; i++) {
    const type = language.types[i] || 'ERROR';
    types[i] = type;
    const named = language.nodeTypeIsNamed(i);
    flags[i] =
      (named ? NAMED : 0) |
      (type === 'ERROR' || FIELDED_TYPES.has(type) ? FIELDED : 0) |
      (OPAQUE_TYPES.has(type) ? OPAQUE : 0) |
      (TOKEN_READERS.has(type) ? KEEPS_TOKENS : 0);
  }
  const fields = language.fields.map((f) => f ?? undefined);
  t = { types, flags, fields };
  tablesByLanguage.set(language, t);
  return t;
}

const NO_CHILDREN: PyNode[] = [];

export class PyNode {
  /**
   * Named children, plus the anonymous tokens the walker reads: those filling
   * a field (operators) and all of a comparison's or a string's.
   */
  children: PyNode[] = NO_CHILDREN;
  /** The type's flags (read while mirroring). */
  flags = 0;
  /** A block mirrored without its statements: the caller supplies them (frontends/py/chunks.ts). */
  split = false;
  private namedCache: PyNode[] | undefined;

  constructor(
    readonly source: string,
    readonly type: string,
    readonly isNamed: boolean,
    /** The field this node fills in its parent, if any. */
    readonly field: string | undefined,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): PyNode[] {
    if (this.namedCache) return this.namedCache;
    const all = this.children;
    let named = all;
    for (let i = 0; i < all.length; i++) {
      if (!all[i].isNamed) {
        named = [];
        for (const c of all) if (c.isNamed) named.push(c);
        break;
      }
    }
    this.namedCache = named;
    return named;
  }

  /** The first of `children` (the real first child where all tokens are kept: strings). */
  get firstChild(): PyNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): PyNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  childForFieldName(field: string): PyNode | null {
    for (const c of this.children) if (c.field === field) return c;
    return null;
  }

  childrenForFieldName(field: string): PyNode[] {
    const out: PyNode[] = [];
    for (const c of this.children) if (c.field === field) out.push(c);
    return out;
  }
}

export interface PyComment {
  start: number;
  end: number;
  row: number;
}

export interface PyTree {
  root: PyNode;
  comments: PyComment[];
  hasError: boolean;
}

/**
 * Mirrors `tree` with a cursor, iteratively (no JS recursion, so arbitrarily
 * deep input cannot overflow the stack). Subtrees the walker never reads are
 * not descended into, except to collect their comments.
 */
/** Line breaks (`\n`, `\r\n`, lone `\r`) that end in [from, to) of `text`. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

export function mirrorTree(tree: Tree, source: string): PyTree {
  return mirror(tree, undefined, source);
}

/**
 * Mirrors the subtree of `node` (a node of `tree`), its comments included.
 * `split`: a `block` inside it mirrored without its children or comments
 * (marked `split`).
 */
export function mirrorSubtree(tree: Tree, node: Node, source: string, split?: Node): PyTree {
  return mirror(tree, node, source, split);
}

function mirror(tree: Tree, top: Node | undefined, source: string, split?: Node): PyTree {
  const splitStart = split ? split.startIndex : -1;
  const splitEnd = split ? split.endIndex : -1;
  const { types, flags: table, fields } = tablesFor(tree.language);
  const cursor = openCursor(tree, top);
  const comments: PyComment[] = [];
  // Comment rows, counted forward from the previous comment, as tree-sitter counts them in the text it
  // parsed (py/lineBreaks.ts): at '\n' and at a lone '\r'.
  let row = top ? top.startPosition.row : 0;
  let rowAt = top ? top.startIndex : 0;
  const stack: PyNode[] = [];
  let root: PyNode | undefined;
  let hash = source.indexOf('#', rowAt);
  try {
    let descending = true;
    // Depth inside an opaque subtree: only comments are collected there.
    let opaqueDepth = 0;
    for (;;) {
      if (descending) {
        const typeId = cursor.typeId();
        const flags = table[typeId];
        const type = types[typeId];
        if (type === 'comment') {
          const start = cursor.start();
          row += lineBreaks(source, rowAt, start);
          rowAt = start;
          comments.push({ start, end: cursor.end(), row });
        }
        if (opaqueDepth > 0) {
          if (cursor.firstChild()) {
            opaqueDepth++;
            continue;
          }
        } else {
          const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
          // The top node fills no field here (the module node never does; a subtree's top is taken as it stands).
          const fieldId = parent !== undefined && (parent.flags & FIELDED) !== 0 ? cursor.fieldId() : 0;
          const isNamed = (flags & NAMED) !== 0;
          let keep = isNamed || fieldId !== 0 || parent === undefined || (parent.flags & KEEPS_TOKENS) !== 0;
          // A token the walker does not read is left out, unless it is not a token after all (it has children).
          if (!keep && cursor.firstChild()) {
            cursor.parent();
            keep = true;
          }
          if (keep) {
            const field = fieldId === 0 ? undefined : fields[fieldId];
            const node = new PyNode(source, type, isNamed, field, cursor.start(), cursor.end());
            node.flags = flags;
            if (parent) {
              if (parent.children === NO_CHILDREN) parent.children = [node];
              else parent.children.push(node);
            } else root = node;
            if ((flags & OPAQUE) !== 0) {
              // Only comments are wanted inside; without a '#' there can be none.
              // Nodes come in document order, so the search for the next '#' only moves forward.
              if (hash !== -1 && hash < node.startIndex) hash = source.indexOf('#', node.startIndex);
              if (hash !== -1 && hash < node.endIndex && cursor.firstChild()) {
                opaqueDepth = 1;
                continue;
              }
            } else if (type === 'block' && node.startIndex === splitStart && node.endIndex === splitEnd) {
              node.split = true;
            } else if (cursor.firstChild()) {
              stack.push(node);
              continue;
            }
          }
        }
      }
      if (cursor.nextSibling()) {
        descending = true;
        continue;
      }
      if (!cursor.parent()) break;
      if (opaqueDepth > 0) opaqueDepth--;
      else stack.pop();
      descending = false;
    }
  } finally {
    cursor.close();
  }
  if (!root) throw new Error('tree-sitter returned an empty tree');
  return { root, comments, hasError: (top ?? tree.rootNode).hasError };
}
