/**
 * ESTree of some top-level statements of a TypeScript tree, with their
 * comments, ranges and lines as in a conversion of the whole file.
 *
 * typescript-estree converts a whole `SourceFile`; its converter walks
 * `statements` and reads positions, text and lines through the file object.
 * Handing it a view of the file whose `statements` are only the ones wanted
 * converts just those, with absolute ranges. Its `getChildren` (used to find
 * tokens and comments) lists the same statements, so the comments found are
 * those of their tokens, exactly as the whole conversion finds them.
 *
 * `astConverter` is exported for tools (`use-at-your-own-risk`); when it is
 * missing or fails, callers convert the whole file instead.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';

interface Converted {
  estree: TSESTree.Program;
}
type AstConverter = (ast: ts.SourceFile, settings: object, preserveNodeMaps: boolean) => Converted;

let converter: AstConverter | null | undefined;

/** typescript-estree's converter, or null when this version does not export it. */
function astConverter(): AstConverter | null {
  if (converter === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require('@typescript-eslint/typescript-estree/use-at-your-own-risk') as { astConverter?: unknown };
      converter = typeof mod.astConverter === 'function' ? (mod.astConverter as AstConverter) : null;
    } catch {
      converter = null;
    }
  }
  return converter;
}

/** Whether statements can be converted one by one (the test checks the fast path is on). */
export function partialConversionAvailable(): boolean {
  return astConverter() !== null;
}

const SETTINGS = {
  allowInvalidAST: true,
  errorOnUnknownASTType: false,
  suppressDeprecatedPropertyWarnings: true,
  range: true,
  loc: true,
  comment: true,
  tokens: false,
};

export interface PartialProgram {
  /** One ESTree statement per statement asked for, in order. */
  body: TSESTree.ProgramStatement[];
  comments: TSESTree.Comment[];
  /** The Program node (range, lines and source type are the whole file's), whose `body` is `body`. */
  program: TSESTree.Program;
}

/**
 * The ESTree of `statements` (top-level statements of `source`, in order),
 * or undefined when they cannot be converted alone. `directives[i]` says
 * whether statement i is a directive of the file's prologue (left to itself
 * the converter would judge by the statements it is given).
 */
export function convertStatements(
  source: ts.SourceFile,
  statements: readonly ts.Statement[],
  directives: readonly boolean[],
  members?: readonly (readonly ts.ClassElement[] | undefined)[],
): PartialProgram | undefined {
  const convert = astConverter();
  if (!convert) return undefined;
  // Computed once on the real file, so the view reads it through its prototype.
  source.getLineStarts();
  const view = Object.create(source) as ts.SourceFile & { parseDiagnostics: unknown[] };
  const given: ts.Statement[] = [];
  for (let i = 0; i < statements.length; i++) {
    const only = members?.[i];
    const s = statements[i];
    if (!only) given.push(s);
    else if (ts.isClassDeclaration(s)) {
      const cls = classView(s, only, source);
      if (!cls) return undefined;
      given.push(cls);
    } else return undefined;
  }
  statements = given;
  const list = ts.factory.createNodeArray(statements);
  Object.defineProperties(view, {
    statements: { value: list },
    parseDiagnostics: { value: [] },
    getChildren: { value: () => statements },
  });
  let program: TSESTree.Program;
  try {
    program = convert(view, SETTINGS, false).estree;
  } catch {
    return undefined;
  }
  const body = program.body;
  if (body.length !== statements.length) return undefined;
  for (let i = 0; i < body.length; i++) {
    const node = body[i];
    if (node.range[0] < statements[i].pos || node.range[1] > statements[i].end) return undefined;
    if (node.type === 'ExpressionStatement') {
      node.directive = directives[i] ? (node.expression as TSESTree.StringLiteral).raw.slice(1, -1) : undefined;
    }
  }
  return { body, comments: program.comments ?? [], program };
}

/** Whether each statement is a directive of the prologue (`'use strict'` and the like). */
export function prologue(source: ts.SourceFile): boolean[] {
  const out: boolean[] = [];
  let open = true;
  for (const s of source.statements) {
    // The converter's test, on the TypeScript node.
    open = open && ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression);
    out.push(open);
  }
  return out;
}

/**
 * Whether the statements cover the text end to end. Tokens the parser skipped
 * (a stray `}`) lie between statements, with comments no chunk would own.
 */
export function tiles(source: ts.SourceFile): boolean {
  let end = 0;
  for (const s of source.statements) {
    if (s.pos !== end) return false;
    end = s.end;
  }
  return source.endOfFileToken.pos === end;
}

/**
 * A view of class `cls` whose members are only `members` (some of its own,
 * in order). Its tokens are the class's own around the members it lists, so
 * the converter finds the tokens it looks for (the comments it finds in the
 * class are not used: js/classes.ts finds them).
 */
function classView(
  cls: ts.ClassDeclaration,
  members: readonly ts.ClassElement[],
  source: ts.SourceFile,
): ts.ClassDeclaration | undefined {
  const children = classChildren(cls, source);
  if (!children) return undefined;
  const view = Object.create(cls) as ts.ClassDeclaration;
  const list = ts.setTextRange(ts.factory.createNodeArray(members), cls.members);
  // The converter looks tokens up from the file down (`findNextToken`): the members it converts are found there.
  const syntaxList = Object.create(children.list) as ts.Node;
  Object.defineProperty(syntaxList, 'getChildren', { value: () => members });
  const tokens = [...children.before, syntaxList, ...children.after];
  Object.defineProperties(view, {
    members: { value: list },
    getChildren: { value: () => tokens },
  });
  return view;
}

/** The children of a class (its tokens and lists) before and after the list of its members. */
export function classChildren(
  cls: ts.ClassDeclaration,
  source: ts.SourceFile,
): { before: ts.Node[]; list: ts.Node; after: ts.Node[] } | undefined {
  const children = cls.getChildren(source);
  const members = cls.members;
  for (let i = 1; i < children.length; i++) {
    const c = children[i];
    if (
      c.kind === ts.SyntaxKind.SyntaxList &&
      c.pos === members.pos &&
      c.end === members.end &&
      children[i - 1].kind === ts.SyntaxKind.OpenBraceToken
    ) {
      return { before: children.slice(0, i), list: c, after: children.slice(i + 1) };
    }
  }
  return undefined;
}

/**
 * Comments in the trivia after the token ending at `pos` on its line, as
 * typescript-estree reports them (they belong to the statement after `pos`).
 */
export function trailingComments(source: ts.SourceFile, pos: number): TSESTree.Comment[] {
  const out: TSESTree.Comment[] = [];
  ts.forEachTrailingCommentRange(source.text, pos, (start, end, kind) => {
    out.push(commentAt(source, start, end, kind));
  });
  return out;
}

/** Comments before the end-of-file token (after the last statement's line). */
export function leadingComments(source: ts.SourceFile, pos: number): TSESTree.Comment[] {
  const out: TSESTree.Comment[] = [];
  const text = source.text;
  ts.forEachLeadingCommentRange(text, pos === 0 ? (ts.getShebang(text) ?? '').length : pos, (start, end, kind) => {
    out.push(commentAt(source, start, end, kind));
  });
  return out;
}

/** A comment as typescript-estree gives it. */
export function commentAt(source: ts.SourceFile, start: number, end: number, kind: ts.CommentKind): TSESTree.Comment {
  const line = kind === ts.SyntaxKind.SingleLineCommentTrivia;
  const a = source.getLineAndCharacterOfPosition(start);
  const b = source.getLineAndCharacterOfPosition(end);
  return {
    type: line ? 'Line' : 'Block',
    value: source.text.slice(start + 2, line ? end : end - 2),
    range: [start, end],
    loc: { start: { line: a.line + 1, column: a.character }, end: { line: b.line + 1, column: b.character } },
  } as TSESTree.Comment;
}
