/**
 * Which quick-fixes a finding offers: the kinds its rule declares
 * (`meta.fixes`) that the finding itself carries in `data.fixes`. Code
 * actions and the fix-all command ask here; no rule id is named.
 */
import type { Finding, FixKind } from '../ir/types';
import { ruleById } from '../rules';

export function offersFix(finding: Finding, kind: FixKind): boolean {
  const declared = ruleById(finding.rule)?.meta.fixes;
  return !!declared?.includes(kind) && !!finding.data?.fixes?.includes(kind);
}
