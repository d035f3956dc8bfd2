/** `if` and `match`: each records a summary of what its branches assign, call and produce. */
import type { BranchSummary, Expr } from '../../ir/facts';
import { spanOf } from './expr';
import type { PyNode as Node } from './tree';
import type { PyWalker } from './walker';

export function ifStatement(w: PyWalker, node: Node): void {
  const branches = [node.childForFieldName('consequence'), ...node.childrenForFieldName('alternative')];
  const decides = summarize(w, 'if', () => {
    for (const b of branches) {
      if (!b) continue;
      if (b.type === 'elif_clause') {
        ifStatement(w, b);
      } else if (b.type === 'else_clause') {
        const body = b.childForFieldName('body');
        if (body) w.block(body);
      } else w.block(b);
    }
  });
  const condition = w.exprs.convert(node.childForFieldName('condition'));
  w.collector.expression(condition, w.scopeFact, { decides });
  w.afterExpression(condition);
}

export function matchStatement(w: PyWalker, node: Node): void {
  const subject = w.expr(node.childForFieldName('subject'));
  const cases: { test?: Expr; span: { start: number; end: number } }[] = [];
  const body = node.childForFieldName('body');
  const decides = summarize(w, 'switch', () => {
    for (const clause of body?.namedChildren ?? []) {
      if (clause?.type !== 'case_clause') continue;
      const pattern = clause.namedChildren.find((c) => c?.type === 'case_pattern');
      const first = pattern?.namedChildren[0];
      cases.push({ test: first ? w.exprs.convert(first) : undefined, span: spanOf(clause) });
      const consequence = clause.childForFieldName('consequence');
      if (consequence) w.block(consequence);
    }
  });
  w.facts.switches.push({ discriminant: subject, cases, decides, span: spanOf(node), scope: w.scopeFact });
}

/** Walks branches with their summary open (collect.ts records what they assign and produce). */
function summarize(w: PyWalker, kind: BranchSummary['kind'], walk: () => void): BranchSummary {
  const summary: BranchSummary = { kind, assigns: [], values: [] };
  w.collector.openBranch(summary);
  try {
    walk();
  } finally {
    w.collector.closeBranch();
  }
  return summary;
}
