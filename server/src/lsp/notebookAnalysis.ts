/**
 * One analysis of an open notebook: its Python code cells joined in order
 * (engine/notebook.ts), each cell's findings in the cell's own coordinates,
 * kept for the notebook's revision so every cell reads the same run.
 */
import { NotebookCellKind } from 'vscode-languageserver';
import { analyzeCells, type AnalyzePython } from '../engine/notebook';
import type { Finding } from '../ir/types';
import type { DocumentStore } from './documents';
import type { NotebookState } from './notebooks';

export function notebookCellFindings(
  notebook: NotebookState,
  documents: DocumentStore,
  generation: number,
  analyze: AnalyzePython,
): Map<string, Finding[]> {
  const cached = notebook.analysis;
  if (cached && cached.revision === notebook.revision && cached.generation === generation) return cached.result;
  const cells = notebook.cells.flatMap((cell, index) => {
    const open = documents.get(cell.document);
    if (cell.kind !== NotebookCellKind.Code || open?.languageId !== 'python') return [];
    return [{ index, text: open.document.getText(), uri: cell.document }];
  });
  const { cells: analysed } = analyzeCells(cells, analyze);
  const result = new Map(analysed.map((c) => [cells.find((x) => x.index === c.index)?.uri ?? '', c.findings]));
  notebook.analysis = { revision: notebook.revision, generation, result };
  return result;
}
