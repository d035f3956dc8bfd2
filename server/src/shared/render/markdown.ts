/** The compliance model as a Markdown report (CLI `report --format markdown`, the editor's export). */
import { scoreLabel } from '../score';
import type { ComplianceModel, Status } from '../compliance';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', unknown: '❔' };

export function renderMarkdown(model: ComplianceModel, options: { title?: string } = {}): string {
  const out: string[] = [];
  out.push(`# Twelve-Factor compliance: ${options.title ?? model.root}`);
  out.push('');
  out.push(
    `**Score: ${scoreLabel(model.score, model.unknown)}** factors pass (${model.stats.files} files analysed, ${model.stats.skipped} skipped).`,
  );
  out.push('');
  out.push('| Factor | Status | Findings | Why |');
  out.push('| --- | --- | --- | --- |');
  for (const f of model.factors) {
    out.push(
      `| [${f.factor}. ${f.title}](${f.url}) | ${ICON[f.status]} ${f.status} | ${f.findingCount} | ${escape(f.reason)} |`,
    );
  }
  for (const f of model.factors) {
    out.push('');
    out.push(`## ${f.factor}. ${f.title} — ${ICON[f.status]} ${f.status}`);
    out.push('');
    for (const c of f.checks) {
      const files = c.files.length > 0 ? ` (${c.files.map((p) => `\`${p}\``).join(', ')})` : '';
      out.push(`- ${ICON[c.status]} \`${c.id}\`: ${escape(c.message)}${files}`);
    }
    for (const file of f.files) {
      out.push('');
      out.push(`**\`${file.file}\`**`);
      out.push('');
      for (const finding of file.findings) {
        out.push(
          `- line ${finding.range.start.line + 1}: \`${finding.rule}\` (${finding.severity}) ${escape(finding.message)}`,
        );
      }
    }
  }
  return out.join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
