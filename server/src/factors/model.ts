/**
 * Builds the compliance model from a check context. Status semantics (see
 * docs/compliance.md): a factor fails when a check fails or a finding is an
 * error outside test files; warns when a check warns or any other finding exists; passes only
 * when at least one check passed and nothing warns or fails; is unknown
 * otherwise, with the reason. Deterministic: factors I..XII, files by path,
 * findings by position.
 */
import { FACTORS, type FactorId, type Finding } from '../ir/types';
import { RULES } from '../rules';
import { checksFor } from './checks';
import type { CheckContext } from './context';
import { FACTOR_TITLES, factorUrl } from './factorInfo';
import type { Check, ComplianceModel, FactorResult, FileFindings, ModelFinding, Status } from '../shared/compliance';

export function buildModel(ctx: CheckContext, stats: ComplianceModel['stats']): ComplianceModel {
  const byFactor = groupFindings(ctx);
  const factors = FACTORS.map((factor) => factorResult(factor, checksFor(factor, ctx), byFactor.get(factor) ?? []));
  return {
    version: 1,
    root: ctx.root,
    score: factors.filter((f) => f.status === 'pass').length,
    unknown: factors.filter((f) => f.status === 'unknown').length,
    factors,
    stats,
  };
}

export function factorResult(factor: FactorId, checks: Check[], files: FileFindings[]): FactorResult {
  const findings = files.flatMap((f) => f.findings);
  const { status, reason } = decide(checks, findings);
  return {
    factor,
    title: FACTOR_TITLES[factor],
    url: factorUrl(factor),
    status,
    reason,
    checks,
    files,
    findingCount: findings.length,
  };
}

function decide(checks: Check[], findings: ModelFinding[]): { status: Status; reason: string } {
  const failing = checks.filter((c) => c.status === 'fail');
  // Test code is not what is deployed: its findings (a live key, or rules turned back on there) warn, never fail.
  const errors = findings.filter((f) => f.severity === 'error' && f.role !== 'test');
  if (failing.length > 0 || errors.length > 0) {
    return {
      status: 'fail',
      reason: failing[0]?.message ?? `${errors.length} error finding${errors.length === 1 ? '' : 's'}`,
    };
  }
  const warning = checks.filter((c) => c.status === 'warn');
  if (warning.length > 0 || findings.length > 0) {
    return {
      status: 'warn',
      reason: warning[0]?.message ?? `${findings.length} finding${findings.length === 1 ? '' : 's'}`,
    };
  }
  // A factor with checks of its own passes only on one of them: an empty
  // `no-<rule>` check supports a pass but proves nothing alone. Factors whose
  // only checks are their rules' (IV, VI, XI) are judged by those.
  const own = checks.filter((c) => !c.supporting);
  const evidence = own.length > 0 ? own : checks;
  const passing = evidence.filter((c) => c.status === 'pass');
  if (passing.length > 0) {
    const supported = checks.filter((c) => c.supporting && c.status === 'pass');
    return {
      status: 'pass',
      reason: [...passing, ...(own.length > 0 ? supported : [])].map((c) => c.message).join('; '),
    };
  }
  const unknown = evidence.filter((c) => c.status === 'unknown');
  return {
    status: 'unknown',
    reason: unknown.length > 0 ? unknown.map((c) => c.message).join('; ') : 'no check applies',
  };
}

const RULE_FACTORS = new Map<string, FactorId[]>(
  RULES.map((r) => [r.meta.id, [r.meta.factor, ...(r.meta.alsoFactors ?? [])]]),
);

/** Findings by factor (a rule's primary and secondary factors), then by file, sorted. */
function groupFindings(ctx: CheckContext): Map<FactorId, FileFindings[]> {
  const out = new Map<FactorId, FileFindings[]>();
  for (const source of ctx.sources) {
    const perFactor = new Map<FactorId, ModelFinding[]>();
    for (const f of source.findings) {
      for (const factor of RULE_FACTORS.get(f.rule) ?? [f.factor]) {
        const list = perFactor.get(factor) ?? [];
        list.push(toModelFinding(f));
        perFactor.set(factor, list);
      }
    }
    for (const [factor, findings] of perFactor) {
      findings.sort(
        (a, b) =>
          a.range.start.line - b.range.start.line ||
          a.range.start.character - b.range.start.character ||
          (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
      );
      const files = out.get(factor) ?? [];
      files.push({ file: source.path, findings });
      out.set(factor, files);
    }
  }
  for (const files of out.values()) files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return out;
}

function toModelFinding(f: Finding): ModelFinding {
  const finding: ModelFinding = {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: f.range,
    fingerprint: f.fingerprint,
  };
  if (f.role && f.role !== 'app') finding.role = f.role;
  return finding;
}
