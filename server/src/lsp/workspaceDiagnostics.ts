/**
 * Workspace diagnostics: the findings of files that are not open, taken from
 * the compliance scan (every file of every folder the walker keeps), shown
 * once the user asks for them ("Check workspace", or `workspace/diagnostic`
 * answered only after that). Open documents keep their own live diagnostics:
 * a pull client favours its document pulls over these reports, a push client
 * is never sent a report for an open document.
 *
 * Pull clients (LSP 3.17) ask with `workspace/diagnostic` and ask again as
 * soon as it is answered, so the request is held open until something the
 * client has not seen changes (long polling, as the specification suggests).
 * A closed document is reported again a moment after it closes: the
 * editor's last word on it was the buffer's diagnostics, and its last
 * document pull (answered meanwhile) is not shown once the tab is gone.
 */
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceFullDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../ir/types';
import type { CheckWorkspaceResult } from '../shared/protocol';
import { toDiagnostic } from './diagnostics';
import { filePathOf } from './workspaceState';

/** One file's findings, by file system path (the compliance scan's view, baseline applied). */
export interface FileFindings {
  fsPath: string;
  findings: readonly Finding[];
}

/** A workspace folder's files; `files` undefined while its scan runs (what was reported stays). */
export interface FolderFindings {
  root: string;
  files?: Iterable<FileFindings>;
}

/** What the check reads: the compliance service (lsp/compliance.ts). */
export interface WorkspaceScan {
  models(refresh: boolean): Promise<unknown>;
  fileFindings(): Iterable<FolderFindings>;
  stats(): { files: number; skipped: number };
}

export interface WorkspaceDiagnosticsHooks {
  /** Whether the file is open in the editor (by file system path). */
  isOpen(fsPath: string): boolean;
  /**
   * For clients without pull diagnostics: publishes a closed file's
   * diagnostics (`textDocument/publishDiagnostics`). Returns false for a pull
   * client, which asks with `workspace/diagnostic` instead.
   */
  publish: (uri: string, diagnostics: Diagnostic[]) => boolean;
  /** Pause that gathers a burst of changes (a checkout, a closed editor's last pull) into one report. */
  delayMs?: number;
}

export const WORKSPACE_REPORT_DELAY_MS = 150;

interface Entry {
  uri: string;
  root: string;
  resultId: string;
  items: Diagnostic[];
  /** The diagnostics serialized: an update that changes nothing keeps the result id. */
  key: string;
}

export interface WorkspaceSummary {
  findings: number;
  files: number;
}

export class WorkspaceDiagnostics {
  private active = false;
  /** By file system path: clients spell the same file's URI in different ways. */
  private readonly entries = new Map<string, Entry>();
  /** Paths whose diagnostics the client must be told again although their result id did not change. */
  private readonly forced = new Map<string, string>();
  /** Push clients: what changed since the last publication. */
  private readonly dirty = new Set<string>();
  private waiters: (() => void)[] = [];
  private timer?: NodeJS.Timeout;
  private counter = 0;

  constructor(private readonly hooks: WorkspaceDiagnosticsHooks) {}

  get isActive(): boolean {
    return this.active;
  }

  /** The check ran: from now on the workspace's findings are reported, starting with `folders`. */
  activate(folders: Iterable<FolderFindings>): WorkspaceSummary {
    this.active = true;
    this.update(folders);
    this.flushNow();
    return this.summary();
  }

  /**
   * The scans' current findings for every file they cover. A file left out
   * of a scanned folder has none any more, nor has a file of a folder gone
   * from the workspace; a folder still scanning keeps what it had.
   */
  update(folders: Iterable<FolderFindings>): void {
    if (!this.active) return;
    const scanning = new Set<string>();
    const seen = new Set<string>();
    // Nested folders walk the same files: the innermost folder's view of a file wins.
    for (const folder of [...folders].sort((a, b) => b.root.length - a.root.length)) {
      if (!folder.files) scanning.add(folder.root);
      for (const { fsPath, findings } of folder.files ?? []) {
        if (seen.has(fsPath)) continue;
        seen.add(fsPath);
        this.set(fsPath, folder.root, findings.map(toDiagnostic));
      }
    }
    for (const [fsPath, entry] of this.entries) {
      if (!seen.has(fsPath) && !scanning.has(entry.root) && entry.items.length > 0) this.set(fsPath, entry.root, []);
    }
    this.schedule();
  }

  /** A document closed: what the workspace knows of it replaces its buffer's diagnostics. */
  documentClosed(uri: string): void {
    const fsPath = filePathOf(uri);
    if (!fsPath) return;
    this.forced.set(fsPath, uri);
    this.dirty.add(fsPath);
    this.schedule();
  }

  summary(): WorkspaceSummary {
    let findings = 0;
    let files = 0;
    for (const entry of this.entries.values()) {
      findings += entry.items.length;
      if (entry.items.length > 0) files++;
    }
    return { findings, files };
  }

  /** `workspace/diagnostic`: what the client has not seen, once there is some (held open until then). */
  async pull(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const previous = new Map<string, string>();
    for (const { uri, value } of params.previousResultIds) previous.set(filePathOf(uri) ?? uri, value);
    for (;;) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const items = this.reports(previous);
      if (items.length > 0) return { items };
      await this.nextChange(token);
    }
  }

  /** Scans every folder again, then reports what it found from now on. */
  async check(scan: WorkspaceScan): Promise<CheckWorkspaceResult> {
    await scan.models(true);
    const { findings, files } = this.activate(scan.fileFindings());
    const { files: checked, skipped } = scan.stats();
    return { findings, files, checked, skipped };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.wake();
  }

  private reports(previous: ReadonlyMap<string, string>): WorkspaceFullDocumentDiagnosticReport[] {
    const items: WorkspaceFullDocumentDiagnosticReport[] = [];
    const full = (uri: string, diagnostics: Diagnostic[], resultId?: string) =>
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: diagnostics });
    for (const [fsPath, entry] of this.entries) {
      if (this.forced.has(fsPath) || previous.get(fsPath) !== entry.resultId)
        full(entry.uri, entry.items, entry.resultId);
    }
    // Closed documents the check knows nothing of: their buffer's diagnostics go.
    for (const [fsPath, uri] of this.forced) if (!this.entries.has(fsPath)) full(uri, []);
    this.forced.clear();
    return items;
  }

  private set(fsPath: string, root: string, items: Diagnostic[]): void {
    const key = JSON.stringify(items);
    const entry = this.entries.get(fsPath);
    if (entry?.key === key && entry.root === root) return;
    const uri = entry?.uri ?? pathToFileURL(fsPath).href;
    this.entries.set(fsPath, { uri, root, resultId: `w${++this.counter}`, items, key });
    this.dirty.add(fsPath);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flushNow(), this.hooks.delayMs ?? WORKSPACE_REPORT_DELAY_MS);
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    let pushed = false;
    for (const fsPath of this.dirty) {
      const entry = this.entries.get(fsPath);
      // A push client already cleared a closed document; an open one shows its live diagnostics.
      if (!entry || this.hooks.isOpen(fsPath)) continue;
      pushed = this.hooks.publish(entry.uri, entry.items);
      if (!pushed) break;
    }
    if (pushed) this.forced.clear();
    this.dirty.clear();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private nextChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const listener = token.onCancellationRequested(() => resolve());
      this.waiters.push(() => {
        listener.dispose();
        resolve();
      });
    });
  }
}
