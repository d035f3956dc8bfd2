/**
 * Parses JavaScript/TypeScript into ESTree, recovering from syntax errors.
 *
 * typescript-estree refuses a file with any parse diagnostic, so half-typed
 * code in the editor would yield nothing. The TypeScript parser underneath
 * always recovers, so we build its `SourceFile` ourselves, remember whether it
 * had diagnostics, clear them, and let the converter accept the recovered tree
 * (`allowInvalidAST`).
 *
 * In the editor the previous `SourceFile` can be passed with the range the
 * edits changed: `ts.updateSourceFile` then reuses every node outside it.
 */
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';
import type { Language } from '../../ir/types';
import { convertInPieces } from './pieces';
import { blankDeepBrackets, blankDeepStatements } from './recover';
import { scanComments } from './scanComments';

export interface ParsedProgram {
  program?: TSESTree.Program;
  /** Syntax errors, or parts of the file left out (too deeply nested). */
  syntaxErrors: boolean;
  /** `program` is of the text with parts left out (it does not match `sourceFile`). */
  recovered?: boolean;
  /** The TypeScript tree of the whole text, to update after the next edit (none when it overflowed). */
  sourceFile?: ts.SourceFile;
}

/** A `SourceFile` of the text before an edit, and the range the edit changed. */
export interface PreviousParse {
  /** Invalid once passed here: `ts.updateSourceFile` moves its nodes into the new tree. */
  sourceFile: ts.SourceFile;
  change: ts.TextChangeRange;
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

export function parseProgram(text: string, path: string, language: Language, previous?: PreviousParse): ParsedProgram {
  const kind = scriptKind(path, language);
  return parseSource(buildSource(text, path, kind, previous), text, path, kind);
}

/** ESTree of `source` (the tree of `text`, undefined when the parser overflowed), recovering from what fails. */
export function parseSource(
  source: ts.SourceFile | undefined,
  text: string,
  path: string,
  kind: ts.ScriptKind,
): ParsedProgram {
  const attempt = convert(source);
  const sourceFile = attempt.source;
  if (attempt.program) return { program: attempt.program, syntaxErrors: attempt.syntaxErrors, sourceFile };
  return { ...recover(text, path, kind, attempt), sourceFile, recovered: true };
}

/** The fallbacks when the whole text did not convert; the result always has syntaxErrors. */
function recover(text: string, path: string, kind: ts.ScriptKind, failed: Attempt): ParsedProgram {
  let attempt = failed;
  let current = text;
  // The TypeScript parser overflowed the stack: blank the deepest brackets.
  if (!attempt.source) {
    const reduced = blankDeepBrackets(current);
    if (reduced !== undefined) {
      current = reduced;
      attempt = convert(buildSource(current, path, kind));
      if (attempt.program) return { program: attempt.program, syntaxErrors: true };
    }
  }
  // The converter failed on a tree we have: blank the statements too deep for it.
  if (attempt.source) {
    const reduced = blankDeepStatements(current, attempt.source);
    if (reduced !== undefined) {
      current = reduced;
      attempt = convert(buildSource(current, path, kind));
      if (attempt.program) return { program: attempt.program, syntaxErrors: true };
    }
  }
  // Otherwise keep the code before the first syntax error.
  const cut = lineStartBefore(current, attempt.firstError ?? 0);
  if (cut <= 0) return { syntaxErrors: true };
  return { program: convert(buildSource(current.slice(0, cut), path, kind)).program, syntaxErrors: true };
}

/** The TypeScript tree of `text`, updated from `previous` when given; undefined when the parser overflowed. */
export function buildSource(
  text: string,
  path: string,
  kind: ts.ScriptKind,
  previous?: PreviousParse,
): ts.SourceFile | undefined {
  if (previous) {
    try {
      return ts.updateSourceFile(previous.sourceFile, text, previous.change);
    } catch {
      // Whatever the update did not survive, a fresh parse decides, as without a previous tree.
    }
  }
  try {
    return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  } catch {
    return undefined;
  }
}

/** How the whole file is converted (js/pieces.ts converts big files to the same tree). */
export const PARSE_OPTIONS = {
  loc: true,
  range: true,
  comment: true,
  allowInvalidAST: true,
  errorOnUnknownASTType: false,
  suppressDeprecatedPropertyWarnings: true,
} as const;

/** The same conversion without the comment list, when js/scanComments.ts finds the comments. */
const WITHOUT_COMMENTS = { ...PARSE_OPTIONS, comment: false } as const;

/** ESTree of a TypeScript tree; the tree is left as it was, so it can be updated later. */
export function convert(source: ts.SourceFile | undefined): Attempt {
  if (!source) return { syntaxErrors: true };
  const view = source as unknown as WithDiagnostics;
  const diagnostics = view.parseDiagnostics;
  const syntaxErrors = diagnostics.length > 0;
  const firstError = syntaxErrors ? diagnostics[0].start : undefined;
  // Hidden from the converter only: an unchanged text makes updateSourceFile return this same tree.
  if (syntaxErrors) view.parseDiagnostics = [];
  try {
    const program = convertInPieces(source) ?? convertWhole(source, syntaxErrors);
    return { program, syntaxErrors, source };
  } catch {
    return { syntaxErrors: true, source, firstError };
  } finally {
    view.parseDiagnostics = diagnostics;
  }
}

/** typescript-estree's conversion, its comments found by one scan when that is exact (a clean tree without JSX). */
function convertWhole(source: ts.SourceFile, syntaxErrors: boolean): TSESTree.Program {
  const comments = syntaxErrors ? undefined : scanComments(source);
  if (!comments) return parse(source as never, PARSE_OPTIONS);
  const program = parse(source as never, WITHOUT_COMMENTS);
  program.comments = comments;
  return program;
}

function lineStartBefore(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', Math.max(0, offset - 1));
  return nl < 0 ? 0 : nl + 1;
}
