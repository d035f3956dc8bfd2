/**
 * Incremental parsing of an open Python document: the tree of the last
 * analysis is kept, every `didChange` range is applied to it with
 * `tree.edit()`, and the next analysis re-parses with the edited tree, so
 * tree-sitter reuses every subtree the edits did not touch.
 *
 * Offsets: web-tree-sitter parses JS strings as UTF-16, so indices and
 * columns are UTF-16 code units, like LSP positions and `TextDocument`
 * offsets. A full-text change (no range) drops the tree.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Tree } from 'web-tree-sitter';
import type { FileFacts } from '../analysis/facts';
import { extractFacts } from '../analysis/parse';
import { factsFromTree, parsePython } from '../analysis/parse/python';
import type { Language } from '../analysis/types';

export class IncrementalParse {
  private tree?: Tree;

  /** Applies `changes` (as `TextDocument.update` would) to the held tree; `before` is the text they apply to. */
  edit(before: TextDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
    if (!this.tree) return;
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
      const start = doc.positionAt(startIndex);
      const oldEnd = doc.positionAt(oldEndIndex);
      const newlines = change.text.split('\n').length - 1;
      const tail = change.text.length - change.text.lastIndexOf('\n') - 1;
      this.tree.edit({
        startIndex,
        oldEndIndex,
        newEndIndex: startIndex + change.text.length,
        startPosition: { row: start.line, column: start.character },
        oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
        newEndPosition: {
          row: start.line + newlines,
          column: newlines === 0 ? start.character + change.text.length : tail,
        },
      });
      if (changes.length > 1) doc = TextDocument.update(doc, [change], doc.version);
    }
  }

  /** The facts of `text`; Python re-uses (and replaces) the held tree. */
  facts(text: string, path: string, language: Language): FileFacts {
    if (language !== 'python') return extractFacts(language, text, path);
    const tree = parsePython(text, this.tree);
    this.tree?.delete();
    this.tree = tree;
    return factsFromTree(tree, text, path);
  }

  /** Frees the tree (it lives in wasm memory). */
  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }
}
