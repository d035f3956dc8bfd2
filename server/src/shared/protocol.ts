/**
 * Custom messages between the Twelve-Factor language server and its
 * clients, declared once: the server handles them, the VS Code client (and
 * any other client) sends and receives them with these exact types.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { ComplianceModel } from './compliance';

export { scoreLabel } from './score';
export { ruleOfDocsUrl } from './docs';
export type { Check, ComplianceModel, FactorResult, FileFindings, ModelFinding, Status } from './compliance';

export interface ComplianceParams {
  /** Drop what the server knows and scan every workspace folder again. */
  refresh?: boolean;
}

export interface ComplianceResult {
  /** One model per workspace folder on disk, in folder order. */
  models: ComplianceModel[];
}

/** `twelveFactor/compliance`: the compliance outline; waits for a running scan (cancellable). */
export const ComplianceRequest = new RequestType<ComplianceParams, ComplianceResult, void>('twelveFactor/compliance');

export interface ComplianceChangedParams {
  /** Sum of the folders' scores, and of their judged factors (12 per folder). */
  score: number;
  total: number;
}

/** `twelveFactor/complianceChanged`: the model changed (a scan ended, a file changed); ask again. */
export const ComplianceChangedNotification = new NotificationType<ComplianceChangedParams>(
  'twelveFactor/complianceChanged',
);

/**
 * An argument of the `twelveFactor.saveFiles` command a fix carries: a file
 * the fix writes besides the document, in the order they must reach the
 * disk (`.gitignore` first), and whether the fix creates it.
 */
export interface FixFile {
  uri: string;
  created: boolean;
}

/** The command a fix that writes other files carries (client/src/saveFiles.ts runs it in VS Code). */
export const SAVE_FILES_COMMAND = 'twelveFactor.saveFiles';
export interface CheckWorkspaceResult {
  /** Findings of the workspace's files (baseline applied), and the files that have some. */
  findings: number;
  files: number;
  /** Files analysed and skipped (size caps, undecodable) by the walk. */
  checked: number;
  skipped: number;
}

/**
 * `twelveFactor/checkWorkspace`: scans every workspace folder again and from
 * then on reports the findings of files not open (workspace diagnostics, or
 * pushed for clients without them). Other clients run the same as the
 * command `twelve-factor.checkWorkspace`.
 */
export const CheckWorkspaceRequest = new RequestType0<CheckWorkspaceResult, void>('twelveFactor/checkWorkspace');

/** The summary the editor shows after a check ("3 findings in 2 files"). */
export function checkSummary(r: CheckWorkspaceResult): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const skipped = r.skipped > 0 ? `, ${r.skipped} skipped` : '';
  return `${plural(r.findings, 'finding')} in ${plural(r.files, 'file')} (${plural(r.checked, 'file')} checked${skipped})`;
}

export interface WriteBaselineParams {
  /** The workspace folder (a `file:` URI) whose findings are accepted. */
  folder: string;
  /** Replace an existing baseline file; without it an existing file is left alone. */
  overwrite?: boolean;
}

export type WriteBaselineResult =
  | { written: true; file: string; fingerprints: number }
  | { written: false; file: string; reason: 'exists' | 'disabled' | 'error'; message?: string };

/**
 * `twelveFactor/writeBaseline`: writes the folder's baseline file (the one the
 * settings or `.twelve-factor.json` name, else `.twelve-factor-baseline.json`)
 * with the fingerprints of all its current findings, as `check --write-baseline`.
 */
export const WriteBaselineRequest = new RequestType<WriteBaselineParams, WriteBaselineResult, void>(
  'twelveFactor/writeBaseline',
);
