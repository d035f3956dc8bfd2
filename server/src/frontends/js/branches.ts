/** `if` and `switch`: their tests become comparisons that know what the branches do. */
import { type TSESTree } from '@typescript-eslint/typescript-estree';
import type { BranchSummary, Expr } from '../../ir/facts';
import { expr } from './expr';
import { LexicalScope, declareLexical } from './scopes';
import { span, type Walker } from './walker';

function newSummary(kind: BranchSummary['kind']): BranchSummary {
  return { kind, assigns: [], values: [] };
}

export function ifStatement(w: Walker, node: TSESTree.IfStatement): void {
  const summary = newSummary('if');
  // The collector keeps a reference to the summary, filled while the branches are walked.
  w.collector.expression(expr(w, node.test), w.scope, { decides: summary });
  w.collector.openBranch(summary);
  try {
    w.syntax.statement(w, node.consequent);
    w.syntax.statement(w, node.alternate);
  } finally {
    w.collector.closeBranch();
  }
}

export function switchStatement(w: Walker, node: TSESTree.SwitchStatement): void {
  const discriminant = expr(w, node.discriminant);
  w.collector.expression(discriminant, w.scope);
  const summary = newSummary('switch');
  // Case tests compare with the discriminant; repeat it only when walking it again yields no facts.
  const left: Expr =
    discriminant.kind === 'name' || discriminant.kind === 'member'
      ? discriminant
      : { kind: 'other', span: discriminant.span };
  const cases: { test?: Expr; span: { start: number; end: number } }[] = [];
  for (const c of node.cases) {
    if (!c.test) {
      cases.push({ span: span(c) });
      continue;
    }
    const test = expr(w, c.test);
    cases.push({ test, span: span(c) });
    w.collector.expression({ kind: 'binary', op: '===', left, right: test, span: span(c.test) }, w.scope, {
      decides: summary,
    });
  }
  w.facts.switches.push({ discriminant, cases, decides: summary, span: span(node), scope: w.scope });
  const lexical = new LexicalScope(w.lexical, false);
  for (const c of node.cases) declareLexical(lexical, c.consequent);
  const saved = w.lexical;
  w.lexical = lexical;
  w.collector.openBranch(summary);
  try {
    for (const c of node.cases) w.syntax.walkStatements(w, c.consequent);
  } finally {
    w.collector.closeBranch();
    w.lexical = saved;
  }
}
