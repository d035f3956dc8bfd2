/**
 * The parse state one edited document keeps between analyses, so the next
 * analysis re-parses only what the edits touched:
 * - Python: the tree-sitter tree gets `tree.edit()` per change and is passed
 *   to the next parse, which reuses every subtree the edits did not touch;
 *   the statements' facts are reused where the edits did not reach
 *   (py/chunks.ts).
 * - JavaScript/TypeScript: the changes are folded into one changed range and
 *   the next analysis calls `ts.updateSourceFile` with it (js/parser.ts);
 *   only the top-level statements the update did not reuse are converted to
 *   ESTree and walked, the others keep their facts (js/chunks.ts).
 *
 * Offsets: web-tree-sitter parses JS strings as UTF-16 and TypeScript
 * positions are UTF-16 indices, like LSP positions. The language server
 * (lsp/incremental.ts) decides which documents keep this state.
 */
import type { Tree } from 'web-tree-sitter';
import type { FileFacts } from '../ir/facts';
import type { Language } from '../ir/types';
import { foldChange, matchesChange, type ChangedRange, type TextStep } from './changedRange';
import { javascriptFrontEnd } from './index';
import type { SpliceState } from './javascript';
import { chunkedFacts, type PyChunk } from './py/chunks';
import { parseStep, treeEdit } from './py/treeEdit';
import { factsFromTree, parsePython } from './python';
import { editWindow } from './splice';

/** The TypeScript tree of the last analysis, and what it was parsed as. */
interface HeldSource {
  /** The tree, text and statement facts of the last analysis (javascript.ts). */
  state: SpliceState;
  key: string;
  /** Everything edited since, in one range; undefined when nothing was. */
  changed?: ChangedRange;
}

/** The Python statements' facts of the last analysis, for statement-level reuse (splice.ts). */
interface HeldChunks {
  text: string;
  chunks: PyChunk[];
  /** Everything edited since, in one range; undefined when nothing was. */
  changed?: ChangedRange;
}

export class HeldTrees {
  private tree?: Tree;
  private chunks?: HeldChunks;
  private source?: HeldSource;
  /** The last JavaScript/TypeScript analysis reused statements' facts (tests check the fast path is on). */
  lastSpliced = false;

  /** Whether a tree of the last analysis is held for the next edit. */
  get holdsTree(): boolean {
    return this.tree !== undefined || this.source !== undefined;
  }

  /** Applies one resolved change (in order) to the held trees. */
  edit(step: TextStep): void {
    const { start, end, text } = parseStep(step);
    if (this.source) this.source.changed = foldChange(this.source.changed, start, end, text.length);
    if (this.chunks) this.chunks.changed = foldChange(this.chunks.changed, start, end, text.length);
    if (this.tree) this.tree.edit(treeEdit(step.before, start, end, text));
  }

  /** The facts of `text`; re-uses (and replaces) the held trees. */
  facts(text: string, path: string, language: Language): FileFacts {
    return language === 'python' ? this.pythonFacts(text, path) : this.javascriptFacts(text, path, language);
  }

  /** Frees the trees (tree-sitter's lives in wasm memory). */
  release(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.chunks = undefined;
    this.source = undefined;
  }

  private pythonFacts(text: string, path: string): FileFacts {
    const held = this.chunks;
    // Whatever happens next, the held chunks are consumed (reuse moves them).
    this.chunks = undefined;
    const tree = parsePython(text, this.tree);
    this.tree?.delete();
    this.tree = tree;
    const window = held && editWindow(held.text, text, held.changed ?? { start: 0, oldEnd: 0, newEnd: 0 });
    try {
      const { facts, chunks } = chunkedFacts(tree, text, path, window ? held.chunks : [], window);
      this.chunks = { text, chunks };
      return facts;
    } catch {
      // Statement-level reuse is an optimisation: whatever goes wrong in it, the whole walk still answers.
      return factsFromTree(tree, text, path);
    }
  }

  private javascriptFacts(text: string, path: string, language: 'javascript' | 'typescript'): FileFacts {
    const held = this.source;
    // Whatever happens next, the held tree is consumed (an update invalidates it).
    this.source = undefined;
    const key = `${language}:${path}`;
    const changed = held?.changed ?? { start: 0, oldEnd: 0, newEnd: 0 };
    // A text the edits do not explain (missed or reordered notifications) gets a full parse.
    const reuse = held && held.key === key && matchesChange(held.state.text, text, changed);
    const result = javascriptFrontEnd().extractJavaScriptSpliced(
      text,
      path,
      language,
      reuse ? { state: held.state, change: changed } : undefined,
    );
    this.lastSpliced = result.spliced;
    if (result.state) this.source = { state: result.state, key };
    return result.facts;
  }
}
