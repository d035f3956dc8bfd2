/**
 * Notebooks are analysed as one Python file: the code cells in order, so an
 * `import os` in the first cell counts in the third, with IPython's syntax
 * neutralised in place (a line magic `%pip …` or shell escape `!ls` becomes a
 * comment of the same length; a cell run by another program, `%%bash`, is
 * left out). Findings are mapped back to the cell they are in: offsets in the
 * cell's text for the language server (one document per cell), offsets in
 * the `.ipynb` file's own text for the CLI (through the JSON escapes), with
 * the cell and its local range beside them.
 */
import { cellOffsetToFile, readNotebook, type NotebookCell } from '../frontends';
import { LineIndex } from '../ir/lines';
import type { FileResult, Finding } from '../ir/types';

/** A cell to analyse: its index among the notebook's cells and its text. */
export interface CellText {
  index: number;
  text: string;
}

/** Python analysis of the joined text (engine.ts passes its own analyzeText). */
export type AnalyzePython = (text: string) => FileResult;

export interface CellFindings {
  result: FileResult;
  /** Per analysed cell, its findings with spans and ranges in the cell's text. */
  cells: { index: number; text: string; findings: Finding[] }[];
}

/**
 * Cell magics whose body is Python run by IPython (timed, captured,
 * profiled): their first line is neutralised and the body analysed. Any
 * other cell magic (`%%bash`, `%%html`, `%%writefile`, `%%sql`) hands the
 * cell to something else, and the cell is skipped.
 */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

/** `%magic`, `!command`, and the assignment forms `x = !ls`, `x = %who_ls`. */
const MAGIC_LINE = /^([ \t]*)(?:[%!]|[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*[%!])/;

/**
 * The cell as Python, or undefined when a cell magic gives it to another
 * program. Every character keeps its offset: only magic lines change, their
 * first character turned into `#`.
 */
export function cellAsPython(text: string): string | undefined {
  const first = /^\s*%%([A-Za-z_]\w*)/.exec(text);
  if (first && !PYTHON_CELL_MAGICS.has(first[1])) return undefined;
  if (!/[%!]/.test(text)) return text;
  return text.replace(/^[^\r\n]*/gm, (line) => {
    const magic = MAGIC_LINE.exec(line);
    if (!magic) return line;
    const at = magic[1].length;
    return `${line.slice(0, at)}#${line.slice(at + 1)}`;
  });
}

/** Whether a code cell of a notebook whose kernel speaks `kernel` is Python. */
export function isPythonCell(cell: Pick<NotebookCell, 'kind' | 'language'>, kernel: string): boolean {
  return cell.kind === 'code' && (cell.language ?? kernel) === 'python';
}

/** Analyses cells as one Python text and hands each its own findings. */
export function analyzeCells(cells: readonly CellText[], analyze: AnalyzePython): CellFindings {
  const joined: string[] = [];
  const placed: { index: number; text: string; start: number; length: number }[] = [];
  let at = 0;
  for (const cell of cells) {
    const python = cellAsPython(cell.text);
    if (python === undefined) continue;
    placed.push({ index: cell.index, text: cell.text, start: at, length: python.length });
    // Cells run one after another: each starts on a line of its own.
    const separated = /[\r\n]$/.test(python) || python.length === 0 ? python : `${python}\n`;
    joined.push(separated);
    at += separated.length;
  }
  const result = analyze(joined.join(''));
  const out = placed.map((p) => ({ index: p.index, text: p.text, findings: [] as Finding[] }));
  let k = 0;
  for (const finding of [...result.findings].sort((a, b) => a.span.start - b.span.start)) {
    while (k + 1 < placed.length && placed[k + 1].start <= finding.span.start) k++;
    const cell = placed[k];
    if (!cell) break;
    const start = finding.span.start - cell.start;
    const span = { start, end: Math.max(start, Math.min(finding.span.end - cell.start, cell.length)) };
    out[k].findings.push({ ...finding, span, range: new LineIndex(cell.text).range(span) });
  }
  return { result, cells: out };
}

/**
 * A notebook file's findings, positioned in the file's text, each with its
 * cell (`cell.index`, 0-based) and range in that cell. A notebook whose
 * kernel is not Python gives none; a damaged one gives what its readable
 * cells give.
 */
export function analyzeNotebookText(text: string, analyze: AnalyzePython): FileResult {
  const notebook = readNotebook(text);
  const byIndex = new Map(notebook.cells.map((c) => [c.index, c]));
  const code = notebook.cells.filter((c) => isPythonCell(c, notebook.language));
  const { result, cells } = analyzeCells(
    code.map((c) => ({ index: c.index, text: c.source })),
    analyze,
  );
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  for (const cell of cells) {
    const source = byIndex.get(cell.index);
    if (!source) continue;
    for (const f of cell.findings) {
      const start = cellOffsetToFile(text, source, f.span.start);
      const end = f.span.end > f.span.start ? cellOffsetToFile(text, source, f.span.end, true) : start;
      const span = { start, end };
      findings.push({ ...f, span, range: lines.range(span), cell: { index: cell.index, range: f.range } });
    }
  }
  const { signals: _signals, ...rest } = result;
  return { ...rest, findings, syntaxErrors: rest.syntaxErrors || notebook.damaged || undefined };
}
