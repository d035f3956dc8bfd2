/**
 * The JS/TS throughput options of issue 18, measured in process on the same
 * files in the same run (CPU time, each step summed over the corpus, the best
 * of a few rounds): the TypeScript parse floor, typescript-estree's
 * conversion with its own comment list and without it, the comments by one
 * scanner pass (frontends/js/scanComments.ts, what the front-end does now),
 * the facts walk and the whole analysis; and how much a whole-file or a
 * statement-level keyword prefilter could leave out without changing a
 * finding or a signal.
 */
import { parse } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';
import { activeRules, analyzeText } from '../server/src/engine/engine';
import { factsOfProgram } from '../server/src/frontends/javascript';
import { buildSource, PARSE_OPTIONS, scriptKind } from '../server/src/frontends/js/parser';
import { scanComments } from '../server/src/frontends/js/scanComments';
import type { Language } from '../server/src/ir/types';
import { classifyFile } from '../server/src/semantics/roles';

interface JsFile {
  rel: string;
  text: string;
  language: Language;
}

const ROUNDS = 3;
const WITHOUT_COMMENTS = { ...PARSE_OPTIONS, comment: false } as const;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Statements that add nothing to the facts: types, ambient declarations, overloads, re-exports. */
function typeOnly(s: ts.Statement): boolean {
  if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isExportDeclaration(s)) return true;
  if (ts.isEmptyStatement(s) || (ts.isFunctionDeclaration(s) && !s.body)) return true;
  return (ts.getCombinedModifierFlags(s as ts.Declaration) & ts.ModifierFlags.Ambient) !== 0;
}

export function jsOptions(all: readonly JsFile[]): Record<string, number> {
  const files = all.filter((f) => f.language === 'javascript' || f.language === 'typescript');
  const kinds = files.map((f) => scriptKind(f.rel, f.language));
  const best: Record<string, number> = {};
  const step = (name: string, run: (f: JsFile, i: number) => void): void => {
    const t = cpuMs();
    files.forEach(run);
    const ms = cpuMs() - t;
    best[name] = Math.min(best[name] ?? Infinity, ms);
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Each conversion gets a tree of its own: typescript-estree's comment walk leaves token nodes on the one it reads.
    step('parseMs', (f, i) => buildSource(f.text, f.rel, kinds[i]));
    const trees = files.map((f, i) => buildSource(f.text, f.rel, kinds[i]));
    step('convertWithCommentsMs', (_, i) => convertQuietly(trees[i], PARSE_OPTIONS));
    const bare = files.map((f, i) => buildSource(f.text, f.rel, kinds[i]));
    step('convertWithoutCommentsMs', (_, i) => convertQuietly(bare[i], WITHOUT_COMMENTS));
    step('scanCommentsMs', (_, i) => {
      const source = bare[i];
      if (source) scanComments(source);
    });
    const programs = bare.map((source) => convertQuietly(source, WITHOUT_COMMENTS));
    step('walkMs', (f, i) => {
      const program = programs[i];
      if (program) factsOfProgram(f.text, f.rel, f.language, { program, syntaxErrors: false });
    });
    step('analysisMs', (f) => analyzeText(f.text, f.rel, f.language, { signals: true }));
  }

  // What a prefilter could leave out. hardcoded-secret reads every string and global-state every write (no
  // keywords), and the signals read every module binding: a file or a statement can only be left out whole
  // when none of that is in it.
  let onlyKeywordless = 0;
  let noString = 0;
  let statements = 0;
  let typeStatements = 0;
  let chars = 0;
  let typeChars = 0;
  let scanned = 0;
  files.forEach((f, i) => {
    const role = classifyFile(f.rel, f.text, {}).role;
    if (activeRules(f.text, f.language, { role }).every((r) => !r.meta.keywords)) {
      onlyKeywordless++;
      if (!/["'`]/.test(f.text)) noString++;
    }
    const source = buildSource(f.text, f.rel, kinds[i]);
    if (!source) return;
    if (scanComments(source)) scanned++;
    for (const s of source.statements) {
      statements++;
      chars += s.end - s.pos;
      if (!typeOnly(s)) continue;
      typeStatements++;
      typeChars += s.end - s.pos;
    }
  });
  return {
    files: files.length,
    ...best,
    onlyKeywordless,
    noString,
    statements,
    typeStatements,
    typeShare: chars === 0 ? 0 : typeChars / chars,
    scanned,
  };
}

function convertQuietly(source: ts.SourceFile | undefined, options: typeof PARSE_OPTIONS | typeof WITHOUT_COMMENTS) {
  if (!source) return undefined;
  const view = source as unknown as { parseDiagnostics: unknown[] };
  const diagnostics = view.parseDiagnostics;
  view.parseDiagnostics = [];
  try {
    return parse(source as never, options);
  } catch {
    return undefined;
  } finally {
    view.parseDiagnostics = diagnostics;
  }
}
