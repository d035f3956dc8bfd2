/**
 * The compliance model: the twelve factors, each with a status, the checks
 * behind it and the rule findings that belong to it, grouped by file. Plain
 * JSON, shared by the CLI `report`, `check --format json` and the language
 * server's `twelveFactor/compliance` request.
 */
import type { FactorId, FileRole, Range, Severity } from '../ir/types';

export type Status = 'pass' | 'warn' | 'fail' | 'unknown';

export interface Check {
  /** kebab-case, stable: `env-gitignored`, `dependencies-locked`. */
  id: string;
  status: Status;
  /** One line: what was found (or why it cannot be told). No secret values. */
  message: string;
  /** Root-relative files (`/` separators) that prove the status, sorted. */
  files: string[];
  /**
   * True for a `no-<rule>` check: "the rule ran and found nothing" supports
   * a pass but is not evidence on its own (docs/compliance.md).
   */
  supporting?: boolean;
}

export interface ModelFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** 0-based, as the engine reports it. */
  range: Range;
  fingerprint: string;
  /** Set when the file is not app code (`test`, `browser`…); a test file's findings never fail a factor. */
  role?: Exclude<FileRole, 'app'>;
}

export interface FileFindings {
  /** Root-relative, `/` separators. */
  file: string;
  /** Sorted by line, then column. */
  findings: ModelFinding[];
}

export interface FactorResult {
  factor: FactorId;
  title: string;
  /** The factor's page on 12factor.net. */
  url: string;
  status: Status;
  /** Why the status is `unknown` (or what decided it otherwise), one line. */
  reason: string;
  checks: Check[];
  /** Sorted by path. */
  files: FileFindings[];
  findingCount: number;
}

export interface ComplianceModel {
  version: 1;
  /** Absolute path of the analysed folder. */
  root: string;
  /** Number of passing factors. */
  score: number;
  /** Number of factors whose status is `unknown`. */
  unknown: number;
  factors: FactorResult[];
  stats: { files: number; skipped: number };
}
