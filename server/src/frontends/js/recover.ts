/**
 * Last resorts for input too deeply nested for the (recursive) parsers: blank
 * the too-deep parts with spaces, keeping every offset and line, so the rest
 * of the file still yields facts.
 */
import * as ts from 'typescript';

/** Bracket depth the TypeScript parser, the converter and our walk all survive. */
const MAX_BRACKETS = 128;
/** Syntax-tree depth of a top-level statement the converter and our walk survive. */
const MAX_NODE_DEPTH = 400;

/** Blanks text nested deeper than MAX_BRACKETS (approximate: strings and comments are not skipped). */
export function blankDeepBrackets(text: string): string | undefined {
  let depth = 0;
  let out: string[] | undefined;
  let from = 0;
  let blankStart = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 40 || ch === 91 || ch === 123) {
      depth++;
      if (depth === MAX_BRACKETS + 1) blankStart = i;
    } else if ((ch === 41 || ch === 93 || ch === 125) && depth > 0) {
      depth--;
      if (depth === MAX_BRACKETS && blankStart >= 0) {
        out ??= [];
        out.push(text.slice(from, blankStart), blank(text, blankStart, i + 1));
        from = i + 1;
        blankStart = -1;
      }
    }
  }
  if (blankStart >= 0) {
    out ??= [];
    out.push(text.slice(from, blankStart), blank(text, blankStart, text.length));
    from = text.length;
  }
  return out ? out.join('') + text.slice(from) : undefined;
}

/** Blanks the top-level statements whose syntax tree is deeper than MAX_NODE_DEPTH. */
export function blankDeepStatements(text: string, source: ts.SourceFile): string | undefined {
  let out: string[] | undefined;
  let from = 0;
  for (const stmt of source.statements) {
    if (depthOf(stmt) <= MAX_NODE_DEPTH) continue;
    const start = stmt.getStart(source);
    out ??= [];
    out.push(text.slice(from, start), blank(text, start, stmt.end));
    from = stmt.end;
  }
  return out ? out.join('') + text.slice(from) : undefined;
}

/** Depth of a tree, iteratively (the tree may be too deep to recurse over). */
function depthOf(root: ts.Node): number {
  let max = 0;
  const stack: [ts.Node, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > MAX_NODE_DEPTH) return max;
    ts.forEachChild(node, (child) => {
      stack.push([child, depth + 1]);
    });
  }
  return max;
}

function blank(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^\n\r]/g, ' ');
}
