/**
 * The walk of a program's top-level statements: the module pre-scan of every
 * statement, then each statement in order. Optionally records what each
 * statement added to the facts, for statement-level reuse (js/chunks.ts).
 */
import type { ImportFact, WalkedFacts } from '../../ir/facts';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { walkClass } from './functions';
import { prescanStatement } from './module';
import { statement } from './statements';
import { MODULE_SCOPE, type StatementTrace, type Walker } from './walker';

/** What one walk (a top-level statement, or one part of a class) added to the facts, in walk order. */
export interface WalkRecord extends WalkedFacts {
  trace: StatementTrace;
  /** Imports the walk registered (`require` in functions and blocks). */
  walkImports: ImportFact[];
}

/** What one top-level statement added to the facts, in walk order. */
export interface StatementRecord extends WalkRecord {
  /** Imports the pre-scan registered (top-level imports and requires). */
  imports: ImportFact[];
  /** The walk gave up on the statement (too deep, or a tree of an unexpected shape). */
  threw: boolean;
  /**
   * A class statement walked in parts (js/classes.ts): its header, then each
   * ESTree member; the walk's facts are in the parts, not in the record's lists.
   */
  parts?: WalkRecord[];
}

export function newWalkRecord(): WalkRecord {
  return {
    trace: { bindings: [], decls: [], importTime: [] },
    walkImports: [],
    strings: [],
    calls: [],
    assignments: [],
    comparisons: [],
    switches: [],
    globalWrites: [],
  };
}

export function newRecord(): StatementRecord {
  return { ...newWalkRecord(), imports: [], threw: false };
}

/** The class a top-level statement declares and walks (`class`, `export class`, `export default class`). */
export function splitClass(node: TSESTree.ProgramStatement): TSESTree.ClassDeclaration | undefined {
  const d =
    node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportDefaultDeclaration
      ? node.declaration
      : node;
  return d?.type === AST_NODE_TYPES.ClassDeclaration && !d.declare ? d : undefined;
}

/**
 * Walks one part of a top-level class: its header (decorators, heritage)
 * when `member` is undefined, else that member, as `walkClass` walks it
 * inside the whole class (members share no state but the class name).
 */
export function walkClassPart(
  w: Walker,
  cls: TSESTree.ClassDeclaration,
  member: TSESTree.ClassElement | undefined,
  into: WalkRecord[],
): void {
  const part = newWalkRecord();
  // Listed first: what a walk that throws added is the part's too.
  into.push(part);
  const body = { ...cls.body, body: member ? [member] : [] };
  const view: TSESTree.ClassDeclaration = member
    ? { ...cls, decorators: [], superClass: null, body }
    : { ...cls, body };
  capture(w, part, () => walkClass(w, view, cls.id?.name));
}

/** Walks `body`; with `record`, returns one record per statement. */
export function walkProgram(
  w: Walker,
  body: readonly TSESTree.ProgramStatement[],
  record: boolean,
): StatementRecord[] | undefined {
  const records = record ? body.map(newRecord) : undefined;
  for (let i = 0; i < body.length; i++) prescanRecorded(w, body[i], records?.[i]);
  for (let i = 0; i < body.length; i++) walkRecorded(w, body[i], records?.[i]);
  return records;
}

/** The pre-scan of one statement, recorded into `rec` when given. */
export function prescanRecorded(w: Walker, node: TSESTree.ProgramStatement, rec?: StatementRecord): void {
  if (!rec) {
    prescanStatement(w, node);
    return;
  }
  const imports = w.facts.imports.length;
  w.trace = rec.trace;
  try {
    prescanStatement(w, node);
  } finally {
    w.trace = undefined;
    rec.imports = w.facts.imports.slice(imports);
  }
}

/** The walk of one statement, recorded into `rec` when given (a class in parts); never throws. */
export function walkRecorded(w: Walker, node: TSESTree.ProgramStatement, rec?: StatementRecord): void {
  try {
    const cls = rec && splitClass(node);
    if (!rec) statement(w, node);
    else if (cls) {
      const parts: WalkRecord[] = [];
      rec.parts = parts;
      walkClassPart(w, cls, undefined, parts);
      for (const m of cls.body.body) walkClassPart(w, cls, m, parts);
    } else capture(w, rec, () => statement(w, node));
  } catch {
    // Too deep for the stack, or a recovered tree of an unexpected shape: keep the rest.
    w.facts.syntaxErrors = true;
    reset(w);
    if (rec) rec.threw = true;
  }
}

/** Runs `walk`, recording what it adds to the facts into `rec` (also when it throws). */
function capture(w: Walker, rec: WalkRecord, walk: () => void): void {
  const facts = w.facts;
  const n = {
    imports: facts.imports.length,
    strings: facts.strings.length,
    calls: facts.calls.length,
    assignments: facts.assignments.length,
    comparisons: facts.comparisons.length,
    switches: facts.switches.length,
    globalWrites: facts.globalWrites.length,
  };
  w.trace = rec.trace;
  try {
    walk();
  } finally {
    w.trace = undefined;
    rec.walkImports = facts.imports.slice(n.imports);
    rec.strings = facts.strings.slice(n.strings);
    rec.calls = facts.calls.slice(n.calls);
    rec.assignments = facts.assignments.slice(n.assignments);
    rec.comparisons = facts.comparisons.slice(n.comparisons);
    rec.switches = facts.switches.slice(n.switches);
    rec.globalWrites = facts.globalWrites.slice(n.globalWrites);
  }
}

function reset(w: Walker): void {
  w.scope = MODULE_SCOPE;
  w.lexical = w.moduleLexical;
  w.fnName = undefined;
  w.inFunction = false;
}
