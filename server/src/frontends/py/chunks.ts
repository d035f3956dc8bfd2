/**
 * The Python facts walk, one top-level statement at a time, reusing the facts
 * of the statements an edit did not touch (see frontends/splice.ts).
 *
 * Per statement: its subtree is mirrored and walked alone, with the imports
 * of the statements before it known to name resolution; what it adds to the
 * file-level parts (module bindings, import-time functions, writes in its
 * functions that may reach module state) is kept unresolved in its chunk and
 * replayed by `assembleFacts`, so those stay exact whatever the edit did.
 *
 * A top-level class is split one level further: its header (decorators,
 * name, bases) is walked every time, and each statement of its body is a part
 * reused like a top-level statement, so typing in one method of a
 * 2,000-line class walks that method only. Body statements depend on the
 * class only through its name (their scope), which is in their key.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { emptyFacts, shareWalkedLists, type FileFacts } from '../../ir/facts';
import { assembleFacts, ChunkIndex, emptyChunk, importsDiffer, type EditWindow, type FactChunk } from '../splice';
import { commentFacts } from './comments';
import { bindModuleName } from './globals';
import { resolveModuleWrites, type Candidate } from './scopes';
import { mirrorSubtree, mirrorTree } from './tree';
import { PyTreeWalker } from './walk';
import type { PyWalker } from './walker';

export type PyChunk = FactChunk<Candidate>;

export interface ChunkedFacts {
  facts: FileFacts;
  /** Keep for the next analysis; empty when the file cannot be chunked. */
  chunks: PyChunk[];
}

/**
 * The facts of `tree` (parsed from `text`). `previous` are the chunks of the
 * last analysis and `window` what the edits since touched; chunks outside it
 * are reused. The previous chunks are consumed (reused ones are moved).
 */
export function chunkedFacts(
  tree: Tree,
  text: string,
  path: string,
  previous: readonly PyChunk[] = [],
  window?: EditWindow,
): ChunkedFacts {
  const root = tree.rootNode;
  if (root.type !== 'module') {
    const facts = new PyTreeWalker(emptyFacts('python', path, text)).run(mirrorTree(tree, text));
    return { facts, chunks: [] };
  }
  const walk = new ChunkWalk(tree, text, path, window);
  const chunks = walk.statements(root.children, new ChunkIndex(previous, window), '');
  // Reused statements resolved names through the imports before them: those must not have changed.
  if (window && importsDiffer(previous, chunks)) return chunkedFacts(tree, text, path);
  for (const chunk of walk.walked) walk.walker.resolveCalls(chunk.calls);
  const facts = assembleFacts({ ...walk.scratch, syntaxErrors: root.hasError }, chunks, {
    bind: bindModuleName,
    resolve: (f, candidates) => resolveModuleWrites(candidates, f),
  });
  return { facts, chunks };
}

class ChunkWalk {
  readonly scratch: FileFacts;
  readonly walker: PyWalker;
  /** Chunks walked (not reused), in order. */
  readonly walked: PyChunk[] = [];

  constructor(
    private readonly tree: Tree,
    private readonly text: string,
    path: string,
    private readonly window: EditWindow | undefined,
  ) {
    this.scratch = emptyFacts('python', path, text);
    this.walker = new PyTreeWalker(this.scratch);
  }

  /** The chunks of a block's statements (`nodes`); `scope` goes into their keys. */
  statements(nodes: readonly (Node | null)[], index: ChunkIndex<Candidate>, scope: string): PyChunk[] {
    const chunks: PyChunk[] = [];
    let first = true;
    for (const node of nodes) {
      if (!node) continue;
      const statement = node.isNamed && node.type !== 'comment';
      // The first statement may be the docstring, which is not walked.
      const key = `${node.type}${node.isNamed ? '' : '~'}${statement && first ? '^' : ''}${scope}`;
      let chunk = index.take(node.startIndex, node.endIndex, key, !node.hasError);
      if (chunk) this.walker.knowImports(allImports(chunk));
      else chunk = this.walk(node, first, key, index);
      if (statement) first = false;
      chunks.push(chunk);
    }
    return chunks;
  }

  private walk(node: Node, first: boolean, key: string, index: ChunkIndex<Candidate>): PyChunk {
    const body = splitBody(node);
    if (!body || node.parent?.type !== 'module') {
      const chunk = this.begin(node, key, !node.hasError);
      const mirrored = mirrorSubtree(this.tree, node, this.text);
      this.walker.blockStatement(mirrored.root, first);
      commentFacts(this.text, mirrored.comments, chunk.comments);
      this.end(chunk);
      return chunk;
    }
    // A class: the header is walked; the body's statements are parts, reused where the edit did not touch them.
    const chunk: PyChunk = emptyChunk({ start: node.startIndex, end: node.endIndex }, key, !node.hasError);
    const before = index.enclosing(node.startIndex, key);
    const parts = new ChunkIndex(before?.parts ?? [], before && this.window);
    const head = this.begin(node, `${key}:head`, false);
    const mirrored = mirrorSubtree(this.tree, node, this.text, body.block);
    const partChunks: PyChunk[] = [head];
    this.walker.splitBlock = () => {
      this.walker.splitBlock = undefined;
      this.end(head);
      for (const part of this.statements(body.block.children, parts, `@${body.name}`)) partChunks.push(part);
      partChunks.push(this.begin(node, `${key}:tail`, false));
    };
    this.walker.blockStatement(mirrored.root, first);
    this.walker.splitBlock = undefined;
    // Comments outside the body are all before it.
    commentFacts(this.text, mirrored.comments, head.comments);
    const tail = partChunks[partChunks.length - 1];
    if (tail === head) throw new Error('the split class body was not walked');
    this.end(tail);
    chunk.parts = partChunks;
    return chunk;
  }

  /** A chunk for `node` that receives what the walker finds from now on. */
  private begin(node: Node, key: string, clean: boolean): PyChunk {
    const chunk: PyChunk = emptyChunk({ start: node.startIndex, end: node.endIndex }, key, clean);
    const s = this.scratch;
    shareWalkedLists(s, chunk);
    s.imports = chunk.imports;
    s.importTimeFunctions = new Set();
    this.walker.bindAttempts = chunk.bindings;
    this.walked.push(chunk);
    return chunk;
  }

  /** Closes the chunk `begin` opened: what the walker keeps outside the facts lists. */
  private end(chunk: PyChunk): void {
    for (const c of this.walker.takeModulePending()) chunk.deferred.push(c);
    chunk.importTimeFunctions = [...this.scratch.importTimeFunctions];
  }
}

/** The body of a top-level class (decorated or not) and the class's name. */
function splitBody(node: Node): { block: Node; name: string } | undefined {
  const def = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (def?.type !== 'class_definition') return undefined;
  const block = def.childForFieldName('body');
  const name = def.childForFieldName('name');
  if (block?.type !== 'block' || !name) return undefined;
  return { block, name: name.text };
}

function allImports(chunk: PyChunk): PyChunk['imports'] {
  if (!chunk.parts) return chunk.imports;
  return [...chunk.imports, ...chunk.parts.flatMap(allImports)];
}
