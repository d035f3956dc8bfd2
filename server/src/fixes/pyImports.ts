/**
 * `import os` where a Python file lacks it: after the shebang and coding
 * comments, the module docstring and `from __future__` imports (which must
 * stay first), before the first top-level import so it joins the import block.
 */
import type { FileFacts } from '../ir/facts';
import { pythonImportSite } from '../frontends/python';
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
  const at = pythonImportSite(text);
  const eol = lineEnding(text);
  const lines = missing.map((m) => `import ${m}${eol}`).join('');
  return {
    names,
    change: { start: at.offset, end: at.offset, newText: `${at.before ? eol : ''}${lines}${at.after ? eol : ''}` },
  };
}
