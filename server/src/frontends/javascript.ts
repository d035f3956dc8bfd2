/**
 * The JavaScript/TypeScript front-end: typescript-estree's tree → `FileFacts`
 * in one walk (see js/ for the pieces). Never throws: a file the parser or the
 * walk cannot finish yields the facts gathered so far, flagged `syntaxErrors`.
 */
import { FactCollector } from './collect';
import { emptyFacts, type FileFacts } from '../ir/facts';
import { convertComments } from './js/comments';
import type * as ts from 'typescript';
import { buildSource, parseProgram, parseSource, scriptKind, type ParsedProgram } from './js/parser';
import type { ChangedRange } from './changedRange';
import { editWindow, type EditWindow } from './splice';
import { chunksOfWalk, spliceFacts, type HeldChunks } from './js/chunks';
import { walkProgram, type StatementRecord } from './js/program';
import { SYNTAX } from './js/syntax';
import { Walker } from './js/walker';

/** TypeScript's parse alone, as this front-end calls it (bench/floor.ts: the start + parse floor of the shipped bundle). */
export { buildSource, scriptKind };

export function extractJavaScript(text: string, path: string, language: 'javascript' | 'typescript'): FileFacts {
  return extractJavaScriptIncremental(text, path, language).facts;
}

export interface IncrementalFacts {
  facts: FileFacts;
  /** The TypeScript tree of `text`, to pass as `previous` after the next edit. */
  sourceFile?: ts.SourceFile;
}

/**
 * The facts of `text`, re-parsing only what `change` touched when `previous`
 * (the tree of the text before the edit) is given. `previous` must not be
 * used again: the update moves its nodes into the returned tree.
 */
export function extractJavaScriptIncremental(
  text: string,
  path: string,
  language: 'javascript' | 'typescript',
  previous?: ts.SourceFile,
  change?: ts.TextChangeRange,
): IncrementalFacts {
  let parsed: ParsedProgram;
  try {
    parsed = parseProgram(text, path, language, previous && change ? { sourceFile: previous, change } : undefined);
  } catch {
    parsed = { syntaxErrors: true };
  }
  return { facts: factsOfProgram(text, path, language, parsed), sourceFile: parsed.sourceFile };
}

/** What the spliced analysis of the next version of a file starts from. */
export interface SpliceState {
  /** The tree of `text`; invalid once passed back (the update moves its nodes). */
  sourceFile: ts.SourceFile;
  text: string;
  /** Each top-level statement's facts; undefined when the text had syntax errors. */
  chunks?: HeldChunks;
}

export interface SplicedFacts {
  facts: FileFacts;
  state?: SpliceState;
  /** The facts of some statements were reused (statement-level reuse was on). */
  spliced: boolean;
}

/**
 * The facts of `text`, for the editor: with `previous` (the state of the
 * analysis of the text before `change`), TypeScript re-parses only what the
 * edit touched and only the top-level statements it did not reuse are
 * converted and walked (js/chunks.ts). The result keeps what the next
 * spliced analysis needs.
 */
export function extractJavaScriptSpliced(
  text: string,
  path: string,
  language: 'javascript' | 'typescript',
  previous?: { state: SpliceState; change: ChangedRange },
): SplicedFacts {
  const kind = scriptKind(path, language);
  let source: ts.SourceFile | undefined;
  let window: EditWindow | undefined;
  try {
    if (previous) {
      const { state, change } = previous;
      window = editWindow(state.text, text, change);
      const span = { start: change.start, length: change.oldEnd - change.start };
      const update = window
        ? { sourceFile: state.sourceFile, change: { span, newLength: change.newEnd - change.start } }
        : undefined;
      source = buildSource(text, path, kind, update);
      if (source && window && state.chunks) {
        const spliced = spliceFacts(text, path, language, source, state.chunks, window);
        if (spliced)
          return { facts: spliced.facts, state: { sourceFile: source, text, chunks: spliced.held }, spliced: true };
      }
    } else {
      source = buildSource(text, path, kind);
    }
  } catch {
    source = undefined;
  }
  let parsed: ParsedProgram;
  try {
    parsed = parseSource(source, text, path, kind);
  } catch {
    parsed = { syntaxErrors: true };
  }
  const chunked = !parsed.recovered && parsed.program && parsed.sourceFile;
  const walked = walkParsed(text, path, language, parsed, !!chunked);
  let chunks: HeldChunks | undefined;
  if (chunked && walked.records && parsed.program && parsed.sourceFile) {
    chunks = chunksOfWalk(parsed.sourceFile, parsed.program.body, walked.records, walked.facts.comments);
  }
  const state = parsed.sourceFile && { sourceFile: parsed.sourceFile, text, chunks };
  return { facts: walked.facts, state, spliced: false };
}

/** The walk: a parsed program (ESTree) → facts. */
export function factsOfProgram(
  text: string,
  path: string,
  language: 'javascript' | 'typescript',
  parsed: ParsedProgram,
): FileFacts {
  return walkParsed(text, path, language, parsed, false).facts;
}

/** The walk, with what each top-level statement added when `record` (js/chunks.ts). */
export function walkParsed(
  text: string,
  path: string,
  language: 'javascript' | 'typescript',
  parsed: ParsedProgram,
  record: boolean,
): { facts: FileFacts; records?: StatementRecord[] } {
  const facts = emptyFacts(language, path, text);
  const collector = new FactCollector(facts);
  facts.syntaxErrors = parsed.syntaxErrors;
  const program = parsed.program;
  let records: StatementRecord[] | undefined;
  try {
    if (program) {
      facts.comments = convertComments(text, program.comments);
      records = walkProgram(new Walker(collector, facts, SYNTAX), program.body, record);
    }
  } catch {
    facts.syntaxErrors = true;
    records = undefined;
  }
  return { facts: finish(collector, facts), records };
}

function finish(collector: FactCollector, facts: FileFacts): FileFacts {
  try {
    return collector.finish();
  } catch {
    return facts;
  }
}
