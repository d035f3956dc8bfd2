/**
 * The small language-neutral view of a source file that rules read.
 *
 * Each front-end (frontends/python.ts, frontends/javascript.ts) walks its syntax tree
 * once and produces a `FileFacts`. Rules never see a parser's nodes: they read
 * these lists, so a rule is written once for every language and costs a loop
 * over a short list rather than another walk of the tree.
 *
 * Expressions are summarised as `Expr` trees. Names are resolved through the
 * file's imports into canonical dotted names (`RotatingFileHandler` imported
 * from `logging.handlers` becomes `logging.handlers.RotatingFileHandler`;
 * `cp.execSync` with `const cp = require('child_process')` becomes
 * `child_process.execSync`).
 */
import type { Language, Span } from './types';

export type { Span };

export type Expr =
  | StringExpr
  | TemplateExpr
  | NumberExpr
  | LiteralExpr
  | NameExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | ObjectExpr
  | ArrayExpr
  | BinaryExpr
  | ConditionalExpr
  | UnaryExpr
  | FunctionExpr
  | OtherExpr;

/** A string whose value is fully known (no interpolation). */
export interface StringExpr {
  kind: 'string';
  value: string;
  span: Span;
  /** The span of the value between the quotes, when it can be edited in place. */
  innerSpan?: Span;
  /** Python f-/b-/r-prefix or JS template without substitutions. */
  flavor?: 'plain' | 'raw' | 'bytes' | 'template';
}

/** f-string / template literal with substitutions: static parts and holes. */
export interface TemplateExpr {
  kind: 'template';
  /** The literal text pieces, in order. */
  quasis: string[];
  exprs: Expr[];
  span: Span;
}

export interface NumberExpr {
  kind: 'number';
  value: number;
  raw: string;
  span: Span;
}

/** true / false / None / null / undefined */
export interface LiteralExpr {
  kind: 'literal';
  value: boolean | null | undefined;
  span: Span;
}

export interface NameExpr {
  kind: 'name';
  name: string;
  /** Canonical name through imports (`os`, `child_process.exec`); else undefined. */
  canonical?: string;
  span: Span;
}

/** `a.b`, `a?.b`, and `a["b"]` with a constant string key (then `computed`). */
export interface MemberExpr {
  kind: 'member';
  object: Expr;
  property: string;
  computed?: boolean;
  span: Span;
}

/** `a[i]` with a non-constant or non-string index. */
export interface IndexExpr {
  kind: 'index';
  object: Expr;
  index: Expr;
  span: Span;
}

export interface Arg {
  /** Python keyword argument name. */
  name?: string;
  value: Expr;
  /** `*args`, `**kwargs`, `...rest`. */
  spread?: boolean;
}

export interface CallExpr {
  kind: 'call';
  callee: Expr;
  /** Dotted name of the callee resolved through imports, when it is a name chain. */
  calleeName?: string;
  args: Arg[];
  /** `new X(...)` in JS. */
  isNew: boolean;
  span: Span;
}

export interface ObjectEntry {
  /** Constant key (string, identifier key, number as text); undefined for computed keys or spreads. */
  key?: string;
  keySpan?: Span;
  value: Expr;
  spread?: boolean;
}

/** dict literal / object literal; `dict(a=1)` calls stay calls. */
export interface ObjectExpr {
  kind: 'object';
  entries: ObjectEntry[];
  span: Span;
}

/** list, tuple, set literal / array literal. */
export interface ArrayExpr {
  kind: 'array';
  elements: Expr[];
  /** An immutable sequence (Python tuple). */
  tuple?: boolean;
  span: Span;
}

/**
 * Binary and logical operators, comparisons included. Operators are written
 * the JS way where the languages agree (`||` for Python `or`, `&&` for `and`,
 * `==` for Python `==`, `===`, `!=`, `!==`, `in`, `+`, `%`, `??`).
 */
export interface BinaryExpr {
  kind: 'binary';
  op: string;
  left: Expr;
  right: Expr;
  span: Span;
}

export interface ConditionalExpr {
  kind: 'conditional';
  test: Expr;
  then: Expr;
  else: Expr;
  span: Span;
}

/** `not x`, `!x`, `-1`, `await x`, `typeof x`, `str(x)`-free unary forms. */
export interface UnaryExpr {
  kind: 'unary';
  op: string;
  arg: Expr;
  span: Span;
}

/** lambda / arrow / function expression: its body is walked as its own scope. */
export interface FunctionExpr {
  kind: 'function';
  span: Span;
}

export interface OtherExpr {
  kind: 'other';
  span: Span;
}

/** Where a statement or expression sits. */
export interface Scope {
  /** `module` for top-level code (import time), `function` inside any def/arrow/method, `class` for a class body. */
  kind: 'module' | 'function' | 'class';
  /** Name of the innermost enclosing function or class, if any. */
  name?: string;
  /**
   * For `function` scopes: the span of the innermost function itself, named or
   * not (a def, method, arrow, lambda), so a callback can be told from the
   * function it is written in.
   */
  span?: Span;
  /** Decorators of that function (`@app.on_event("startup")`), outermost first. */
  decorators?: Expr[];
}

/**
 * A string literal anywhere in code, with the context rules need. Docstrings,
 * import sources, type-only literals (TS literal types) and comments are not
 * strings here.
 */
export interface StringFact {
  expr: StringExpr;
  /**
   * The name the value is bound to, innermost first: assignment target
   * (`API_KEY`, `self.api_key` → `api_key`), keyword (`password=`), object/dict
   * key, default parameter name, class field. Undefined when none.
   */
  name?: string;
  /** How `name` binds the value. */
  nameKind?: 'assign' | 'keyword' | 'key' | 'default' | 'field' | 'compare';
  /**
   * Keys and assignment target from the outermost binding to this value:
   * `DATABASES = {"default": {"PASSWORD": "x"}}` → `["DATABASES", "default", "PASSWORD"]`.
   */
  path: string[];
  /** The literal is only the fallback of an environment read. */
  envFallback: boolean;
  /**
   * The literal is an argument of a call: the call (whose `calleeName` is
   * resolved once every import of the file is known), argument index or
   * keyword. Read the callee with `stringCallee` (exprs.ts).
   */
  call?: { expr: CallExpr; index: number; keyword?: string };
  /** The literal is compared with `==`/`===`/`!=`/`in`/... */
  compared?: boolean;
  /** The literal is a whole statement (a docstring, a bare string): documentation, like a comment. */
  statement?: true;
  scope: Scope;
}

export interface CallFact {
  expr: CallExpr;
  scope: Scope;
  /** The call is the whole statement (its value is not used). */
  statement: boolean;
}

export interface AssignmentFact {
  /** Dotted target (`x`, `self.x`, `app.config.SESSION_TYPE`), or the key path for `a["b"]` (`a.b`). */
  target: string;
  targetExpr: Expr;
  value: Expr;
  /** `=`, `+=`, ... ; JS declarations use `=`. */
  op: string;
  /** JS declaration kind when the assignment is a declaration. */
  declKind?: 'const' | 'let' | 'var';
  span: Span;
  scope: Scope;
}

/** A comparison (`==`, `===`, `!=`, `!==`, `in`, `not in`) or a switch case test. */
export interface ComparisonFact {
  left: Expr;
  right: Expr;
  op: string;
  span: Span;
  scope: Scope;
  /** What the comparison decides. */
  decides?: BranchSummary;
}

/** What the branches of an `if`/ternary/`switch` do, coarsely. */
export interface BranchSummary {
  kind: 'if' | 'ternary' | 'switch' | 'other';
  /** Targets assigned in the branches (dotted, innermost statements included). */
  assigns: string[];
  /**
   * Values the branches produce (ternary arms; for if/switch: the values
   * assigned, in the order of `assigns`, then the values returned).
   */
  values: Expr[];
}

/** A `switch (x)` (JS) or `match x:` (Python) statement. */
export interface SwitchFact {
  discriminant: Expr;
  cases: { test?: Expr; span: Span }[];
  decides: BranchSummary;
  span: Span;
  scope: Scope;
}

/**
 * A run-time write to module-level state, computed by the front-end's scope
 * analysis: the written name refers to a module-level binding (not a local,
 * parameter, `self`/`this`), and the write happens inside a function.
 */
export interface GlobalWriteFact {
  /** The module-level binding written (root of the target chain). */
  name: string;
  /** assign (rebinding via `global`/module `let`), augassign, update (`++`), item, attr, call (mutating method), delete */
  op: 'assign' | 'augassign' | 'update' | 'item' | 'attr' | 'call' | 'delete';
  /** Mutating method name for `op: 'call'`. */
  method?: string;
  span: Span;
  /** Enclosing function name (the innermost named one). */
  functionName?: string;
  /** The innermost function's scope (its `span` tells a callback from the named function around it). */
  scope?: Scope;
  /** What an `=` write stores (`x = v`, `x[k] = v`, `x.y = v`), when known. */
  value?: Expr;
  /** The key of an item write (`k` in `x[k] = v`). */
  key?: Expr;
}

/** A module-level binding and what it was initialised with. */
export interface ModuleBinding {
  name: string;
  value?: Expr;
  declKind?: 'const' | 'let' | 'var' | 'import' | 'function' | 'class';
  span: Span;
}

export interface ImportFact {
  /** Local name bound in this file. */
  local: string;
  /** Module specifier: `logging.handlers`, `child_process`, `express-session`. */
  module: string;
  /** Imported member; undefined for `import x` / default / namespace / require. */
  imported?: string;
  span: Span;
}

export interface CommentFact {
  text: string;
  span: Span;
  /** Zero-based line of the comment's start. */
  line: number;
  /** True when code precedes the comment on its line. */
  trailing: boolean;
}

/** The fact lists a walk appends to in walk order (statement-level reuse keeps them per statement). */
export interface WalkedFacts {
  strings: StringFact[];
  calls: CallFact[];
  assignments: AssignmentFact[];
  comparisons: ComparisonFact[];
  switches: SwitchFact[];
  globalWrites: GlobalWriteFact[];
}

/** Makes `target` use `source`'s walked lists (the same arrays, not copies). */
export function shareWalkedLists(target: WalkedFacts, source: WalkedFacts): void {
  target.strings = source.strings;
  target.calls = source.calls;
  target.assignments = source.assignments;
  target.comparisons = source.comparisons;
  target.switches = source.switches;
  target.globalWrites = source.globalWrites;
}

export interface FileFacts extends WalkedFacts {
  language: Language;
  /** Workspace-relative path with `/` separators (used by path-aware rules). */
  path: string;
  text: string;
  moduleBindings: Map<string, ModuleBinding>;
  imports: ImportFact[];
  comments: CommentFact[];
  /**
   * Names run at import time: called, or used as a decorator, by code outside
   * any function (frontends/moduleState.ts says which, for both languages).
   * Writes inside the functions they name fill registries at import time,
   * which is not run-time state.
   */
  importTimeFunctions: Set<string>;
  /** The parser recovered from syntax errors; facts cover what it could read. */
  syntaxErrors: boolean;
}

export function emptyFacts(language: Language, path: string, text: string): FileFacts {
  return {
    language,
    path,
    text,
    strings: [],
    calls: [],
    assignments: [],
    comparisons: [],
    switches: [],
    globalWrites: [],
    moduleBindings: new Map(),
    imports: [],
    comments: [],
    importTimeFunctions: new Set(),
    syntaxErrors: false,
  };
}
