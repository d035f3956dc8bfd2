/**
 * The JavaScript/TypeScript front-end: typescript-estree's tree → `FileFacts`
 * in one walk (see js/ for the pieces). Never throws: a file the parser or the
 * walk cannot finish yields the facts gathered so far, flagged `syntaxErrors`.
 */
import { FactCollector } from '../collect';
import { emptyFacts, type FileFacts } from '../facts';
import { convertComments } from './js/comments';
import { prescanModule } from './js/module';
import type * as ts from 'typescript';
import { parseProgram, type ParsedProgram } from './js/parser';
import { statement } from './js/statements';
import { MODULE_SCOPE, Walker } from './js/walker';

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

/** The walk: a parsed program (ESTree) → facts. */
export function factsOfProgram(
  text: string,
  path: string,
  language: 'javascript' | 'typescript',
  parsed: ParsedProgram,
): FileFacts {
  const facts = emptyFacts(language, path, text);
  const collector = new FactCollector(facts);
  facts.syntaxErrors = parsed.syntaxErrors;
  const program = parsed.program;
  try {
    if (program) {
      facts.comments = convertComments(text, program.comments);
      const w = new Walker(collector, facts);
      prescanModule(w, program.body);
      for (const node of program.body) {
        try {
          statement(w, node);
        } catch {
          // Too deep for the stack, or a recovered tree of an unexpected shape: keep the rest.
          facts.syntaxErrors = true;
          reset(w);
        }
      }
    }
  } catch {
    facts.syntaxErrors = true;
  }
  return finish(collector, facts);
}

function finish(collector: FactCollector, facts: FileFacts): FileFacts {
  try {
    return collector.finish();
  } catch {
    return facts;
  }
}

function reset(w: Walker): void {
  w.scope = MODULE_SCOPE;
  w.env = w.moduleEnv;
  w.fnName = undefined;
  w.inFunction = false;
  w.summaries = [];
}
