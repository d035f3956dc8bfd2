/**
 * "Move to environment": the literal becomes an environment read, `.env`
 * gets `NAME=value`, `.env.example` gets `NAME=`, and `.gitignore` ignores
 * `.env` — one plan, `.gitignore` first so the value is never written to a
 * file git would pick up. Pure: file contents come from `files`.
 *
 * The value is read from the document (the front-end's decoded StringFact at
 * the finding's span), never from diagnostic data, and never appears in a
 * title or a reason.
 */
import { join } from 'node:path';
import { valueLiteral, type DocumentFacts } from '../ir/documentFacts';
import type { FileFacts, StringFact } from '../ir/facts';
import type { Finding, Language, Span } from '../ir/types';
import {
  appendEntry,
  findEntryByValue,
  parseDotenv,
  tryQuoteDotenvValue,
  uniqueName,
  type DotenvEntry,
} from './dotenv';
import { ruleById } from '../rules';
import { envNameFromContext } from './envName';
import { offersFix } from './offers';
import { envRead } from './envRead';
import { ensureIgnoredEdit, ignoredByLayers } from './gitignore';
import { foldersDown } from './appRoot';
import { mergePatches, type FilePatch, type FixResult, type TextChange } from './patch';
import { stringCallee } from '../ir/exprs';
import { loadingNote, type DotenvLoading } from './dotenvLoading';

export interface WorkspaceFiles {
  /** The file's text (the editor's, when open), or undefined when it does not exist. */
  read(path: string): string | undefined;
  /** Whether git tracks the file. */
  isTracked(path: string): boolean;
  /** Why the fix must not write the file (a link, not a regular file, outside the workspace), or undefined. */
  writeRefusal(path: string): string | undefined;
  /**
   * Why the file's bytes would not survive a text edit (it is not valid
   * UTF-8: a Latin-1 `.env`), or undefined. `read` gives such a file with
   * U+FFFD in place of its bytes; an edit on that text would write them back
   * replaced.
   */
  undecodable?(path: string): string | undefined;
}

export interface MoveContext {
  /** Absolute path of the document. */
  path: string;
  text: string;
  language: Language;
  facts: FileFacts;
  /** The folder that holds `.env`, `.env.example` and `.gitignore` (fixes/appRoot.ts). */
  root: string;
  /** The workspace folder: the `.gitignore` files from it down to `root` decide whether `.env` is ignored. */
  folder?: string;
  files: WorkspaceFiles;
  /** What loads the `.env` at `root` (fixes/dotenvLoading.ts); unknown when not given, and the title says nothing of it. */
  loading?: DotenvLoading;
}

/**
 * A document's literal moved to `.env` (`root`: the document's folder). In a
 * compose file it becomes `${NAME}`, which compose substitutes from the
 * `.env` of its project directory; a Dockerfile's one-variable `ENV` line is
 * removed, the variable then set when the container starts
 * (`docker run --env-file .env`).
 */
export interface DocumentMoveContext {
  path: string;
  text: string;
  document: DocumentFacts;
  root: string;
  folder?: string;
  files: WorkspaceFiles;
}

type AnyMoveContext = MoveContext | DocumentMoveContext;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The finding's rule offers Move to .env (its metadata) and the finding does not rule it out. */
export function canMoveToEnv(finding: Finding): boolean {
  return offersFix(finding, 'move-to-env');
}

/** The fix for one finding. */
export function moveToEnv(ctx: AnyMoveContext, finding: Finding): FixResult {
  const planned = plan(ctx, [finding]);
  const name = planned.names[0] ?? suggestedName(finding, literalAt(ctx, finding));
  if (planned.refused) return { title: `Move "${name}" to .env`, refused: planned.refused };
  const loading = 'loading' in ctx && ctx.loading ? `; ${loadingNote(ctx.loading, planned.via)}` : '';
  const suffix = planned.tracked
    ? '.env is tracked by git: the value would be committed'
    : planned.reused[0]
      ? `already in .env, read via ${planned.via}${loading}`
      : `read via ${planned.via}${loading}`;
  return { title: `Move "${name}" to .env (${suffix})`, patches: planned.patches };
}

/** Every movable finding of the file in one plan; a value written once, one name per value. */
export function moveAllToEnv(ctx: AnyMoveContext, findings: readonly Finding[]): FixResult {
  const title = 'Move all hardcoded values in this file to .env';
  const planned = plan(ctx, findings.filter(canMoveToEnv));
  if (planned.refused) return { title, refused: planned.refused };
  const loading = 'loading' in ctx ? ctx.loading : undefined;
  const note = planned.tracked
    ? ' (.env is tracked by git: the values would be committed)'
    : loading && !loading.loader
      ? ` (${loadingNote(loading, planned.via)})`
      : '';
  return { title: `${title}${note}`, patches: planned.patches };
}

interface Planned {
  patches: FilePatch[];
  names: string[];
  reused: boolean[];
  via: string;
  tracked: boolean;
  refused?: string;
}

function plan(ctx: AnyMoveContext, findings: readonly Finding[]): Planned {
  const envPath = join(ctx.root, '.env');
  const out: Planned = { patches: [], names: [], reused: [], via: '', tracked: false };
  // Checked first: a linked .env is refused as such, whatever its target holds.
  const envRefused = ctx.files.writeRefusal(envPath);
  if (envRefused) return { ...out, refused: refusedWrite(envRefused) };
  for (const file of ['.env', '.env.example', '.gitignore']) {
    const problem = ctx.files.undecodable?.(join(ctx.root, file));
    if (problem) {
      return {
        ...out,
        refused: `${file} ${problem}; the fix does not touch it, so its bytes stay as they are. Convert it to UTF-8, then try again.`,
      };
    }
  }
  const envText = ctx.files.read(envPath);
  let entries: DotenvEntry[] = [];
  if (envText !== undefined) {
    const parsed = parseDotenv(envText);
    if (!parsed.ok) {
      return {
        ...out,
        refused: `.env cannot be read safely (line ${parsed.line}: ${parsed.reason}); the fix does not touch it. Fix that line by hand, then try again.`,
      };
    }
    entries = parsed.entries;
  }
  let envNew = envText ?? '';
  const sourceChanges: TextChange[] = [];
  const byValue = new Map<string, string>();
  const exampleNames: string[] = [];
  const skipped: string[] = [];
  for (const finding of findings) {
    const fact = literalAt(ctx, finding);
    if (!fact) {
      skipped.push('the literal changed since it was analysed');
      continue;
    }
    const value = fact.expr.value;
    let name = byValue.get(value);
    let reuse = name !== undefined;
    if (name === undefined) {
      const existing = findEntryByValue(entries, value);
      const chosen = existing
        ? { name: existing.name, reuse: true }
        : uniqueName(entries, suggestedName(finding, fact), value);
      name = chosen.name;
      reuse = chosen.reuse;
      if (!reuse) {
        const quoted = tryQuoteDotenvValue(value);
        if (!quoted.ok) {
          skipped.push(`"${name}": ${quoted.reason}`);
          continue;
        }
        const appended = appendEntry(envNew, name, value);
        if ('error' in appended) {
          skipped.push(`"${name}": ${appended.error}`);
          continue;
        }
        envNew = appended.text;
        // Later literals see the new entry: an equal value reuses it, a different one gets another name.
        entries = [...entries, { name, value, line: Number.MAX_SAFE_INTEGER }];
      }
      byValue.set(value, name);
      exampleNames.push(name);
    }
    const read =
      'document' in ctx ? documentRead(ctx, fact, name) : envRead(ctx.text, ctx.facts, ctx.language, fact, name);
    out.via = read.via;
    const importChange = 'importChange' in read ? read.importChange : undefined;
    if (importChange && !sourceChanges.some((c) => c.newText === importChange.newText)) {
      sourceChanges.push(importChange);
    }
    const replaced = 'span' in read ? read.span : fact.expr.span;
    sourceChanges.push({ start: replaced.start, end: replaced.end, newText: read.text });
    out.names.push(name);
    out.reused.push(reuse);
  }
  if (out.names.length === 0) return { ...out, refused: skipped[0] ?? 'nothing to move' };

  const patches: FilePatch[] = [];
  const gitignorePath = join(ctx.root, '.gitignore');
  const gitignoreText = ctx.files.read(gitignorePath);
  // A `.env` line in the repository's `.gitignore` already covers an app's `.env` below it.
  const layers = foldersDown(ctx.folder ?? ctx.root, ctx.root).map((dir) => ({
    dir,
    text: ctx.files.read(join(dir, '.gitignore')),
  }));
  const ignoreEdit = ignoredByLayers(layers, envPath) ? undefined : ensureIgnoredEdit(gitignoreText, '.env');
  if (ignoreEdit) {
    patches.push({
      path: gitignorePath,
      create: ignoreEdit.create,
      text: gitignoreText ?? '',
      changes: [{ start: ignoreEdit.offset, end: ignoreEdit.offset, newText: ignoreEdit.newText }],
    });
  }
  const original = envText ?? '';
  if (envNew !== original || envText === undefined) {
    patches.push({
      path: envPath,
      create: envText === undefined,
      text: original,
      changes: [{ start: original.length, end: original.length, newText: envNew.slice(original.length) }],
    });
  }
  const example = exampleChange(ctx.files.read(join(ctx.root, '.env.example')), exampleNames);
  if (example) patches.push({ path: join(ctx.root, '.env.example'), ...example });
  for (const p of patches) {
    const refused = ctx.files.writeRefusal(p.path);
    if (refused) return { ...out, refused: refusedWrite(refused) };
  }
  patches.push({ path: ctx.path, create: false, text: ctx.text, changes: sourceChanges });
  out.patches = mergePatches(patches);
  out.tracked = envText !== undefined && ctx.files.isTracked(envPath);
  return out;
}

function refusedWrite(reason: string): string {
  return `${reason}: the fix does not write it.`;
}

/** `NAME=` for each name `.env.example` lacks, appended in its own line ending. */
function exampleChange(
  text: string | undefined,
  names: readonly string[],
): { create: boolean; text: string; changes: TextChange[] } | undefined {
  const parsed = text === undefined ? undefined : parseDotenv(text);
  const has = (name: string): boolean =>
    parsed?.ok
      ? parsed.entries.some((e) => e.name === name)
      : new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=`, 'm').test(text ?? '');
  let next = text ?? '';
  for (const name of names) {
    if (has(name) || next.includes(`\n${name}=`) || next.startsWith(`${name}=`)) continue;
    const appended = appendEntry(next, name, '');
    // An unreadable example file still gets the line: it holds no values to protect.
    next = 'error' in appended ? appendRaw(next, `${name}=`) : appended.text;
  }
  const original = text ?? '';
  if (next === original && text !== undefined) return undefined;
  if (next === original) return undefined;
  return {
    create: text === undefined,
    text: original,
    changes: [{ start: original.length, end: original.length, newText: next.slice(original.length) }],
  };
}

function appendRaw(text: string, line: string): string {
  const eol = /\r\n/.test(text) ? '\r\n' : /\r/.test(text) ? '\r' : '\n';
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  return `${text}${needsBreak ? eol : ''}${line}${eol}`;
}

/** What replaces a document's literal: `${NAME}` in compose, a comment in place of a Dockerfile's `ENV` line. */
function documentRead(
  ctx: DocumentMoveContext,
  fact: StringFact,
  name: string,
): { text: string; via: string; span: Span } {
  if (ctx.document.document !== 'dockerfile') return { text: `\${${name}}`, via: `\${${name}}`, span: fact.expr.span };
  const value = ctx.document.values.find((v) => v.span.start === fact.expr.span.start);
  return {
    text: `# ${name} is set when the container starts: docker run --env-file .env (the value is in .env)`,
    via: 'docker run --env-file .env; the ENV line is removed',
    span: value?.soleStatement ?? fact.expr.span,
  };
}

/** The literal the finding was reported at (a document's value as a string literal), or undefined when the text changed. */
function literalAt(ctx: AnyMoveContext, finding: Finding): StringFact | undefined {
  if (!('document' in ctx)) return stringAt(ctx.facts, finding);
  const value = ctx.document.values.find(
    (v) => v.span.start === finding.span.start && v.span.end === finding.span.end && !v.reference,
  );
  return value && valueLiteral(value);
}

/** The StringFact the finding was reported at, or undefined when the text changed. */
export function stringAt(facts: FileFacts, finding: Finding): StringFact | undefined {
  return facts.strings.find((s) => s.expr.span.start === finding.span.start && s.expr.span.end === finding.span.end);
}

function suggestedName(finding: Finding, fact: StringFact | undefined): string {
  const fromRule = finding.data?.envName;
  if (typeof fromRule === 'string' && ENV_NAME.test(fromRule)) return fromRule;
  return envNameFromContext({
    name: fact?.name,
    path: fact?.path ?? [],
    calleeName: fact && stringCallee(fact),
    keyword: fact?.call?.keyword,
    secret: ruleById(finding.rule)?.meta.security !== undefined,
    valueHint: fact?.expr.value,
  });
}
