/**
 * `twelve-factor check`: load the config, scan, apply the baseline, print,
 * and decide the exit code. I/O problems become CliError (exit 2).
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { version } from '../../../package.json';
import { findRepoRoot } from '../workspace/gitignore';
import { relPosix } from '../lib/globs';
import { loadConfig, loadConfigFile, type ConfigError, type ProjectConfig } from '../workspace/config';
import { BaselineError, filterBaseline, projectBaseline, writeBaselineFile } from '../workspace/baseline';
import { scanWorkspace } from '../workspace/scan';
import { CACHE_DIR_NAME, ResultCache } from '../workspace/cache';
import { modelFromScan } from '../factors/compute';
import { gatherProject } from '../factors/gather';
import { ProjectListing } from '../workspace/listing';
import { factorSummaries, type FactorSummaryJson } from '../factors/summary';
import { WalkRootError } from '../workspace/walker';
import type { CheckArgs } from './args';
import { CliError } from './errors';
import { escapeForTerminal } from './escape';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { ProgressBar } from './progress';
import { SEVERITY_RANK } from '../ir/types';
import { buildReport, collectFindings, type ReportFinding } from './report';

export { CliError };

export interface CheckIo {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  /** Colour allowed by the environment (stdout is a TTY, NO_COLOR unset). */
  colorSupported: boolean;
}

export async function runCheck(args: CheckArgs, io: CheckIo): Promise<number> {
  const { cwd } = io;
  const { config, file: configFile } = resolveConfig(args, cwd);
  const root = configFile ? dirname(configFile) : (findRepoRoot(startDir(resolve(cwd, args.paths[0]))) ?? cwd);
  const baseline = resolveBaseline(args, config, root, cwd);

  // The factors judge what was checked: one folder given is the app; otherwise the project root.
  // Their project files are gathered while the scan runs (its main thread mostly waits on workers).
  // The scan's walk lists the project files too when it covers the root: one walk for both.
  const listing = new ProjectListing(root, config.exclude);
  const project =
    args.format === 'json'
      ? gatherProject(appRootOf(args, cwd, root), { exclude: config.exclude, listing })
      : undefined;
  // Awaited only after a successful scan; a scan error must not leave this rejection unhandled.
  project?.catch(() => undefined);

  const note = (message: string): void => void io.stderr.write(`twelve-factor: ${escapeForTerminal(message)}\n`);
  const cache = args.cache
    ? ResultCache.open({ dir: resolve(cwd, args.cacheLocation ?? join(root, CACHE_DIR_NAME)), version, note })
    : undefined;
  const bar = args.progress && io.stderr.isTTY ? new ProgressBar(io.stderr) : undefined;
  let scan;
  try {
    scan = await scanWorkspace({
      paths: args.paths,
      cwd,
      config,
      root,
      onProgress: (p) => bar?.update(p),
      // The compliance model behind `factors` reads per-file signals from the same parse.
      signals: args.format === 'json',
      cache,
      listing,
    });
  } catch (error) {
    if (error instanceof WalkRootError) throw new CliError([error.message]);
    throw error;
  } finally {
    bar?.clear();
  }

  cache?.save(note);
  const all = collectFindings(scan);
  let accepted: ReadonlySet<string> = baseline;
  if (args.writeBaseline) {
    const target = resolve(cwd, args.writeBaseline);
    try {
      writeBaselineFile(target, all);
    } catch (error) {
      if (error instanceof BaselineError) throw new CliError([`${displayPath(cwd, error.file)}: ${error.reason}`]);
      throw error;
    }
    // What was just written is accepted: the run reports only what remains.
    accepted = new Set(all.map((f) => f.fingerprint));
  }
  const findings = filterBaseline(all, accepted);
  const report = buildReport(scan, findings, all.length - findings.length);
  let factors: FactorSummaryJson[] = [];
  if (project) factors = factorSummaries(modelFromScan(scan, await project, { cwd, config, accepted }));
  const output =
    args.format === 'json'
      ? formatJson(report, factors)
      : args.format === 'sarif'
        ? formatSarif(report, { cwd })
        : formatText(report, { color: args.color && io.colorSupported, verbose: args.verbose });
  io.stdout.write(output);
  return failing(findings, args.failOn) ? 1 : 0;
}

function failing(findings: ReportFinding[], failOn: CheckArgs['failOn']): boolean {
  if (failOn === 'never') return false;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => SEVERITY_RANK[f.severity] >= threshold);
}

function resolveConfig(args: CheckArgs, cwd: string): { config: ProjectConfig; file?: string } {
  const loaded = args.config
    ? { ...loadConfigFile(resolve(cwd, args.config)), file: resolve(cwd, args.config) }
    : loadConfig(startDir(resolve(cwd, args.paths[0])));
  if (loaded.errors.length > 0) throw new CliError(loaded.errors.map((e) => formatConfigError(e, cwd)));
  return loaded;
}

function resolveBaseline(args: CheckArgs, config: ProjectConfig, root: string, cwd: string): ReadonlySet<string> {
  const explicit = args.baseline ? resolve(cwd, args.baseline) : config.baseline;
  try {
    // The one named on the command line is the user's choice; one the project names stays inside it.
    return projectBaseline(root, explicit, args.baseline ? undefined : root);
  } catch (error) {
    if (error instanceof BaselineError) throw new CliError([`${displayPath(cwd, error.file)}: ${error.reason}`]);
    throw error;
  }
}

/** The app the factors are about: the one folder given, else the project root. */
function appRootOf(args: CheckArgs, cwd: string, root: string): string {
  const given = resolve(cwd, args.paths[0]);
  return args.paths.length === 1 && startDir(given) === given ? given : root;
}

/** Where config discovery starts for a scanned path: the folder, or a file's folder. */
function startDir(abs: string): string {
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    // A missing path is reported by the scan; discovery starts from its parent.
    return dirname(abs);
  }
}

export function formatConfigError(e: ConfigError, cwd: string): string {
  return `${displayPath(cwd, e.file)}:${e.line}:${e.column}: ${e.message}`;
}

/** Paths in messages: relative to the cwd when under it, absolute otherwise. */
function displayPath(cwd: string, abs: string): string {
  const rel = relPosix(cwd, abs);
  return rel.startsWith('../') ? abs : rel;
}
