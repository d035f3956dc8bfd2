/**
 * The ESTree of a file with many top-level statements, converted a slice of
 * statements at a time.
 *
 * typescript-estree looks up the token after each `export` keyword from the
 * root of the file (`findNextToken(node, ast, ast)`), scanning the file's
 * statements each time: a file of 70k exports took 21 s. Converting slices
 * through a view that lists only the slice's statements (js/partial.ts)
 * bounds every such scan by the slice, and gives the same tree as converting
 * the file at once (the test compares them).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as ts from 'typescript';
import { convertStatements, leadingComments, prologue, tiles } from './partial';

/** Below this many top-level statements the whole conversion is as fast. */
export const PIECEWISE_FROM = 1024;
const SLICE = 256;

/**
 * The Program of `source` converted slice by slice, or undefined when that
 * cannot be done exactly (few statements, statements that do not cover the
 * file, or a slice the converter refuses): the caller converts it whole.
 */
export function convertInPieces(source: ts.SourceFile): TSESTree.Program | undefined {
  const statements = source.statements;
  if (statements.length < PIECEWISE_FROM || !tiles(source)) return undefined;
  const directives = prologue(source);
  const body: TSESTree.ProgramStatement[] = [];
  const comments: TSESTree.Comment[] = [];
  let first: TSESTree.Program | undefined;
  for (let i = 0; i < statements.length; i += SLICE) {
    const part = convertStatements(source, statements.slice(i, i + SLICE), directives.slice(i, i + SLICE));
    if (!part) return undefined;
    first ??= part.program;
    for (const node of part.body) body.push(node);
    for (const comment of part.comments) comments.push(comment);
  }
  if (!first) return undefined;
  // The comments before the end-of-file token belong to no statement.
  for (const comment of leadingComments(source, statements[statements.length - 1].end)) comments.push(comment);
  return { ...first, body, comments };
}
