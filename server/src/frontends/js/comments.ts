/** Comments with the line they start on and whether code precedes them there. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CommentFact } from '../../ir/facts';

export function convertComments(text: string, comments: readonly TSESTree.Comment[] | undefined): CommentFact[] {
  const out: CommentFact[] = [];
  if (!comments) return out;
  // First non-blank offset of the line last looked at: one scan per line, however many comments it holds.
  let lineStart = -1;
  let firstCode = -1;
  for (const c of comments) {
    const start = c.range[0];
    const line = c.loc.start.line - 1;
    const thisLineStart = start - c.loc.start.column;
    if (thisLineStart !== lineStart) {
      lineStart = thisLineStart;
      firstCode = firstNonBlank(text, lineStart, start);
    }
    out.push({ text: c.value, span: { start, end: c.range[1] }, line, trailing: firstCode < start });
  }
  return out;
}

function firstNonBlank(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 9 && ch !== 0xfeff && ch !== 0xa0 && ch !== 11 && ch !== 12) return i;
  }
  return limit;
}
