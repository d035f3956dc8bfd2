/**
 * Diagnostics pushed with `textDocument/publishDiagnostics`, for clients that
 * cannot pull them (Neovim 0.7 and other LSP 3.16 clients). Each document is
 * analysed ~150 ms after its last change, so a burst of typing costs one
 * analysis; an analysis overtaken by a newer version publishes nothing.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Analyzer } from './analyzer';
import type { DocumentStore } from './documents';
import type { Logger } from './logging';

export const PUSH_DELAY_MS = 150;

export interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export class PushScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly analyzer: Analyzer,
    private readonly publish: (params: PublishParams) => void,
    private readonly log: Logger,
    private readonly delayMs = PUSH_DELAY_MS,
  ) {}

  /** (Re)starts the document's timer: analysis waits for the typing to pause. */
  schedule(uri: string, delayMs = this.delayMs): void {
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri);
    }, delayMs);
    this.timers.set(uri, timer);
  }

  scheduleAll(): void {
    for (const state of this.documents.all()) this.schedule(state.uri, 0);
  }

  /** The document closed: stop its timer and clear what was published for it. */
  closed(uri: string): void {
    this.cancel(uri);
    this.publish({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    const state = this.documents.get(uri);
    if (!state) return;
    const version = state.document.version;
    try {
      const result = await this.analyzer.resultFor(state, () => this.timers.has(uri));
      if (!result || !this.documents.isCurrent(state, version)) return;
      this.publish({ uri, version, diagnostics: result.diagnostics });
    } catch (error) {
      this.log.error('publishing diagnostics failed', error);
    }
  }
}
