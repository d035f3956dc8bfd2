/**
 * Where a new `import` goes in a Python module: the fixes ask the front-end
 * rather than walking a tree themselves (python.ts `pythonImportSite`).
 */
import type { Node } from 'web-tree-sitter';
import { afterHeaderLines } from '../../lib/headerLines';

/** A line start to insert at; `before`/`after`: add a line break before / a blank line after. */
export interface ImportSite {
  offset: number;
  before: boolean;
  after: boolean;
}

/**
 * Where a new top-level import line goes (after the shebang and coding
 * comments, the module docstring and `from __future__` imports, before the
 * first top-level import): `offset` is the start of a line (or the end
 * of a file without a final newline: `before` adds the break); `after` adds a
 * blank line when the import would otherwise run into code.
 */
export function importSiteIn(root: Node, text: string): ImportSite {
  const statements = root.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  let i = 0;
  if (statements[0] && isDocstring(statements[0])) i++;
  while (statements[i]?.type === 'future_import_statement') i++;
  const firstImport = statements
    .slice(i)
    .find((n) => (n.type === 'import_statement' || n.type === 'import_from_statement') && n.startPosition.column === 0);
  if (firstImport) return { offset: firstImport.startIndex, before: false, after: false };
  const lineEnd = i > 0 ? nextLineStart(text, statements[i - 1].endIndex) : afterHeaderLines(text, 'python');
  if (lineEnd === undefined) return { offset: text.length, before: text.length > 0, after: false };
  const rest = text.slice(lineEnd);
  // Code right below: keep a blank line between the imports and it.
  const after = rest.length > 0 && !/^[ \t]*(\r\n|\n|\r)/.test(rest);
  return { offset: lineEnd, before: false, after };
}

function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildCount === 1 && node.namedChild(0)?.type === 'string';
}

/** The start of the line after `offset`, or undefined at the last line. */
function nextLineStart(text: string, offset: number): number | undefined {
  if (offset === 0) return 0;
  const m = /\r\n|\n|\r/.exec(text.slice(offset));
  return m ? offset + m.index + m[0].length : undefined;
}
