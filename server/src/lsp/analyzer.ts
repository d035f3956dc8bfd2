/**
 * Runs the engine on an open document and turns the result into
 * diagnostics, once per (version, workspace state generation): the pull handler
 * and the push scheduler share one analysis. The analysis starts only after
 * the settings are known, which takes a round trip to the client; by then a
 * newer version typed meanwhile has arrived, so a burst of typing costs one
 * analysis, for the last version.
 */
import { basename, dirname } from 'node:path';
import { analyzeText, type ExtractFn } from '../engine/engine';
import type { FileResult, Finding } from '../ir/types';
import { budgetDiagnostic, toDiagnostics } from './diagnostics';
import { OFF_THREAD_MIN_CHARS, type OffThreadAnalyzer } from './offThread';
import type { AnalysisResult, DocumentState, DocumentStore } from './documents';
import type { WorkspaceState } from './workspaceState';
import type { Logger } from './logging';
import { mergeCarried, withRanges } from './carry';
import { documentLanguage } from './languages';
import type { DocumentSettings } from './projectSettings';
import { filePathOf } from './workspaceState';
import { inBuildOutput } from '../lib/buildOutput';
import { gitListFiles } from '../workspace/git';
import { envMappedKeys, isConfigJsonOrYaml } from '../workspace/nodeConfig';
import { notebookCellFindings } from './notebookAnalysis';
import type { NotebookStore } from './notebooks';

export type AnalyzeFn = typeof analyzeText;

export interface AnalyzerDeps {
  documents: DocumentStore;
  workspaceState: WorkspaceState;
  log: Logger;
  /** Resolves once the parsers are loaded (`initParsers`). */
  ready: Promise<void>;
  analyze?: AnalyzeFn;
  /** Where large documents are analysed, under a time budget; without it everything runs here. */
  offThread?: OffThreadAnalyzer;
  /** Open notebooks: a cell is analysed with its notebook's other cells. */
  notebooks?: NotebookStore;
}

export class Analyzer {
  private readonly analyze: AnalyzeFn;

  constructor(private readonly deps: AnalyzerDeps) {
    this.analyze = deps.analyze ?? analyzeText;
  }

  /** A document opened: a large one's analysis thread gets ready while the settings are asked for. */
  opened(state: DocumentState): void {
    const text = state.document.getText();
    if (!this.deps.offThread || text.length < OFF_THREAD_MIN_CHARS || state.notebook) return;
    const language = documentLanguage(state.languageId, filePathOf(state.uri) ?? state.uri);
    this.deps.offThread.warm(language === 'javascript' || language === 'typescript');
  }

  /**
   * The analysis of `state` at its current version, or undefined when the
   * document changed or closed before it could run (the caller drops it).
   * `isCancelled` is checked before the engine runs.
   */
  resultFor(state: DocumentState, isCancelled: () => boolean = () => false): Promise<AnalysisResult | undefined> {
    const version = state.document.version;
    const generation = this.deps.workspaceState.generation;
    const cached = state.analysis;
    if (cached && cached.version === version && cached.generation === generation) return cached.result;
    const result = this.run(state, version, generation, isCancelled);
    state.analysis = { version, generation, result };
    // A cancelled or superseded run must not be reused by the next caller.
    void result.then((r) => {
      if (r === undefined && state.analysis?.result === result) state.analysis = undefined;
    });
    return result;
  }

  private async run(
    state: DocumentState,
    version: number,
    generation: number,
    isCancelled: () => boolean,
  ): Promise<AnalysisResult | undefined> {
    const { documents, workspaceState, log, ready } = this.deps;
    let settings: DocumentSettings;
    try {
      settings = await workspaceState.settingsFor(state);
    } catch (error) {
      // Not cached: the next change or refresh tries again.
      if (documents.isCurrent(state, version)) state.settings = undefined;
      log.error('could not resolve the settings of a document', error);
      return { diagnostics: [], findings: [] };
    }
    if (isCancelled() || !documents.isCurrent(state, version) || workspaceState.generation !== generation) {
      return undefined;
    }
    if (state.notebook) {
      await ready;
      if (!settings.enable || settings.excluded || !this.deps.notebooks) return { diagnostics: [], findings: [] };
      const findings = this.cellFindings(state, settings, generation);
      return { diagnostics: toDiagnostics(findings, settings.baseline), findings };
    }
    const language = documentLanguage(state.languageId, settings.relPath);
    if (!settings.enable || settings.excluded || !language) return { diagnostics: [], findings: [] };
    let options = settings.options;
    const compiled = inBuildOutput(settings.relPath);
    if (compiled || TRACKING_MATTERS.has(language)) {
      const tracked = await (state.tracked ??= trackedByGit(state.uri));
      // Build output git tracks is analysed as compiled, as the CLI's walk does; untracked, as any open file.
      if (compiled) options = { ...options, compiled: tracked === true };
      if (TRACKING_MATTERS.has(language)) options = { ...options, tracked };
      if (!documents.isCurrent(state, version) || workspaceState.generation !== generation) return undefined;
    }
    const path = isConfigJsonOrYaml(language) ? filePathOf(state.uri) : undefined;
    // Read at each analysis: the mapping is a small file the user may be editing beside this one.
    if (path) options = { ...options, envMapped: envMappedKeys(path) };
    const started = Date.now();
    const text = state.document.getText();
    let result: FileResult;
    const offThread = this.deps.offThread && text.length >= OFF_THREAD_MIN_CHARS;
    // Only Python needs the tree-sitter wasm here (the analysis thread loads its own).
    if ((language === 'python' || language === 'notebook') && !offThread) {
      await ready;
      if (!documents.isCurrent(state, version) || workspaceState.generation !== generation) return undefined;
    }
    if (this.deps.offThread && offThread) {
      const answer = await this.deps.offThread.analyze(text, settings.relPath, language, options, state.uri);
      if (!documents.isCurrent(state, version) || workspaceState.generation !== generation) return undefined;
      if ('timedOut' in answer) {
        const seconds = this.deps.offThread.budgetMs / 1000;
        log.info(`skipped ${settings.relPath} v${version}: analysis stopped after ${seconds} s`);
        return { diagnostics: [budgetDiagnostic(seconds)], findings: [] };
      }
      if ('error' in answer) {
        log.error(`analysis failed for ${settings.relPath}: ${answer.error}`);
        return { diagnostics: [], findings: [] };
      }
      result = answer.result;
    } else {
      try {
        const extract: ExtractFn = (t, p, l) => state.parse.facts(t, p, l);
        result = this.analyze(text, settings.relPath, language, options, extract, state.parse.keywords);
      } catch (error) {
        // The file gets no diagnostics; the server and the other files go on.
        log.error(`analysis failed for ${settings.relPath}`, error);
        return { diagnostics: [], findings: [] };
      }
    }
    for (const message of result.errors ?? []) log.error(message);
    if (result.skipped) log.info(`skipped ${settings.relPath}: ${result.skipped}`);
    log.debug(
      `analysed ${settings.relPath} v${version}: ${result.findings.length} findings in ${Date.now() - started} ms`,
    );
    let findings = result.findings;
    if (result.syntaxErrors) {
      // Half-typed code: keep the last good findings, moved through the edits, beside what still parsed.
      findings = mergeCarried(findings, withRanges(state.carried, state.document));
    } else if (!result.skipped) {
      state.carried = result.findings;
    }
    return { diagnostics: toDiagnostics(findings, settings.baseline), findings };
  }

  /** The cell's findings from its notebook's analysis (run here: cells are small, and they parse together). */
  private cellFindings(state: DocumentState, settings: DocumentSettings, generation: number): Finding[] {
    const { documents, notebooks, log } = this.deps;
    const notebook = state.notebook ? notebooks?.get(state.notebook) : undefined;
    if (!notebook) return [];
    try {
      return (
        notebookCellFindings(notebook, documents, generation, (python) =>
          this.analyze(python, settings.relPath, 'python', settings.options),
        ).get(state.uri) ?? []
      );
    } catch (error) {
      log.error(`analysis failed for ${settings.relPath}`, error);
      return [];
    }
  }
}

/** Documents whose findings depend on git tracking them: a `.env`'s values, "Stop tracking" on a secrets file. */
const TRACKING_MATTERS: ReadonlySet<string> = new Set(['dotenv', 'json-config', 'yaml-config']);

/** Whether git tracks the file at `uri` (through the hardened helper); undefined when git cannot tell. */
async function trackedByGit(uri: string): Promise<boolean | undefined> {
  const path = filePathOf(uri);
  if (!path) return undefined;
  const listed = await gitListFiles(dirname(path), ['--cached', '--', basename(path)], { timeoutMs: 5000 });
  return listed && listed.length > 0;
}
