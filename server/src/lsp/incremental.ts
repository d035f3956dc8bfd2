/**
 * Incremental parsing of an open document. The tree of the last analysis is
 * kept and every `didChange` range is applied to it, so the next analysis
 * re-parses only what the edits touched:
 * - Python: the tree-sitter tree gets `tree.edit()` per change and is passed
 *   to the next parse, which reuses every subtree the edits did not touch.
 * - JavaScript/TypeScript: the changes are folded into one changed range and
 *   the next analysis calls `ts.updateSourceFile` with it (see
 *   parse/js/parser.ts); only the top-level statements the update did not
 *   reuse are converted to ESTree and walked, the others keep their facts
 *   (parse/js/chunks.ts).
 *
 * Offsets: web-tree-sitter parses JS strings as UTF-16 and TypeScript
 * positions are UTF-16 indices, like LSP positions and `TextDocument`
 * offsets. A full-text change (no range) drops the trees.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SpliceState } from '../analysis/parse/javascript';
import type { Tree } from 'web-tree-sitter';
import type { FileFacts } from '../analysis/facts';
import { extractFacts, javascriptFrontEnd } from '../analysis/parse';
import { factsFromTree, parsePython } from '../analysis/parse/python';
import { chunkedFacts, type PyChunk } from '../analysis/parse/py/chunks';
import { editWindow } from '../analysis/splice';
import type { Language } from '../analysis/types';
import { foldChange, matchesChange, type ChangedRange } from './changedRange';
import { parseStep, treeEdit } from './treeEdit';
import { resolveChanges, type ResolvedChanges } from './textSync';

/** The TypeScript tree of the last analysis, and what it was parsed as. */
interface HeldSource {
  /** The tree, text and statement facts of the last analysis (parse/javascript.ts). */
  state: SpliceState;
  key: string;
  /** Everything edited since, in one range; undefined when nothing was. */
  changed?: ChangedRange;
}

/** The Python statements' facts of the last analysis, for statement-level reuse (analysis/splice.ts). */
interface HeldChunks {
  text: string;
  chunks: PyChunk[];
  /** Everything edited since, in one range; undefined when nothing was. */
  changed?: ChangedRange;
}

/**
 * The last few documents analysed keep their trees even before their first
 * edit, so typing right after opening a file is incremental too. Bounded: a
 * workspace of opened but untouched files (Django: 859) holds at most this
 * many trees beside the edited documents'.
 */
export const WARM_DOCUMENTS = 3;

class WarmSet {
  private readonly items: IncrementalParse[] = [];

  constructor(private readonly size: number) {}

  /** Marks `parse` as the most recently analysed; the least recent beyond the bound cools down. */
  touch(parse: IncrementalParse): void {
    this.remove(parse);
    this.items.push(parse);
    while (this.items.length > this.size) this.items.shift()?.cool();
  }

  remove(parse: IncrementalParse): void {
    const i = this.items.indexOf(parse);
    if (i >= 0) this.items.splice(i, 1);
  }
}

const warm = new WarmSet(WARM_DOCUMENTS);

export class IncrementalParse {
  private tree?: Tree;
  private chunks?: HeldChunks;
  private source?: HeldSource;
  /** The last JavaScript/TypeScript analysis reused statements' facts (tests check the fast path is on). */
  lastSpliced = false;
  /**
   * Trees are kept for documents being edited and for the last few analysed
   * (`WARM_DOCUMENTS`): a workspace of opened but untouched files would
   * otherwise hold a tree each (Django: 859).
   */
  private edited = false;
  /** The facts of the last analysis, for the readers of the same version (code actions, compliance). */
  private last?: { text: string; path: string; language: Language; facts: FileFacts };

  /** Applies `changes` (as the client applies them) to the held trees; `before` holds the text they apply to. */
  edit(before: Pick<TextDocument, 'getText'>, changes: readonly TextDocumentContentChangeEvent[]): void {
    this.editResolved(resolveChanges(before.getText(), changes));
  }

  /** Applies changes already resolved to offsets (documents.ts resolves them once for text, trees and findings). */
  editResolved(resolved: ResolvedChanges): void {
    // Edited documents keep their trees anyway: they leave room in the warm set.
    if (!this.edited) warm.remove(this);
    this.edited = true;
    if (!this.tree && !this.source) return;
    if (resolved.full) {
      this.release();
      return;
    }
    for (const step of resolved.steps) {
      const { start, end, text } = parseStep(step);
      if (this.source) this.source.changed = foldChange(this.source.changed, start, end, text.length);
      if (this.chunks) this.chunks.changed = foldChange(this.chunks.changed, start, end, text.length);
      if (this.tree) this.tree.edit(treeEdit(step.before, start, end, text));
    }
  }

  /** The facts of `text`; re-uses (and replaces) the held tree. */
  facts(text: string, path: string, language: Language): FileFacts {
    if (!this.edited) warm.touch(this);
    const facts = language === 'python' ? this.pythonFacts(text, path) : this.javascriptFacts(text, path, language);
    this.last = { text, path, language, facts };
    return facts;
  }

  /** Whether a tree of the last analysis is held for the next edit. */
  get holdsTree(): boolean {
    return this.tree !== undefined || this.source !== undefined;
  }

  /** Called when this document leaves the warm set: unless it is being edited, its trees go. */
  cool(): void {
    if (!this.edited) this.release();
  }

  /**
   * The facts of `text` without re-parsing when the last analysis was of this
   * very text (a code action or the compliance model right after the
   * diagnostics); else a full extraction that leaves the held trees alone.
   */
  readonly factsOf = (text: string, path: string, language: Language): FileFacts => {
    const last = this.last;
    if (last && last.text === text && last.path === path && last.language === language) return last.facts;
    return extractFacts(language, text, path);
  };

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

  /** The document closed: frees its trees. */
  dispose(): void {
    warm.remove(this);
    this.release();
  }

  /** Frees the trees (tree-sitter's lives in wasm memory). */
  private release(): void {
    this.last = undefined;
    this.tree?.delete();
    this.tree = undefined;
    this.chunks = undefined;
    this.source = undefined;
  }
}
