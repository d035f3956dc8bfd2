/** Assignments (`=`, chained, augmented) and the names their targets bind. */
import { spanOf } from './expr';
import { bindModule, noteWrite } from './globals';
import type { Expr } from '../../ir/facts';
import type { PyNode as Node } from './tree';
import type { PyWalker } from './walker';

export function assignment(w: PyWalker, node: Node): void {
  const targets: Node[] = [];
  let value: Node | null = node;
  while (value?.type === 'assignment') {
    const left = value.childForFieldName('left');
    if (left) targets.push(left);
    value = value.childForFieldName('right');
  }
  const valueExpr = value ? w.exprs.convert(value) : undefined;
  for (const target of targets) {
    const targetExpr = w.exprs.convert(target);
    bindTargets(w, target);
    if (targetExpr.kind === 'name') bindModule(w, targetExpr.name, undefined, spanOf(node), valueExpr);
    noteWrite(w, targetExpr, '=', spanOf(node), valueExpr);
    if (!valueExpr) continue;
    const dotted = targetDotted(targetExpr);
    if (dotted !== undefined && targetExpr.kind !== 'array') {
      w.collector.assignment({
        target: dotted,
        targetExpr,
        value: valueExpr,
        op: '=',
        span: spanOf(node),
        scope: w.scopeFact,
      });
    } else {
      w.collector.expression(valueExpr, w.scopeFact);
    }
    // Only walk the value once, even for `a = b = value`.
    break;
  }
  if (valueExpr) w.afterExpression(valueExpr);
}

export function augmented(w: PyWalker, node: Node): void {
  const target = node.childForFieldName('left');
  const targetExpr = w.exprs.convert(target);
  const value = w.exprs.convert(node.childForFieldName('right'));
  const op = node.childForFieldName('operator')?.text ?? '+=';
  noteWrite(w, targetExpr, op, spanOf(node));
  const dotted = targetDotted(targetExpr);
  if (dotted !== undefined) {
    w.collector.assignment({ target: dotted, targetExpr, value, op, span: spanOf(node), scope: w.scopeFact });
  } else {
    w.collector.expression(value, w.scopeFact);
  }
  w.afterExpression(value);
}

/** Names bound by assignment/for/with targets become locals of the current function. */
export function bindTargets(w: PyWalker, node: Node | null): void {
  if (!node) return;
  const fn = w.scope.kind === 'module' ? undefined : w.scope;
  if (!fn) return;
  if (node.type === 'identifier') {
    if (!fn.globals.has(node.text) && !fn.nonlocals.has(node.text)) fn.locals.add(node.text);
    return;
  }
  if (/pattern|list|tuple/.test(node.type)) {
    for (const c of node.namedChildren) bindTargets(w, c);
  }
}

function targetDotted(target: Expr): string | undefined {
  if (target.kind === 'name') return target.name;
  if (target.kind === 'member') {
    const object = targetDotted(target.object);
    return object === undefined ? undefined : `${object}.${target.property}`;
  }
  return undefined;
}
