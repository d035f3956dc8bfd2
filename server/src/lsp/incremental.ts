/**
 * Incremental parsing of an open document. The tree of the last analysis is
 * kept and every `didChange` range is applied to it, so the next analysis
 * re-parses only what the edits touched:
 * - Python: the tree-sitter tree gets `tree.edit()` per change and is passed
 *   to the next parse, which reuses every subtree the edits did not touch.
 * - JavaScript/TypeScript: the changes are folded into one changed range and
 *   the next analysis calls `ts.updateSourceFile` with it (see
 *   parse/js/parser.ts); the ESTree conversion and the walk still run whole.
 *
 * Offsets: web-tree-sitter parses JS strings as UTF-16 and TypeScript
 * positions are UTF-16 indices, like LSP positions and `TextDocument`
 * offsets. A full-text change (no range) drops the trees.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type * as ts from 'typescript';
import type { Tree } from 'web-tree-sitter';
import type { FileFacts } from '../analysis/facts';
import { extractFacts, javascriptFrontEnd } from '../analysis/parse';
import { factsFromTree, parsePython } from '../analysis/parse/python';
import type { Language } from '../analysis/types';
import { foldChange, matchesChange, type ChangedRange } from './changedRange';

/** The TypeScript tree of the last analysis, and what it was parsed as. */
interface HeldSource {
  sourceFile: ts.SourceFile;
  key: string;
  /** Everything edited since, in one range; undefined when nothing was. */
  changed?: ChangedRange;
}

export class IncrementalParse {
  private tree?: Tree;
  private source?: HeldSource;
  /**
   * Trees are kept only for documents being edited: a workspace of opened but
   * untouched files would otherwise hold a tree each (Django: 859). The first
   * edit pays one full parse.
   */
  private edited = false;
  /** The facts of the last analysis, for the readers of the same version (code actions, compliance). */
  private last?: { text: string; path: string; language: Language; facts: FileFacts };

  /** Applies `changes` (as `TextDocument.update` would) to the held tree; `before` is the text they apply to. */
  edit(before: TextDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
    this.edited = true;
    if (!this.tree && !this.source) return;
    // TextDocument.update mutates its argument: several changes are replayed on a copy.
    let doc =
      changes.length > 1
        ? TextDocument.create(before.uri, before.languageId, before.version, before.getText())
        : before;
    for (const change of changes) {
      if (!('range' in change)) {
        this.dispose();
        return;
      }
      const startIndex = doc.offsetAt(change.range.start);
      const oldEndIndex = doc.offsetAt(change.range.end);
      if (this.source) {
        this.source.changed = foldChange(this.source.changed, startIndex, oldEndIndex, change.text.length);
      }
      if (this.tree) this.editTree(doc, startIndex, oldEndIndex, change.text);
      if (changes.length > 1) doc = TextDocument.update(doc, [change], doc.version);
    }
  }

  private editTree(doc: TextDocument, startIndex: number, oldEndIndex: number, text: string): void {
    const start = doc.positionAt(startIndex);
    const oldEnd = doc.positionAt(oldEndIndex);
    const newlines = text.split('\n').length - 1;
    const tail = text.length - text.lastIndexOf('\n') - 1;
    this.tree?.edit({
      startIndex,
      oldEndIndex,
      newEndIndex: startIndex + text.length,
      startPosition: { row: start.line, column: start.character },
      oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
      newEndPosition: {
        row: start.line + newlines,
        column: newlines === 0 ? start.character + text.length : tail,
      },
    });
  }

  /** The facts of `text`; re-uses (and replaces) the held tree. */
  facts(text: string, path: string, language: Language): FileFacts {
    const facts = language === 'python' ? this.pythonFacts(text, path) : this.javascriptFacts(text, path, language);
    if (this.edited) this.last = { text, path, language, facts };
    else this.dispose();
    return facts;
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
    const tree = parsePython(text, this.tree);
    this.tree?.delete();
    this.tree = tree;
    return factsFromTree(tree, text, path);
  }

  private javascriptFacts(text: string, path: string, language: 'javascript' | 'typescript'): FileFacts {
    const held = this.source;
    // Whatever happens next, the held tree is consumed (an update invalidates it).
    this.source = undefined;
    const key = `${language}:${path}`;
    const changed = held?.changed ?? { start: 0, oldEnd: 0, newEnd: 0 };
    // A text the edits do not explain (missed or reordered notifications) gets a full parse.
    const reuse = held && held.key === key && matchesChange(held.sourceFile.text, text, changed);
    const result = javascriptFrontEnd().extractJavaScriptIncremental(
      text,
      path,
      language,
      reuse ? held.sourceFile : undefined,
      reuse
        ? {
            span: { start: changed.start, length: changed.oldEnd - changed.start },
            newLength: changed.newEnd - changed.start,
          }
        : undefined,
    );
    if (result.sourceFile) this.source = { sourceFile: result.sourceFile, key };
    return result.facts;
  }

  /** Frees the trees (tree-sitter's lives in wasm memory). */
  dispose(): void {
    this.last = undefined;
    this.tree?.delete();
    this.tree = undefined;
    this.source = undefined;
  }
}
