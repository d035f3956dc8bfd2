/**
 * One check per rule of a factor: `no-<rule>` passes when the rule ran over
 * the files it understands and found nothing, and says `unknown` when it did
 * not run (turned off, or no file in its languages).
 */
import { isDocumentKind, type FactorId, type Severity } from '../../ir/types';
import { RULES } from '../../rules';
import type { Check } from '../../shared/compliance';
import { type CheckContext, plural, sortedUnique } from '../context';

/** The rules whose findings belong to a factor: its primary factor or one of `alsoFactors`. */
export function rulesOf(factor: FactorId): string[] {
  return RULES.filter((r) => r.meta.factor === factor || r.meta.alsoFactors?.includes(factor)).map((r) => r.meta.id);
}

export function ruleChecks(ctx: CheckContext, factor: FactorId): Check[] {
  return rulesOf(factor).map((id) => ({ ...ruleCheck(ctx, id), supporting: true }));
}

function ruleCheck(ctx: CheckContext, id: string): Check {
  const rule = RULES.find((r) => r.meta.id === id);
  const checkId = `no-${id}`;
  if (!rule) return { id: checkId, status: 'unknown', message: `rule ${id} is not available`, files: [] };
  if (ctx.disabledRules.has(id)) {
    return { id: checkId, status: 'unknown', message: `${id} is turned off in the configuration`, files: [] };
  }
  const analysed = ctx.sources.filter((s) =>
    isDocumentKind(s.language)
      ? rule.meta.documents?.includes(s.language)
      : rule.meta.languages.includes(s.language === 'notebook' ? 'python' : s.language),
  );
  if (analysed.length === 0) {
    return { id: checkId, status: 'unknown', message: `no source file the ${id} rule reads`, files: [] };
  }
  let worst: Severity | undefined;
  let count = 0;
  const files: string[] = [];
  for (const s of analysed) {
    const own = s.findings.filter((f) => f.rule === id);
    if (own.length === 0) continue;
    count += own.length;
    files.push(s.path);
    // A test file's findings make the check warn, never fail (as in model.ts).
    for (const f of own) {
      const severity = s.test && f.severity === 'error' ? 'warning' : f.severity;
      if (worst !== 'error') worst = severity === 'error' ? 'error' : (worst ?? severity);
    }
  }
  if (count === 0) {
    return {
      id: checkId,
      status: 'pass',
      message: `no ${id} finding in ${plural(analysed.length, 'file')}`,
      files: [],
    };
  }
  return {
    id: checkId,
    status: worst === 'error' ? 'fail' : 'warn',
    message: `${plural(count, `${id} finding`)} in ${plural(files.length, 'file')}`,
    files: sortedUnique(files),
  };
}
