/** `--format json`: the one JSON object the spec defines, nothing else on stdout. */
import type { FactorSummaryJson } from '../../factors/summary';
import type { CheckReport } from '../report';

export function formatJson(report: CheckReport, factors: FactorSummaryJson[]): string {
  const body = {
    version: 1,
    findings: report.findings.map((f) => ({
      rule: f.rule,
      factor: f.factor,
      severity: f.severity,
      file: f.file,
      range: f.range,
      message: f.message,
      messageId: f.messageId,
      fingerprint: f.fingerprint,
      role: f.role,
      // Notebooks only (additive): `range` is in the .ipynb text, these in the cell's source.
      cell: f.cell?.index,
      cellRange: f.cell?.range,
    })),
    factors,
    stats: report.stats,
  };
  return JSON.stringify(body, null, 2) + '\n';
}
