/**
 * "Ignore on this line" / "Ignore in this file": the suppression comments of
 * the spec in the file's comment syntax. A rule is added to an existing
 * `twelve-factor: ignore[…]` list rather than writing a second comment.
 */
import { basename } from 'node:path';
import type { CommentFact, StringFact } from '../ir/facts';
import { LineIndex } from '../ir/lines';
import { afterHeaderLines } from '../lib/headerLines';
import { isDocumentKind, type Finding, type InputKind } from '../ir/types';
import { lineEnding } from './dotenv';
import type { FixPlan, TextChange } from './patch';
import { firstCodeLine } from '../engine/suppress';

/** What the fixes read of a file: its comments, and the string literals of code (a document has none). */
export interface CommentedFacts {
  comments: readonly CommentFact[];
  strings?: readonly StringFact[];
}

/** `#` in Python and the other config documents, `//` in JS/TS and JSON (JSONC's line comment). */
function commentLead(language: InputKind): string {
  if (language === 'json-config') return '//';
  return language === 'python' || isDocumentKind(language) ? '#' : '//';
}

/** .NET reads `appsettings*.json` with comments skipped. */
const COMMENTED_JSON = /^appsettings[\w.-]*\.json$/i;

/**
 * Whether a suppression comment can be written into the file without
 * changing what reads it. JSON has no comments: `JSON.parse` and Python's
 * `json` reject the file once one is added, so only a JSON file that already
 * holds a comment (its loader skips them: node-config, JSON5, .NET) or a
 * .NET `appsettings*.json` is given one.
 */
export function canWriteComments(path: string, language: InputKind, facts: CommentedFacts): boolean {
  if (language !== 'json-config') return true;
  return facts.comments.length > 0 || COMMENTED_JSON.test(basename(path));
}

/**
 * Where the comment cannot trail the line: a `#` after a Dockerfile
 * instruction or an INI value is part of it (configparser, decouple and
 * alembic keep inline text in the value), and after a YAML value that spans
 * lines it could land inside a block scalar.
 */
function needsOwnLine(language: InputKind, finding: Finding): boolean {
  if (language === 'dockerfile' || language === 'ini-config') return true;
  return isDocumentKind(language) && finding.range.end.line > finding.range.start.line;
}

const LIST = (kind: string) => new RegExp(`twelve-factor:\\s*${kind}\\s*\\[([^\\]]*)\\]`);

export function ignoreOnLine(
  path: string,
  text: string,
  language: InputKind,
  facts: CommentedFacts,
  finding: Finding,
): FixPlan {
  const title = `Ignore ${finding.rule} on this line`;
  const lines = new LineIndex(text);
  const line = finding.range.end.line;
  const lineEnd = lines.lineStart(line) + lines.lineText(line).length;
  const lead = commentLead(language);
  const existing = facts.comments.find(
    (c) => c.line === line && c.trailing && LIST('ignore').test(c.text) && c.span.end <= lineEnd,
  );
  let change: TextChange;
  if (existing) {
    change = addToList(text, existing.span, 'ignore', finding.rule);
  } else if (
    needsOwnLine(language, finding) ||
    endsInsideLiteral(facts, lineEnd) ||
    insideBlockComment(facts, lineEnd) ||
    /\\$/.test(lines.lineText(line))
  ) {
    // The end of the line is inside a string or continues: the comment goes on a line of its own above.
    const start = finding.range.start.line;
    const above = facts.comments.find(
      (c) => c.line === start - 1 && !c.trailing && LIST('ignore-next-line').test(c.text),
    );
    const indent = /^[ \t]*/.exec(lines.lineText(start))![0];
    const at = lines.lineStart(start);
    change = above
      ? addToList(text, above.span, 'ignore-next-line', finding.rule)
      : {
          start: at,
          end: at,
          newText: `${indent}${lead} twelve-factor: ignore-next-line[${finding.rule}]${lineEnding(text)}`,
        };
  } else {
    change = { start: lineEnd, end: lineEnd, newText: `  ${lead} twelve-factor: ignore[${finding.rule}]` };
  }
  return { title, patches: [{ path, create: false, text, changes: [change] }] };
}

export function ignoreInFile(
  path: string,
  text: string,
  language: InputKind,
  facts: CommentedFacts,
  ruleId: string,
): FixPlan {
  const title = `Ignore ${ruleId} in this file`;
  const lead = commentLead(language);
  const headerEnd = firstCodeLine(facts.comments, new LineIndex(text));
  const header = facts.comments.find((c) => !c.trailing && LIST('ignore-file').test(c.text) && c.line < headerEnd);
  let change: TextChange;
  if (header) change = addToList(text, header.span, 'ignore-file', ruleId);
  else {
    const comment = `${lead} twelve-factor: ignore-file[${ruleId}]`;
    const eol = lineEnding(text);
    const at = afterHeaderLines(text, language === 'python' || language === 'dockerfile' ? language : 'other');
    // After a header that ends the file without a line break: start a line of its own.
    change =
      at === undefined
        ? { start: text.length, end: text.length, newText: `${eol}${comment}${eol}` }
        : { start: at, end: at, newText: `${comment}${eol}` };
  }
  return { title, patches: [{ path, create: false, text, changes: [change] }] };
}

function addToList(text: string, span: { start: number; end: number }, kind: string, ruleId: string): TextChange {
  const comment = text.slice(span.start, span.end);
  const m = LIST(kind).exec(comment)!;
  const closing = span.start + m.index + m[0].length - 1;
  const sep = m[1].trim() === '' ? '' : ', ';
  const before = text.slice(span.start + m.index, closing).replace(/\s+$/, '');
  const insertAt = span.start + m.index + before.length;
  return { start: insertAt, end: closing, newText: `${sep}${ruleId}` };
}

function endsInsideLiteral(facts: CommentedFacts, offset: number): boolean {
  return !!facts.strings?.some((s) => s.expr.span.start < offset && s.expr.span.end > offset);
}

function insideBlockComment(facts: CommentedFacts, offset: number): boolean {
  return facts.comments.some((c) => c.span.start < offset && c.span.end > offset);
}
