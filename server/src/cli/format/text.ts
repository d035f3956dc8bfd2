/**
 * Human output: findings grouped under a line per file, each line starting
 * with `file:line:col` so terminals and editors can link it, then a summary.
 */
import type { Severity } from '../../ir/types';
import { escapeForTerminal as safe } from '../escape';
import type { CheckReport, ReportFinding } from '../report';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
}

const SEVERITY_COLOR: Record<Severity, number> = { error: 31, warning: 33, info: 36 };

export function formatText(report: CheckReport, options: TextOptions): string {
  const paint = (code: number, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    // File names and messages come from the repository: nothing in them may start a new line.
    out.push(paint(1, safe(file)));
    const where = findings.map((f) => `${safe(f.file)}:${position(f)}`);
    const whereWidth = Math.max(...where.map((w) => w.length));
    const ruleWidth = Math.max(...findings.map((f) => f.rule.length));
    findings.forEach((f, i) => {
      const severity = paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7));
      out.push(
        `  ${where[i].padEnd(whereWidth)}  ${severity}  ${paint(2, f.rule.padEnd(ruleWidth))}  ${safe(f.message)}`,
      );
    });
    out.push('');
  }
  if (options.verbose) {
    for (const s of report.skippedFiles) out.push(paint(2, `skipped ${safe(s.file)}: ${safe(s.reason)}`));
    for (const e of report.errors) out.push(paint(2, `partial: ${safe(e)}`));
    if (report.skippedFiles.length > 0 || report.errors.length > 0) out.push('');
  }
  out.push(summary(report));
  return out.join('\n') + '\n';
}

/** `line:col`, or for a notebook `cell N:line:col` in the cell's source (as ruff prints them). */
function position(f: ReportFinding): string {
  const { start } = f.cell ? f.cell.range : f.range;
  return `${f.cell ? `cell ${f.cell.index}:` : ''}${start.line}:${start.column}`;
}

export function summary(report: CheckReport): string {
  const count = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) count[f.severity]++;
  const n = report.findings.length;
  let line =
    `${plural(n, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${count.info} info)` +
    ` in ${plural(report.stats.files, 'file')}, ${report.stats.skipped} skipped`;
  if (report.baselined > 0) line += `, ${report.baselined} accepted by the baseline`;
  return line;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
