/**
 * textDocument/codeAction: the quick-fixes of the current analysis. The
 * findings come from the analysis of the document's current version (matched
 * to the request's diagnostics by fingerprint, so a stale diagnostic gets no
 * edit computed from moved text); each fix is a pure function in fixes/.
 */
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import { extractFacts } from '../analysis/parse';
import type { FileFacts } from '../analysis/facts';
import type { Finding } from '../analysis/types';
import { documentLanguage } from './languages';
import { ignoreInFile, ignoreOnLine } from '../fixes/ignore';
import { logToStdout } from '../fixes/logToStdout';
import { canMoveToEnv, moveAllToEnv, moveToEnv, type WorkspaceFiles } from '../fixes/moveToEnv';
import { isRefusal, type FixResult } from '../fixes/patch';
import { portFromEnv } from '../fixes/portFromEnv';
import type { Analyzer } from './analyzer';
import { SAVE_FILES, SHOW_DOCUMENTATION } from './commands';
import { toDiagnostic } from './diagnostics';
import type { DocumentStore } from './documents';
import type { Environment } from './environment';
import { filePathOf } from './environment';
import { toWorkspaceEdit, type EditSupport } from './workspaceEdit';

/**
 * A `source` kind, not `source.fixAll`: editors run every fixAll provider on
 * save when asked to, and writing secrets into `.env` must be a choice.
 */
export const MOVE_ALL_KIND = `${CodeActionKind.Source}.twelve-factor.moveToEnv`;

export interface CodeActionDeps {
  documents: DocumentStore;
  analyzer: Analyzer;
  environment: Environment;
  support: () => EditSupport;
  files: WorkspaceFiles;
}

export async function codeActions(params: CodeActionParams, deps: CodeActionDeps): Promise<CodeAction[]> {
  const state = deps.documents.get(params.textDocument.uri);
  const path = filePathOf(params.textDocument.uri);
  if (!state || !path) return [];
  const version = state.document.version;
  const result = await deps.analyzer.resultFor(state);
  const settings = await deps.environment.settingsFor(state);
  if (!result || !deps.documents.isCurrent(state, version)) return [];
  const language = documentLanguage(state.languageId, settings.relPath);
  if (!language) return [];
  const text = state.document.getText();
  const byFingerprint = new Map(result.findings.map((f) => [f.fingerprint, f]));
  const shown = result.diagnostics.flatMap((d) => {
    const f = byFingerprint.get((d.data as { fingerprint?: string } | undefined)?.fingerprint ?? '');
    return f ? [f] : [];
  });
  let facts: FileFacts | undefined;
  const factsOf = (): FileFacts => (facts ??= extractFacts(language, text, settings.relPath));
  const ctx = {
    path,
    text,
    language,
    root: settings.root ?? dirname(path),
    files: deps.files,
    get facts(): FileFacts {
      return factsOf();
    },
  };
  const wants = (kind: string) => {
    const only = params.context.only;
    return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  };
  const fromClient = (f: Finding): Diagnostic =>
    params.context.diagnostics.find(
      (d) => (d.data as { fingerprint?: string } | undefined)?.fingerprint === f.fingerprint,
    ) ?? toDiagnostic(f);
  const action = (r: FixResult, kind: string, diagnostics: Diagnostic[], preferred = false): CodeAction =>
    toAction(r, kind, diagnostics, preferred, deps, path);

  const actions: CodeAction[] = [];
  const movable = shown.filter(canMoveToEnv);
  if (wants(CodeActionKind.QuickFix)) {
    const here = shown.filter((f) => intersects(f.range, params.range));
    for (const f of here) {
      const diagnostic = [fromClient(f)];
      const fixes = f.data?.fixes ?? [];
      if (canMoveToEnv(f)) actions.push(action(moveToEnv(ctx, f), CodeActionKind.QuickFix, diagnostic, true));
      if (fixes.includes('port-from-env')) {
        actions.push(
          action(portFromEnv(path, text, language, ctx.facts, f), CodeActionKind.QuickFix, diagnostic, true),
        );
      }
      if (fixes.includes('log-to-stdout') && f.data?.form) {
        actions.push(action(logToStdout(path, text, ctx.facts, f), CodeActionKind.QuickFix, diagnostic, true));
      }
    }
    if (here.some(canMoveToEnv) && movable.length >= 2) {
      actions.push(action(moveAllToEnv(ctx, movable), CodeActionKind.QuickFix, movable.map(fromClient)));
    }
    for (const f of here) {
      const diagnostic = [fromClient(f)];
      actions.push(action(ignoreOnLine(path, text, language, ctx.facts, f), CodeActionKind.QuickFix, diagnostic));
      actions.push(action(ignoreInFile(path, text, language, ctx.facts, f.rule), CodeActionKind.QuickFix, diagnostic));
      actions.push({
        title: `Show documentation for ${f.rule}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostic,
        command: { title: `Show documentation for ${f.rule}`, command: SHOW_DOCUMENTATION, arguments: [f.rule] },
      });
    }
  }
  if (movable.length > 0 && params.context.only && wants(MOVE_ALL_KIND)) {
    actions.push(action(moveAllToEnv(ctx, movable), MOVE_ALL_KIND, movable.map(fromClient)));
  }
  return actions;
}

function toAction(
  r: FixResult,
  kind: string,
  diagnostics: Diagnostic[],
  preferred: boolean,
  deps: CodeActionDeps,
  source: string,
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
  const edit = toWorkspaceEdit(r.patches, support, (uri) => {
    const open = deps.documents.get(uri);
    return open ? { version: open.document.version } : undefined;
  });
  const action: CodeAction = { title: r.title, kind, diagnostics, isPreferred: preferred || undefined, edit };
  // The files a fix writes besides the document (`.gitignore` first, as planned) are saved after the edit.
  const others = r.patches.filter((p) => p.path !== source);
  if (others.length > 0) {
    action.command = {
      title: 'Save the files the fix wrote',
      command: SAVE_FILES,
      arguments: others.map((p) => pathToFileURL(p.path).href),
    };
  }
  return action;
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
