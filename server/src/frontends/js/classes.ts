/**
 * Class members as their own reuse units (js/chunks.ts): TypeScript's
 * incremental parser reuses the unchanged members of a class it re-parses,
 * so typing in one method of a large class converts and walks that method,
 * not the whole class.
 *
 * The chunk of a top-level class statement (`class`, `export class`, `export
 * default class`) holds the statement-level facts (its pre-scan) and, as
 * `parts`: the header (decorators, heritage: walked again every time, with
 * the comments before the first member), one part per member (reused like a
 * statement's chunk: for the very member node TypeScript reused, outside
 * the edited lines), and the tail (the comments before `}`). The parts tile
 * the statement, so each comment belongs to exactly one.
 *
 * A member's facts depend on its text, the file-level context (as a
 * statement's) and the class name (the scope of fields and static blocks):
 * members are reused only when the class keeps its name.
 */
import { iterateComments } from 'ts-api-utils';
import * as ts from 'typescript';
import { shareWalkedLists, type CommentFact, type ImportFact } from '../../ir/facts';
import { ChunkIndex, emptyChunk, type EditWindow, type FactChunk } from '../splice';
import { convertComments } from './comments';
import { classChildren, commentAt, trailingComments } from './partial';
import type { WalkRecord } from './program';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

type JsChunk = FactChunk<ImportFact>;

/** Ids of TypeScript nodes: a chunk is reused only for the node the incremental parser reused. */
const nodeIds = new WeakMap<ts.Node, number>();
let nextId = 0;

export function nodeKey(node: ts.Node): string {
  let id = nodeIds.get(node);
  if (id === undefined) {
    id = nextId++;
    nodeIds.set(node, id);
  }
  return `${id}`;
}

/** The name of the class whose chunk is split into parts as above. */
const classNames = new WeakMap<JsChunk, string | undefined>();

/** The class a top-level statement declares and walks, when its members tile its body. */
export function tsClassOf(s: ts.Statement): ts.ClassDeclaration | undefined {
  if (!ts.isClassDeclaration(s) || s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return undefined;
  const members = s.members;
  let at = members.pos;
  for (const m of members) {
    if (m.pos !== at) return undefined;
    at = m.end;
  }
  return at === members.end && s.pos < members.pos && members.end <= s.end ? s : undefined;
}

/** Copies what a walk recorded into a chunk. */
export function fillChunk(chunk: JsChunk, rec: WalkRecord): JsChunk {
  shareWalkedLists(chunk, rec);
  chunk.deferred = rec.walkImports;
  chunk.bindings = rec.trace.bindings;
  chunk.importTimeFunctions = rec.trace.importTime;
  return chunk;
}

function hasError(errors: readonly number[], node: ts.Node): boolean {
  return errors.some((at) => at >= node.pos && at < node.end);
}

/** Whether a member's walk is one of the parts (the converter leaves out `;` members). */
function walked(m: ts.ClassElement): boolean {
  return m.kind !== ts.SyntaxKind.SemicolonClassElement;
}

/**
 * Gives the chunk of a class statement walked whole in parts (`records`:
 * header, then each walked member) its parts, with `comments` (the
 * statement's, in order) shared out by position. `clean`: the walk finished.
 */
export function splitChunk(
  chunk: JsChunk,
  cls: ts.ClassDeclaration | undefined,
  records: readonly WalkRecord[],
  clean: boolean,
  errors: readonly number[],
): void {
  const members = cls?.members;
  if (!cls || !members || members.filter(walked).length !== records.length - 1) {
    // Not as expected: the facts are kept, nothing inside is reused.
    chunk.parts = records.map((r) => fillChunk(emptyChunk(chunk.span, '', false), r));
    return;
  }
  const parts: JsChunk[] = [
    fillChunk(emptyChunk({ start: chunk.span.start, end: members.pos }, 'h', false), records[0]),
  ];
  let r = 1;
  for (const m of members) {
    const part = emptyChunk<ImportFact>({ start: m.pos, end: m.end }, nodeKey(m), clean && !hasError(errors, m));
    parts.push(walked(m) ? fillChunk(part, records[r++]) : part);
  }
  parts.push(emptyChunk({ start: members.end, end: chunk.span.end }, 't', false));
  const comments = chunk.comments;
  chunk.comments = [];
  let c = 0;
  for (const part of parts) {
    for (; c < comments.length && comments[c].span.start < part.span.end; c++) part.comments.push(comments[c]);
  }
  chunk.parts = parts;
  if (clean) classNames.set(chunk, cls.name?.text);
}

/** Which members of an edited class are reused, and which are converted and walked again. */
export interface ClassPlan {
  cls: ts.ClassDeclaration;
  /** Per member of `cls`: its previous part, moved into the new text, or undefined. */
  reused: (JsChunk | undefined)[];
  /** The members walked again, in order (`;` members have nothing to walk). */
  walk: ts.ClassElement[];
}

/**
 * The plan for statement `s` (not reused as a whole) when it is a class
 * whose previous chunk (`held`, the same statement start before the edit)
 * was split into parts and it keeps its name; undefined otherwise.
 */
export function planClass(held: readonly JsChunk[], s: ts.Statement, window: EditWindow): ClassPlan | undefined {
  const cls = tsClassOf(s);
  if (!cls || s.pos >= window.start) return undefined;
  // Chunks after the edit were moved past it: one starting before it is of the previous text.
  const old = held.find((c) => c.span.start === s.pos && classNames.has(c));
  if (!old?.parts || classNames.get(old) !== cls.name?.text) return undefined;
  const index = new ChunkIndex(old.parts, window);
  const reused = cls.members.map((m) => index.take(m.pos, m.end, nodeKey(m), true));
  const walk = cls.members.filter((m, j) => !reused[j] && walked(m));
  return { cls, reused, walk };
}

/**
 * Gives the chunk of a class statement walked with `plan` its parts:
 * `records` holds the header's walk, then those of `plan.walk`.
 */
export function splicedChunk(
  chunk: JsChunk,
  plan: ClassPlan,
  records: readonly WalkRecord[],
  source: ts.SourceFile,
  errors: readonly number[],
): void {
  const { cls, reused } = plan;
  const members = cls.members;
  const children = classChildren(cls, source);
  const header = fillChunk(emptyChunk({ start: cls.pos, end: members.pos }, 'h', false), records[0]);
  header.comments = commentsOf(source, cls.pos, members.pos, children?.before ?? []);
  const parts: JsChunk[] = [header];
  let r = 1;
  for (let j = 0; j < members.length; j++) {
    const m = members[j];
    const kept = reused[j];
    if (kept) {
      parts.push(kept);
      continue;
    }
    const part = emptyChunk<ImportFact>({ start: m.pos, end: m.end }, nodeKey(m), !hasError(errors, m));
    if (walked(m)) fillChunk(part, records[r++]);
    part.comments = commentsOf(source, m.pos, m.end, [m]);
    parts.push(part);
  }
  const tail = emptyChunk<ImportFact>({ start: members.end, end: cls.end }, 't', false);
  tail.comments = commentsOf(source, members.end, cls.end, children?.after ?? []);
  parts.push(tail);
  chunk.parts = parts;
  classNames.set(chunk, cls.name?.text);
}

/**
 * The comments in [start, end) of the text, of a stretch made of `nodes`'
 * tokens: those after the token ending at `start` on its line, then each
 * token's as the whole conversion finds them (ts-api-utils, as
 * typescript-estree), up to `end`.
 */
function commentsOf(source: ts.SourceFile, start: number, end: number, nodes: readonly ts.Node[]): CommentFact[] {
  // An empty stretch (a member that took the closing brace in) has none, not those after it.
  const found: TSESTree.Comment[] = start > 0 ? trailingComments(source, start).filter((c) => c.range[0] < end) : [];
  for (const node of nodes) {
    for (const c of iterateComments(node, source)) if (c.pos < end) found.push(commentAt(source, c.pos, c.end, c.kind));
  }
  return convertComments(source.text, found);
}
