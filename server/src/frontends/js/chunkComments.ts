/**
 * The comments of the statements a splice walks again (js/chunks.ts): found
 * as a conversion of the whole file finds them, so each belongs to exactly
 * one chunk.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as ts from 'typescript';
import type { CommentFact, ImportFact } from '../../ir/facts';
import { emptyChunk, type FactChunk } from '../splice';
import type { ClassPlan } from './classes';
import { convertComments } from './comments';
import { leadingComments, trailingComments } from './partial';

/**
 * The comments of each statement walked again: those of its tokens found by
 * the conversion, and those after the token before it on its line when that
 * statement was not converted with it. A class walked in parts (`plans`)
 * finds its own (js/classes.ts): its entry is empty.
 */
export function walkedComments(
  source: ts.SourceFile,
  found: readonly TSESTree.Comment[],
  walkedAt: readonly number[],
  plans: readonly (ClassPlan | undefined)[],
): CommentFact[][] | undefined {
  const statements = source.statements;
  const out: CommentFact[][] = [];
  let c = 0;
  for (let k = 0; k < walkedAt.length; k++) {
    const i = walkedAt[k];
    const s = statements[i];
    const own: TSESTree.Comment[] = [];
    if (plans[k]) {
      // The converter saw the class's own tokens (not its members'): what it found there is not used.
      for (; c < found.length && found[c].range[0] < s.end; c++);
      out.push([]);
      continue;
    }
    if (i > 0 && (k === 0 || walkedAt[k - 1] !== i - 1)) own.push(...trailingComments(source, s.pos));
    for (; c < found.length && found[c].range[0] < s.end; c++) {
      if (found[c].range[0] < s.pos) {
        // After the last token of a statement followed by one reused: that one has it.
        if (k > 0 && found[c].range[0] >= statements[walkedAt[k - 1]].end) continue;
        return undefined;
      }
      own.push(found[c]);
    }
    out.push(convertComments(source.text, own));
  }
  return out;
}

/** The comments after the last statement. */
export function tailChunk(source: ts.SourceFile): FactChunk<ImportFact> {
  const statements = source.statements;
  const start = statements.length > 0 ? statements[statements.length - 1].end : 0;
  const chunk: FactChunk<ImportFact> = emptyChunk({ start, end: source.text.length }, 'eof', false);
  const found = start > 0 ? trailingComments(source, start) : [];
  if (source.endOfFileToken.pos < source.endOfFileToken.end) found.push(...leadingComments(source, start));
  chunk.comments = convertComments(source.text, found);
  return chunk;
}
