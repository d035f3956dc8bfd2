/**
 * What the facts of other statements depend on in a top-level statement
 * (js/chunks.ts): the imports and module declarations it makes, each under
 * the name it binds. A statement's walk reads that context only through
 * names it mentions (module declarations, imports resolving callees), so a
 * statement that mentions none of the names whose entries changed keeps its
 * facts; one that does is walked again. Renaming a top-level `const`,
 * function, class or import binding thus walks again the statements that
 * mention the old or the new name, not the whole file.
 */
import type * as ts from 'typescript';
import type { ImportFact } from '../../ir/facts';
import type { FactChunk } from '../splice';
import { isContainer } from './globals';
import type { ModuleDecl } from './walker';

/** One entry: the name bound, and what binds it (`p` imports of the pre-scan, `d` declarations, `w` walk imports). */
export type SignatureEntry = readonly [name: string, entry: string];

/** The entries of a statement's chunk (with its parts), in walk order. */
export function signatureOf(
  chunk: FactChunk<ImportFact>,
  decls: readonly (readonly [string, ModuleDecl])[],
): SignatureEntry[] {
  const out: SignatureEntry[] = [];
  const imp = (tag: string, f: ImportFact): void => void out.push([f.local, `${tag}${f.module}:${f.imported ?? ''}`]);
  for (const f of chunk.imports) imp('p', f);
  for (const [name, d] of decls) out.push([name, `d${d.kind}:${isContainer(d)}`]);
  const walked = (c: FactChunk<ImportFact>): void => {
    for (const f of c.deferred) imp('w', f);
    for (const part of c.parts ?? []) walked(part);
  };
  walked(chunk);
  return out;
}

/**
 * The names whose entries differ between the statements walked before
 * (`before`, in document order) and the ones that replace them (`after`).
 * The map of each kind is keyed by name and the last entry wins, so only the
 * order of one name's entries matters.
 */
export function changedNames(
  before: readonly (readonly SignatureEntry[])[],
  after: readonly (readonly SignatureEntry[])[],
): Set<string> {
  const byName = (lists: readonly (readonly SignatureEntry[])[]): Map<string, string> => {
    const map = new Map<string, string>();
    for (const list of lists) for (const [name, entry] of list) map.set(name, `${map.get(name) ?? ''}\n${entry}`);
    return map;
  };
  const a = byName(before);
  const b = byName(after);
  const changed = new Set<string>();
  for (const [name, entries] of a) if (b.get(name) !== entries) changed.add(name);
  for (const name of b.keys()) if (!a.has(name)) changed.add(name);
  return changed;
}

const IDENTIFIER_PART = /[\w$]/;

/**
 * The statements among `candidates` (indices into `statements`, in order)
 * whose text mentions one of `names` as a whole word, or holds a `\u` escape
 * (an identifier may be spelt with one). Over-inclusive on purpose: a word in
 * a string or a comment counts, a non-ASCII neighbour does not end a word.
 */
export function mentioning(
  text: string,
  statements: readonly ts.Statement[],
  candidates: readonly number[],
  names: ReadonlySet<string>,
): number[] {
  if (candidates.length === 0 || names.size === 0) return [];
  const hits = new Set<number>();
  const mark = (at: number): void => {
    const i = statementAt(statements, at);
    if (i >= 0) hits.add(i);
  };
  for (const name of names) {
    if (name.length === 0) continue;
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      const before = at > 0 ? text[at - 1] : '';
      const after = text[at + name.length] ?? '';
      if (!IDENTIFIER_PART.test(before) && !IDENTIFIER_PART.test(after)) mark(at);
    }
  }
  for (let at = text.indexOf('\\u'); at !== -1; at = text.indexOf('\\u', at + 2)) mark(at);
  return candidates.filter((i) => hits.has(i));
}

/** The index of the statement whose full extent holds `at`, or -1. */
function statementAt(statements: readonly ts.Statement[], at: number): number {
  let lo = 0;
  let hi = statements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = statements[mid];
    if (at < s.pos) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
