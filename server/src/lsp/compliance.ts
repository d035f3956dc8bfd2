/**
 * The compliance outline in the server: one background scan per workspace
 * folder (progress reported, cancellable), then incremental updates: a
 * changed source file is re-analysed alone and the model recomputed from the
 * per-file results kept here; a changed project file (manifest, Procfile,
 * .env...) re-reads the project files only. No full rescan per keystroke.
 * An open document's text wins over the disk for its file (unsaved edits,
 * such as a quick fix's, count), including in a scan still running.
 */
import * as path from 'node:path';
import { analyzeText, inputKindOf, type ExtractFn } from '../engine/engine';
import type { InputKind } from '../ir/types';
import type { DocumentState } from './documents';
import { decodeSource } from '../frontends/decode';
import { MAX_FILE_BYTES } from '../frontends/skip';
import { disabledRules, modelFromScan, sourceFile } from '../factors/compute';
import type { SourceFile } from '../factors/context';
import { gatherProject, type ProjectInfo } from '../factors/gather';
import { buildModel } from '../factors/model';
import type { ComplianceModel } from '../shared/compliance';
import { SOURCE_FILES_GLOB } from '../shared/languages';
import { analyzeOptionsFor, loadConfig, type ProjectConfig } from '../workspace/config';
import { compileGlobs, relPosix } from '../lib/globs';
import { projectFileKind } from '../lib/projectFiles';
import { readProjectFile } from '../workspace/readFile';
import { scanWorkspace } from '../workspace/scan';
import { ProjectListing } from '../workspace/listing';
import type { Logger } from './logging';
import type { Progress } from './progress';
import type { FolderSettings } from './projectSettings';
import type { FileFindings, FolderFindings } from './workspaceDiagnostics';

/** An open document as the service sees it: its current text, and its analysis' facts when they are at hand. */
export interface OpenDocument {
  text(): string;
  /** Facts of the text without a new parse when the diagnostics analysis already made them. */
  facts?: ExtractFn;
}

/** The service's view of an open editor document. */
export function openDocument(state: DocumentState): OpenDocument {
  return { text: () => state.document.getText(), facts: state.parse.factsOf };
}

export { progressFactory, type Progress, type ProgressWindow } from './progress';

export interface ComplianceDeps {
  log: Logger;
  /** Starts a progress report in the client (work done progress); a no-op when unsupported. */
  beginProgress: (title: string) => Promise<Progress>;
  /** Tells the client the model changed. */
  changed: (score: number, total: number) => void;
  /** Delay before a changed document is re-analysed (typing bursts cost one analysis). */
  debounceMs?: number;
  /**
   * The folder's settings (client settings over `.twelve-factor.json`, the
   * baseline, `enable`), as the diagnostics see them; without it, the file alone.
   */
  folderSettings?: (root: string) => Promise<FolderSettings>;
}

interface FolderState {
  root: string;
  config: ProjectConfig;
  /** Baseline fingerprints: accepted findings count for no factor. */
  accepted?: ReadonlySet<string>;
  project?: ProjectInfo;
  sources: Map<string, SourceFile>;
  /** The files the last full scan analysed (the walker's choice): what workspace diagnostics cover. */
  walked?: ReadonlySet<string>;
  stats: ComplianceModel['stats'];
  model?: ComplianceModel;
  scan?: Promise<void>;
  abort?: AbortController;
}

/** Names whose change re-reads the project files (besides the walker's project kinds). */
const PROJECT_NAMES =
  /^(?:\.gitignore|Makefile|makefile|justfile|manage\.py|gunicorn[\w.-]*\.py|\.gitlab-ci\.yml|Jenkinsfile)$/;

/** A file whose change re-reads the project files; COMPLIANCE_WATCHERS cover every one (test/document-names.test.ts). */
export function isProjectFileName(name: string): boolean {
  return projectFileKind(name) !== undefined || PROJECT_NAMES.test(name);
}

export const COMPLIANCE_WATCHERS = [
  SOURCE_FILES_GLOB,
  '**/{.env,.env.*,.env_*,.env-*,*.env,env.*,env_*,env-*,.gitignore,Procfile,Makefile,makefile,justfile,Jenkinsfile,package.json,requirements*.txt,pyproject.toml,Pipfile,setup.py,setup.cfg,*.lock,*.lockb,npm-shrinkwrap.json,package-lock.json,pnpm-lock.yaml,Aptfile,apt.txt,packages.txt,*.sh}',
  // Docker reads any name given with `-f`, in any case (lib/projectFiles.ts).
  '**/{Dockerfile,Containerfile,dockerfile,containerfile,*.dockerfile,*.Dockerfile,*.containerfile}',
  '**/{Dockerfile,Containerfile,dockerfile,containerfile}.*',
  '**/.github/workflows/*.{yml,yaml}',
  // Kubernetes manifests, recognised by content (any folder, any name).
  '**/*.{yml,yaml}',
];

export class ComplianceService {
  private readonly folders = new Map<string, FolderState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly projectTimers = new Map<string, NodeJS.Timeout>();
  /** The current text of each open document, by file system path. */
  private readonly open = new Map<string, OpenDocument>();

  constructor(private readonly deps: ComplianceDeps) {}

  /** Adds and removes workspace folders (file system paths); a removed folder's scan stops. */
  updateFolders(added: readonly string[], removed: readonly string[] = []): void {
    for (const root of removed) {
      this.folders.get(root)?.abort?.abort();
      this.folders.delete(root);
    }
    for (const root of added) if (!this.folders.has(root)) this.folders.set(root, this.newState(root));
  }

  /** The models, scanning first where needed (a scan runs once; later calls reuse its model). */
  async models(refresh = false): Promise<ComplianceModel[]> {
    if (refresh) for (const root of [...this.folders.keys()]) this.rescan(root);
    await Promise.all([...this.folders.values()].map((s) => this.ensureScanned(s)));
    return [...this.folders.values()].flatMap((s) => (s.model ? [s.model] : []));
  }

  /**
   * The client's settings changed: every folder is judged again under them
   * (rules turned off, excludes, baseline, enable), and the client told.
   */
  settingsChanged(): void {
    for (const root of [...this.folders.keys()]) this.reload(root);
  }

  /** Scans a folder again (when it was scanned before) and tells the client once the new model is there. */
  private reload(root: string): void {
    const scanned = this.folders.get(root)?.scan !== undefined;
    this.rescan(root);
    const fresh = this.folders.get(root);
    if (scanned && fresh) void this.ensureScanned(fresh).then(() => this.notify());
  }

  /**
   * Every analysed file of the folders' last scans with its current findings
   * (baseline applied; an open document's from its text). A file created
   * since is left out until the next scan walks it: the walker decides
   * (.gitignore, size caps), not the file watcher.
   */
  fileFindings(): FolderFindings[] {
    return [...this.folders.values()].map((state) => ({
      root: state.root,
      files: state.model && state.walked ? this.walkedFindings(state, state.walked) : undefined,
    }));
  }

  private *walkedFindings(state: FolderState, walked: ReadonlySet<string>): Generator<FileFindings> {
    for (const rel of walked) {
      const source = state.sources.get(rel);
      if (source) yield { fsPath: path.join(state.root, ...rel.split('/')), findings: source.findings };
    }
  }

  /** What the last scans covered: analysed and skipped files. */
  stats(): ComplianceModel['stats'] {
    const stats = { files: 0, skipped: 0 };
    for (const state of this.folders.values()) {
      stats.files += state.model?.stats.files ?? 0;
      stats.skipped += state.model?.stats.skipped ?? 0;
    }
    return stats;
  }

  /** A file changed on disk (workspace/didChangeWatchedFiles). */
  fileChanged(fsPath: string, deleted: boolean): void {
    const state = this.folderOf(fsPath);
    if (!state?.model) return;
    const name = path.basename(fsPath);
    // The configuration or the baseline: every file is judged again under it.
    if (name === '.twelve-factor.json' || name === '.twelve-factor-baseline.json') return this.reload(state.root);
    if (isProjectFileName(name) || fsPath.includes(`${path.sep}.github${path.sep}`)) {
      this.scheduleProject(state);
    }
    if (reanalysable(fsPath)) {
      if (deleted) {
        state.sources.delete(relPosix(state.root, fsPath));
        this.recompute(state);
      } else this.schedule(fsPath, () => this.reanalyseFromDisk(state, fsPath), 0);
    }
  }

  /** A document opened: its text may differ from the disk (unsaved edits restored). */
  documentOpened(fsPath: string, doc: OpenDocument): void {
    this.documentChanged(fsPath, doc);
  }

  /**
   * An open document changed: re-analyse its text after a pause in typing.
   * Before the scan has a model, the text is only remembered: the scan uses it.
   */
  documentChanged(fsPath: string, doc: OpenDocument): void {
    this.open.set(fsPath, doc);
    const state = this.folderOf(fsPath);
    if (!state?.model) return;
    const delay = this.deps.debounceMs ?? 400;
    if (reanalysable(fsPath))
      this.schedule(fsPath, async () => this.reanalyse(state, fsPath, doc.text(), doc.facts), delay);
    else if (this.isProjectFile(state, fsPath))
      this.schedule(`project:${state.root}`, () => this.recompute(state), delay);
  }

  /** A document closed: its unsaved edits are gone, the disk is the truth again. */
  documentClosed(fsPath: string): void {
    if (this.open.delete(fsPath)) this.fileChanged(fsPath, false);
  }

  dispose(): void {
    for (const t of [...this.timers.values(), ...this.projectTimers.values()]) clearTimeout(t);
    for (const s of this.folders.values()) s.abort?.abort();
  }

  private newState(root: string): FolderState {
    const loaded = loadConfig(root);
    return { root, config: loaded.config, sources: new Map(), stats: { files: 0, skipped: 0 } };
  }

  private rescan(root: string): void {
    const old = this.folders.get(root);
    old?.abort?.abort();
    this.folders.set(root, this.newState(root));
  }

  private ensureScanned(state: FolderState): Promise<void> {
    state.scan ??= this.scan(state);
    return state.scan;
  }

  private async scan(state: FolderState): Promise<void> {
    const abort = new AbortController();
    state.abort = abort;
    if (this.deps.folderSettings) {
      const settings = await this.deps.folderSettings(state.root);
      if (this.folders.get(state.root) !== state) return;
      // Turned off for the folder: no outline, as no diagnostics.
      if (!settings.enable) return;
      state.config = settings.config;
      state.accepted = settings.accepted;
    }
    const progress = await this.deps.beginProgress('Twelve-Factor: scanning the workspace');
    progress.onCancel(() => abort.abort());
    try {
      const listing = new ProjectListing(state.root, state.config.exclude);
      const [scan, project] = await Promise.all([
        scanWorkspace({
          listing,
          paths: ['.'],
          cwd: state.root,
          root: state.root,
          config: state.config,
          signals: true,
          signal: abort.signal,
          onProgress: ({ done, total }) =>
            progress.report(total === 0 ? 100 : Math.round((100 * done) / total), `${done}/${total} files`),
        }),
        gatherProject(state.root, { exclude: state.config.exclude, signal: abort.signal, listing }),
      ]);
      if (abort.signal.aborted || this.folders.get(state.root) !== state) return;
      const model = modelFromScan(scan, project, { cwd: state.root, config: state.config, accepted: state.accepted });
      state.project = project;
      state.stats = model.stats;
      state.walked = new Set(scan.files.keys());
      for (const [file, result] of scan.files) {
        const source = sourceFile(file, result, state.accepted);
        if (source) state.sources.set(file, source);
      }
      // Documents opened or edited during the scan: their text, not the disk's.
      let overlaid = false;
      for (const [fsPath, doc] of this.open) {
        if (this.folderOf(fsPath) !== state) continue;
        if (reanalysable(fsPath)) overlaid = this.analyseInto(state, fsPath, doc.text(), doc.facts) || overlaid;
        else overlaid ||= this.isProjectFile(state, fsPath);
      }
      state.model = model;
      if (overlaid) this.recompute(state);
      else this.notify();
    } catch (error) {
      this.deps.log.error('the compliance scan failed', error);
    } finally {
      progress.done();
      // A cancelled scan is retried by the next request.
      if (abort.signal.aborted && this.folders.get(state.root) === state) state.scan = undefined;
    }
  }

  private async reanalyseFromDisk(state: FolderState, fsPath: string): Promise<void> {
    const open = this.open.get(fsPath);
    if (open) return this.reanalyse(state, fsPath, open.text(), open.facts);
    // A FIFO, a device or a link out of the folder is never read (see workspace/readFile.ts).
    const read = readProjectFile(fsPath, { maxBytes: MAX_FILE_BYTES, within: state.root });
    if (!read.ok && read.code === 'too-large') return;
    if (!read.ok) {
      state.sources.delete(relPosix(state.root, fsPath));
      return this.recompute(state);
    }
    const decoded = decodeSource(read.bytes);
    if (decoded.text !== undefined) this.reanalyse(state, fsPath, decoded.text);
  }

  private reanalyse(state: FolderState, fsPath: string, text: string, extract?: ExtractFn): void {
    if (this.analyseInto(state, fsPath, text, extract)) this.recompute(state);
  }

  /** Analyses one source file into `state.sources`; false when nothing the model reads changed. */
  private analyseInto(state: FolderState, fsPath: string, text: string, extract?: ExtractFn): boolean {
    const rel = relPosix(state.root, fsPath);
    const language = reanalysable(fsPath);
    if (!language || rel.startsWith('../') || compileGlobs(state.config.exclude)(rel)) return false;
    const isTest = compileGlobs(state.config.testFiles)(rel);
    const result = analyzeText(
      text,
      rel,
      language,
      { ...analyzeOptionsFor(state.config, isTest), signals: true },
      extract,
    );
    const source = sourceFile(rel, result, state.accepted);
    const before = state.sources.get(rel);
    if (source) state.sources.set(rel, source);
    else state.sources.delete(rel);
    return !before || !source || JSON.stringify(before) !== JSON.stringify(source);
  }

  /** Whether the project files read for the model include `fsPath`. */
  private isProjectFile(state: FolderState, fsPath: string): boolean {
    return !!state.project?.projectFiles.some((f) => f.text !== undefined && path.join(state.root, f.path) === fsPath);
  }

  /** The project files with the text of the open ones. */
  private withOpenText(state: FolderState, project: ProjectInfo): ProjectInfo {
    const projectFiles = project.projectFiles.map((f) => {
      const open = f.text === undefined ? undefined : this.open.get(path.join(state.root, f.path));
      return open ? { ...f, text: open.text() } : f;
    });
    return { ...project, projectFiles };
  }

  private scheduleProject(state: FolderState): void {
    clearTimeout(this.projectTimers.get(state.root));
    this.projectTimers.set(
      state.root,
      setTimeout(() => {
        this.projectTimers.delete(state.root);
        void gatherProject(state.root, { exclude: state.config.exclude }).then(
          (project) => {
            state.project = project;
            this.recompute(state);
          },
          (error: unknown) => this.deps.log.error('could not read the project files', error),
        );
      }, this.deps.debounceMs ?? 400),
    );
  }

  private schedule(key: string, run: () => Promise<void> | void, delay: number): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        Promise.resolve(run()).catch((error: unknown) => this.deps.log.error('compliance update failed', error));
      }, delay),
    );
  }

  private recompute(state: FolderState): void {
    if (!state.project || this.folders.get(state.root) !== state) return;
    const sources = [...state.sources.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    state.model = buildModel(
      { ...this.withOpenText(state, state.project), sources, disabledRules: disabledRules(state.config.rules) },
      { files: sources.length, skipped: state.stats.skipped },
    );
    this.notify();
  }

  private notify(): void {
    const models = [...this.folders.values()].flatMap((s) => (s.model ? [s.model] : []));
    this.deps.changed(
      models.reduce((n, m) => n + m.score, 0),
      models.length * 12,
    );
  }

  private folderOf(fsPath: string): FolderState | undefined {
    let best: FolderState | undefined;
    for (const state of this.folders.values()) {
      const rel = path.relative(state.root, fsPath);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (!best || state.root.length > best.root.length) best = state;
    }
    return best;
  }
}

/**
 * What the model re-analyses one file at a time as it changes: code and the
 * config documents, except `.env` files, whose findings depend on whether git
 * tracks them (the scan asks git once for all of them).
 */
function reanalysable(fsPath: string): InputKind | undefined {
  const kind = inputKindOf(fsPath);
  return kind === 'dotenv' ? undefined : kind;
}
