/**
 * "Create baseline" in the editor: the folder's findings, every one of them
 * (those an old baseline accepts too), written as `check --write-baseline`
 * writes them, to the file the settings or `.twelve-factor.json` name, else
 * the project's `.twelve-factor-baseline.json`. Paths are taken relative to
 * the same root the documents' fingerprints are, so the diagnostics it hides
 * are exactly the ones shown now. The file is never a link, and never
 * outside the workspace folder.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_FILE_NAME, BaselineError, writeBaselineFile } from '../workspace/baseline';
import { scanWorkspace } from '../workspace/scan';
import type { WriteBaselineResult } from '../shared/protocol';
import type { FolderSettings } from './projectSettings';
import { writeRefusal } from './workspaceFiles';

export async function writeFolderBaseline(
  folder: string,
  settings: FolderSettings,
  overwrite: boolean,
): Promise<WriteBaselineResult> {
  const file = settings.config.baseline ?? join(settings.projectRoot, BASELINE_FILE_NAME);
  if (!settings.enable) return { written: false, file, reason: 'disabled' };
  if (!overwrite && existsSync(file)) return { written: false, file, reason: 'exists' };
  const refusal = writeRefusal(file, folder);
  if (refusal) return { written: false, file, reason: 'error', message: refusal };
  const scan = await scanWorkspace({ paths: ['.'], cwd: folder, root: settings.projectRoot, config: settings.config });
  const findings = [...scan.files.values()].flatMap((result) => result.findings);
  try {
    writeBaselineFile(file, findings);
  } catch (error) {
    if (error instanceof BaselineError) return { written: false, file, reason: 'error', message: error.reason };
    throw error;
  }
  return { written: true, file, fingerprints: new Set(findings.map((f) => f.fingerprint)).size };
}
