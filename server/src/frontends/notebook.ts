/**
 * Jupyter notebooks (`.ipynb`, nbformat 4): the JSON is parsed once, with
 * positions (jsonc-parser), into the sources of its cells. Outputs are never
 * read (a notebook with embedded images is mostly outputs). Each source
 * keeps the places of its JSON strings, so an offset in a cell's decoded text
 * maps back to the file's own text through the escapes (`\"`, `\n`, `\uXXXX`):
 * findings point where GitHub code scanning and editors can open them.
 */
import { parseTree, type Node } from 'jsonc-parser';

export interface NotebookCell {
  /** 0-based position among all the notebook's cells (markdown included), as editors count them. */
  index: number;
  kind: 'code' | 'markdown' | 'raw';
  /** The cell's language when its metadata names one (VS Code writes `metadata.vscode.languageId`). */
  language?: string;
  /** The decoded source. */
  source: string;
  /** The JSON strings the source is made of, in order. */
  pieces: SourcePiece[];
}

/** One JSON string of a cell's `source` (a line of the usual array, or the whole source). */
interface SourcePiece {
  /** Offset in the decoded source where this string's text starts. */
  start: number;
  /** Offset in the file of the opening quote. */
  fileStart: number;
  /** Length in the file, quotes included. */
  fileLength: number;
}

export interface Notebook {
  /** The kernel's language (`metadata.kernelspec.language`, else `language_info.name`); `python` when unnamed. */
  language: string;
  cells: NotebookCell[];
  /** The JSON could not be read as a notebook (cells found before the damage are kept). */
  damaged: boolean;
}

export function readNotebook(text: string): Notebook {
  const errors: unknown[] = [];
  const root = parseTree(text, errors as never, { allowTrailingComma: true, disallowComments: false });
  const notebook: Notebook = { language: 'python', cells: [], damaged: errors.length > 0 || root?.type !== 'object' };
  if (root?.type !== 'object') return notebook;
  const metadata = property(root, 'metadata');
  const language =
    stringValue(property(property(metadata, 'kernelspec'), 'language')) ??
    stringValue(property(property(metadata, 'language_info'), 'name'));
  if (language) notebook.language = language.toLowerCase();
  const cells = property(root, 'cells');
  if (cells?.type !== 'array') return { ...notebook, damaged: true };
  (cells.children ?? []).forEach((cell, index) => {
    const read = readCell(cell, index);
    if (read) notebook.cells.push(read);
  });
  return notebook;
}

function readCell(cell: Node, index: number): NotebookCell | undefined {
  if (cell.type !== 'object') return undefined;
  const type = stringValue(property(cell, 'cell_type'));
  if (type !== 'code' && type !== 'markdown' && type !== 'raw') return undefined;
  const languageId = stringValue(property(property(property(cell, 'metadata'), 'vscode'), 'languageId'));
  const source = property(cell, 'source');
  const strings = source?.type === 'array' ? (source.children ?? []) : source ? [source] : [];
  const pieces: SourcePiece[] = [];
  let decoded = '';
  for (const s of strings) {
    if (s.type !== 'string' || typeof s.value !== 'string') continue;
    pieces.push({ start: decoded.length, fileStart: s.offset, fileLength: s.length });
    decoded += s.value;
  }
  return { index, kind: type, language: languageId?.toLowerCase(), source: decoded, pieces };
}

function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  for (const p of node.children ?? []) {
    const [name, value] = p.children ?? [];
    if (name?.value === key) return value;
  }
  return undefined;
}

function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * The file offset of `offset` in the cell's decoded source. An `end`
 * (exclusive) offset maps past the last character it covers, so a span that
 * ends a line ends before that line's `\n` escape, not on the next string.
 */
export function cellOffsetToFile(text: string, cell: NotebookCell, offset: number, end = false): number {
  const { pieces } = cell;
  if (pieces.length === 0) return 0;
  if (end && offset > 0) {
    const before = fileOffsetOf(text, pieces, offset - 1);
    return before + escapeLength(text, before);
  }
  return fileOffsetOf(text, pieces, offset);
}

function fileOffsetOf(text: string, pieces: readonly SourcePiece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const piece = pieces[lo];
  const close = piece.fileStart + piece.fileLength - 1;
  let at = piece.fileStart + 1;
  for (let left = offset - piece.start; left > 0 && at < close; left--) at += escapeLength(text, at);
  return Math.min(at, close);
}

/** How many characters of the JSON text encode the one UTF-16 unit at `at`. */
function escapeLength(text: string, at: number): number {
  if (text.charCodeAt(at) !== 92 /* \ */) return 1;
  return text.charCodeAt(at + 1) === 117 /* u */ ? 6 : 2;
}
