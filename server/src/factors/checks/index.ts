/** The checks of each factor, workspace checks first, then one per rule of the factor. */
import type { FactorId } from '../../ir/types';
import type { CheckContext } from '../context';
import type { Check } from '../../shared/compliance';
import { adminChecks } from './admin';
import { buildChecks } from './build';
import { codebaseChecks } from './codebase';
import { configChecks } from './config';
import { dependencyChecks } from './dependencies';
import { parityChecks } from './parity';
import { portChecks, processTypeChecks, shutdownChecks } from './processes';
import { ruleChecks } from './rules';

const WORKSPACE_CHECKS: Record<FactorId, ((ctx: CheckContext) => Check[])[]> = {
  I: [codebaseChecks],
  II: [dependencyChecks],
  III: [configChecks],
  IV: [],
  V: [buildChecks],
  VI: [],
  VII: [portChecks],
  VIII: [processTypeChecks],
  IX: [shutdownChecks],
  X: [parityChecks],
  XI: [],
  XII: [adminChecks],
};

export function checksFor(factor: FactorId, ctx: CheckContext): Check[] {
  return [...WORKSPACE_CHECKS[factor].flatMap((check) => check(ctx)), ...ruleChecks(ctx, factor)];
}
