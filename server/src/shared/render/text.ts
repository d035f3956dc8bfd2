/** The compliance model as terminal text: a line per factor, its checks, then its findings. */
import { scoreLabel } from '../score';
import type { ComplianceModel, Status } from '../compliance';

const MARK: Record<Status, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: '  ? ' };
const COLOR: Record<Status, number> = { pass: 32, warn: 33, fail: 31, unknown: 2 };

export function renderText(model: ComplianceModel, options: { color?: boolean; title?: string } = {}): string {
  const paint = (code: number, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  out.push(
    `Twelve-Factor compliance of ${options.title ?? model.root}: ${scoreLabel(model.score, model.unknown)} factors pass`,
  );
  out.push('');
  for (const f of model.factors) {
    const count = f.findingCount > 0 ? ` (${f.findingCount} finding${f.findingCount === 1 ? '' : 's'})` : '';
    out.push(`${paint(COLOR[f.status], `[${MARK[f.status]}]`)} ${f.factor}. ${f.title}${count}`);
    for (const c of f.checks) {
      const files =
        c.files.length > 0 && c.status !== 'pass'
          ? paint(2, ` [${c.files.slice(0, 3).join(', ')}${c.files.length > 3 ? ', …' : ''}]`)
          : '';
      out.push(`    ${paint(COLOR[c.status], c.status.padEnd(7))} ${c.id}: ${c.message}${files}`);
    }
    for (const file of f.files) {
      for (const finding of file.findings) {
        const where = `${file.file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
        out.push(`      ${where}  ${finding.severity}  ${finding.rule}  ${paint(2, finding.message)}`);
      }
    }
  }
  out.push('');
  out.push(`${model.stats.files} files analysed, ${model.stats.skipped} skipped`);
  return out.join('\n') + '\n';
}
