/**
 * `import os` where a Python file lacks it: after the shebang and coding
 * comments, the module docstring and `from __future__` imports (which must
 * stay first), before the first top-level import so it joins the import block.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../analysis/facts';
import { parsePython } from '../analysis/parse/python';
import { lineEnding } from './dotenv';
import type { TextChange } from './patch';

export interface ModuleRef {
  /** How the code refers to the module (`os`, or its alias). */
  name: string;
  /** The insertion of `import <module>` when the file does not import it yet. */
  change?: TextChange;
}

/** The local name of a plainly imported module (`import os`, `import os as _os`). */
export function importedModule(facts: FileFacts, module: string): string | undefined {
  return facts.imports.find((i) => i.module === module && i.imported === undefined && !i.local.includes('.'))?.local;
}

/** `import module` unless already imported; `module` must be a top-level name. */
export function ensurePythonImport(text: string, facts: FileFacts, module: string): ModuleRef {
  const r = ensurePythonImports(text, facts, [module]);
  return { name: r.names[module], change: r.change };
}

/** Several imports in one insertion (one blank line after the block, not one per import). */
export function ensurePythonImports(
  text: string,
  facts: FileFacts,
  modules: readonly string[],
): { names: Record<string, string>; change?: TextChange } {
  const names: Record<string, string> = {};
  const missing: string[] = [];
  for (const m of modules) {
    const local = importedModule(facts, m);
    names[m] = local ?? m;
    if (local === undefined) missing.push(m);
  }
  if (missing.length === 0) return { names };
  const at = importInsertion(text);
  const eol = lineEnding(text);
  const lines = missing.map((m) => `import ${m}${eol}`).join('');
  return {
    names,
    change: { start: at.offset, end: at.offset, newText: `${at.before ? eol : ''}${lines}${at.after ? eol : ''}` },
  };
}

/**
 * Where a new import line goes: `offset` is the start of a line (or the end
 * of a file without a final newline: `before` adds the break); `after` adds a
 * blank line when the import would otherwise run into code.
 */
function importInsertion(text: string): { offset: number; before: boolean; after: boolean } {
  const tree = parsePython(text);
  try {
    const statements = tree.rootNode.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
    let i = 0;
    if (statements[0] && isDocstring(statements[0])) i++;
    while (statements[i]?.type === 'future_import_statement') i++;
    const headerEnd = i > 0 ? statements[i - 1].endIndex : headerCommentsEnd(text);
    const firstImport = statements
      .slice(i)
      .find(
        (n) => (n.type === 'import_statement' || n.type === 'import_from_statement') && n.startPosition.column === 0,
      );
    if (firstImport) return { offset: firstImport.startIndex, before: false, after: false };
    const lineEnd = nextLineStart(text, headerEnd);
    if (lineEnd === undefined) return { offset: text.length, before: text.length > 0, after: false };
    const rest = text.slice(lineEnd);
    // Code right below: keep a blank line between the imports and it.
    const after = rest.length > 0 && !/^[ \t]*(\r\n|\n|\r)/.test(rest);
    return { offset: lineEnd, before: false, after };
  } finally {
    tree.delete();
  }
}

function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildCount === 1 && node.namedChild(0)?.type === 'string';
}

/** End of the shebang / coding comment lines, which must stay on the first two lines. */
function headerCommentsEnd(text: string): number {
  let offset = 0;
  for (let line = 0; line < 2; line++) {
    const m = /^(#[^\r\n]*)(\r\n|\n|\r)?/.exec(text.slice(offset));
    if (!m || !(/^#!/.test(m[1]) || /coding[:=]/.test(m[1]))) break;
    offset += m[1].length;
    if (!m[2]) return offset;
    offset += m[2].length;
  }
  return offset === 0 ? 0 : offset - 1;
}

/** The start of the line after `offset`, or undefined at the last line. */
function nextLineStart(text: string, offset: number): number | undefined {
  if (offset === 0) return 0;
  const m = /\r\n|\n|\r/.exec(text.slice(offset));
  return m ? offset + m.index + m[0].length : undefined;
}
