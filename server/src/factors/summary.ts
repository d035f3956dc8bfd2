/** The `factors` array of `check --format json`, in the spec's exact shape. */
import type { FactorId } from '../ir/types';
import type { ComplianceModel, Status } from '../shared/compliance';

export interface FactorSummaryJson {
  factor: FactorId;
  title: string;
  status: Status;
  findings: number;
  checks: { id: string; status: Status; message: string }[];
}

export function factorSummaries(model: ComplianceModel): FactorSummaryJson[] {
  return model.factors.map((f) => ({
    factor: f.factor,
    title: f.title,
    status: f.status,
    findings: f.findingCount,
    checks: f.checks.map((c) => ({ id: c.id, status: c.status, message: c.message })),
  }));
}
