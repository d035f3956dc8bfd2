/** The compliance model of a folder on disk, from one scan (the CLI's `report` and `check`). */
import { resolve } from 'node:path';
import { inputKindOf } from '../engine/engine';
import type { FileResult, RuleLevel } from '../ir/types';
import type { ProjectConfig } from '../workspace/config';
import { relPosix } from '../lib/globs';
import { scanWorkspace, type ScanProgress, type ScanResult } from '../workspace/scan';
import { ProjectListing } from '../workspace/listing';
import type { CheckContext, SourceFile } from './context';
import { gatherProject, type ProjectInfo } from './gather';
import { buildModel } from './model';
import type { ComplianceModel } from '../shared/compliance';

export interface ComputeOptions {
  config: ProjectConfig;
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
}

export async function computeCompliance(root: string, options: ComputeOptions): Promise<ComplianceModel> {
  const { config, signal } = options;
  const listing = new ProjectListing(root, config.exclude);
  const [scan, project] = await Promise.all([
    scanWorkspace({
      paths: ['.'],
      cwd: root,
      root,
      config,
      signal,
      signals: true,
      onProgress: options.onProgress,
      listing,
    }),
    gatherProject(root, { exclude: config.exclude, signal, listing }),
  ]);
  return modelFromScan(scan, project, { cwd: root, config });
}

/**
 * The model from a scan made with `signals: true`. Paths in the scan are
 * relative to `cwd`; the model's are relative to the project root.
 * `accepted` fingerprints (the baseline) are left out.
 */
export function modelFromScan(
  scan: ScanResult,
  project: ProjectInfo,
  options: { cwd: string; config: ProjectConfig; accepted?: ReadonlySet<string> },
): ComplianceModel {
  const sources: SourceFile[] = [];
  for (const [file, result] of scan.files) {
    const path = relPosix(project.root, resolve(options.cwd, file));
    const source = sourceFile(path, result, options.accepted);
    if (source) sources.push(source);
  }
  sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const ctx: CheckContext = { ...project, sources, disabledRules: disabledRules(options.config.rules) };
  return buildModel(ctx, { files: scan.stats.files, skipped: scan.stats.skipped });
}

/** A scanned file as the model reads it; its role is the engine's, so checks and rules agree on what a test is. */
export function sourceFile(path: string, result: FileResult, accepted?: ReadonlySet<string>): SourceFile | undefined {
  const language = inputKindOf(path);
  if (!language || result.skipped) return undefined;
  const findings = accepted ? result.findings.filter((f) => !accepted.has(f.fingerprint)) : result.findings;
  const role = result.role ?? 'app';
  return { path, language, role, test: role === 'test', findings, signals: result.signals };
}

export function disabledRules(rules: Record<string, RuleLevel | undefined>): Set<string> {
  return new Set(
    Object.entries(rules)
      .filter(([, level]) => level === 'off')
      .map(([id]) => id),
  );
}
