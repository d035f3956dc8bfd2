/**
 * The edits that make an app load `.env` when nothing does: python-dotenv's
 * `load_dotenv()` / npm dotenv's `import 'dotenv/config'` in the module being
 * fixed, and the dependency in the app's manifest.
 *
 * Why the module being fixed, not a guessed entry point: it is the one module
 * sure to run before the read the fix writes (the call sits above it), the
 * entry point of an app (manage.py, wsgi.py, a factory, `main` in
 * package.json, a framework's CLI) is often not one file the server can
 * name, and loading twice is harmless: python-dotenv and dotenv never
 * override a variable already set. Python: after the leading import block,
 * as python-dotenv documents it (before the imports would trip E402);
 * JS/TS: first in the file, so it runs before every other import.
 */
import { join } from 'node:path';
import type { Language } from '../ir/types';
import { pythonImportSite } from '../frontends/python';
import { afterHeaderLines } from '../lib/headerLines';
import { lineEnding } from './dotenv';
import { addDependency, type Dependency, type ManifestKind } from './manifestDependency';
import type { FilePatch, TextChange } from './patch';
import type { WorkspaceFiles } from './moveToEnv';

const PYTHON_DOTENV: Dependency = { name: 'python-dotenv', version: '>=1.0' };
/** 16.x: dotenv 17 prints a line on every start unless told to be quiet. */
const NPM_DOTENV: Dependency = { name: 'dotenv', version: '^16.4.7' };

const MANIFESTS: Record<'python' | 'js', { file: string; kind: ManifestKind }[]> = {
  python: [
    { file: 'requirements.txt', kind: 'requirements' },
    { file: 'pyproject.toml', kind: 'pyproject' },
  ],
  js: [{ file: 'package.json', kind: 'package-json' }],
};

export interface LoadEdits {
  /** The change to the fixed module. */
  source: TextChange;
  /** The manifest change, when one is needed and possible. */
  manifest?: FilePatch;
  /** For the title: `load_dotenv() in this file, python-dotenv in requirements.txt`. */
  summary: string;
  /** The package the fix adds: `python-dotenv`, `dotenv`. */
  library: string;
}

export interface LoadContext {
  path: string;
  text: string;
  language: Language;
  /** The app root: where its manifest is. */
  root: string;
  files: WorkspaceFiles;
}

export function loadDotenvEdits(ctx: LoadContext): LoadEdits | { refused: string } {
  const python = ctx.language === 'python';
  const dep = python ? PYTHON_DOTENV : NPM_DOTENV;
  const module = python ? false : esm(ctx.text, ctx.path, packageType(ctx.files.read(join(ctx.root, 'package.json'))));
  const source = python ? pythonLoad(ctx.text) : jsLoad(ctx.text, module);
  const call = python ? 'load_dotenv()' : module ? "import 'dotenv/config'" : "require('dotenv').config()";
  for (const { file, kind } of MANIFESTS[python ? 'python' : 'js']) {
    const path = join(ctx.root, file);
    const text = ctx.files.read(path);
    if (text === undefined) continue;
    const refused = ctx.files.writeRefusal(path) ?? ctx.files.undecodable?.(path);
    if (refused) return { refused: `${file}: ${refused}` };
    const edit = addDependency(kind, text, dep);
    if (edit.kind === 'unsupported') return { refused: `${dep.name} cannot be added to ${file}: ${edit.reason}` };
    const declared = edit.kind === 'declared';
    return {
      source,
      manifest: declared ? undefined : { path, create: false, text, changes: [edit.change] },
      summary: `${call} in this file${declared ? '' : `, ${dep.name} in ${file}`}`,
      library: dep.name,
    };
  }
  return { source, summary: `${call} in this file; add ${dep.name} to the dependencies`, library: dep.name };
}

/** `from dotenv import load_dotenv` and the call, after the imports at the top of the module. */
function pythonLoad(text: string): TextChange {
  const eol = lineEnding(text);
  const site = pythonImportSite(text);
  const end = importBlockEnd(text, site.offset);
  const lines = `from dotenv import load_dotenv${eol}${eol}load_dotenv()${eol}`;
  if (end === undefined) {
    return {
      start: site.offset,
      end: site.offset,
      newText: `${site.before ? eol : ''}${lines}${site.after ? eol : ''}`,
    };
  }
  const atEnd = end === text.length && !/[\r\n]$/.test(text);
  // Code right below the imports: keep the blank line between them and it.
  const rest = text.slice(end);
  const blankAfter = rest.length > 0 && !/^[ \t]*(?:\r\n|\n|\r)/.test(rest);
  return { start: end, end, newText: `${atEnd ? eol : ''}${lines}${blankAfter ? eol : ''}` };
}

/**
 * The line start after the top-level imports starting at `from` (comments and
 * blank lines between them included), or undefined when no import starts there.
 */
function importBlockEnd(text: string, from: number): number | undefined {
  let i = from;
  let end: number | undefined;
  while (i < text.length) {
    const line = lineAt(text, i);
    if (/^(?:import|from)[ \t]/.test(line.text)) {
      let stmtEnd = line.next;
      let open = depth(line.text);
      let continued = /\\[ \t]*$/.test(line.text);
      while ((open > 0 || continued) && stmtEnd < text.length) {
        const more = lineAt(text, stmtEnd);
        open += depth(more.text);
        continued = /\\[ \t]*$/.test(more.text);
        stmtEnd = more.next;
      }
      end = stmtEnd;
      i = stmtEnd;
    } else if (/^[ \t]*(?:#.*)?$/.test(line.text)) i = line.next;
    else break;
  }
  return end;
}

function lineAt(text: string, start: number): { text: string; next: number } {
  const m = /\r\n|\n|\r/.exec(text.slice(start));
  return m
    ? { text: text.slice(start, start + m.index), next: start + m.index + m[0].length }
    : { text: text.slice(start), next: text.length };
}

function depth(line: string): number {
  const code = line.replace(/#.*$/, '');
  return (code.match(/\(/g)?.length ?? 0) - (code.match(/\)/g)?.length ?? 0);
}

/** ES modules and TypeScript: `import 'dotenv/config'`; CommonJS: `require('dotenv').config()`. First in the file. */
function jsLoad(text: string, module: boolean): TextChange {
  const eol = lineEnding(text);
  const line = module ? "import 'dotenv/config';" : "require('dotenv').config();";
  let at = afterHeaderLines(text, 'other');
  if (at === undefined) return { start: text.length, end: text.length, newText: `${eol}${line}${eol}` };
  // A 'use strict' directive must stay the first statement.
  const directive = /^[ \t]*(['"])use strict\1;?[ \t]*(?:\r\n|\n|\r)/.exec(text.slice(at));
  if (directive) at += directive[0].length;
  return { start: at, end: at, newText: `${line}${eol}` };
}

/**
 * Whether the file is an ES module (or TypeScript, where `import` compiles
 * to whichever the project emits): by extension, then by its own import or
 * export statements, then by package.json's `"type"`.
 */
function esm(text: string, path: string, type: string | undefined): boolean {
  if (/\.(?:mjs|mts|ts|tsx|cts)$/i.test(path)) return true;
  if (/\.cjs$/i.test(path)) return false;
  if (/^[ \t]*(?:import(?:[ \t]+[\w{*'"]|[ \t]*[{*'"])|export[ \t])/m.test(text)) return true;
  if (/^[^\r\n]*\brequire[ \t]*\(/m.test(text)) return false;
  return type === 'module';
}

function packageType(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const type: unknown = (JSON.parse(text.replace(/^\uFEFF/, '')) as { type?: unknown }).type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}
