/**
 * An application config JSON file (`config/default.json`,
 * `appsettings.json`, `secrets.json`) as document facts, parsed by
 * `jsonc-parser` (the parser behind VS Code's JSON support: comments and
 * trailing commas allowed, as .NET and node-config read them; a broken file
 * still yields the values before and after the damage). Every string value is
 * a setting under its key path; `//` and `/* *\/` comments are kept for
 * suppression.
 */
import { createScanner, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { CommentFact } from '../../ir/facts';
import { emptyDocumentFacts, hasConfigReference, type DocumentFacts } from '../../ir/documentFacts';

/** Nesting followed: deeper is data, not settings (and keeps a pathological file cheap). */
const MAX_DEPTH = 64;

/** jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot read). */
const EOF = 17;
const LINE_BREAK = 14;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const TRIVIA = 15;

export function readJsonConfig(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('json-config', path, text);
  // A byte-order mark the editor hides is no token; a blank keeps the offsets.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  facts.syntaxErrors = errors.length > 0;
  facts.comments = jsonComments(source);
  if (root) walk(root, [], 0, facts);
  return facts;
}

function walk(node: Node, path: string[], depth: number, facts: DocumentFacts): void {
  if (depth > MAX_DEPTH) return;
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key?.type === 'string' && value) walk(value, [...path, String(key.value)], depth + 1, facts);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((item, i) => walk(item, [...path, String(i)], depth + 1, facts));
  } else if (node.type === 'string' && path.length > 0 && typeof node.value === 'string') {
    // In an array the value is bound to the array's key (`"keys": ["…"]`).
    const name = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? path[path.length - 1];
    facts.values.push({
      path,
      name,
      value: node.value,
      span: { start: node.offset, end: node.offset + node.length },
      role: 'setting',
      reference: hasConfigReference(node.value),
    });
  }
}

/** Line and block comments, with their zero-based line and whether a token precedes them on it. */
function jsonComments(text: string): CommentFact[] {
  const out: CommentFact[] = [];
  const scanner = createScanner(text, false);
  let line = 0;
  let code = false;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    if (kind === LINE_BREAK) {
      line++;
      code = false;
    } else if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) {
      const body = kind === LINE_COMMENT ? text.slice(start + 2, end) : text.slice(start + 2, end - 2);
      out.push({ text: body, span: { start, end }, line, trailing: code });
      line += (text.slice(start, end).match(/\r\n|\r|\n/g) ?? []).length;
    } else if (kind !== TRIVIA) {
      code = true;
    }
  }
  return out;
}
