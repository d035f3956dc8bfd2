/** Fix fixtures as virtual workspaces: load a folder, run its fixes, compare. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeText, inputKindOf, languageOf } from '../../server/src/engine/engine';
import { extractFacts } from '../../server/src/frontends';
import { extractDocument } from '../../server/src/frontends/documents';
import { isDocumentKind, type DocumentKind, type Finding, type Language } from '../../server/src/ir/types';
import { ignoreInFile, ignoreOnLine } from '../../server/src/fixes/ignore';
import { logToStdout } from '../../server/src/fixes/logToStdout';
import { canMoveToEnv, moveAllToEnv, moveToEnv } from '../../server/src/fixes/moveToEnv';
import { applyChanges, isRefusal, type FixResult } from '../../server/src/fixes/patch';
import { portFromEnv } from '../../server/src/fixes/portFromEnv';
import { dotenvLoading, type DotenvLoading } from '../../server/src/fixes/dotenvLoading';
import { moveToEnvAndLoad } from '../../server/src/fixes/envLoadingFixes';
import { projectFileKind } from '../../server/src/lib/projectFiles';
import { projectFileDotenvLoaders, sourceDotenvLoaders } from '../../server/src/workspace/envLoaders';

export const FIX_FIXTURES = join(__dirname, '..', '..', 'server', 'src', 'fixes', 'fixtures');
const CODE = /\.(py|js|mjs|cjs|ts|tsx|jsx)$/;

export interface CaseConfig {
  /** `move-and-load`: the move that also loads .env (or the plain move, when `loadOffered` is false). */
  fix?: 'each' | 'move-all' | 'ignore-line' | 'ignore-file' | 'move-and-load';
  /** With `move-and-load`: whether the variant must be offered (default true). */
  loadOffered?: boolean;
  /** A regex some fix title must match. */
  title?: string;
  /** The code file to fix, when the folder has several. */
  source?: string;
  /** Expected refusal (a regex over the reason) instead of an edit. */
  refused?: string;
}

export type Files = Map<string, string>;

/** Reads a fixture folder into a virtual workspace (`/ws/<name>`) and its expectations. */
export function loadCase(dir: string): { files: Files; expected: Files; config: CaseConfig; source: string } {
  const files: Files = new Map();
  const expected: Files = new Map();
  let config: CaseConfig = {};
  let source = '';
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    if (name === 'case.json') config = JSON.parse(text) as CaseConfig;
    else if (/\.fixed(\.[a-z]+)?$/.test(name))
      expected.set(`/ws/${name.replace(/\.fixed(?=\.[a-z]+$)|\.fixed$/, '')}`, text);
    else {
      files.set(`/ws/${name}`, text);
      if (CODE.test(name)) source = `/ws/${name}`;
      // A config document is the source of a case that has no code file (its `.env` files are the workspace).
      else if (!source && isConfigSource(name)) source = `/ws/${name}`;
    }
  }
  if (config.source) source = `/ws/${config.source}`;
  return { files, expected, config, source };
}

export function runFix(files: Files, source: string, config: CaseConfig): FixResult[] {
  const results: FixResult[] = [];
  const reader = { read: (p: string) => files.get(p), isTracked: () => false, writeRefusal: () => undefined };
  const apply = (r: FixResult) => {
    results.push(r);
    if (isRefusal(r)) return;
    for (const p of r.patches) files.set(p.path, applyChanges(p.create ? '' : files.get(p.path)!, p.changes));
  };
  const relPath = source.slice('/ws/'.length);
  const kind = inputKindOf(relPath);
  if (kind && isDocumentKind(kind)) return runDocumentIgnore(files, source, relPath, kind, config, apply, results);
  for (let round = 0; round < 30; round++) {
    const text = files.get(source)!;
    const language = languageOf(relPath) as Language;
    const findings = analyzeText(text, relPath, language).findings;
    const facts = extractFacts(language, text, relPath);
    const loading = config.fix === 'move-and-load' ? fixtureLoading(files) : undefined;
    const ctx = { path: source, text, language, facts, root: '/ws', files: reader, loading };
    const fixable = (f: Finding) => canMoveToEnv(f) || (f.data?.fixes ?? []).some((k) => k !== 'move-to-env');
    const next = findings.find(fixable);
    if (!next) break;
    if (config.fix === 'move-all') apply(moveAllToEnv(ctx, findings));
    else if (config.fix === 'move-and-load' && canMoveToEnv(next)) {
      const loaded = moveToEnvAndLoad(ctx, next);
      const offered = config.loadOffered ?? true;
      if (offered !== (loaded !== undefined)) throw new Error(`Move and load offered: ${String(!offered)}`);
      // The plain move is offered beside it: its title is checked too, its edit not applied.
      if (loaded) results.push(moveToEnv(ctx, next));
      apply(loaded ?? moveToEnv(ctx, next));
    } else if (config.fix === 'ignore-line') apply(ignoreOnLine(source, text, language, facts, next));
    else if (config.fix === 'ignore-file') apply(ignoreInFile(source, text, language, facts, next.rule));
    else if (canMoveToEnv(next)) apply(moveToEnv(ctx, next));
    else if (next.data?.fixes?.includes('port-from-env')) apply(portFromEnv(source, text, language, facts, next));
    else apply(logToStdout(source, text, facts, next));
    if (isRefusal(results[results.length - 1]) || config.fix === 'move-all') break;
  }
  return results;
}

/** What loads `/ws/.env` in the fixture's files, read as the server reads a workspace (one app: `/ws`). */
function fixtureLoading(files: Files): DotenvLoading {
  const loaders = [...files].flatMap(([path, text]) => {
    const rel = path.slice('/ws/'.length);
    const language = languageOf(rel);
    if (language) return sourceDotenvLoaders(rel, language, text);
    return projectFileDotenvLoaders(rel, projectFileKind(basename(rel)) ?? '', text);
  });
  return dotenvLoading('/ws/.env', { base: '/ws', loaders, appOf: () => '/ws' });
}

/** A strict tsconfig for fixed files in a temp folder, with the repository's @types/node. */
export function strictTsconfig(files: string[]): unknown {
  return {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(__dirname, '..', '..', 'node_modules', '@types')],
    },
    files,
  };
}

/** A config or deployment document other than `.env` (the fixes' own output). */
function isConfigSource(name: string): boolean {
  const kind = inputKindOf(name);
  return !!kind && isDocumentKind(kind) && kind !== 'dotenv';
}

/** A document case: its suppression fix applied to each finding in turn, re-analysed in between. */
function runDocumentIgnore(
  files: Files,
  source: string,
  relPath: string,
  kind: DocumentKind,
  config: CaseConfig,
  apply: (r: FixResult) => void,
  results: FixResult[],
): FixResult[] {
  for (let round = 0; round < 30; round++) {
    const text = files.get(source)!;
    const next = analyzeText(text, relPath, kind).findings[0];
    if (!next) break;
    const facts = extractDocument(kind, text, relPath);
    if (config.fix === 'ignore-file') apply(ignoreInFile(source, text, kind, facts, next.rule));
    else apply(ignoreOnLine(source, text, kind, facts, next));
  }
  return results;
}
