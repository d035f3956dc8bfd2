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
import { blankDeepBrackets, blankDeepStatements } from './recover';

export interface ParsedProgram {
  program?: TSESTree.Program;
  /** Syntax errors, or parts of the file left out (too deeply nested). */
  syntaxErrors: boolean;
}

interface Attempt extends ParsedProgram {
  /** The TypeScript tree, when the failure came after it was built. */
  source?: ts.SourceFile;
  firstError?: number;
}

/** The internal, mutable view of a SourceFile's parse diagnostics. */
interface WithDiagnostics {
  parseDiagnostics: { start: number }[];
}

export function scriptKind(path: string, language: Language): ts.ScriptKind {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot).toLowerCase();
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return ts.ScriptKind.TS;
  // The JS script kind parses JSX too, so React code in `.js` files works.
  return language === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

export function parseProgram(text: string, path: string, language: Language): ParsedProgram {
  const kind = scriptKind(path, language);
  let attempt = convert(text, path, kind);
  if (attempt.program) return attempt;
  let current = text;
  // The TypeScript parser overflowed the stack: blank the deepest brackets.
  if (!attempt.source) {
    const reduced = blankDeepBrackets(current);
    if (reduced !== undefined) {
      current = reduced;
      attempt = convert(current, path, kind);
      if (attempt.program) return { program: attempt.program, syntaxErrors: true };
    }
  }
  // The converter failed on a tree we have: blank the statements too deep for it.
  if (attempt.source) {
    const reduced = blankDeepStatements(current, attempt.source);
    if (reduced !== undefined) {
      current = reduced;
      attempt = convert(current, path, kind);
      if (attempt.program) return { program: attempt.program, syntaxErrors: true };
    }
  }
  // Otherwise keep the code before the first syntax error.
  const cut = lineStartBefore(current, attempt.firstError ?? 0);
  if (cut <= 0) return { syntaxErrors: true };
  return { program: convert(current.slice(0, cut), path, kind).program, syntaxErrors: true };
}

function convert(text: string, path: string, kind: ts.ScriptKind): Attempt {
  let source: ts.SourceFile;
  try {
    source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  } catch {
    return { syntaxErrors: true };
  }
  const view = source as unknown as WithDiagnostics;
  const diagnostics = view.parseDiagnostics;
  const syntaxErrors = diagnostics.length > 0;
  const firstError = syntaxErrors ? diagnostics[0].start : undefined;
  if (syntaxErrors) view.parseDiagnostics = [];
  try {
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
    return { syntaxErrors: true, source, firstError };
  }
}

function lineStartBefore(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', Math.max(0, offset - 1));
  return nl < 0 ? 0 : nl + 1;
}
