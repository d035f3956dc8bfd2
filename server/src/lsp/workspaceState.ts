/**
 * What a document's analysis depends on outside its text: the client's
 * settings (asked per resource), the workspace folders and the project files
 * (`.twelve-factor.json`, baseline). `changed()` is the one place that reacts
 * to any of them changing: it bumps the generation, drops every cache and
 * lets the server ask the client to refresh.
 */
import { fileURLToPath } from 'node:url';
import type { DocumentState, DocumentStore } from './documents';
import type { Logger } from './logging';
import { pathToFileURL } from 'node:url';
import {
  folderOf,
  resolveDocumentSettings,
  resolveFolderSettings,
  type DocumentSettings,
  type FolderSettings,
} from './projectSettings';
import { parseClientSettings, sectionOf } from './settings';

export interface WorkspaceStateHooks {
  /** Shows a problem in the user's config to the user (once per distinct problem). */
  showProblem: (message: string) => void;
  /** Asks the client to refresh diagnostics (pull) or re-publishes them (push). */
  refresh: () => void;
  log: Logger;
}

export class WorkspaceState {
  /** Bumped on every change; analyses and result ids carry it. */
  generation = 0;
  /**
   * Fetches the `twelveFactor` section for a resource (workspace/configuration);
   * unset for clients that cannot answer it, which push settings instead.
   */
  fetchSettings?: (scopeUri: string) => Promise<unknown>;
  private workspaceFolders = new Map<string, string>();
  /** Settings pushed by clients that do not answer workspace/configuration. */
  private pushedSettings: unknown;
  private readonly shownProblems = new Set<string>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly hooks: WorkspaceStateHooks,
  ) {}

  /** Adds and removes workspace folders (by URI); non-file folders are ignored. */
  updateWorkspaceFolders(added: readonly string[], removed: readonly string[] = []): void {
    for (const uri of removed) this.workspaceFolders.delete(uri);
    for (const uri of added) {
      const fsPath = filePathOf(uri);
      if (fsPath) this.workspaceFolders.set(uri, fsPath);
    }
  }

  /** didChangeConfiguration: `settings` is what the client pushed (often null). */
  configurationChanged(settings: unknown): void {
    this.pushedSettings = sectionOf(settings);
    this.changed('configuration');
  }

  changed(reason: string): void {
    this.generation++;
    this.documents.clearCaches();
    this.hooks.log.debug(`workspace state changed (${reason}); refreshing diagnostics`);
    this.hooks.refresh();
  }

  /** The document's settings, cached in its state until the next change. */
  settingsFor(state: DocumentState): Promise<DocumentSettings> {
    state.settings ??= this.resolve(state);
    return state.settings;
  }

  private async resolve(state: DocumentState): Promise<DocumentSettings> {
    // A notebook cell has the notebook's settings (and path: its findings are the notebook file's).
    const uri = state.notebook ?? state.uri;
    const raw = this.fetchSettings ? await this.fetch(uri) : this.pushedSettings;
    const client = parseClientSettings(raw);
    this.hooks.log.setVerbose(client.trace === 'verbose');
    const settings = resolveDocumentSettings({
      fsPath: filePathOf(uri),
      name: nameOf(uri),
      workspaceFolders: [...this.workspaceFolders.values()],
      client,
    });
    for (const problem of settings.problems) this.report(problem);
    return settings;
  }

  /** The innermost workspace folder holding `fsPath`, if any. */
  folderOf(fsPath: string): string | undefined {
    return folderOf(fsPath, [...this.workspaceFolders.values()]);
  }

  /** A workspace folder's settings for its compliance outline (asked with the folder as scope). */
  async folderSettings(root: string): Promise<FolderSettings> {
    const raw = this.fetchSettings ? await this.fetch(pathToFileURL(root).href) : this.pushedSettings;
    const settings = resolveFolderSettings(root, parseClientSettings(raw));
    for (const problem of settings.problems) this.report(problem);
    return settings;
  }

  private async fetch(scopeUri: string): Promise<unknown> {
    try {
      return await this.fetchSettings?.(scopeUri);
    } catch (error) {
      this.hooks.log.error('could not read the client settings; using defaults', error);
      return undefined;
    }
  }

  private report(problem: string): void {
    if (this.shownProblems.has(problem)) return;
    this.shownProblems.add(problem);
    this.hooks.log.warn(problem);
    this.hooks.showProblem(problem);
  }
}

/** The file system path of a `file:` URI, or undefined for other schemes. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The last path segment of a URI (`untitled:Untitled-1` → `Untitled-1`). */
function nameOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname.split('/').pop() ?? '') || 'untitled';
  } catch {
    return 'untitled';
  }
}
