/**
 * Custom messages between the Twelve-Factor language server and its
 * clients, declared once: the server handles them, the VS Code client (and
 * any other client) sends and receives them with these exact types.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
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
