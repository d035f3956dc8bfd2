/**
 * textDocument/codeAction: the quick-fixes of the current analysis. The
 * findings come from the analysis of the document's current version, awaited
 * even when a change superseded the one in flight: a request racing an edit
 * gets the actions, never an empty list. The request's diagnostics may be
 * older than that version; they are matched to the findings by fingerprint
 * and rule, then by rule and overlapping range, and every edit is computed
 * from the current finding and text. Each fix is a pure function in fixes/.
 */
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type CodeAction,
  type CancellationToken,
  type CodeActionParams,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import type { DocumentFacts } from '../ir/documentFacts';
import type { FixFile } from '../shared/protocol';
import type { FileFacts } from '../ir/facts';
import { extractDocument } from '../frontends/documents';
import { isDocumentKind, type Finding } from '../ir/types';
import { documentLanguage } from './languages';
import { appRoot } from '../fixes/appRoot';
import { canWriteComments, ignoreInFile, ignoreOnLine, type CommentedFacts } from '../fixes/ignore';
import { fixAll } from '../fixes/fixAll';
import { dotenvLoading, type DotenvLoading } from '../fixes/dotenvLoading';
import { moveForFixAll, moveToEnvAndLoad } from '../fixes/envLoadingFixes';
import { logToStdout } from '../fixes/logToStdout';
import { canMoveToEnv, moveAllToEnv, moveToEnv, type DocumentMoveContext, type MoveContext } from '../fixes/moveToEnv';
import { isRefusal, type FixResult } from '../fixes/patch';
import { offersFix } from '../fixes/offers';
import { portFromEnv } from '../fixes/portFromEnv';
import type { Analyzer } from './analyzer';
import { SAVE_FILES, SHOW_DOCUMENTATION } from './commands';
import { STOP_TRACKING, stopTrackingTitle } from './stopTracking';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import type { AnalysisResult, DocumentState, DocumentStore } from './documents';
import type { WorkspaceState } from './workspaceState';
import { filePathOf } from './workspaceState';
import type { DocumentSettings } from './projectSettings';
import { toWorkspaceEdit, type EditSupport } from './workspaceEdit';
import type { FixFiles } from './workspaceFiles';
import type { DotenvLoaderFacts } from './dotenvLoaders';
import type { Logger } from './logging';
import { isInside } from '../workspace/readFile';

/**
 * Every movable value of the file, on request. Fix-all (FIX_ALL_KIND) moves
 * them too, but only where that is safe without a look (envLoadingFixes.ts).
 */
export const MOVE_ALL_KIND = `${CodeActionKind.Source}.twelve-factor.moveToEnv`;

/** The safe fixes of the whole file (port, logging, Move to .env where safe), for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.twelve-factor`;

export interface CodeActionDeps {
  documents: DocumentStore;
  analyzer: Analyzer;
  workspaceState: WorkspaceState;
  support: () => EditSupport;
  files: FixFiles;
  /** What loads `.env` (titles, the loading variant, fix-all); without it the fixes say nothing of loading. */
  dotenvLoaders?: DotenvLoaderFacts;
  log?: Logger;
}

export async function codeActions(
  params: CodeActionParams,
  deps: CodeActionDeps,
  token?: CancellationToken,
): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const filePath = filePathOf(uri);
  const current = await currentAnalysis(uri, deps, token);
  // A request the client gave up on (VS Code supersedes Ctrl+. with a newer request) does no more
  // work: the fixes read files and ask git, and the request the user waits for is queued behind it.
  if (!current || token?.isCancellationRequested) return [];
  // An untitled buffer has no file and no folder: its own edits go to its URI (toAction), the
  // move to .env is refused, and nothing beside it is read or written.
  const untitled = filePath === undefined;
  // A notebook cell (vscode-notebook-cell:) is edited like an untitled buffer: by its URI, with no .env beside it.
  const cell = deps.documents.get(uri)?.notebook !== undefined;
  const path = filePath ?? UNTITLED_PATH;
  const { state, result, settings } = current;
  const kind = documentLanguage(state.languageId, settings.relPath);
  // A notebook opened as its JSON text: a comment or an edit there would break the JSON.
  if (!kind || kind === 'notebook') return [];
  const text = state.document.getText();
  const byFingerprint = new Map(result.findings.map((f) => [f.fingerprint, f]));
  const shown = result.diagnostics.flatMap((d) => {
    const f = byFingerprint.get((d.data as { fingerprint?: string } | undefined)?.fingerprint ?? '');
    return f ? [f] : [];
  });
  // A config document offers the move to .env (compose files, Dockerfiles), the suppression comments and the docs.
  const inDocument = isDocumentKind(kind);
  const { root, folder } = untitled
    ? { root: '', folder: '' }
    : inDocument
      ? documentFixRoot(settings, path)
      : fixRoot(settings, path);
  const movable = untitled || (inDocument && !isInside(folder, root)) ? [] : shown.filter(canMoveToEnv);
  // Only a request that can offer "Move to environment" asks git and the disk.
  const files = movable.length > 0 ? await deps.files.at(root, folder) : NO_FILES;
  const loading = movable.length > 0 && !inDocument ? await loadingOf(deps, root, folder) : undefined;
  // Read on first use: most requests (the cursor moving) are on no finding.
  let codeFacts: FileFacts | undefined;
  let documentFacts: DocumentFacts | undefined;
  const ctx: MoveContext | DocumentMoveContext = isDocumentKind(kind)
    ? {
        path,
        text,
        root,
        folder,
        files,
        get document(): DocumentFacts {
          return (documentFacts ??= extractDocument(kind, text, settings.relPath));
        },
      }
    : {
        path,
        text,
        language: kind,
        root,
        folder,
        files,
        loading,
        get facts(): FileFacts {
          return (codeFacts ??= state.parse.factsOf(text, settings.relPath, kind));
        },
      };
  const commented = (): CommentedFacts => ('document' in ctx ? ctx.document : ctx.facts);
  const wants = (kind: string) => {
    const only = params.context.only;
    return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  };
  const matched = matchDiagnostics(shown, params.context.diagnostics);
  const fromClient = (f: Finding): Diagnostic =>
    matched.get(f) ??
    params.context.diagnostics.find((d) => fingerprintOf(d) === f.fingerprint && d.code === f.rule) ??
    toDiagnostic(f);
  const action = (r: FixResult, kind: string, diagnostics: Diagnostic[], preferred = false): CodeAction =>
    toAction(r, kind, diagnostics, preferred, deps, path, uri);

  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const here = shown.filter((f) => matched.has(f) || intersects(f.range, params.range));
    for (const f of here) {
      const diagnostic = [fromClient(f)];
      if (movable.includes(f)) {
        actions.push(action(moveToEnv(ctx, f), CodeActionKind.QuickFix, diagnostic, !inDocument));
        const andLoad = 'document' in ctx ? undefined : moveToEnvAndLoad(ctx, f);
        if (andLoad) actions.push(action(andLoad, CodeActionKind.QuickFix, diagnostic));
      } else if (untitled && canMoveToEnv(f)) {
        actions.push(action(unmovable(f, cell), CodeActionKind.QuickFix, diagnostic));
      }
      if (!untitled && offersFix(f, 'stop-tracking')) actions.push(stopTrackingAction(path, uri, diagnostic));
      if ('document' in ctx) continue;
      if (offersFix(f, 'port-from-env')) {
        actions.push(
          action(portFromEnv(path, text, ctx.language, ctx.facts, f), CodeActionKind.QuickFix, diagnostic, true),
        );
      }
      if (offersFix(f, 'log-to-stdout') && f.data?.form) {
        actions.push(action(logToStdout(path, text, ctx.facts, f), CodeActionKind.QuickFix, diagnostic, true));
      }
    }
    if (!inDocument && here.some(canMoveToEnv) && movable.length >= 2) {
      actions.push(action(moveAllToEnv(ctx, movable), CodeActionKind.QuickFix, movable.map(fromClient)));
    }
    // A plain JSON file cannot take a comment: its readers would reject it (ignore.ts).
    const commentable = here.length > 0 && canWriteComments(path, kind, commented());
    for (const f of here) {
      const diagnostic = [fromClient(f)];
      if (commentable) {
        actions.push(action(ignoreOnLine(path, text, kind, commented(), f), CodeActionKind.QuickFix, diagnostic));
      }
      // A cell's first lines are not the notebook's header, where ignore-file is read.
      if (commentable && !cell) {
        actions.push(action(ignoreInFile(path, text, kind, commented(), f.rule), CodeActionKind.QuickFix, diagnostic));
      }
      actions.push({
        title: `Show documentation for ${f.rule}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostic,
        command: { title: `Show documentation for ${f.rule}`, command: SHOW_DOCUMENTATION, arguments: [f.rule] },
      });
    }
  }
  if (!('document' in ctx) && params.context.only && wants(FIX_ALL_KIND)) {
    const safe = shown.filter((f) => offersFix(f, 'port-from-env') || (offersFix(f, 'log-to-stdout') && f.data?.form));
    const results = safe.map((f) =>
      offersFix(f, 'port-from-env')
        ? portFromEnv(path, text, ctx.language, ctx.facts, f)
        : logToStdout(path, text, ctx.facts, f),
    );
    const move = moveForFixAll(ctx, movable);
    if (move.leftOut) deps.log?.info(`fix-all in ${basename(path)}: values not moved to .env: ${move.leftOut}`);
    const moved = move.result ? movable : [];
    const all = fixAll(path, move.result ? [...results, move.result] : results, move.leftOut);
    if (!isRefusal(all)) actions.push(action(all, FIX_ALL_KIND, [...safe, ...moved].map(fromClient)));
  }
  if (!inDocument && movable.length > 0 && params.context.only && wants(MOVE_ALL_KIND)) {
    actions.push(action(moveAllToEnv(ctx, movable), MOVE_ALL_KIND, movable.map(fromClient)));
  }
  return actions;
}

/** What loads the `.env` the move writes at `root`, from the folder's project facts; undefined when not known. */
async function loadingOf(deps: CodeActionDeps, root: string, folder: string): Promise<DotenvLoading | undefined> {
  if (!deps.dotenvLoaders || !folder) return undefined;
  const loaders = await deps.dotenvLoaders.loaders(folder);
  if (!loaders) return undefined;
  return dotenvLoading(join(root, '.env'), {
    base: folder,
    loaders,
    appOf: (file) => appRoot(dirname(file), folder, isRegularFile),
  });
}

const NO_FILES = {
  read: () => undefined,
  isTracked: () => false,
  writeRefusal: () => 'no file is read for this request',
};

/**
 * Where "Move to environment" writes: the app the document belongs to (the
 * nearest folder with a manifest or `.twelve-factor.json`, fixes/appRoot.ts)
 * inside the workspace folder, else the workspace folder itself — a
 * `.twelve-factor.json` above the folder must not send `.env` out of it.
 * Without a workspace folder, the search stops at the project root (the
 * config's folder) or the document's folder.
 */
function fixRoot(settings: DocumentSettings, path: string): { root: string; folder: string } {
  const boundary = settings.workspaceFolder ?? settings.root ?? dirname(path);
  return { root: appRoot(dirname(path), boundary, isRegularFile), folder: boundary };
}

function isRegularFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

/**
 * Where a document's move writes: its own folder — compose reads `.env` from
 * the compose file's folder (its project directory), `docker run --env-file`
 * beside the Dockerfile — refused when that is outside the workspace folder.
 */
function documentFixRoot(settings: DocumentSettings, path: string): { root: string; folder: string } {
  return { root: dirname(path), folder: settings.workspaceFolder ?? dirname(path) };
}

/**
 * The analysis of the document's current version with its settings. A change
 * that arrives meanwhile supersedes it: the newer version's is awaited. Each
 * pass awaits a real analysis, and one ends without a result only through a
 * message from the client (a newer version, a settings or project-file
 * change, a pull it cancelled and this request shared), so the loop waits as
 * long as the client keeps changing things and ends when it cancels the
 * request or closes the document. A fixed number of passes answered "no code
 * actions" for a secret the editor shows whenever a few such messages
 * landed during the first analysis after opening a file.
 */
async function currentAnalysis(
  uri: string,
  deps: CodeActionDeps,
  token: CancellationToken | undefined,
): Promise<{ state: DocumentState; result: AnalysisResult; settings: DocumentSettings } | undefined> {
  while (token?.isCancellationRequested !== true) {
    const state = deps.documents.get(uri);
    if (!state) return undefined;
    // Not cancelled through the analysis: a diagnostics pull may share it.
    const version = state.document.version;
    const result = await deps.analyzer.resultFor(state);
    const settings = await deps.workspaceState.settingsFor(state);
    // Findings of an older text would put edits at the wrong offsets.
    if (result && deps.documents.isCurrent(state, version)) return { state, result, settings };
  }
  return undefined;
}

function fingerprintOf(d: Diagnostic): string | undefined {
  return (d.data as { fingerprint?: string } | undefined)?.fingerprint;
}

/**
 * The finding each of the client's diagnostics stands for: the same
 * fingerprint and rule, else the same rule at an overlapping range (the
 * fingerprint of an edited literal changes). Other tools' diagnostics are left out.
 */
function matchDiagnostics(findings: readonly Finding[], diagnostics: readonly Diagnostic[]): Map<Finding, Diagnostic> {
  const out = new Map<Finding, Diagnostic>();
  const ours = diagnostics.filter((d) => d.source === undefined || d.source === DIAGNOSTIC_SOURCE);
  for (const d of ours) {
    const f = findings.find((x) => x.fingerprint === fingerprintOf(d) && x.rule === d.code);
    if (f && !out.has(f)) out.set(f, d);
  }
  for (const d of ours) {
    if ([...out.values()].includes(d)) continue;
    const f = findings.find((x) => !out.has(x) && x.rule === d.code && intersects(x.range, d.range));
    if (f) out.set(f, d);
  }
  return out;
}

function toAction(
  r: FixResult,
  kind: string,
  diagnostics: Diagnostic[],
  preferred: boolean,
  deps: CodeActionDeps,
  source: string,
  sourceUri: string,
): CodeAction {
  const support = deps.support();
  if (!isRefusal(r) && r.patches.some((p) => p.create) && !support.createFiles) {
    const missing = r.patches.filter((p) => p.create).map((p) => p.path.split(/[\\/]/).pop());
    r = {
      title: r.title,
      refused: `this editor cannot create files through a fix: create ${missing.join(', ')} first`,
    };
  }
  if (isRefusal(r)) {
    // Clients without `disabled` (Neovim 0.7) show the reason in the title and get no edit.
    return support.disabled
      ? { title: r.title, kind, diagnostics, disabled: { reason: r.refused } }
      : { title: `${r.title}: not possible, ${r.refused}`, kind, diagnostics };
  }
  const edit = toWorkspaceEdit(
    r.patches,
    support,
    (uri) => {
      const open = deps.documents.get(uri);
      return open ? { version: open.document.version } : undefined;
    },
    // The document's own edits go to the URI the client named it by (an untitled buffer has no path).
    (path) => (path === source ? sourceUri : pathToFileURL(path).href),
    r.title,
  );
  const action: CodeAction = { title: r.title, kind, diagnostics, isPreferred: preferred || undefined, edit };
  // The files a fix writes besides the document (`.gitignore` first, as planned) are saved after the edit.
  const others = r.patches.filter((p) => p.path !== source);
  if (others.length > 0) {
    const files: FixFile[] = others.map((p) => ({ uri: pathToFileURL(p.path).href, created: p.create }));
    action.command = { title: 'Save the files the fix wrote', command: SAVE_FILES, arguments: files };
  }
  return action;
}

/** Run by the server (stopTracking.ts): git and the disk change, so it is a command, not an edit. */
function stopTrackingAction(path: string, uri: string, diagnostics: Diagnostic[]): CodeAction {
  const title = stopTrackingTitle(basename(path));
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    command: { title, command: STOP_TRACKING, arguments: [uri] },
  };
}

/** The path the fixes are given for an untitled buffer; toAction maps it back to the buffer's URI. */
const UNTITLED_PATH = '/untitled';

/** Shown, not applied: an untitled buffer has no folder for a .env; a notebook's kernel does not read one. */
function unmovable(f: Finding, cell: boolean): FixResult {
  return {
    title: `Move "${f.data?.envName ?? 'the value'}" to .env`,
    refused: cell
      ? 'not in a notebook cell: a kernel does not read .env by itself; set the variable where the kernel starts, or load it (python-dotenv), and read it with os.environ'
      : 'this buffer is untitled: save it in a workspace folder first, so there is a folder for its .env',
  };
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
