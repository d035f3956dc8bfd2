/**
 * The expression that reads an environment variable in the fixed file, and
 * the import it needs.
 */
import type { FileFacts, StringFact } from '../ir/facts';
import type { Language } from '../ir/types';
import { languageOfPath } from '../shared/languages';
import { ensurePythonImport } from './pyImports';
import type { TextChange } from './patch';

export interface EnvRead {
  text: string;
  /** An import the expression needs (Python `import os`). */
  importChange?: TextChange;
  /** Shown in the fix title: `os.environ`, `process.env`. */
  via: string;
}

const JSX_FILE = /\.(?:jsx|tsx)$/i;

/**
 * Python: `os.environ["NAME"]` (a KeyError at start-up when unset: a missing
 * secret fails fast instead of running with a default). JS: `process.env.NAME`.
 *
 * TypeScript: `process.env.NAME!`. Under `strict`, `process.env.NAME` is
 * `string | undefined` and would not type-check where the literal was a
 * `string`. The non-null assertion keeps JavaScript's run-time behaviour and
 * says "the deployment provides it"; `?? ''` would hide a missing secret
 * behind an empty one and `String(…)` would turn it into "undefined".
 */
export function envRead(text: string, facts: FileFacts, language: Language, fact: StringFact, name: string): EnvRead {
  if (language === 'python') {
    const bytes = fact.expr.flavor === 'bytes' ? '.encode()' : '';
    const environ = facts.imports.find((i) => i.module === 'os' && i.imported === 'environ')?.local;
    if (environ !== undefined) return { text: `${environ}["${name}"]${bytes}`, via: 'os.environ' };
    const os = ensurePythonImport(text, facts, 'os');
    return { text: `${os.name}.environ["${name}"]${bytes}`, importChange: os.change, via: 'os.environ' };
  }
  // The file's extension says which it is; the editor's language where the extension does not.
  const byPath = languageOfPath(facts.path);
  const ts = byPath === 'typescript' || (language === 'typescript' && byPath !== 'javascript');
  let expr = `process.env.${name}${ts ? '!' : ''}`;
  // A JSX attribute (`<Map apiKey="…" />`) takes an expression only in braces.
  if (
    JSX_FILE.test(facts.path) &&
    /[\w-]=$/.test(text.slice(Math.max(0, fact.expr.span.start - 2), fact.expr.span.start))
  ) {
    expr = `{${expr}}`;
  }
  return { text: expr, via: 'process.env' };
}
