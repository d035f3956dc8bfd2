/**
 * Incremental parsing of open documents: which documents keep their parse
 * state between analyses (frontends/incremental.ts holds and updates it),
 * and the LSP changes applied to it. A full-text change (no range) drops
 * the trees.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { KeywordGate } from '../engine/keywords';
import { extractFacts } from '../frontends';
import { HeldTrees } from '../frontends/incremental';
import type { FileFacts } from '../ir/facts';
import type { Language } from '../ir/types';
import { resolveChanges, type ResolvedChanges } from './textSync';

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
  private readonly trees = new HeldTrees();
  /** Where the rules' keywords were found in the last analysis: the next one searches only around the edits. */
  readonly keywords = new KeywordGate();
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
    if (!this.trees.holdsTree) return;
    if (resolved.full) {
      this.release();
      return;
    }
    for (const step of resolved.steps) this.trees.edit(step);
  }

  /** The facts of `text`; re-uses (and replaces) the held tree. */
  facts(text: string, path: string, language: Language): FileFacts {
    if (!this.edited) warm.touch(this);
    const facts = this.trees.facts(text, path, language);
    this.last = { text, path, language, facts };
    return facts;
  }

  /** Whether a tree of the last analysis is held for the next edit. */
  get holdsTree(): boolean {
    return this.trees.holdsTree;
  }

  /** The last JavaScript/TypeScript analysis reused statements' facts (tests check the fast path is on). */
  get lastSpliced(): boolean {
    return this.trees.lastSpliced;
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

  /** The document closed: frees its trees. */
  dispose(): void {
    warm.remove(this);
    this.release();
  }

  /** Frees the trees (tree-sitter's lives in wasm memory). */
  private release(): void {
    this.last = undefined;
    this.trees.release();
  }
}
