/**
 * Open documents and what the server remembers about each: text and version
 * (edits applied as the client applies them, textSync.ts), the per-document
 * settings, the analysis of the current version (whose findings the code
 * actions and the compliance view read), the parse trees kept for
 * incremental re-parsing, the last findings carried through later edits
 * (carry.ts) and whether git tracks the file. Settings and analyses are
 * dropped when the workspace state changes (settings, `.twelve-factor.json`,
 * baseline); everything goes when the document closes. Nothing is global.
 */
import type {
  DidChangeTextDocumentParams,
  DidOpenTextDocumentParams,
  Diagnostic,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import type { Finding } from '../ir/types';
import { carryThroughSteps } from './carry';
import { IncrementalParse } from './incremental';
import type { DocumentSettings } from './projectSettings';
import { resolveChanges, SyncedDocument } from './textSync';

export interface AnalysisResult {
  diagnostics: Diagnostic[];
  /** The engine's findings (before baseline filtering), for code actions and compliance. */
  findings: Finding[];
}

/** One analysis of one version under one workspace state generation. */
export interface CachedAnalysis {
  version: number;
  generation: number;
  /** Undefined when the version was superseded before the analysis ran. */
  result: Promise<AnalysisResult | undefined>;
}

export interface DocumentState {
  readonly uri: string;
  /** Distinguishes one opening of a URI from the next (result ids must not collide). */
  readonly session: number;
  readonly languageId: string;
  document: SyncedDocument;
  settings?: Promise<DocumentSettings>;
  analysis?: CachedAnalysis;
  /** The parse tree kept between versions (incremental re-parsing). */
  readonly parse: IncrementalParse;
  /** The findings of the last version that parsed, moved through later edits (see carry.ts). */
  carried: Finding[];
  /** Whether git tracks the file, asked once per opening (a `.env`'s values are findings only when it does; build output is analysed as compiled). */
  tracked?: Promise<boolean | undefined>;
  /** For a notebook cell, the notebook's URI: its settings and analysis are the notebook's (notebooks.ts). */
  readonly notebook?: string;
}

export class DocumentStore {
  private readonly states = new Map<string, DocumentState>();
  private sessions = 0;

  open(params: DidOpenTextDocumentParams, notebook?: string): DocumentState {
    const { uri, languageId, version, text } = params.textDocument;
    const document = new SyncedDocument(uri, languageId, version, text);
    const state: DocumentState = {
      uri,
      session: ++this.sessions,
      languageId,
      document,
      parse: new IncrementalParse(),
      carried: [],
      notebook,
    };
    this.states.set(uri, state);
    return state;
  }

  /**
   * Applies a change; returns undefined (and changes nothing) for an unknown
   * document or a version not newer than the one held: an out-of-order
   * message must not roll the text back.
   */
  change(params: DidChangeTextDocumentParams): DocumentState | undefined {
    const state = this.states.get(params.textDocument.uri);
    const version = params.textDocument.version;
    if (!state || version <= state.document.version) return undefined;
    // Resolved once: the text, the held trees and the carried findings move through the same offsets.
    const resolved = resolveChanges(
      state.document.getText(),
      params.contentChanges as TextDocumentContentChangeEvent[],
    );
    state.parse.editResolved(resolved);
    state.carried = resolved.full ? [] : carryThroughSteps(state.carried, resolved.steps);
    state.document = state.document.updated(resolved, version);
    state.analysis = undefined;
    return state;
  }

  close(uri: string): DocumentState | undefined {
    const state = this.states.get(uri);
    this.states.delete(uri);
    state?.parse.dispose();
    return state;
  }

  get(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  all(): DocumentState[] {
    return [...this.states.values()];
  }

  /** Forgets every cached setting and analysis (the workspace state changed). */
  clearCaches(): void {
    for (const state of this.states.values()) {
      state.settings = undefined;
      state.analysis = undefined;
    }
  }

  /** Whether `state` is still the open document at `version`. */
  isCurrent(state: DocumentState, version: number): boolean {
    return this.states.get(state.uri) === state && state.document.version === version;
  }
}
