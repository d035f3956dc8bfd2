/**
 * f-strings and template literals whose URL carries a literal password:
 * `f"postgres://admin:hunter2@{host}/db"`, `` `redis://:s3cretpass@${host}` ``.
 * A hole in the password (`f"postgres://u:{pw}@h"`) is a value read at run
 * time, not a secret in the code.
 *
 * Facts list only fully-known strings, so templates are looked for where
 * they are bound or passed: assignment values and call arguments (with the
 * objects, arrays and operators around them).
 */
import { lastSegment } from '../../ir/exprs';
import type { Expr, FileFacts, TemplateExpr } from '../../ir/facts';
import { findUrlCredential, type UrlCredential } from './urls';

/** Stands for an interpolation: not whitespace, `:`, `@`, `/`, `?` or `#`, so the URL around it still parses. */
const HOLE = '\u0001';
/** Hostile nesting must not exhaust the stack. */
const MAX_DEPTH = 32;

export interface TemplateCredential {
  expr: TemplateExpr;
  /** The name the template is bound to: assignment target, keyword or key. */
  name?: string;
  credential: UrlCredential;
}

export function templateCredentials(facts: FileFacts): TemplateCredential[] {
  const found: TemplateCredential[] = [];
  const seen = new Set<number>();
  const visit = (expr: Expr, name: string | undefined, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    switch (expr.kind) {
      case 'template': {
        if (seen.has(expr.span.start)) return;
        seen.add(expr.span.start);
        const credential = credentialIn(expr);
        if (credential) found.push({ expr, name, credential });
        return;
      }
      case 'object':
        for (const entry of expr.entries) visit(entry.value, entry.key ?? name, depth + 1);
        return;
      case 'array':
        for (const element of expr.elements) visit(element, name, depth + 1);
        return;
      case 'binary':
        visit(expr.left, name, depth + 1);
        visit(expr.right, name, depth + 1);
        return;
      case 'conditional':
        visit(expr.then, name, depth + 1);
        visit(expr.else, name, depth + 1);
        return;
      default:
        // Calls nested in a value are facts of their own.
        return;
    }
  };
  for (const a of facts.assignments) visit(a.value, lastSegment(a.target), 0);
  for (const call of facts.calls) for (const arg of call.expr.args) visit(arg.value, arg.name, 0);
  return found;
}

function credentialIn(expr: TemplateExpr): UrlCredential | undefined {
  if (!expr.quasis.some((q) => q.includes('://'))) return undefined;
  const credential = findUrlCredential(expr.quasis.join(HOLE));
  if (!credential || credential.password.includes(HOLE)) return undefined;
  return credential;
}
