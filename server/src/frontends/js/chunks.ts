/**
 * Statement-level reuse for JavaScript/TypeScript (frontends/splice.ts): after
 * an edit, only the top-level statements TypeScript's incremental parser did
 * not reuse are converted to ESTree (js/partial.ts) and walked; every other
 * statement keeps the facts of the previous analysis, moved by the edit.
 *
 * A chunk covers its statement's full extent (leading trivia included), so
 * the chunks tile the file and each comment belongs to exactly one; the
 * comments after the last statement are found again each time.
 *
 * A chunk is reused only for the very node TypeScript's incremental parser
 * reused (its key is the node's identity): the parser never reuses a node
 * with a syntax error or one the edit could have changed, so the statement's
 * ESTree, and its facts, would be the same.
 *
 * Reuse is exact only while the file-level context is: every statement's
 * facts are resolved through the file's imports and module declarations
 * (js/module.ts, js/globals.ts). Where the statements walked again declare
 * or import other names than the ones they replace did (a rename), the
 * statements mentioning those names are walked again too (js/signature.ts).
 * The file must stay a module or a script, and its statements must cover it
 * end to end (no tokens skipped between them); otherwise the caller analyses
 * the whole file.
 */
import * as ts from 'typescript';
import { FactCollector } from '../collect';
import { emptyFacts, type CommentFact, type FileFacts, type ImportFact, type ModuleBinding } from '../../ir/facts';
import { assembleFacts, ChunkIndex, emptyChunk, type AssembleHooks, type EditWindow, type FactChunk } from '../splice';
import { fillChunk, nodeKey, planClass, splicedChunk, splitChunk, tsClassOf, type ClassPlan } from './classes';
import { tailChunk, walkedComments } from './chunkComments';
import { convertStatements, prologue, tiles } from './partial';
import {
  newRecord,
  prescanRecorded,
  splitClass,
  walkClassPart,
  walkRecorded,
  type StatementRecord,
  type WalkRecord,
} from './program';
import { changedNames, mentioning, signatureOf, type SignatureEntry } from './signature';
import { SYNTAX } from './syntax';
import { Walker, type ModuleDecl } from './walker';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** A statement's facts; `deferred` holds the imports its walk registered (listed after all top-level ones). */
export type JsChunk = FactChunk<ImportFact>;

/** What a chunk makes of the file-level context, kept beside it. */
interface ChunkContext {
  decls: [string, ModuleDecl][];
  entries: SignatureEntry[];
}

const contexts = new WeakMap<JsChunk, ChunkContext>();

function keyOf(node: ts.Statement, directive: boolean): string {
  return directive ? `${nodeKey(node)}d` : nodeKey(node);
}

/** Where the tree's syntax errors are. */
function errorStarts(source: ts.SourceFile): number[] {
  return (source as unknown as { parseDiagnostics: { start: number }[] }).parseDiagnostics.map((d) => d.start);
}

function isModule(source: ts.SourceFile): boolean {
  return (source as unknown as { externalModuleIndicator?: unknown }).externalModuleIndicator !== undefined;
}

export interface HeldChunks {
  chunks: JsChunk[];
  module: boolean;
}

/**
 * The chunks of a whole-file walk (`records` from `walkParsed`) of
 * `source`, converted whole (not recovered); undefined when its ESTree does
 * not match its statements one to one.
 */
export function chunksOfWalk(
  source: ts.SourceFile,
  body: readonly TSESTree.ProgramStatement[],
  records: readonly StatementRecord[],
  comments: readonly CommentFact[],
): HeldChunks | undefined {
  const statements = source.statements;
  if (body.length !== statements.length || records.length !== statements.length || !tiles(source)) return undefined;
  const directives = prologue(source);
  const errors = errorStarts(source);
  const chunks: JsChunk[] = [];
  let c = 0;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (body[i].range[0] < s.pos || body[i].range[1] > s.end) return undefined;
    const own: CommentFact[] = [];
    for (; c < comments.length && comments[c].span.start < s.end; c++) {
      if (comments[c].span.start < s.pos) return undefined;
      own.push(comments[c]);
    }
    chunks.push(chunkOf(records[i], s, keyOf(s, directives[i]), own, errors));
  }
  return { chunks, module: isModule(source) };
}

function chunkOf(
  rec: StatementRecord,
  node: ts.Statement,
  key: string,
  comments: CommentFact[],
  errors: readonly number[],
  plan?: ClassPlan,
  source?: ts.SourceFile,
): JsChunk {
  // A statement with a syntax error is never reused (the incremental parser re-parses it anyway).
  const clean = !rec.threw && !errors.some((at) => at >= node.pos && at < node.end);
  const chunk = fillChunk(emptyChunk({ start: node.pos, end: node.end }, key, clean), rec);
  chunk.imports = rec.imports;
  chunk.comments = comments;
  if (plan && source && rec.parts) splicedChunk(chunk, plan, rec.parts, source, errors);
  else if (rec.parts) splitChunk(chunk, tsClassOf(node), rec.parts, !rec.threw, errors);
  contexts.set(chunk, { decls: rec.trace.decls, entries: signatureOf(chunk, rec.trace.decls) });
  return chunk;
}

function entriesOf(chunk: JsChunk): readonly SignatureEntry[] {
  return contexts.get(chunk)?.entries ?? [['', '?']];
}

/** What the walks of one splice share. */
interface SpliceInput {
  text: string;
  path: string;
  language: 'javascript' | 'typescript';
  source: ts.SourceFile;
  directives: readonly boolean[];
  errors: readonly number[];
}

/**
 * The facts of `source` (the tree of `text`, updated from the previous
 * analysis' tree) reusing `held` where the edit in `window` left statements
 * alone; undefined when this cannot be exact (the caller walks everything).
 * `held` is consumed either way. When the statements walked again bind other
 * names than the ones they replace (a rename), the statements that mention
 * an old or a new name are walked again too (js/signature.ts).
 */
export function spliceFacts(
  text: string,
  path: string,
  language: 'javascript' | 'typescript',
  source: ts.SourceFile,
  held: HeldChunks,
  window: EditWindow,
): { facts: FileFacts; held: HeldChunks } | undefined {
  if (isModule(source) !== held.module || !tiles(source)) return undefined;
  const statements = source.statements;
  const input: SpliceInput = {
    text,
    path,
    language,
    source,
    directives: prologue(source),
    errors: errorStarts(source),
  };
  const index = new ChunkIndex(held.chunks, window);
  const slots: (JsChunk | undefined)[] = [];
  const plans: (ClassPlan | undefined)[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const chunk = index.take(s.pos, s.end, keyOf(s, input.directives[i]), true);
    slots.push(chunk);
    plans.push(chunk ? undefined : planClass(held.chunks, s, window));
  }
  let walk = walkSlots(input, slots, plans);
  if (!walk) return undefined;
  const before = index.dropped();
  const names = changedNames(before.map(entriesOf), walk.walked.map(entriesOf));
  const reused = slots.flatMap((c, i) => (c ? [i] : []));
  const forced = mentioning(text, statements, reused, names);
  if (forced.length > 0) {
    // Their own text is unchanged: they bind what they bound before, so the names that change stay `names`.
    for (const i of forced) before.push(slots[i] as JsChunk);
    for (const i of forced) slots[i] = undefined;
    walk = walkSlots(input, slots, plans);
    if (!walk) return undefined;
    const again = changedNames(before.map(entriesOf), walk.walked.map(entriesOf));
    for (const name of again) if (!names.has(name)) return undefined;
    renameSplices++;
  }
  const base = emptyFacts(language, path, text);
  base.syntaxErrors = input.errors.length > 0 || walk.threw;
  const facts = assembleFacts(base, [...walk.chunks, tailChunk(source)], replay());
  if (plans.some((p) => p)) classSplices++;
  return { facts, held: { chunks: walk.chunks, module: held.module } };
}

/**
 * Converts and walks the statements without a chunk in `slots` (with their
 * class plan, if any), in a context rebuilt from every statement's records:
 * the chunks of the file in order, and the new ones among them. Undefined
 * when this cannot be exact.
 */
function walkSlots(
  input: SpliceInput,
  slots: readonly (JsChunk | undefined)[],
  allPlans: readonly (ClassPlan | undefined)[],
): { chunks: JsChunk[]; walked: JsChunk[]; threw: boolean } | undefined {
  const { text, path, language, source, directives, errors } = input;
  const statements = source.statements;
  const walkedAt: number[] = [];
  for (let i = 0; i < statements.length; i++) if (!slots[i]) walkedAt.push(i);
  const plans = walkedAt.map((i) => allPlans[i]);
  const partial = convertStatements(
    source,
    walkedAt.map((i) => statements[i]),
    walkedAt.map((i) => directives[i]),
    plans.map((p) => p?.walk),
  );
  if (!partial) return undefined;

  const scratch = emptyFacts(language, path, text);
  const collector = new FactCollector(scratch);
  const w = new Walker(collector, scratch, SYNTAX);
  const records = walkedAt.map(newRecord);
  try {
    for (let i = 0, k = 0; i < statements.length; i++) {
      const chunk = slots[i];
      if (chunk) {
        for (const [name, decl] of contexts.get(chunk)?.decls ?? []) w.moduleDecls.set(name, decl);
        for (const f of chunk.imports) collector.knowImport(f);
      } else {
        prescanRecorded(w, partial.body[k], records[k]);
        k++;
      }
    }
    for (let i = 0, k = 0; i < statements.length; i++) {
      const chunk = slots[i];
      if (chunk) knowAll(collector, chunk);
      else {
        const plan = plans[k];
        if (plan) records[k].parts = walkPlanned(w, collector, partial.body[k], plan);
        else walkRecorded(w, partial.body[k], records[k]);
        k++;
      }
    }
  } catch {
    return undefined;
  }
  // Names in the new statements' calls resolve through all imports, like a whole walk's.
  collector.finish();

  const comments = walkedComments(source, partial.comments, walkedAt, plans);
  if (!comments) return undefined;
  const chunks: JsChunk[] = [];
  const walked: JsChunk[] = [];
  for (let i = 0, k = 0; i < statements.length; i++) {
    const chunk = slots[i];
    if (chunk) chunks.push(chunk);
    else {
      const s = statements[i];
      const made = chunkOf(records[k], s, keyOf(s, directives[i]), comments[k], errors, plans[k], source);
      chunks.push(made);
      walked.push(made);
      k++;
    }
  }
  return { chunks, walked, threw: records.some((r) => r.threw) };
}

/** Analyses that walked again statements mentioning a renamed module-level name (the tests check the path is taken). */
let renameSplices = 0;
export function renameSpliceCount(): number {
  return renameSplices;
}

/** Analyses that reused members of an edited class (the tests check the path is taken). */
let classSplices = 0;
export function classSpliceCount(): number {
  return classSplices;
}

/** Makes the imports a reused chunk's walk registered known, in walk order. */
function knowAll(collector: FactCollector, chunk: JsChunk): void {
  for (const f of chunk.deferred) collector.knowImport(f);
  for (const part of chunk.parts ?? []) knowAll(collector, part);
}

/**
 * The walk of a class statement with `plan`: its header, then the members
 * walked again, in order with the reused ones (whose imports are made
 * known). Throws when it cannot be exact (the caller walks everything).
 */
function walkPlanned(
  w: Walker,
  collector: FactCollector,
  node: TSESTree.ProgramStatement,
  plan: ClassPlan,
): WalkRecord[] {
  const cls = splitClass(node);
  if (!cls || cls.body.body.length !== plan.walk.length) throw new Error('class converted unexpectedly');
  const parts: WalkRecord[] = [];
  walkClassPart(w, cls, undefined, parts);
  let r = 0;
  for (let j = 0; j < plan.cls.members.length; j++) {
    const kept = plan.reused[j];
    if (kept) knowAll(collector, kept);
    else if (plan.walk[r] === plan.cls.members[j]) walkClassPart(w, cls, cls.body.body[r++], parts);
  }
  return parts;
}

/**
 * Hooks replaying the walk's binding records as a whole walk applies them:
 * every declaration (records with `declKind`) first, then the values
 * declarators gave (records without), each to the binding its name has.
 * Imports registered by walks come after every top-level import.
 */
function replay(): AssembleHooks<ImportFact> {
  const values: ModuleBinding[] = [];
  return {
    bind(bindings, b) {
      if (b.declKind === undefined) values.push(b);
      else bindings.set(b.name, { name: b.name, declKind: b.declKind, span: b.span });
    },
    resolve(facts, deferred) {
      for (const v of values) {
        const binding = facts.moduleBindings.get(v.name);
        if (binding && v.value) binding.value = v.value;
      }
      for (const f of deferred) facts.imports.push(f);
    },
  };
}
