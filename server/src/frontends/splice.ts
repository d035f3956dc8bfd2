/**
 * Statement-level reuse of facts between two analyses of an edited file
 * (language-neutral; the Python front-end uses it from lsp/incremental.ts,
 * the JS/TS front-end can do the same).
 *
 * A front-end walks the top-level statements of a file one at a time and
 * keeps what each produced as a `FactChunk`. After an edit, a statement
 * outside the lines the edit touched, found again in the new tree at the same
 * (shifted) span with the same `key`, keeps its chunk: its spans are moved by
 * the edit's length delta (`shiftChunk`) instead of walking it again. The
 * other statements are walked again, and `assembleFacts` concatenates all the
 * chunks, in document order, into the `FileFacts` a full walk would produce.
 *
 * What is file-level context is not stored resolved in the chunks but
 * replayed at assembly, so it is exact whatever the edit changed:
 * - module bindings are recorded as the binding attempts the walk made, in
 *   order, and replayed through the front-end's merge rule (`bind`);
 * - import-time functions are replayed in order into the set;
 * - anything resolved once the whole file is known (Python: which writes in
 *   functions reach module-level state) is kept as `deferred` items and
 *   handed, all chunks' in order, to the front-end's `resolve`.
 * What a chunk's facts were computed *from* must not change for the chunk to
 * be reused: names are resolved through the imports seen so far, so a front-
 * end reuses nothing when the imports each reused statement saw before it
 * changed (`importsDiffer`), and it puts in `key` whatever else a statement's facts
 * depend on besides its own text (Python: whether it could be the docstring).
 *
 * Usage (per analysis):
 *   const window = editWindow(oldText, newText, changedRange);  // undefined → walk everything
 *   const index = new ChunkIndex(oldChunks, window);
 *   for each top-level statement of the new tree:
 *     chunks.push(index.take(start, end, key) ?? walkStatement(node));
 *   if (importsDiffer(oldChunks, chunks)) → full walk
 *   facts = assembleFacts(base, chunks, { bind, resolve });
 *
 * Ownership: `take` moves a chunk's spans in place (span objects are replaced,
 * not mutated, so findings holding a span of the previous analysis keep it):
 * the previous analysis' `FileFacts` must not be read after the next one.
 */
import type { ChangedRange } from './changedRange';
import type { CommentFact, FileFacts, ImportFact, ModuleBinding, Span, WalkedFacts } from '../ir/facts';
import { emptyFacts } from '../ir/facts';

/** What one top-level statement contributed to the file's facts, in walk order. */
export interface FactChunk<D = unknown> extends WalkedFacts {
  /** The statement's span in the text of the analysis that owns the chunk. */
  span: Span;
  /**
   * Everything besides the statement's own text its facts depend on, plus the
   * node type; a chunk is reused only for a statement with the same key.
   */
  key: string;
  /** The statement parsed without errors (a recovered parse may depend on its surroundings). */
  clean: boolean;
  // globalWrites: those already resolved by the statement itself (a front-end may defer all of them instead).
  imports: ImportFact[];
  /** Comments inside the statement's span (or the statement is a comment). */
  comments: CommentFact[];
  /** Module-level binding attempts, in walk order, replayed by `AssembleHooks.bind`. */
  bindings: ModuleBinding[];
  /** Names added to `importTimeFunctions`, in order. */
  importTimeFunctions: string[];
  /** Front-end items resolved at assembly (`AssembleHooks.resolve`); spans in them are shifted like facts. */
  deferred: D[];
  /**
   * A statement split into parts (Python: a class's header, then each of its
   * body statements): its facts are its own lists followed by its parts', in
   * order. An edit inside one part lets the others be reused
   * (`ChunkIndex.enclosing` gives the previous chunk, `new ChunkIndex(chunk.parts, window)` its parts).
   */
  parts?: FactChunk<D>[];
}

export function emptyChunk<D = unknown>(span: Span, key: string, clean: boolean): FactChunk<D> {
  return {
    span,
    key,
    clean,
    strings: [],
    calls: [],
    assignments: [],
    comparisons: [],
    switches: [],
    globalWrites: [],
    imports: [],
    comments: [],
    bindings: [],
    importTimeFunctions: [],
    deferred: [],
  };
}

/** The changed range widened to whole lines, with the shift it applies to what follows it. */
export interface EditWindow {
  /** Start of the first touched line (same in both texts). */
  start: number;
  /** End of the last touched line in the old text (its '\n' or the text's end). */
  oldEnd: number;
  /** The same line end in the new text. */
  newEnd: number;
  /** Length delta: an old offset after `oldEnd` is `offset + delta` in the new text. */
  delta: number;
  /** Newlines added (negative: removed): an old row after the window is `row + lineDelta`. */
  lineDelta: number;
}

/**
 * The window the edits touched, widened to whole lines: a statement sharing a
 * line with an edit is walked again (a comment's `trailing` and a statement's
 * column depend on what precedes it on its line). Undefined when `after` is
 * not `before` edited in `range` (a missed notification): reuse nothing.
 */
export function editWindow(before: string, after: string, range: ChangedRange): EditWindow | undefined {
  const { start, oldEnd, newEnd } = range;
  const delta = newEnd - oldEnd;
  if (start < 0 || start > oldEnd || oldEnd > before.length || start > newEnd) return undefined;
  if (after.length - before.length !== delta) return undefined;
  if (!before.startsWith(after.slice(0, start)) || !after.endsWith(before.slice(oldEnd))) return undefined;
  const lineStart = before.lastIndexOf('\n', start - 1) + 1;
  const nl = before.indexOf('\n', oldEnd);
  const oldLineEnd = nl === -1 ? before.length : nl;
  return {
    start: lineStart,
    oldEnd: oldLineEnd,
    newEnd: oldLineEnd + delta,
    delta,
    lineDelta: countNewlines(after, start, newEnd) - countNewlines(before, start, oldEnd),
  };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The previous analysis' chunks that may be reused: those wholly before or
 * wholly after the edit window, found by their span in the new text.
 */
export class ChunkIndex<D = unknown> {
  /** Reusable chunks by their span in the new text; null where two chunks share one (zero-width nodes). */
  private readonly bySpan = new Map<string, { chunk: FactChunk<D>; after: boolean } | null>();
  private readonly taken = new Set<FactChunk<D>>();

  constructor(
    private readonly previous: readonly FactChunk<D>[],
    private readonly window: EditWindow | undefined,
  ) {
    if (!window) return;
    for (const chunk of previous) {
      if (!chunk.clean) continue;
      const after = chunk.span.start > window.oldEnd;
      if (!after && chunk.span.end >= window.start) continue;
      const start = after ? chunk.span.start + window.delta : chunk.span.start;
      const k = `${start}:${chunk.span.end - chunk.span.start}`;
      this.bySpan.set(k, this.bySpan.has(k) ? null : { chunk, after });
    }
  }

  /**
   * The chunk of the statement at [start, end) of the new text with `key`,
   * its spans moved into the new text; undefined when it must be walked.
   * `clean`: the new statement parsed without errors.
   */
  take(start: number, end: number, key: string, clean: boolean): FactChunk<D> | undefined {
    if (!clean || !this.window) return undefined;
    const found = this.bySpan.get(`${start}:${end - start}`);
    if (!found || found.chunk.key !== key || this.taken.has(found.chunk)) return undefined;
    this.taken.add(found.chunk);
    if (found.after) shiftChunk(found.chunk, this.window.delta, this.window.lineDelta);
    return found.chunk;
  }

  /**
   * The previous chunk, not reused, that started at `start` before the edit
   * window with `key`: the same statement, edited inside; its `parts` may be.
   */
  enclosing(start: number, key: string): FactChunk<D> | undefined {
    if (!this.window || start >= this.window.start) return undefined;
    return this.previous.find((c) => c.span.start === start && c.key === key && !this.taken.has(c));
  }

  /** The previous chunks not reused (call once every statement was offered to `take`). */
  dropped(): FactChunk<D>[] {
    return this.previous.filter((c) => !this.taken.has(c));
  }
}

/**
 * Whether the imports each reused chunk saw before it changed: the sequence
 * of imports (by what they bind, not where) interleaved with the reused
 * chunks differs between the previous chunks and the new ones: a statement
 * with imports walked again still lets the others be reused when it imports the same names as before (Django imports
 * inside methods).
 */
export function importsDiffer(
  previous: readonly FactChunk<unknown>[],
  current: readonly FactChunk<unknown>[],
): boolean {
  const kept = new Set(flatten(current));
  const reused = new Set(flatten(previous).filter((c) => kept.has(c)));
  const a = importSequence(previous, reused);
  const b = importSequence(current, reused);
  return a.length !== b.length || a.some((x, i) => x !== b[i]);
}

function importSequence(chunks: readonly FactChunk<unknown>[], reused: Set<FactChunk<unknown>>): unknown[] {
  const out: unknown[] = [];
  for (const c of chunks) {
    if (reused.has(c)) {
      out.push(c);
      continue;
    }
    for (const i of c.imports) out.push(`${i.local}\0${i.module}\0${i.imported ?? '\u0001'}`);
    if (c.parts) for (const x of importSequence(c.parts, reused)) out.push(x);
  }
  return out;
}

/** The chunks and, depth first, their parts. */
function flatten<D>(chunks: readonly FactChunk<D>[], out: FactChunk<D>[] = []): FactChunk<D>[] {
  for (const c of chunks) {
    out.push(c);
    if (c.parts) flatten(c.parts, out);
  }
  return out;
}

const SPAN_KEYS = new Set(['span', 'innerSpan', 'keySpan']);

/**
 * Moves every span reachable from the chunk by `delta`, and comment rows by
 * `lineDelta`. Span objects are replaced, never mutated; shared objects are
 * visited once.
 */
export function shiftChunk(chunk: FactChunk<unknown>, delta: number, lineDelta: number): void {
  chunk.span = { start: chunk.span.start + delta, end: chunk.span.end + delta };
  if (delta === 0 && lineDelta === 0) return;
  const seen = new Set<object>();
  const lists: unknown[][] = [
    chunk.strings,
    chunk.calls,
    chunk.assignments,
    chunk.comparisons,
    chunk.switches,
    chunk.globalWrites,
    chunk.imports,
    chunk.bindings,
    chunk.deferred,
  ];
  for (const list of lists) for (const item of list) shiftValue(item, delta, seen);
  for (const c of chunk.comments) {
    c.span = { start: c.span.start + delta, end: c.span.end + delta };
    c.line += lineDelta;
  }
  for (const part of chunk.parts ?? []) shiftChunk(part, delta, lineDelta);
}

function shiftValue(value: unknown, delta: number, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) shiftValue(v, delta, seen);
    return;
  }
  const record = value as Record<string, unknown>;
  // for-in allocates no key array (facts are plain objects with no inherited keys): this runs per keystroke.
  for (const key in record) {
    const v = record[key];
    if (typeof v !== 'object' || v === null) continue;
    if (SPAN_KEYS.has(key)) {
      const s = v as Span;
      record[key] = { start: s.start + delta, end: s.end + delta };
    } else shiftValue(v, delta, seen);
  }
}

/** How a front-end turns the file-level parts of its chunks into facts. */
export interface AssembleHooks<D> {
  /** Applies one recorded binding attempt to the map (default: `set`). */
  bind?(bindings: Map<string, ModuleBinding>, binding: ModuleBinding): void;
  /** Resolves every chunk's deferred items, in order, once bindings and imports are complete. */
  resolve?(facts: FileFacts, deferred: D[]): void;
}

/**
 * The facts of a file from its chunks in document order. `base` gives
 * language, path, text and syntaxErrors; its lists are replaced.
 */
export function assembleFacts<D>(
  base: FileFacts,
  chunks: readonly FactChunk<D>[],
  hooks: AssembleHooks<D> = {},
): FileFacts {
  const facts: FileFacts = { ...emptyFacts(base.language, base.path, base.text), syntaxErrors: base.syntaxErrors };
  const deferred: D[] = [];
  const bind = hooks.bind ?? ((map, b) => void map.set(b.name, b));
  for (const c of flatten(chunks)) {
    append(facts.strings, c.strings);
    append(facts.calls, c.calls);
    append(facts.assignments, c.assignments);
    append(facts.comparisons, c.comparisons);
    append(facts.switches, c.switches);
    append(facts.globalWrites, c.globalWrites);
    append(facts.imports, c.imports);
    append(facts.comments, c.comments);
    append(deferred, c.deferred);
    for (const b of c.bindings) bind(facts.moduleBindings, b);
    for (const name of c.importTimeFunctions) facts.importTimeFunctions.add(name);
  }
  hooks.resolve?.(facts, deferred);
  return facts;
}

/** `push(...items)` without the argument-count limit of a spread. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}
