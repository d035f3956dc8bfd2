/** `--format json`: the one JSON object the spec defines, nothing else on stdout. */
import type { CheckReport } from '../report';

export function formatJson(report: CheckReport): string {
  const body = {
    version: 1,
    findings: report.findings.map((f) => ({
      rule: f.rule,
      factor: f.factor,
      severity: f.severity,
      file: f.file,
      range: f.range,
      message: f.message,
      fingerprint: f.fingerprint,
    })),
    factors: report.factors,
    stats: report.stats,
  };
  return JSON.stringify(body, null, 2) + '\n';
}
