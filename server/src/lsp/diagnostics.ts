/**
 * Findings to LSP diagnostics. A pure mapping: the engine has already masked
 * secrets in messages and kept them out of `data`. `data` carries the
 * fingerprint and rule the code actions match a request's diagnostics by;
 * the fixes themselves are computed from the current analysis' findings
 * (codeActions.ts). Also the note shown for a file whose analysis ran out of
 * time.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { FileRole, Finding, Severity } from '../ir/types';
import { docsUrl } from '../shared/docs';

export const DIAGNOSTIC_SOURCE = 'twelve-factor';

/** What every twelve-factor diagnostic carries in `data`. */
export interface DiagnosticData {
  fingerprint: string;
  factor: string;
  [extra: string]: unknown;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { ...finding.data, factor: finding.factor, fingerprint: finding.fingerprint };
  if (finding.role) data.role = finding.role;
  return {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    message: finding.message + roleNote(finding),
    data,
  };
}

/**
 * The hover says when a finding is in a file that is not app code: a live
 * key in a test, or a rule a setting turned back on there.
 */
function roleNote(finding: Finding): string {
  return finding.role && finding.role !== 'app' ? ` (${ROLE_WORDS[finding.role]})` : '';
}

const ROLE_WORDS: Record<Exclude<FileRole, 'app'>, string> = {
  test: 'in a test file',
  browser: 'in browser code',
  vendored: 'in vendored code',
  tooling: 'in a tooling script',
  migration: 'in a migration',
};

export function toDiagnostics(findings: readonly Finding[], baseline: ReadonlySet<string>): Diagnostic[] {
  return findings.filter((f) => !baseline.has(f.fingerprint)).map(toDiagnostic);
}

/**
 * What a document whose analysis ran over its time budget shows: an
 * information at its first line rather than nothing, so that an empty
 * Problems list is not read as "no findings". No code and no data: it is no
 * rule's finding and offers no fix.
 */
export function budgetDiagnostic(seconds: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `Twelve-Factor did not check this file: its analysis was stopped after ${seconds} s (TWELVE_FACTOR_ANALYSIS_BUDGET_MS). It is tried again when the file changes.`,
  };
}
