/** Comments and docstrings: comments become facts, a block's leading string is not a value. */
import type { CommentFact } from '../../ir/facts';
import type { PyComment, PyNode as Node } from './tree';

/** Comment facts of mirrored comments, appended to `out`. */
export function commentFacts(text: string, comments: readonly PyComment[], out: CommentFact[]): void {
  for (const c of comments) {
    // A lone '\r' ends a line too (py/lineBreaks.ts).
    const before = Math.max(text.lastIndexOf('\n', c.start - 1), text.lastIndexOf('\r', c.start - 1)) + 1;
    out.push({
      text: text.slice(c.start, c.end).replace(/^#/, ''),
      span: { start: c.start, end: c.end },
      line: c.row,
      trailing: text.slice(before, c.start).trim() !== '',
    });
  }
}

/** A statement that is a string alone: the docstring when it comes first in its block. */
export function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildren[0]?.type === 'string';
}
