/**
 * Parses JavaScript/TypeScript into ESTree, recovering from syntax errors.
 *
 * typescript-estree refuses a file with any parse diagnostic, so half-typed
 * code in the editor would yield nothing. The TypeScript parser underneath
 * always recovers, so we build its `SourceFile` ourselves, remember whether it
 * had diagnostics, clear them, and let the converter accept the recovered tree
 * (`allowInvalidAST`).
 */
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';
import type { Language } from '../../types';

export interface ParsedProgram {
  program?: TSESTree.Program;
  syntaxErrors: boolean;
}

interface Diagnostic {
  start: number;
}

/** The internal, mutable view of a SourceFile's parse diagnostics. */
interface WithDiagnostics {
  parseDiagnostics: Diagnostic[];
}

export function scriptKind(path: string, language: Language): ts.ScriptKind {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot).toLowerCase();
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return ts.ScriptKind.TS;
  // JS script kind parses JSX too, so plain `.js` React files work.
  return language === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

export function parseProgram(text: string, path: string, language: Language): ParsedProgram {
  const kind = scriptKind(path, language);
  const first = convert(text, path, kind);
  if (first.program || !first.syntaxErrors) return first;
  // The converter rejected the recovered tree: keep the code before the first error.
  const cut = lineStartBefore(text, first.firstError ?? 0);
  if (cut <= 0) return { syntaxErrors: true };
  const second = convert(text.slice(0, cut), path, kind);
  return { program: second.program, syntaxErrors: true };
}

function convert(text: string, path: string, kind: ts.ScriptKind): ParsedProgram & { firstError?: number } {
  let syntaxErrors = false;
  let firstError: number | undefined;
  try {
    // Deeply nested input can exhaust the stack in either parser: caught below.
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
    const view = source as unknown as WithDiagnostics;
    const diagnostics = view.parseDiagnostics;
    syntaxErrors = diagnostics.length > 0;
    firstError = syntaxErrors ? diagnostics[0].start : undefined;
    if (syntaxErrors) view.parseDiagnostics = [];
    const program = parse(source as never, {
      loc: true,
      range: true,
      comment: true,
      allowInvalidAST: true,
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { program, syntaxErrors };
  } catch {
    return { syntaxErrors: true, firstError };
  }
}

function lineStartBefore(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', Math.max(0, offset - 1));
  return nl < 0 ? 0 : nl + 1;
}
