/**
 * Everything the analysis of one document depends on besides its text: the
 * client's settings for that resource merged over the project's
 * `.twelve-factor.json` (client settings win), the project root that paths
 * and fingerprints are relative to, whether the file is excluded or a test
 * file, and the baseline. Computed per document and cached only in that
 * document's state (see documents.ts), so a settings change is one cache
 * drop away from taking effect.
 */
import * as path from 'node:path';
import type { AnalyzeOptions } from '../engine/engine';
import { analyzeOptionsFor, loadConfig, mergeConfig, type ConfigError, type ProjectConfig } from '../workspace/config';
import { BaselineError, projectBaseline } from '../workspace/baseline';
import { compileGlobs } from '../lib/globs';
import type { ClientSettings } from './settings';

export interface DocumentSettings {
  enable: boolean;
  /** Absolute folder the document's path is taken relative to. */
  root?: string;
  /** The innermost workspace folder holding the document: fixes write nothing outside it. */
  workspaceFolder?: string;
  /** Path relative to `root`, `/`-separated: what rules, messages and fingerprints see. */
  relPath: string;
  excluded: boolean;
  options: AnalyzeOptions;
  /** Fingerprints accepted by the baseline; their findings are not shown. */
  baseline: ReadonlySet<string>;
  configFile?: string;
  /** Problems in `.twelve-factor.json` or the baseline, ready to show (file and position, no values). */
  problems: string[];
}

export interface SettingsInput {
  /** The document's file path, or undefined for non-`file:` URIs. */
  fsPath?: string;
  /** Fallback name for documents without a file path. */
  name: string;
  /** Absolute paths of the open workspace folders. */
  workspaceFolders: readonly string[];
  client: ClientSettings;
}

export function resolveDocumentSettings(input: SettingsInput): DocumentSettings {
  const { client } = input;
  if (!input.fsPath) {
    return {
      enable: client.enable,
      relPath: input.name,
      excluded: false,
      options: analyzeOptionsFor(client, false),
      baseline: new Set(),
      problems: [],
    };
  }
  const fsPath = input.fsPath;
  const workspaceFolder = folderOf(fsPath, input.workspaceFolders);
  const { root, config, baseline, configFile, problems } = projectSettings(
    path.dirname(fsPath),
    workspaceFolder ?? path.dirname(fsPath),
    client,
  );
  const relPath = path.relative(root, fsPath).split(path.sep).join('/');
  const isTest = compileGlobs(config.testFiles)(relPath);
  return {
    enable: client.enable,
    root,
    workspaceFolder,
    relPath,
    excluded: compileGlobs(config.exclude)(relPath),
    options: analyzeOptionsFor(config, isTest),
    baseline,
    configFile,
    problems,
  };
}

/**
 * The one resolution documents and folders share: the `.twelve-factor.json`
 * found from `startDir` up, its folder as the root (else `fallbackRoot`), the
 * client's settings laid over it, its baseline and the problems met.
 */
function projectSettings(startDir: string, fallbackRoot: string, client: ClientSettings) {
  const loaded = loadConfig(startDir);
  const root = loaded.file ? path.dirname(loaded.file) : fallbackRoot;
  const config = mergeConfig(loaded.config, clientOverride(client, root));
  const problems = loaded.errors.map(formatConfigError);
  const baseline = loadBaseline(root, config.baseline, problems);
  return { root, config, baseline, configFile: loaded.file, problems };
}

/**
 * The client's settings as a config to lay over the file's (`mergeConfig`
 * adds excludes up and ignores an empty `testFiles`, so a client's default
 * empty lists keep the file's globs).
 */
function clientOverride(client: ClientSettings, root: string): Partial<ProjectConfig> {
  return {
    rules: client.rules,
    exclude: client.exclude,
    testFiles: client.testFiles,
    testFileSeverity: client.testFileSeverity,
    roleFiles: client.roleFiles,
    roles: client.roles,
    baseline: client.baseline === undefined ? undefined : path.resolve(root, client.baseline),
  };
}

/** What the compliance outline of one workspace folder depends on: the same merge as a document's. */
export interface FolderSettings {
  enable: boolean;
  config: ProjectConfig;
  /** Fingerprints the baseline accepts: their findings count for no factor. */
  accepted: ReadonlySet<string>;
  problems: string[];
  /** The folder's paths and fingerprints are relative to: the config file's folder, else the folder itself. */
  projectRoot: string;
  configFile?: string;
}

/** The client's settings for the folder over its `.twelve-factor.json`, and its baseline. */
export function resolveFolderSettings(root: string, client: ClientSettings): FolderSettings {
  const { config, baseline, problems, root: projectRoot, configFile } = projectSettings(root, root, client);
  return { enable: client.enable, config, accepted: baseline, problems, projectRoot, configFile };
}

/** The configured baseline, or the project's default one when it exists. */
function loadBaseline(root: string, file: string | undefined, problems: string[]): ReadonlySet<string> {
  try {
    return projectBaseline(root, file, root);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    problems.push(error.message);
    return new Set();
  }
}

/** The innermost workspace folder containing the file. */
export function folderOf(fsPath: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const rel = path.relative(folder, fsPath);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (!best || folder.length > best.length) best = folder;
  }
  return best;
}

/** `file:line:column: message`, as editors and terminals link it. */
export function formatConfigError(error: ConfigError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}
