/**
 * A plain-JS mirror of a tree-sitter tree, built in one cursor pass.
 *
 * web-tree-sitter's Node API crosses into wasm (and allocates Node objects and
 * arrays through its marshalling) on every `namedChildren`, `childForFieldName`,
 * `type` and `text`; the walker asks those many times per node. One cursor pass
 * reads each node once, and the walker then works on ordinary objects with the
 * same surface.
 */
import type { Language, Tree } from 'web-tree-sitter';
import { openCursor } from './cursor';
import { FIELDED_TYPES } from './fielded';

/** Per-language lookup tables, built once: type ids and field ids to names. */
interface Tables {
  types: string[];
  named: Uint8Array;
  /** 1 where the type's children can fill fields (other types' children never do). */
  fielded: Uint8Array;
  fields: (string | undefined)[];
}

const tablesByLanguage = new WeakMap<Language, Tables>();

function tablesFor(language: Language): Tables {
  let t = tablesByLanguage.get(language);
  if (t) return t;
  const count = language.types.length;
  const types: string[] = new Array<string>(count);
  const named = new Uint8Array(count);
  const fielded = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    types[i] = language.types[i] || 'ERROR';
    named[i] = language.nodeTypeIsNamed(i) ? 1 : 0;
    fielded[i] = FIELDED_TYPES.has(types[i]) ? 1 : 0;
  }
  const fields = language.fields.map((f) => f ?? undefined);
  t = { types, named, fielded, fields };
  tablesByLanguage.set(language, t);
  return t;
}

/** Node types whose children the walker never reads (it records them as opaque `other` values). */
// (`list_comprehension` is not: its name matches the walker's binding-target test.)
const OPAQUE = new Set(['set_comprehension', 'dictionary_comprehension', 'generator_expression', 'type']);

const NO_CHILDREN: PyNode[] = [];

export class PyNode {
  children: PyNode[] = NO_CHILDREN;
  /** Whether this node's children can fill fields (read while mirroring). */
  fielded = false;
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

  /**
   * Anonymous tokens are read without positions (the walker only needs their
   * type, which is their text); fielded ones (operators) keep their positions.
   */
  get text(): string {
    return this.startIndex < 0 ? this.type : this.source.slice(this.startIndex, this.endIndex);
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
export function mirrorTree(tree: Tree, source: string): PyTree {
  const { types, named, fielded, fields } = tablesFor(tree.language);
  const cursor = openCursor(tree);
  const comments: PyComment[] = [];
  // Comment rows, counted forward from the previous comment (rows count '\n' only, as tree-sitter does).
  let row = 0;
  let rowAt = 0;
  const stack: PyNode[] = [];
  let root: PyNode | undefined;
  let hash = source.indexOf('#');
  try {
    let descending = true;
    // Depth inside an opaque subtree: only comments are collected there.
    let opaqueDepth = 0;
    for (;;) {
      if (descending) {
        const typeId = cursor.typeId();
        const type = types[typeId] ?? 'ERROR';
        const isNamed = typeId >= named.length || named[typeId] === 1;
        if (type === 'comment') {
          const start = cursor.start();
          for (let i = source.indexOf('\n', rowAt); i !== -1 && i < start; i = source.indexOf('\n', i + 1)) row++;
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
          const fieldId = parent === undefined || parent.fielded ? cursor.fieldId() : 0;
          const field = fieldId === 0 ? undefined : fields[fieldId];
          const positioned = isNamed || field !== undefined || parent === undefined || parent.type === 'string';
          const node = positioned
            ? new PyNode(source, type, isNamed, field, cursor.start(), cursor.end())
            : new PyNode(source, type, isNamed, field, -1, -1);
          if (parent) {
            if (parent.children === NO_CHILDREN) parent.children = [node];
            else parent.children.push(node);
          } else root = node;
          node.fielded = typeId >= fielded.length || fielded[typeId] === 1;
          if (OPAQUE.has(type)) {
            // Only comments are wanted inside; without a '#' there can be none.
            // Nodes come in document order, so the search for the next '#' only moves forward.
            if (hash !== -1 && hash < node.startIndex) hash = source.indexOf('#', node.startIndex);
            if (hash !== -1 && hash < node.endIndex && cursor.firstChild()) {
              opaqueDepth = 1;
              continue;
            }
          } else if (cursor.firstChild()) {
            stack.push(node);
            continue;
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
  return { root, comments, hasError: tree.rootNode.hasError };
}
