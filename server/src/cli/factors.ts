/**
 * The twelve factors as the CLI reports them. Until the compliance model
 * (server/src/factors/) supplies checks, a factor's status follows from its
 * rules' findings alone: `fail` on an error, `warn` on anything lower,
 * `unknown` when nothing was found (no finding is not proof of compliance).
 */
import { FACTORS, type FactorId, type Severity } from '../analysis/types';

export const FACTOR_TITLES: Record<FactorId, string> = {
  I: 'Codebase',
  II: 'Dependencies',
  III: 'Config',
  IV: 'Backing services',
  V: 'Build, release, run',
  VI: 'Processes',
  VII: 'Port binding',
  VIII: 'Concurrency',
  IX: 'Disposability',
  X: 'Dev/prod parity',
  XI: 'Logs',
  XII: 'Admin processes',
};

export type FactorStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export interface FactorCheck {
  id: string;
  status: FactorStatus;
  message: string;
}

export interface FactorSummary {
  factor: FactorId;
  title: string;
  status: FactorStatus;
  findings: number;
  checks: FactorCheck[];
}

/** All twelve factors, I to XII, from the findings' primary factors. */
export function summarizeFactors(findings: Iterable<{ factor: FactorId; severity: Severity }>): FactorSummary[] {
  const counts = new Map<FactorId, { total: number; errors: number }>();
  for (const f of findings) {
    const c = counts.get(f.factor) ?? { total: 0, errors: 0 };
    c.total++;
    if (f.severity === 'error') c.errors++;
    counts.set(f.factor, c);
  }
  return FACTORS.map((factor) => {
    const c = counts.get(factor);
    const status: FactorStatus = !c ? 'unknown' : c.errors > 0 ? 'fail' : 'warn';
    return { factor, title: FACTOR_TITLES[factor], status, findings: c?.total ?? 0, checks: [] };
  });
}
