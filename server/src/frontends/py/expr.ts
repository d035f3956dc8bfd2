/** tree-sitter-python expression nodes → language-neutral `Expr` trees. */
import type { PyNode as Node } from './tree';
import type { Arg, Expr, ObjectEntry, Span } from '../../ir/facts';
import { stringParts } from './strings';

export function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}

const CONTAINERS = new Set([
  'list',
  'tuple',
  'set',
  'expression_list',
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
]);

/** Calls back for nested scopes the converter meets (lambda bodies). */
export interface ExprHooks {
  lambda(node: Node): void;
}

/** Maximum expression depth converted; deeper code becomes `other` (no stack overflow on adversarial input). */
const MAX_DEPTH = 200;

export class PyExprConverter {
  private depth = 0;

  constructor(private readonly hooks: ExprHooks) {}

  convert(node: Node | null | undefined): Expr {
    if (!node) return { kind: 'other', span: { start: 0, end: 0 } };
    if (this.depth > MAX_DEPTH) return { kind: 'other', span: spanOf(node) };
    this.depth++;
    try {
      return this.convertNode(node);
    } finally {
      this.depth--;
    }
  }

  private convertNode(node: Node): Expr {
    const span = spanOf(node);
    switch (node.type) {
      case 'string':
        return this.string(node);
      case 'concatenated_string':
        return this.concatenated(node);
      case 'integer':
      case 'float': {
        const raw = node.text;
        const value = Number(raw.replace(/_/g, '').replace(/[jJlL]$/, ''));
        return { kind: 'number', value, raw, span };
      }
      case 'true':
        return { kind: 'literal', value: true, span };
      case 'false':
        return { kind: 'literal', value: false, span };
      case 'none':
        return { kind: 'literal', value: null, span };
      case 'identifier':
        return { kind: 'name', name: node.text, span };
      case 'attribute': {
        const attr = node.childForFieldName('attribute');
        return {
          kind: 'member',
          object: this.convert(node.childForFieldName('object')),
          property: attr?.text ?? '',
          span,
        };
      }
      case 'subscript':
        return this.subscript(node);
      case 'call':
        return this.call(node);
      case 'dictionary':
        return this.dictionary(node);
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
        return inner ? this.convert(inner) : { kind: 'other', span };
      }
      case 'binary_operator':
        return {
          kind: 'binary',
          op: node.childForFieldName('operator')?.text ?? '?',
          left: this.convert(node.childForFieldName('left')),
          right: this.convert(node.childForFieldName('right')),
          span,
        };
      case 'boolean_operator': {
        const op = node.childForFieldName('operator')?.text === 'and' ? '&&' : '||';
        return {
          kind: 'binary',
          op,
          left: this.convert(node.childForFieldName('left')),
          right: this.convert(node.childForFieldName('right')),
          span,
        };
      }
      case 'comparison_operator':
        return this.comparison(node);
      case 'not_operator':
        return { kind: 'unary', op: '!', arg: this.convert(node.childForFieldName('argument')), span };
      case 'unary_operator':
        return {
          kind: 'unary',
          op: node.childForFieldName('operator')?.text ?? '-',
          arg: this.convert(node.childForFieldName('argument')),
          span,
        };
      case 'await':
        return { kind: 'unary', op: 'await', arg: this.convert(node.namedChildren[0]), span };
      case 'conditional_expression': {
        const [then, test, other] = node.namedChildren;
        return {
          kind: 'conditional',
          test: this.convert(test),
          then: this.convert(then),
          else: this.convert(other),
          span,
        };
      }
      case 'lambda':
        this.hooks.lambda(node);
        return { kind: 'function', span };
      case 'named_expression':
        return this.convert(node.childForFieldName('value'));
      default:
        if (CONTAINERS.has(node.type)) {
          const elements: Expr[] = [];
          for (const c of node.namedChildren) if (c.type !== 'comment') elements.push(this.convert(c));
          const tuple = node.type !== 'list' && node.type !== 'set' && node.type !== 'list_pattern';
          return { kind: 'array', elements, tuple: tuple || undefined, span };
        }
        return { kind: 'other', span };
    }
  }

  private string(node: Node): Expr {
    const span = spanOf(node);
    const parts = stringParts(node);
    if (parts.holes.length > 0) {
      return { kind: 'template', quasis: parts.quasis, exprs: parts.holes.map((h) => this.convert(h)), span };
    }
    return {
      kind: 'string',
      value: parts.quasis[0],
      span,
      innerSpan: parts.inner,
      flavor: parts.bytes ? 'bytes' : parts.raw ? 'raw' : 'plain',
    };
  }

  private concatenated(node: Node): Expr {
    const pieces = node.namedChildren.filter((c): c is Node => !!c && c.type === 'string').map((c) => this.string(c));
    if (pieces.every((p) => p.kind === 'string')) {
      return {
        kind: 'string',
        value: pieces.map((p) => (p.kind === 'string' ? p.value : '')).join(''),
        span: spanOf(node),
      };
    }
    const quasis: string[] = [''];
    const exprs: Expr[] = [];
    for (const p of pieces) {
      if (p.kind === 'string') quasis[quasis.length - 1] += p.value;
      else if (p.kind === 'template') {
        quasis[quasis.length - 1] += p.quasis[0];
        for (let i = 0; i < p.exprs.length; i++) {
          exprs.push(p.exprs[i]);
          quasis.push(p.quasis[i + 1]);
        }
      }
    }
    return { kind: 'template', quasis, exprs, span: spanOf(node) };
  }

  private subscript(node: Node): Expr {
    const span = spanOf(node);
    const object = this.convert(node.childForFieldName('value'));
    const subs = node.childrenForFieldName('subscript').filter((c): c is Node => !!c);
    if (subs.length === 1) {
      const index = this.convert(subs[0]);
      if (index.kind === 'string') return { kind: 'member', object, property: index.value, computed: true, span };
      return { kind: 'index', object, index, span };
    }
    return { kind: 'index', object, index: { kind: 'other', span }, span };
  }

  private call(node: Node): Expr {
    const span = spanOf(node);
    const callee = this.convert(node.childForFieldName('function'));
    const argsNode = node.childForFieldName('arguments');
    const args: Arg[] = [];
    if (argsNode?.type === 'argument_list') {
      for (const child of argsNode.namedChildren) {
        if (!child || child.type === 'comment') continue;
        if (child.type === 'keyword_argument') {
          args.push({
            name: child.childForFieldName('name')?.text,
            value: this.convert(child.childForFieldName('value')),
          });
        } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
          args.push({ value: this.convert(child.namedChildren[0]), spread: true });
        } else {
          args.push({ value: this.convert(child) });
        }
      }
    } else if (argsNode) {
      args.push({ value: { kind: 'other', span: spanOf(argsNode) } });
    }
    return { kind: 'call', callee, args, isNew: false, span };
  }

  private dictionary(node: Node): Expr {
    const entries: ObjectEntry[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'pair') {
        const keyNode = child.childForFieldName('key');
        const key = keyNode ? this.convert(keyNode) : undefined;
        entries.push({
          key: key?.kind === 'string' ? key.value : key?.kind === 'number' ? key.raw : undefined,
          keySpan: keyNode ? spanOf(keyNode) : undefined,
          value: this.convert(child.childForFieldName('value')),
        });
      } else if (child.type === 'dictionary_splat') {
        entries.push({ value: this.convert(child.namedChildren[0]), spread: true });
      }
    }
    return { kind: 'object', entries, span: spanOf(node) };
  }

  private comparison(node: Node): Expr {
    const operands: Node[] = [];
    const ops: string[] = [];
    let pending = '';
    for (const child of node.children) {
      if (!child) continue;
      if (child.isNamed) {
        if (child.type === 'comment') continue;
        if (pending) ops.push(pending);
        pending = '';
        operands.push(child);
      } else {
        pending = pending ? `${pending} ${child.type}` : child.type;
      }
    }
    const exprs = operands.map((o) => this.convert(o));
    let result: Expr | undefined;
    for (let i = 0; i + 1 < exprs.length; i++) {
      const pair: Expr = {
        kind: 'binary',
        op: ops[i] ?? '==',
        left: exprs[i],
        right: exprs[i + 1],
        span: { start: exprs[i].span.start, end: exprs[i + 1].span.end },
      };
      result = result ? { kind: 'binary', op: '&&', left: result, right: pair, span: spanOf(node) } : pair;
    }
    return result ?? { kind: 'other', span: spanOf(node) };
  }
}
