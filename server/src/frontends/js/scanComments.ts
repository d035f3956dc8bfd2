/**
 * The comments of a file by one pass of one TypeScript scanner, the list
 * typescript-estree's `comment: true` gives.
 *
 * typescript-estree finds comments by visiting every token of the tree
 * (`getChildren` on every node, which makes a token node for each piece of
 * punctuation) and reading the trivia around each: as costly as the ESTree
 * conversion itself. Every piece of trivia lies between two tokens, so
 * scanning the text once meets the same comments, in the same order. A
 * scanner on its own cannot tell a regular expression from a division or the
 * `}` that continues a template from one that closes a block: the tree says
 * where those are.
 *
 * JSX (its text is not trivia, and typescript-estree skips trivia around some
 * of its tokens) and files with syntax errors (tokens the parser skipped are
 * in no tree) are left to typescript-estree: undefined.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';
import { commentAt } from './partial';

/** One scanner for every file (`setText` resets it). */
let shared: ts.Scanner | undefined;

// Read once: in the bundle every `ts.X` is a getter call, and these run per token and per node.
const K = ts.SyntaxKind;
const LINE = K.SingleLineCommentTrivia;
const BLOCK = K.MultiLineCommentTrivia;
const SLASH = K.SlashToken;
const SLASH_EQUALS = K.SlashEqualsToken;
const CLOSE_BRACE = K.CloseBraceToken;
const EOF = K.EndOfFileToken;
const REGEX = K.RegularExpressionLiteral;
const TEMPLATE_MIDDLE = K.TemplateMiddle;
const TEMPLATE_TAIL = K.TemplateTail;
const JSX_FIRST = K.JsxElement;
const JSX_LAST = K.JsxNamespacedName;
const forEachChild = ts.forEachChild;

interface Landmarks {
  /** Starts of regular expression literals. */
  regex: Set<number>;
  /** Starts of the `}` that continues a template (TemplateMiddle / TemplateTail). */
  template: Set<number>;
}

/** The comments of `source` (a tree without parse diagnostics), or undefined when the scan cannot be exact. */
export function scanComments(source: ts.SourceFile): TSESTree.Comment[] | undefined {
  const text = source.text;
  // Without `${`, `</` or `/>` there is no template continuation and no JSX: the rare `/` is looked up alone.
  const walk = text.includes('${') || text.includes('</') || text.includes('/>');
  const marks = walk ? landmarks(source) : NO_MARKS;
  if (!marks) return undefined;
  shared ??= ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard);
  const scanner = shared;
  scanner.setLanguageVariant(ts.LanguageVariant.Standard);
  scanner.setText(text);
  const out: TSESTree.Comment[] = [];
  try {
    for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
      switch (kind) {
        case LINE:
        case BLOCK:
          out.push(commentAt(source, scanner.getTokenStart(), scanner.getTokenEnd(), kind));
          break;
        case SLASH:
        case SLASH_EQUALS:
          if (walk ? marks.regex.has(scanner.getTokenStart()) : regexAt(source, scanner.getTokenStart()))
            scanner.reScanSlashToken();
          break;
        case CLOSE_BRACE:
          if (marks.template.has(scanner.getTokenStart())) scanner.reScanTemplateToken(false);
          break;
        default:
          break;
      }
    }
  } finally {
    scanner.setText(undefined);
  }
  return out;
}

const NO_MARKS: Landmarks = { regex: new Set(), template: new Set() };

/** Whether the regular expression literal of the tree starts at `pos` (where the scanner met a `/`). */
function regexAt(source: ts.SourceFile, pos: number): boolean {
  let node: ts.Node = source;
  const holds = (child: ts.Node): ts.Node | undefined => (child.pos <= pos && pos < child.end ? child : undefined);
  for (;;) {
    const child = forEachChild(node, holds, (list) => list.find((c) => holds(c)));
    if (!child) return false;
    if (child.kind === REGEX) return child.getStart(source) === pos;
    node = child;
  }
}

/** Where the scanner needs the tree's word; undefined for a tree with JSX. */
function landmarks(source: ts.SourceFile): Landmarks | undefined {
  const marks: Landmarks = { regex: new Set(), template: new Set() };
  let jsx = false;
  const visit = (node: ts.Node): boolean | undefined => {
    const kind = node.kind;
    if (kind >= JSX_FIRST && kind <= JSX_LAST) {
      jsx = true;
      return true;
    }
    if (kind === REGEX) marks.regex.add(node.getStart(source));
    else if (kind === TEMPLATE_MIDDLE || kind === TEMPLATE_TAIL) marks.template.add(node.getStart(source));
    return forEachChild(node, visit);
  };
  try {
    forEachChild(source, visit);
  } catch {
    // Too deep to recurse over: typescript-estree's own walk decides.
    return undefined;
  }
  return jsx ? undefined : marks;
}
