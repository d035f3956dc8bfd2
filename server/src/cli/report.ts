/**
 * What `check` reports, independent of the output format: findings with
 * cwd-relative paths and 1-based positions, and the stats. (The twelve factors
 * come from the compliance model, server/src/factors/, for `--format json`.)
 */
import type { FactorId, FileRole, Finding, Range, Severity } from '../ir/types';
import type { ScanResult, SkippedFile } from '../workspace/scan';

export interface ReportPosition {
  /** 1-based. */
  line: number;
  /** 1-based UTF-16 column. */
  column: number;
}

export interface ReportFinding {
  rule: string;
  factor: FactorId;
  severity: Severity;
  file: string;
  range: { start: ReportPosition; end: ReportPosition };
  message: string;
  /** Which of the rule's messages (`meta.messages`) this is: stable where the words may change. */
  messageId: string;
  fingerprint: string;
  /** The role of the file (`app`, `test`, `browser`…): why a rule did or did not apply there. */
  role?: FileRole;
  /**
   * In a notebook, the cell (1-based among all its cells, markdown included)
   * and the range in the cell's source; `range` is then in the `.ipynb` text.
   */
  cell?: { index: number; range: { start: ReportPosition; end: ReportPosition } };
}

export interface CheckReport {
  findings: ReportFinding[];
  stats: ScanResult['stats'];
  skippedFiles: SkippedFile[];
  /** Rule failures (`rule x failed on file`): the findings there are partial. */
  errors: string[];
  /** Findings hidden because the baseline accepts them. */
  baselined: number;
}

export function toReportFinding(file: string, f: Finding): ReportFinding {
  return {
    rule: f.rule,
    factor: f.factor,
    severity: f.severity,
    file,
    range: reportRange(f.range),
    message: f.message,
    messageId: f.messageId,
    fingerprint: f.fingerprint,
    role: f.role,
    cell: f.cell && { index: f.cell.index + 1, range: reportRange(f.cell.range) },
  };
}

function reportRange(range: Range): ReportFinding['range'] {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}

/** All findings of a scan, in file then position order. */
export function collectFindings(scan: ScanResult): ReportFinding[] {
  const findings: ReportFinding[] = [];
  for (const [file, result] of scan.files) for (const f of result.findings) findings.push(toReportFinding(file, f));
  return findings.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      compare(a.rule, b.rule),
  );
}

export function buildReport(scan: ScanResult, findings: ReportFinding[], baselined: number): CheckReport {
  const errors: string[] = [];
  for (const result of scan.files.values()) errors.push(...(result.errors ?? []));
  return {
    findings,
    stats: scan.stats,
    skippedFiles: scan.skippedFiles,
    errors,
    baselined,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
