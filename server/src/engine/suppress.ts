/**
 * Suppression comments:
 *   `twelve-factor: ignore[rule, ...]`            at the end of the finding's line
 *   `twelve-factor: ignore-next-line[rule, ...]`  on the line above
 *   `twelve-factor: ignore-file[rule, ...]`       in the file's first comment block
 * Without a list, every rule. Other tools' pragmas on the finding's line are
 * honoured for secrets: `pragma: allowlist secret`, `gitleaks:allow`, `nosec`
 * (bare or B105-B107), `noqa: S105/S106/S107`.
 */
import type { CommentFact } from '../ir/facts';
import type { LineIndex } from '../ir/lines';
import type { Detection, RuleMeta } from '../ir/types';

const DIRECTIVE = /twelve-factor:\s*(ignore-next-line|ignore-file|ignore)\b(?:\s*\[([^\]]*)\])?/g;
const SECRET_PRAGMA =
  /pragma:\s*allowlist[ -]secret|gitleaks:allow|\bnosec\b(?!\s*:?\s*B(?!10[567]\b)\d)|\bnoqa\s*:\s*[A-Z0-9, ]*\bS10[567]\b/i;

/** `undefined` rules means every rule. */
type RuleSet = Set<string> | undefined;

export interface Suppressions {
  suppresses(rule: RuleMeta, line: number, detection: Detection): boolean;
}

export function parseSuppressions(comments: readonly CommentFact[], lines: LineIndex): Suppressions {
  const byLine = new Map<number, RuleSet[]>();
  const secretPragmaLines = new Set<number>();
  const fileWide: RuleSet[] = [];
  const headerEnd = firstCodeLine(comments, lines);

  const add = (line: number, rules: RuleSet) => {
    const list = byLine.get(line) ?? [];
    list.push(rules);
    byLine.set(line, list);
  };

  for (const comment of comments) {
    const endLine = lines.position(comment.span.end).line;
    if (SECRET_PRAGMA.test(comment.text)) {
      for (let l = comment.line; l <= endLine; l++) secretPragmaLines.add(l);
    }
    for (const m of comment.text.matchAll(DIRECTIVE)) {
      const rules = parseList(m[2]);
      if (m[1] === 'ignore') add(comment.line, rules);
      else if (m[1] === 'ignore-next-line') add(endLine + 1, rules);
      else if (comment.line < headerEnd) fileWide.push(rules);
    }
  }

  const matches = (sets: RuleSet[] | undefined, ruleId: string) =>
    !!sets && sets.some((s) => s === undefined || s.has(ruleId));

  return {
    suppresses(rule, line, detection) {
      const ruleId = rule.id;
      const secretPragmas = rule.pragmas?.includes('secret') ?? false;
      if (matches(fileWide, ruleId)) return true;
      const endLine = lines.position(detection.span.end).line;
      for (let l = line; l <= endLine; l++) {
        if (matches(byLine.get(l), ruleId)) return true;
        if (secretPragmas && secretPragmaLines.has(l)) return true;
      }
      return false;
    },
  };
}

function parseList(list: string | undefined): RuleSet {
  if (list === undefined) return undefined;
  const ids = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return ids.length ? new Set(ids) : undefined;
}

/**
 * The first line holding code: comments before it form the file's first
 * comment block (a shebang and blank lines may sit among them), where
 * `ignore-file` counts. The ignore-file fix asks the same question.
 */
export function firstCodeLine(comments: readonly CommentFact[], lines: LineIndex): number {
  const commentLines = new Set<number>();
  for (const c of comments) {
    if (c.trailing) continue;
    const end = lines.position(c.span.end).line;
    for (let l = c.line; l <= end; l++) commentLines.add(l);
  }
  for (let l = 0; l < lines.lineCount; l++) {
    const text = lines.lineText(l).trim();
    if (text === '' || commentLines.has(l) || (l === 0 && text.startsWith('#!'))) continue;
    // A comment that follows code on the same line still belongs to code.
    return l;
  }
  return lines.lineCount;
}
