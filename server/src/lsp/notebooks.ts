/**
 * Open notebooks (LSP 3.17 notebook document sync). Each cell's text is an
 * ordinary open document of the DocumentStore (edits, versions, code
 * actions), marked with its notebook; the notebook keeps the cells' order.
 * A cell is analysed with the cells before and after it (an `import os` in
 * the first counts in the third, engine/notebook.ts): one analysis per
 * notebook revision, shared by its cells, and any cell's edit outdates every
 * cell's diagnostics.
 */
import type {
  DidChangeNotebookDocumentParams,
  DidCloseNotebookDocumentParams,
  DidOpenNotebookDocumentParams,
  NotebookCell,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import type { Finding } from '../ir/types';
import type { DocumentStore } from './documents';

export interface NotebookState {
  readonly uri: string;
  /** The cells in order (only those the client synchronises: Python code cells). */
  cells: NotebookCell[];
  /** Bumped on every change of cells or their text. */
  revision: number;
  /** The findings of every cell, by cell URI, for one revision under one workspace generation. */
  analysis?: { revision: number; generation: number; result: Map<string, Finding[]> };
}

export class NotebookStore {
  private readonly notebooks = new Map<string, NotebookState>();

  constructor(private readonly documents: DocumentStore) {}

  open({ notebookDocument, cellTextDocuments }: DidOpenNotebookDocumentParams): NotebookState {
    for (const textDocument of cellTextDocuments) this.documents.open({ textDocument }, notebookDocument.uri);
    const state: NotebookState = { uri: notebookDocument.uri, cells: [...notebookDocument.cells], revision: 0 };
    this.notebooks.set(state.uri, state);
    return state;
  }

  /** Applies a change; returns the notebook, or undefined for one not open. */
  change({ notebookDocument, change }: DidChangeNotebookDocumentParams): NotebookState | undefined {
    const state = this.notebooks.get(notebookDocument.uri);
    if (!state) return undefined;
    const structure = change.cells?.structure;
    if (structure) {
      const { start, deleteCount, cells = [] } = structure.array;
      state.cells.splice(start, deleteCount, ...cells);
      for (const closed of structure.didClose ?? []) this.documents.close(closed.uri);
      for (const textDocument of structure.didOpen ?? []) this.documents.open({ textDocument }, state.uri);
    }
    for (const cell of change.cells?.data ?? []) {
      const at = state.cells.findIndex((c) => c.document === cell.document);
      if (at >= 0) state.cells[at] = cell;
    }
    for (const { document, changes } of change.cells?.textContent ?? []) {
      this.documents.change({ textDocument: document, contentChanges: changes as TextDocumentContentChangeEvent[] });
    }
    state.revision++;
    state.analysis = undefined;
    // Every cell's findings depend on the others' text.
    for (const cell of state.cells) {
      const open = this.documents.get(cell.document);
      if (open) open.analysis = undefined;
    }
    return state;
  }

  /** Closes the notebook and its cells; returns the cells' URIs (their diagnostics are cleared). */
  close({ notebookDocument, cellTextDocuments }: DidCloseNotebookDocumentParams): string[] {
    const state = this.notebooks.get(notebookDocument.uri);
    this.notebooks.delete(notebookDocument.uri);
    const uris = new Set([...(state?.cells.map((c) => c.document) ?? []), ...cellTextDocuments.map((d) => d.uri)]);
    for (const uri of uris) this.documents.close(uri);
    return [...uris];
  }

  get(uri: string): NotebookState | undefined {
    return this.notebooks.get(uri);
  }

  /** Every open cell of every notebook (to re-publish after a settings change). */
  cellUris(): string[] {
    return [...this.notebooks.values()].flatMap((n) => n.cells.map((c) => c.document));
  }
}
