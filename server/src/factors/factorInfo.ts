/** Names and pages of the twelve factors. */
import type { FactorId } from '../ir/types';

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

const SLUGS: Record<FactorId, string> = {
  I: 'codebase',
  II: 'dependencies',
  III: 'config',
  IV: 'backing-services',
  V: 'build-release-run',
  VI: 'processes',
  VII: 'port-binding',
  VIII: 'concurrency',
  IX: 'disposability',
  X: 'dev-prod-parity',
  XI: 'logs',
  XII: 'admin-processes',
};

export function factorUrl(factor: FactorId): string {
  return `https://12factor.net/${SLUGS[factor]}`;
}
